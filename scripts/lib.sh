# shellcheck shell=bash
# Shared steps for zkllm's scripts. Source it; it sets strict mode, moves to
# the repository root and defines one function per install/build step. Every
# step is idempotent: re-running it when its output is current costs seconds.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# A dependency that asks for a newer Go must fail loudly, never download one.
export GOTOOLCHAIN=local

FORGE="$ROOT/node_modules/@foundry-rs/forge-linux-amd64/bin/forge"
ANVIL="$ROOT/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
IPFS="$ROOT/bin/ipfs"
ZKLLM="$ROOT/bin/zkllm"

# step NAME: prints a section header with the time since the script started.
step() {
  printf '\n==> [%4ss] %s\n' "$SECONDS" "$*"
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# require_tools: fail early, with a clear message, when a prerequisite is missing.
require_tools() {
  local tool
  for tool in go node npm git; do
    command -v "$tool" >/dev/null || die "$tool not found on PATH (see README: Requirements)"
  done
  local want="go1.26.8" have
  have="$(go env GOVERSION)"
  [[ "$have" == "$want" ]] || die "need $want, found $have (GOTOOLCHAIN=local: no download)"
}

# npm_install: forge, anvil, forge-std and solc, pinned in package-lock.json.
# `npm ci` fails on this lockfile (optional platform packages), so npm install.
npm_install() {
  step "npm install (forge, anvil, forge-std, solc)"
  npm install --no-audit --no-fund --prefer-offline --loglevel=error
  [[ -x "$FORGE" ]] || die "npm install left no native forge at $FORGE"
  [[ -x "$ANVIL" ]] || die "npm install left no native anvil at $ANVIL"
}

# kubo_stamp: what bin/ipfs was built from; a different stamp means stale.
kubo_stamp() {
  cat tools/kubo/go.mod tools/kubo/go.sum | sha256sum | cut -d' ' -f1
  go env GOVERSION GOOS GOARCH
}

# build_kubo: builds the real Kubo daemon into bin/ipfs from the separate
# tools/kubo module, only when it is missing or was built from other inputs
# (about 2 minutes cold on 2 cores).
build_kubo() {
  local stamp_file="$ROOT/bin/.ipfs.stamp" want
  want="$(kubo_stamp)"
  if [[ -x "$IPFS" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$want" ]]; then
    step "Kubo: bin/ipfs is up to date"
    return
  fi
  step "Kubo: building bin/ipfs from tools/kubo (2-3 min cold on 2 cores)"
  mkdir -p "$ROOT/bin"
  rm -f "$stamp_file"
  # Build to a temporary name and rename: an interrupted build leaves no
  # half-written binary that a later run would take for current.
  (cd tools/kubo && go build -trimpath -o "$IPFS.tmp" github.com/ipfs/kubo/cmd/ipfs)
  mv -f "$IPFS.tmp" "$IPFS"
  "$IPFS" version >/dev/null || die "built bin/ipfs does not run"
  printf '%s\n' "$want" >"$stamp_file.tmp"
  mv -f "$stamp_file.tmp" "$stamp_file"
  "$IPFS" version
}

# build_zkllm: the zkllm binary.
build_zkllm() {
  step "go build -o bin/zkllm ./cmd/zkllm"
  mkdir -p "$ROOT/bin"
  go build -o "$ZKLLM.tmp" ./cmd/zkllm
  mv -f "$ZKLLM.tmp" "$ZKLLM"
}

# race_packages: main-module packages that start goroutines or use sync
# primitives in non-test code; they run again under -race. Detected rather
# than listed so a new concurrent package cannot be forgotten.
race_packages() {
  local dir pkg files
  while IFS='|' read -r dir pkg files; do
    [[ -n "$files" ]] || continue
    # shellcheck disable=SC2086 # files is a space-separated list of names
    if (cd "$dir" && grep -qE '^[[:space:]]+go [A-Za-z_(]|"sync"|"sync/atomic"|"golang.org/x/sync/errgroup"' $files); then
      printf '%s\n' "$pkg"
    fi
  done < <(go list -f '{{.Dir}}|{{.ImportPath}}|{{join .GoFiles " "}}' ./...)
}
