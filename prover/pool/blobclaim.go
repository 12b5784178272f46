package pool

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// AddBlob records a claim on the whole blob at q (len LogSize), e.g. the
// final claim of a zero-check over every entry (the padding proof, §4.3).
func (p *Prover) AddBlob(q []fr.Element, y sumcheck.Scalar) error {
	if p.settled {
		return ErrSettled
	}
	if len(q) != p.shape.Layout.LogSize {
		return fmt.Errorf("%w: a blob claim needs a %d-coordinate point, got %d", ErrClaim, p.shape.Layout.LogSize, len(q))
	}
	p.points = append(p.points, append([]fr.Element(nil), q...))
	p.claims = append(p.claims, y)
	return nil
}

// AddBlob mirrors Prover.AddBlob.
func (v *Verifier) AddBlob(q []fr.Element, y sumcheck.Point) error {
	if v.settled {
		return ErrSettled
	}
	if len(q) != v.shape.Layout.LogSize {
		return fmt.Errorf("%w: a blob claim needs a %d-coordinate point, got %d", ErrClaim, v.shape.Layout.LogSize, len(q))
	}
	v.points = append(v.points, append([]fr.Element(nil), q...))
	v.claims = append(v.claims, y)
	return nil
}

// Values returns every stored entry of the blob as field elements (prover
// side): NewProver's slice itself (not copied), or for NewProverSmall a
// fresh conversion of the whole blob (O(size): take it once per use, or
// Entries for one tensor). Callers must not modify it.
func (p *Prover) Values() []fr.Element { return p.Entries(0, p.stored()) }

// Entries returns the blob's entries [off, off+n) as field elements, cut
// short at the last stored entry (the rest are zero): a view of NewProver's
// slice or a fresh conversion for NewProverSmall. Callers must not modify
// it. Gadgets evaluate committed tensors from it.
func (p *Prover) Entries(off uint64, n int) []fr.Element {
	size := uint64(p.stored())
	lo, hi := min(off, size), min(off+uint64(n), size)
	if p.ints == nil {
		return p.values[lo:hi:hi]
	}
	out := make([]fr.Element, hi-lo)
	p.ints.toField(out, int(lo))
	return out
}

// stored is the number of stored entries (≤ 2^LogSize).
func (p *Prover) stored() int {
	if p.ints != nil {
		return p.ints.size()
	}
	return len(p.values)
}

// Shape returns the blob's public shape.
func (p *Prover) Shape() Shape { return p.shape }

// Shape returns the blob's public shape.
func (v *Verifier) Shape() Shape { return v.shape }

// SmallValues returns the stored entries of a blob opened by
// NewProverSmall with element type T (the pool's own slice, not copied;
// callers must not modify it), or false if p holds another type or field
// elements. Kernels that can work on the integers use it to skip Values'
// whole-blob conversion.
func SmallValues[T pedersen.Small](p *Prover) ([]T, bool) {
	v, ok := p.ints.(smallInts[T])
	return v, ok
}
