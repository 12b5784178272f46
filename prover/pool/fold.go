package pool

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
)

// PartialEvalHigh binds the top len(u) variables of the 2^logSize blob
// entries from off (one tensor) to u: out[x] = Σ_y T[x + 2^(logSize−k)·y]·
// eq(u, y), k = len(u) ≤ logSize, entries past the stored ones zero. A
// blob held as small integers (NewProverSmall) is folded from them
// directly (mle.PartialEvalHighInts): the tensor is never converted to
// field elements, so a weight matmul holds no weight matrix as 32-byte
// elements. Callers must check k ≤ logSize.
func (p *Prover) PartialEvalHigh(off uint64, logSize int, u []fr.Element) []fr.Element {
	switch v := p.ints.(type) {
	case smallInts[int16]:
		return mle.PartialEvalHighInts(clip(v, off, logSize), logSize, u)
	case smallInts[int32]:
		return mle.PartialEvalHighInts(clip(v, off, logSize), logSize, u)
	case smallInts[int64]:
		return mle.PartialEvalHighInts(clip(v, off, logSize), logSize, u)
	}
	vals := p.Entries(off, 1<<logSize)
	full := vals
	if len(vals) < 1<<logSize {
		full = make([]fr.Element, 1<<logSize)
		copy(full, vals)
	}
	out, _ := mle.PartialEvalHigh(full, u) // full has 2^logSize ≥ 2^k entries: no error
	return out
}

// clip returns the stored entries [off, off+2^logSize) of a small-integer
// blob (shorter at its end).
func clip[T any](v []T, off uint64, logSize int) []T {
	lo := min(off, uint64(len(v)))
	hi := min(off+uint64(1)<<logSize, uint64(len(v)))
	return v[lo:hi]
}
