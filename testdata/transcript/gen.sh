#!/usr/bin/env bash
# Golden vectors for prover/transcript, computed WITHOUT our Go code:
# printf + xxd + sha256sum for the hash chain (PROTOCOL §3), bc for the
# reduction mod r. Run: bash testdata/transcript/gen.sh > testdata/transcript/vectors.txt
set -euo pipefail

R_DEC=52435875175126190479447740508185965837690552500527637822603658699938581184513 # BLS12-381 r

sha() { xxd -r -p | sha256sum | cut -c1-64; }          # hex in → sha256 hex out
hexof() { printf '%s' "$1" | xxd -p | tr -d '\n'; }    # ASCII → hex
u16() { printf '%04x' "$1"; }
u64() { printf '%016x' "$1"; }
lbl() { echo -n "$(u16 ${#1})$(hexof "$1")"; }         # u16 len ‖ ASCII

# absorb LABEL HEXDATA: σ = SHA256(0x01 ‖ σ ‖ lbl(L) ‖ u64 len ‖ bytes)
absorb() {
  local n=$(( ${#2} / 2 ))
  SIGMA=$(echo -n "01${SIGMA}$(lbl "$1")$(u64 $n)$2" | sha)
  echo "absorb $1 $2"
  echo "sigma $SIGMA"
}

# squeeze LABEL: h_i = SHA256(0x02 ‖ σ ‖ lbl ‖ u8 i), x = int(h0‖h1) mod r, σ = SHA256(0x03 ‖ σ ‖ lbl)
squeeze() {
  local h0 h1 x
  h0=$(echo -n "02${SIGMA}$(lbl "$1")00" | sha)
  h1=$(echo -n "02${SIGMA}$(lbl "$1")01" | sha)
  # bc: obase before ibase, both 16; result padded to 64 lowercase hex digits
  x=$(echo "obase=16; ibase=16; $(echo "$h0$h1" | tr a-f A-F) % $(echo "obase=16; $R_DEC" | bc)" | BC_LINE_LENGTH=0 bc)
  x=$(printf '%64s' "$x" | tr ' ' 0 | tr A-F a-f)
  SIGMA=$(echo -n "03${SIGMA}$(lbl "$1")" | sha)
  echo "squeeze $1 $x" # challenge as 32-byte big-endian hex
  echo "sigma $SIGMA"
}

SIGMA=$(hexof "zkllm-go/transcript/v1" | sha)
echo "init $SIGMA"
absorb "st/spec_hash" "$(printf '11%.0s' $(seq 32))"
absorb "st/T" "$(u64 256)"
absorb "test" ""
absorb "sc/round" "$(printf '%064x' 5)$(printf '%064x' 7)"
squeeze "ipa/x"
absorb "test" "$(hexof "abc")"
squeeze "sc/rho"
squeeze "sc/rho"
