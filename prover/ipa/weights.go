package ipa

import (
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// ErrWeights is returned for a weight vector whose length is not a power of two.
var ErrWeights = errors.New("ipa: weights length must be a power of two ≥ 1")

// Weights is the public vector w of an IPA: explicit, or eq(u,·).
type Weights struct {
	vec []fr.Element // explicit values, or nil
	eq  []fr.Element // point u (LSB-first), when vec is nil
}

// VectorWeights uses w as given (length a power of two; not copied).
func VectorWeights(w []fr.Element) (Weights, error) {
	if len(w) == 0 || len(w)&(len(w)-1) != 0 {
		return Weights{}, fmt.Errorf("%w (got %d)", ErrWeights, len(w))
	}
	return Weights{vec: w}, nil
}

// EqWeights uses w = eq(u,·) over {0,1}^len(u).
func EqWeights(u []fr.Element) Weights {
	if u == nil {
		u = []fr.Element{}
	}
	return Weights{eq: u}
}

// LogLen is k with Len = 2^k.
func (w Weights) LogLen() int {
	if w.vec != nil {
		return log2(len(w.vec))
	}
	return len(w.eq)
}

// Len is the vector length 2^k.
func (w Weights) Len() int { return 1 << w.LogLen() }

// Values materialises w (a copy).
func (w Weights) Values() []fr.Element {
	if w.vec != nil {
		return append([]fr.Element(nil), w.vec...)
	}
	return EqTable(w.eq)
}

// folded returns w* = Σ_i s_i·w_i for the round challenges e (and
// inverses), where s = foldCoefficients(e, eInv): the caller computes s once
// (the verifier needs it for g* too); eq weights never read it.
func (w Weights) folded(s, e, eInv []fr.Element) fr.Element {
	if w.vec != nil {
		return field.InnerProduct(s, w.vec)
	}
	// w* = Π_t (e_t⁻¹·(1−u_{k−1−t}) + e_t·u_{k−1−t})
	k := len(w.eq)
	res := fr.One()
	for t := 0; t < k; t++ {
		u := &w.eq[k-1-t]
		var one, term, tmp fr.Element
		one.SetOne()
		one.Sub(&one, u)
		term.Mul(&eInv[t], &one)
		tmp.Mul(&e[t], u)
		term.Add(&term, &tmp)
		res.Mul(&res, &term)
	}
	return res
}

func log2(n int) int {
	k := 0
	for 1<<k < n {
		k++
	}
	return k
}

// EqTable returns eq(u,x) for every x ∈ {0,1}^len(u), LSB-first (§2.3).
func EqTable(u []fr.Element) []fr.Element {
	e := make([]fr.Element, 1<<len(u))
	e[0].SetOne()
	for j := range u {
		half := 1 << j
		var one fr.Element
		one.SetOne()
		var notU fr.Element
		notU.Sub(&one, &u[j])
		field.Parallel(half, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				e[i+half].Mul(&e[i], &u[j])
				e[i].Mul(&e[i], &notU)
			}
		})
	}
	return e
}

// foldCoefficients returns s_i = Π_t (bit_{k−1−t}(i) ? e_t : e_t⁻¹).
func foldCoefficients(e, eInv []fr.Element) []fr.Element {
	k := len(e)
	s := make([]fr.Element, 1<<k)
	s[0].SetOne()
	for j := 0; j < k; j++ { // index bit j is folded in round k−1−j
		t := k - 1 - j
		half := 1 << j
		field.Parallel(half, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				s[i+half].Mul(&s[i], &e[t])
				s[i].Mul(&s[i], &eInv[t])
			}
		})
	}
	return s
}
