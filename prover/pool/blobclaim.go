package pool

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

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

// Values returns the blob's entries (prover side; not copied): gadgets
// evaluate committed tensors from it.
func (p *Prover) Values() []fr.Element { return p.values }

// Shape returns the blob's public shape.
func (p *Prover) Shape() Shape { return p.shape }

// Shape returns the blob's public shape.
func (v *Verifier) Shape() Shape { return v.shape }
