package sumcheck

import (
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// MaxDegree bounds the per-variable degree of any instance; the highest in
// the protocol is the RMSNorm zero-check (d = 5).
const MaxDegree = 8

// interpMatrices caches, per degree d, the inverse Vandermonde matrix on the
// nodes 0..d: coefficients = M·evaluations.
var interpMatrices [MaxDegree + 1][][]fr.Element
var interpOnce [MaxDegree + 1]sync.Once

func interpMatrix(d int) [][]fr.Element {
	interpOnce[d].Do(func() { interpMatrices[d] = buildInterpMatrix(d) })
	return interpMatrices[d]
}

// buildInterpMatrix expands the Lagrange basis polynomials on 0..d:
// L_k(X) = Π_{m≠k} (X − m)/(k − m); column k of M holds L_k's coefficients.
func buildInterpMatrix(d int) [][]fr.Element {
	m := make([][]fr.Element, d+1) // m[i][k] = coefficient of X^i in L_k
	for i := range m {
		m[i] = make([]fr.Element, d+1)
	}
	for k := 0; k <= d; k++ {
		poly := []fr.Element{{}}
		poly[0].SetOne()
		var denom fr.Element
		denom.SetOne()
		for j := 0; j <= d; j++ {
			if j == k {
				continue
			}
			// poly ← poly·(X − j)
			next := make([]fr.Element, len(poly)+1)
			var jj, t fr.Element
			jj.SetInt64(int64(j))
			for i := range poly {
				next[i+1].Add(&next[i+1], &poly[i])
				t.Mul(&poly[i], &jj)
				next[i].Sub(&next[i], &t)
			}
			poly = next
			var diff fr.Element
			diff.SetInt64(int64(k - j))
			denom.Mul(&denom, &diff)
		}
		denom.Inverse(&denom)
		for i := 0; i <= d; i++ {
			m[i][k].Mul(&poly[i], &denom)
		}
	}
	return m
}

// interpolate writes into coeffs (length d+1) the coefficients of the
// polynomial of degree ≤ d taking the values evals[k] at X = k.
func interpolate(coeffs, evals []fr.Element) {
	d := len(evals) - 1
	m := interpMatrix(d)
	var t fr.Element
	for i := 0; i <= d; i++ {
		coeffs[i].SetZero()
		for k := 0; k <= d; k++ {
			t.Mul(&m[i][k], &evals[k])
			coeffs[i].Add(&coeffs[i], &t)
		}
	}
}

// EvalPoly returns Σ_i c_i·x^i (Horner).
func EvalPoly(c []fr.Element, x fr.Element) fr.Element {
	var acc fr.Element
	for i := len(c) - 1; i >= 0; i-- {
		acc.Mul(&acc, &x)
		acc.Add(&acc, &c[i])
	}
	return acc
}

// Powers returns ν(x) = (1, x, …, x^d).
func Powers(x fr.Element, d int) []fr.Element {
	out := make([]fr.Element, d+1)
	out[0].SetOne()
	for i := 1; i <= d; i++ {
		out[i].Mul(&out[i-1], &x)
	}
	return out
}

// SumWeights returns ω = (2, 1, …, 1): ⟨c, ω⟩ = p(0) + p(1).
func SumWeights(d int) []fr.Element {
	out := make([]fr.Element, d+1)
	for i := range out {
		out[i].SetOne()
	}
	out[0].SetUint64(2)
	return out
}
