package backend

import (
	"sync"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// CPU is the reference backend: package field's parallel vector ops,
// package mle's fold and eq table, gnark-crypto's MultiExp.
type CPU struct{}

var _ Backend = CPU{}

// Name returns "cpu".
func (CPU) Name() string { return "cpu" }

// Add sets dst = a + b.
func (CPU) Add(dst, a, b []fr.Element) error {
	if err := CheckSame(len(dst), a, b); err != nil {
		return err
	}
	field.Add(dst, a, b)
	return nil
}

// Sub sets dst = a − b.
func (CPU) Sub(dst, a, b []fr.Element) error {
	if err := CheckSame(len(dst), a, b); err != nil {
		return err
	}
	field.Sub(dst, a, b)
	return nil
}

// Mul sets dst = a ∘ b.
func (CPU) Mul(dst, a, b []fr.Element) error {
	if err := CheckSame(len(dst), a, b); err != nil {
		return err
	}
	field.Mul(dst, a, b)
	return nil
}

// ScalarMul sets dst = s·a.
func (CPU) ScalarMul(dst, a []fr.Element, s fr.Element) error {
	if err := CheckSame(len(dst), a); err != nil {
		return err
	}
	field.ScalarMul(dst, a, &s)
	return nil
}

// InnerProduct returns ⟨a, b⟩.
func (CPU) InnerProduct(a, b []fr.Element) (fr.Element, error) {
	if err := CheckSame(len(a), b); err != nil {
		return fr.Element{}, err
	}
	return field.InnerProduct(a, b), nil
}

// Sum returns Σ a[i].
func (CPU) Sum(a []fr.Element) (fr.Element, error) { return field.Sum(a), nil }

// BatchInverse sets dst[i] = 1/a[i] (0 for 0).
func (CPU) BatchInverse(dst, a []fr.Element) error {
	if err := CheckSame(len(dst), a); err != nil {
		return err
	}
	field.ParallelMin(len(a), 1<<10, func(lo, hi int) {
		inv := fr.BatchInvert(a[lo:hi])
		copy(dst[lo:hi], inv)
	})
	return nil
}

// Fold binds x_0 of src to r (mle.FoldInto).
func (CPU) Fold(dst, src []fr.Element, r fr.Element) error {
	if err := CheckFold(dst, src); err != nil {
		return err
	}
	if len(src) == 0 {
		return nil
	}
	mle.FoldInto(dst, src, r)
	return nil
}

// EqTable writes scale·eq(u, ·) (mle.EqTableScaledInto).
func (CPU) EqTable(dst, u []fr.Element, scale fr.Element) error {
	if err := CheckEqTable(dst, u); err != nil {
		return err
	}
	mle.EqTableScaledInto(dst, u, scale)
	return nil
}

// RoundSums evaluates the round's sums in parallel over pairs.
func (CPU) RoundSums(out []fr.Element, in *RoundInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	if err := CheckSame(in.Degree+1, out); err != nil {
		return err
	}
	var mu sync.Mutex
	for X := range out {
		out[X].SetZero()
	}
	field.ParallelMin(in.Pairs(), 256, func(lo, hi int) {
		part := make([]fr.Element, in.Degree+1)
		roundSumsRange(part, in, lo, hi)
		mu.Lock()
		for X := range out {
			out[X].Add(&out[X], &part[X])
		}
		mu.Unlock()
	})
	return nil
}

// roundSumsRange adds the sums of pairs [lo,hi) into acc.
func roundSumsRange(acc []fr.Element, in *RoundInput, lo, hi int) {
	nt := len(in.Tables)
	cur := make([]fr.Element, nt)
	diff := make([]fr.Element, nt)
	var s, p fr.Element
	for i := lo; i < hi; i++ {
		for k, t := range in.Tables {
			cur[k] = t[2*i]
			diff[k].Sub(&t[2*i+1], &t[2*i])
		}
		for X := 0; X <= in.Degree; X++ {
			s.SetZero()
			for _, term := range in.Terms {
				p = term.Coeff
				for _, k := range term.Factors {
					p.Mul(&p, &cur[k])
				}
				s.Add(&s, &p)
			}
			if in.Weights != nil {
				s.Mul(&s, &in.Weights[i])
			}
			acc[X].Add(&acc[X], &s)
			for k := range cur {
				cur[k].Add(&cur[k], &diff[k])
			}
		}
	}
}

// FracLayer computes one fractional-sum layer (tlookup's buildTree step).
func (CPU) FracLayer(p, q, pIn, qIn []fr.Element) error {
	if err := CheckFracLayer(p, q, pIn, qIn); err != nil {
		return err
	}
	h := len(p)
	field.Parallel(h, func(lo, hi int) {
		var a, b fr.Element
		for x := lo; x < hi; x++ {
			a.Mul(&pIn[x], &qIn[x+h])
			b.Mul(&pIn[x+h], &qIn[x])
			p[x].Add(&a, &b)
			q[x].Mul(&qIn[x], &qIn[x+h])
		}
	})
	return nil
}

// MSM returns Σ scalars[i]·points[i] (pedersen.MSM, gnark's MultiExp).
func (CPU) MSM(points []bls12381.G1Affine, scalars []fr.Element) (bls12381.G1Jac, error) {
	if err := CheckMSM(len(points), len(scalars)); err != nil {
		return bls12381.G1Jac{}, err
	}
	return pedersen.MSM(points, scalars), nil
}

// MSMSmall returns Σ w[i]·points[i], negating points where w[i] < 0.
func (CPU) MSMSmall(points []bls12381.G1Affine, w []int64) (bls12381.G1Jac, error) {
	if err := CheckMSM(len(points), len(w)); err != nil {
		return bls12381.G1Jac{}, err
	}
	if err := CheckSmall(w); err != nil {
		return bls12381.G1Jac{}, err
	}
	bases := make([]bls12381.G1Affine, len(points))
	scalars := make([]fr.Element, len(w))
	field.ParallelMin(len(w), 256, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if w[i] < 0 {
				bases[i].Neg(&points[i])
				scalars[i].SetUint64(uint64(-w[i]))
			} else {
				bases[i] = points[i]
				scalars[i].SetUint64(uint64(w[i]))
			}
		}
	})
	return pedersen.MSM(bases, scalars), nil
}
