package attention

import (
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// yKernel computes the round polynomials of the Y instance (yInstance) as
// the generic engine would — the same polynomials, hence the same proof —
// using what the engine cannot know:
//   - its four terms θP − θPῑ − Pȳ + Pȳῑ are one product E·P·A·B with
//     A = θ − ȳ and B = 1 − ῑ (affine maps of ȳ, ῑ, so they fold like them):
//     three multiplications per evaluation point instead of eight;
//   - P = [j ≤ i < T]·[h < H]·[ℓ < L] is zero on the upper triangle and the
//     padded heads and layers, and folding keeps a zero pair zero: pairs
//     with P = 0 on both sides add nothing and are skipped.
//
// Tables (factor order of the Form): E, P, A, B; Finals turns A, B back
// into ȳ, ῑ.
type yKernel struct {
	tabs  [4][]fr.Element // current tables, length n
	spare [4][]fr.Element // fold targets
	n     int
	theta fr.Element
	lagr  [][]fr.Element // Lagrange basis coefficients for nodes 0..yDegree
}

const (
	yE = iota
	yP
	yA
	yB
)

// yDegree is the Y instance's degree (E·P·A·B).
const yDegree = 4

// yParallelPairs is the pair count below which a round or fold stays on
// one goroutine.
const yParallelPairs = 1 << 10

// newYKernel builds the kernel's tables: E from the instance (as the
// engine tabulates it), P = valid (taken over: the caller must not use it
// again), A = θ − ȳ, B = 1 − ῑ, all zero-padded (ȳ, ῑ zero) to 2^NumVars.
func newYKernel(in *sumcheck.Instance, valid []fr.Element, ybar, ibar []int64, theta fr.Element) *yKernel {
	n := 1 << in.NumVars
	k := &yKernel{n: n, theta: theta, lagr: lagrangeBasis(yDegree)}
	k.tabs[yE] = in.EqTable()
	k.tabs[yP] = valid
	if len(valid) < n {
		k.tabs[yP] = append(append(make([]fr.Element, 0, n), valid...), make([]fr.Element, n-len(valid))...)
	}
	a, b := make([]fr.Element, n), make([]fr.Element, n)
	one := fr.One()
	field.Parallel(n, func(lo, hi int) {
		var t fr.Element
		for i := lo; i < hi; i++ {
			t.SetZero()
			if i < len(ybar) {
				t.SetInt64(ybar[i])
			}
			a[i].Sub(&theta, &t)
			t.SetZero()
			if i < len(ibar) {
				t.SetInt64(ibar[i])
			}
			b[i].Sub(&one, &t)
		}
	})
	k.tabs[yA], k.tabs[yB] = a, b
	return k
}

// Round writes p_j's coefficients: p_j(X) = Σ_i E·P·A·B(X, i) at
// X = 0, 2, 3, 4, p_j(1) = claim − p_j(0), interpolated.
func (k *yKernel) Round(coeffs []fr.Element, claim fr.Element) {
	half := k.n / 2
	E, P, A, B := k.tabs[yE], k.tabs[yP], k.tabs[yA], k.tabs[yB]
	var mu sync.Mutex
	var sums [yDegree + 1]fr.Element
	field.ParallelMin(half, yParallelPairs, func(lo, hi int) {
		var s [yDegree + 1]fr.Element
		var e, p, a, b, de, dp, da, db, t fr.Element
		for i := lo; i < hi; i++ {
			p0, p1 := &P[2*i], &P[2*i+1]
			if p0.IsZero() && p1.IsZero() {
				continue
			}
			e, p, a, b = E[2*i], *p0, A[2*i], B[2*i]
			t.Mul(&e, &p).Mul(&t, &a).Mul(&t, &b)
			s[0].Add(&s[0], &t)
			de.Sub(&E[2*i+1], &e)
			dp.Sub(p1, &p)
			da.Sub(&A[2*i+1], &a)
			db.Sub(&B[2*i+1], &b)
			e.Add(&E[2*i+1], &de)
			p.Add(p1, &dp)
			a.Add(&A[2*i+1], &da)
			b.Add(&B[2*i+1], &db)
			for X := 2; X <= yDegree; X++ {
				if X > 2 {
					e.Add(&e, &de)
					p.Add(&p, &dp)
					a.Add(&a, &da)
					b.Add(&b, &db)
				}
				t.Mul(&e, &p).Mul(&t, &a).Mul(&t, &b)
				s[X].Add(&s[X], &t)
			}
		}
		mu.Lock()
		for X := range s {
			sums[X].Add(&sums[X], &s[X])
		}
		mu.Unlock()
	})
	sums[1].Sub(&claim, &sums[0])
	var t fr.Element
	for c := range coeffs {
		coeffs[c].SetZero()
		for X := range sums {
			t.Mul(&k.lagr[X][c], &sums[X])
			coeffs[c].Add(&coeffs[c], &t)
		}
	}
}

// Bind folds every table at x_j = ρ into its spare buffer; the old table
// becomes the next spare (the kernel owns all four tables). Zero pairs (P's
// upper triangle and padding) fold without a multiplication.
func (k *yKernel) Bind(rho fr.Element) {
	half := k.n / 2
	for t := range k.tabs {
		if k.spare[t] == nil {
			k.spare[t] = make([]fr.Element, half)
		}
		dst := k.spare[t][:half]
		layers.FoldSkippingZero(dst, k.tabs[t], rho)
		k.tabs[t], k.spare[t] = dst, k.tabs[t]
	}
	k.n = half
}

// Finals returns E, P, ȳ = θ − A and ῑ = 1 − B at ρ.
func (k *yKernel) Finals() []fr.Element {
	var ybar, ibar fr.Element
	ybar.Sub(&k.theta, &k.tabs[yA][0])
	one := fr.One()
	ibar.Sub(&one, &k.tabs[yB][0])
	return []fr.Element{k.tabs[yE][0], k.tabs[yP][0], ybar, ibar}
}

// lagrangeBasis returns L[X][c], the coefficient of x^c in the Lagrange
// basis polynomial of node X over the nodes 0..d: p = Σ_X p(X)·L_X.
func lagrangeBasis(d int) [][]fr.Element {
	out := make([][]fr.Element, d+1)
	for X := 0; X <= d; X++ {
		poly := []fr.Element{fr.One()} // Π_{m≠X} (x − m), low degree first
		denom := fr.One()
		for m := 0; m <= d; m++ {
			if m == X {
				continue
			}
			var mm, diff fr.Element
			mm.SetUint64(uint64(m))
			next := make([]fr.Element, len(poly)+1)
			for c, v := range poly {
				var t fr.Element
				t.Mul(&v, &mm)
				next[c].Sub(&next[c], &t)
				next[c+1].Add(&next[c+1], &v)
			}
			poly = next
			diff.SetInt64(int64(X - m))
			denom.Mul(&denom, &diff)
		}
		denom.Inverse(&denom)
		for c := range poly {
			poly[c].Mul(&poly[c], &denom)
		}
		out[X] = poly
	}
	return out
}
