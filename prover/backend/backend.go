package backend

import (
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// ErrShape is returned for inputs of inconsistent or unsupported shape.
var ErrShape = errors.New("backend: invalid input shape")

// Limits of RoundInput, shared by every backend (the CUDA kernel's fixed
// register arrays).
const (
	MaxTables  = 8
	MaxTerms   = 4
	MaxFactors = 4
	MaxDegree  = 8
)

// Term is coeff·Π_{k ∈ Factors} f_k.
type Term struct {
	Coeff   fr.Element
	Factors []int
}

// RoundInput is one sumcheck round over Pairs() pairs: Tables[k] holds f_k
// unfolded for this round (length 2·pairs, pair i = entries 2i, 2i+1, the
// variable being bound is x_0). RoundSums returns, for X = 0..Degree,
//
//	out[X] = Σ_i w_i · Σ_t c_t · Π_{k∈t} (f_k[2i] + X·(f_k[2i+1] − f_k[2i]))
//
// with w_i = Weights[i], or 1 when Weights is nil (eq mode passes the eq
// table of the remaining variables as weights, as the engine's Gruen
// factoring does).
type RoundInput struct {
	Tables  [][]fr.Element
	Terms   []Term
	Degree  int
	Weights []fr.Element
}

// Pairs returns the pair count (half the table length).
func (in *RoundInput) Pairs() int {
	if len(in.Tables) == 0 {
		return 0
	}
	return len(in.Tables[0]) / 2
}

// Validate checks the shape against the limits above.
func (in *RoundInput) Validate() error {
	nt := len(in.Tables)
	if nt < 1 || nt > MaxTables {
		return fmt.Errorf("%w: %d tables (1..%d)", ErrShape, nt, MaxTables)
	}
	n := len(in.Tables[0])
	if n%2 != 0 {
		return fmt.Errorf("%w: table length %d is odd", ErrShape, n)
	}
	for k, t := range in.Tables {
		if len(t) != n {
			return fmt.Errorf("%w: table %d has length %d, table 0 has %d", ErrShape, k, len(t), n)
		}
	}
	if len(in.Terms) < 1 || len(in.Terms) > MaxTerms {
		return fmt.Errorf("%w: %d terms (1..%d)", ErrShape, len(in.Terms), MaxTerms)
	}
	for ti, t := range in.Terms {
		if len(t.Factors) < 1 || len(t.Factors) > MaxFactors {
			return fmt.Errorf("%w: term %d has %d factors (1..%d)", ErrShape, ti, len(t.Factors), MaxFactors)
		}
		for _, k := range t.Factors {
			if k < 0 || k >= nt {
				return fmt.Errorf("%w: term %d names table %d of %d", ErrShape, ti, k, nt)
			}
		}
	}
	if in.Degree < 1 || in.Degree > MaxDegree {
		return fmt.Errorf("%w: degree %d (1..%d)", ErrShape, in.Degree, MaxDegree)
	}
	if in.Weights != nil && len(in.Weights) != n/2 {
		return fmt.Errorf("%w: %d weights for %d pairs", ErrShape, len(in.Weights), n/2)
	}
	return nil
}

// Backend computes the prover's bulk arithmetic. Destination slices are the
// caller's; a destination may alias an input of the same length only where
// stated.
type Backend interface {
	// Name says which backend this is ("cpu", "cuda: <device>").
	Name() string

	// Add, Sub, Mul: dst[i] = a[i] op b[i] (all one length; dst may be a or b).
	Add(dst, a, b []fr.Element) error
	Sub(dst, a, b []fr.Element) error
	Mul(dst, a, b []fr.Element) error
	// ScalarMul: dst[i] = a[i]·s (dst may be a).
	ScalarMul(dst, a []fr.Element, s fr.Element) error
	// InnerProduct returns Σ a[i]·b[i] (equal lengths).
	InnerProduct(a, b []fr.Element) (fr.Element, error)
	// Sum returns Σ a[i].
	Sum(a []fr.Element) (fr.Element, error)
	// BatchInverse: dst[i] = 1/a[i], and 0 where a[i] = 0 (dst may be a).
	BatchInverse(dst, a []fr.Element) error

	// Fold binds x_0 of src to r: dst[i] = src[2i] + r·(src[2i+1] − src[2i]),
	// len(dst) = len(src)/2; dst must not overlap src.
	Fold(dst, src []fr.Element, r fr.Element) error
	// EqTable writes scale·eq(u, x) for x ∈ {0,1}^len(u) into dst
	// (length 2^len(u)).
	EqTable(dst, u []fr.Element, scale fr.Element) error

	// RoundSums writes the Degree+1 round sums of in into out.
	RoundSums(out []fr.Element, in *RoundInput) error

	// FracLayer computes one fractional-sum layer from the one below
	// (length 2·len(p)): p[x] = pIn[x]·qIn[x+h] + pIn[x+h]·qIn[x],
	// q[x] = qIn[x]·qIn[x+h], h = len(p).
	FracLayer(p, q, pIn, qIn []fr.Element) error

	// MSM returns Σ scalars[i]·points[i].
	MSM(points []bls12381.G1Affine, scalars []fr.Element) (bls12381.G1Jac, error)
	// MSMSmall returns Σ w[i]·points[i] for signed integers w (|w[i]| < 2^63):
	// the point is negated where w[i] < 0, so every scalar is |w[i]| and the
	// MSM runs at small-scalar cost (never r − |w|, a full-width scalar).
	MSMSmall(points []bls12381.G1Affine, w []int64) (bls12381.G1Jac, error)
}

// Shape checks shared by every backend.

// CheckSame returns ErrShape unless every slice has length n.
func CheckSame(n int, vs ...[]fr.Element) error {
	for _, v := range vs {
		if len(v) != n {
			return fmt.Errorf("%w: length %d, want %d", ErrShape, len(v), n)
		}
	}
	return nil
}

// CheckFold validates Fold's arguments.
func CheckFold(dst, src []fr.Element) error {
	if len(src)%2 != 0 || len(dst) != len(src)/2 {
		return fmt.Errorf("%w: fold of %d entries into %d", ErrShape, len(src), len(dst))
	}
	return nil
}

// CheckEqTable validates EqTable's arguments.
func CheckEqTable(dst, u []fr.Element) error {
	if len(u) > 40 || len(dst) != 1<<len(u) {
		return fmt.Errorf("%w: eq table of %d variables into %d entries", ErrShape, len(u), len(dst))
	}
	return nil
}

// CheckFracLayer validates FracLayer's arguments.
func CheckFracLayer(p, q, pIn, qIn []fr.Element) error {
	h := len(p)
	if len(q) != h || len(pIn) != 2*h || len(qIn) != 2*h {
		return fmt.Errorf("%w: fractional layer of %d/%d from %d/%d", ErrShape, len(p), len(q), len(pIn), len(qIn))
	}
	return nil
}

// CheckMSM validates the point and scalar counts.
func CheckMSM(points, scalars int) error {
	if points != scalars {
		return fmt.Errorf("%w: %d points, %d scalars", ErrShape, points, scalars)
	}
	return nil
}

// CheckSmall returns ErrShape if some |w[i]| ≥ 2^63 (math.MinInt64).
func CheckSmall(w []int64) error {
	for i, v := range w {
		if v == -1<<63 {
			return fmt.Errorf("%w: small scalar %d is -2^63", ErrShape, i)
		}
	}
	return nil
}
