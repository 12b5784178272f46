package sumcheck

import (
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// Scalar is the prover's opening of a scalar commitment ⟦v⟧ = v·G + r·H
// (PROTOCOL §0). A public value has Blind = 0. Linear combinations of
// Scalars are exact openings of the same combinations of the points, so the
// prover never needs the points of derived commitments (PROTOCOL §4.4).
type Scalar struct {
	Value fr.Element
	Blind fr.Element
}

// Public returns the opening of the public value v (blinding 0).
func Public(v fr.Element) Scalar { return Scalar{Value: v} }

// NewScalar returns an opening of v with a fresh blinding from crypto/rand
// and its commitment point. It re-samples the blinding in the (≈2^-254)
// event that the point is the identity, which the wire format forbids.
func NewScalar(gens *pedersen.Generators, v fr.Element) (Scalar, bls12381.G1Affine) {
	for {
		s := Scalar{Value: v, Blind: field.RandomScalar()}
		p := gens.CommitScalar(&s.Value, &s.Blind)
		if !p.IsInfinity() {
			return s, p
		}
	}
}

// Add returns a + b.
func (a Scalar) Add(b Scalar) Scalar {
	a.Value.Add(&a.Value, &b.Value)
	a.Blind.Add(&a.Blind, &b.Blind)
	return a
}

// Sub returns a − b.
func (a Scalar) Sub(b Scalar) Scalar {
	a.Value.Sub(&a.Value, &b.Value)
	a.Blind.Sub(&a.Blind, &b.Blind)
	return a
}

// Scale returns k·a.
func (a Scalar) Scale(k fr.Element) Scalar {
	a.Value.Mul(&a.Value, &k)
	a.Blind.Mul(&a.Blind, &k)
	return a
}

// Neg returns −a.
func (a Scalar) Neg() Scalar {
	a.Value.Neg(&a.Value)
	a.Blind.Neg(&a.Blind)
	return a
}

// Combine returns Σ_i coeffs[i]·xs[i].
func Combine(coeffs []fr.Element, xs []Scalar) Scalar {
	if len(coeffs) != len(xs) {
		panic("sumcheck: Combine length mismatch")
	}
	var out Scalar
	for i := range xs {
		out = out.Add(xs[i].Scale(coeffs[i]))
	}
	return out
}

// Commitment returns the point v·G + r·H of the opening (used by tests and
// by the prover where a derived point must be absorbed).
func (a Scalar) Commitment(gens *pedersen.Generators) bls12381.G1Affine {
	return gens.CommitScalar(&a.Value, &a.Blind)
}

// Point is the verifier's view of a scalar commitment, possibly derived by
// public linear combinations; unlike wire points it may be the identity.
type Point = bls12381.G1Affine

// PublicPoint returns v·G, the commitment to the public value v.
func PublicPoint(gens *pedersen.Generators, v fr.Element) Point {
	var b big.Int
	v.BigInt(&b)
	var p Point
	p.ScalarMultiplication(&gens.G, &b)
	return p
}

// CombinePoints returns Σ_i coeffs[i]·ps[i].
func CombinePoints(coeffs []fr.Element, ps []Point) Point {
	if len(coeffs) != len(ps) {
		panic("sumcheck: CombinePoints length mismatch")
	}
	// Derived points may be the identity; keep them out of gnark's MSM,
	// whose affine batch additions assume finite points.
	pts := make([]Point, 0, len(ps))
	ks := make([]fr.Element, 0, len(ps))
	for i := range ps {
		if !ps[i].IsInfinity() && !coeffs[i].IsZero() {
			pts = append(pts, ps[i])
			ks = append(ks, coeffs[i])
		}
	}
	j := pedersen.MSM(pts, ks)
	var out Point
	out.FromJacobian(&j)
	return out
}

// AddPoints returns a + b.
func AddPoints(a, b Point) Point {
	var out Point
	out.Add(&a, &b)
	return out
}

// ScalePoint returns k·a.
func ScalePoint(a Point, k fr.Element) Point {
	var b big.Int
	k.BigInt(&b)
	var out Point
	out.ScalarMultiplication(&a, &b)
	return out
}
