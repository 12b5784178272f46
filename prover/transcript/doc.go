// Package transcript is zkllm's Fiat–Shamir transcript (PROTOCOL §3): a
// SHA-256 hash chain over a 32-byte state σ.
//
//	lbl(L) = u16 len ‖ ASCII ;  dat(x) = u64 len ‖ bytes
//	init:        σ = SHA256("zkllm-go/transcript/v1")
//	absorb(L,x): σ = SHA256(0x01 ‖ σ ‖ lbl(L) ‖ dat(x))
//	squeeze(L):  h_i = SHA256(0x02 ‖ σ ‖ lbl(L) ‖ u8(i)), i = 0,1
//	             x = int_be(h_0‖h_1) mod r ; σ = SHA256(0x03 ‖ σ ‖ lbl(L))
//	squeezeNZ:   repeat squeeze until x ≠ 0
//
// Scalars are absorbed as 32 bytes, points as 48 (compressed), a vector as
// ONE absorb of the concatenation, integers as 8 big-endian bytes. Every
// label of the protocol is a constant in labels.go; labels are never built at
// run time from data.
//
// Invariant (MUST, §1.3): a challenge is squeezed only after the statement and
// every earlier prover message have been absorbed. An Observer (Recorder)
// attached with Observe sees every absorb and squeeze in order, so tests can
// show that each prover message was absorbed before the next challenge.
package transcript
