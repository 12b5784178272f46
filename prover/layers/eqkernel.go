package layers

import (
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// EqProductKernel is a sumcheck.RoundKernel for Σ_x eq(r,x)·A(x)·B(x) over
// len(r) variables (eq mode, degree 3): the engine's polynomials, hence
// its proof, computed knowing that A and B are mostly zero in blocks (a
// mask and a tensor that vanish on complementary regions, padding):
// pairs where A or B is zero on both sides add nothing and fold to zero
// without a multiplication. As the engine (Gruen), p_j(X) =
// C_j·eq(r_j,X)·q_j(X), q_j(X) = Σ_i eq(r_{>j},i)·A·B(X,i), C_j =
// Π_{k<j} eq(r_k,ρ_k); q_j(1) comes from the running claim unless r_j or
// C_j is zero. Tables shorter than 2^len(r) are zero past their end; the
// kernel reads them and never writes into them (folds go to its own
// buffers). Finals: eq(r,ρ), A(ρ), B(ρ).
type EqProductKernel struct {
	r     []fr.Element
	j     int
	scale fr.Element
	tabs  [2][]fr.Element
	spare [2][]fr.Element
	n     int // logical table length 2^(len(r)−j)
	rho   []fr.Element
	first compactRounds // if set, the first rounds' tables (tabs[0] is nil until it is done)
}

// compactRounds supplies the first rounds of an EqProductKernel from
// tables held in a compact form: each round's q(0), q(1), q(2) sums (as the
// field loop would compute them) and the bind at ρ, which reports true once
// k.tabs hold both tables as field elements.
type compactRounds interface {
	sums(k *EqProductKernel, eqLo, eqHi []fr.Element, lo int, needOne bool) [3]fr.Element
	bind(k *EqProductKernel, rho fr.Element) (done bool)
}

// NewEqProductKernel returns the kernel for eq(r,·)·a·b.
func NewEqProductKernel(r, a, b []fr.Element) *EqProductKernel {
	return &EqProductKernel{r: r, scale: fr.One(), tabs: [2][]fr.Element{a, b}, n: 1 << len(r)}
}

// Rho returns the challenges bound so far.
func (k *EqProductKernel) Rho() []fr.Element { return k.rho }

// eqParallelPairs is the pair count below which a round stays on one
// goroutine.
const eqParallelPairs = 1 << 10

// Round implements sumcheck.RoundKernel.
func (k *EqProductKernel) Round(coeffs []fr.Element, claim fr.Element) {
	rj := k.r[k.j]
	// eq(r_{>j}, i) = eqLo[i mod 2^lo]·eqHi[i >> lo]: two √-size tables
	// instead of one of every pair, most of which are skipped.
	rest := k.r[k.j+1:]
	lo := len(rest) / 2
	eqLo, eqHi := mle.EqTable(rest[:lo]), mle.EqTable(rest[lo:])
	needOne := rj.IsZero() || k.scale.IsZero()
	var q [3]fr.Element
	if k.first != nil {
		q = k.first.sums(k, eqLo, eqHi, lo, needOne)
	} else {
		q = k.pairSums(eqLo, eqHi, lo, needOne)
	}
	k.finishRound(coeffs, claim, q, needOne)
}

// pairSums is q(0), q(1) (if needOne) and q(2) of the current round
// without the leading C_j·eq(r_j,X): Σ_i eq(r_{>j},i)·A·B(X,i) on the
// field tables.
func (k *EqProductKernel) pairSums(eqLo, eqHi []fr.Element, lo int, needOne bool) [3]fr.Element {
	loMask := len(eqLo) - 1
	A, B := k.tabs[0], k.tabs[1]
	pairs := (min(len(A), len(B)) + 1) / 2 // past it A or B is zero
	return parallelSums(pairs, func(from, to int, s *[3]fr.Element) {
		var a0, a1, b0, b1 fr.Element
		for i := from; i < to; i++ {
			a0, a1 = pairAt(A, i)
			if a0.IsZero() && a1.IsZero() {
				continue
			}
			b0, b1 = pairAt(B, i)
			if b0.IsZero() && b1.IsZero() {
				continue
			}
			addPair(s, &a0, &a1, &b0, &b1, &eqLo[i&loMask], &eqHi[i>>lo], needOne)
		}
	})
}

// addPair adds one pair's wt·A·B(X) at X = 0, 1 (if needOne), 2 to s, wt =
// eqLo·eqHi its eq(r_{>j}, i).
func addPair(s *[3]fr.Element, a0, a1, b0, b1, eqLo, eqHi *fr.Element, needOne bool) {
	var a2, b2, t, wt fr.Element
	wt.Mul(eqLo, eqHi)
	t.Mul(a0, b0).Mul(&t, &wt)
	s[0].Add(&s[0], &t)
	if needOne {
		t.Mul(a1, b1).Mul(&t, &wt)
		s[1].Add(&s[1], &t)
	}
	a2.Double(a1).Sub(&a2, a0)
	b2.Double(b1).Sub(&b2, b0)
	t.Mul(&a2, &b2).Mul(&t, &wt)
	s[2].Add(&s[2], &t)
}

// parallelSums runs body over [0, pairs) in chunks (one goroutine below
// eqParallelPairs), each adding into its own three sums, and returns their
// total.
func parallelSums(pairs int, body func(from, to int, s *[3]fr.Element)) [3]fr.Element {
	var mu sync.Mutex
	var q [3]fr.Element
	field.ParallelMin(pairs, eqParallelPairs, func(from, to int) {
		var s [3]fr.Element
		body(from, to, &s)
		mu.Lock()
		for X := range s {
			q[X].Add(&q[X], &s[X])
		}
		mu.Unlock()
	})
	return q
}

// finishRound turns the round's q(0), q(2) (and q(1) if needOne, else
// from the claim) into the coefficients of p_j = C_j·eq(r_j,X)·q(X).
func (k *EqProductKernel) finishRound(coeffs []fr.Element, claim fr.Element, q [3]fr.Element, needOne bool) {
	rj := k.r[k.j]
	one := fr.One()
	var omr, t fr.Element // 1 − r_j
	omr.Sub(&one, &rj)
	if !needOne { // claim = C_j·((1−r_j)·q(0) + r_j·q(1))
		var inv fr.Element
		inv.Inverse(&k.scale)
		q[1].Mul(&claim, &inv)
		t.Mul(&omr, &q[0])
		q[1].Sub(&q[1], &t)
		inv.Inverse(&rj)
		q[1].Mul(&q[1], &inv)
	}
	// q(X) = q0 + c1·X + c2·X² through (0,q0), (1,q1), (2,q2).
	var c1, c2 fr.Element
	c2.Double(&q[1]).Sub(&q[2], &c2).Add(&c2, &q[0]) // q2 − 2q1 + q0 = 2·c2
	var half fr.Element
	half.SetUint64(2)
	half.Inverse(&half)
	c2.Mul(&c2, &half)
	c1.Sub(&q[1], &q[0]).Sub(&c1, &c2)
	qc := [3]fr.Element{q[0], c1, c2}
	// p = C_j·(α + β·X)·q(X), α = 1 − r_j, β = 2r_j − 1.
	var alpha, beta fr.Element
	alpha.Mul(&omr, &k.scale)
	beta.Double(&rj).Sub(&beta, &one).Mul(&beta, &k.scale)
	for c := range coeffs {
		coeffs[c].SetZero()
		if c < len(qc) {
			t.Mul(&alpha, &qc[c])
			coeffs[c].Add(&coeffs[c], &t)
		}
		if c > 0 && c-1 < len(qc) {
			t.Mul(&beta, &qc[c-1])
			coeffs[c].Add(&coeffs[c], &t)
		}
	}
}

// pairAt returns entries 2i and 2i+1 of t (zero past its end).
func pairAt(t []fr.Element, i int) (f0, f1 fr.Element) {
	if 2*i < len(t) {
		f0 = t[2*i]
	}
	if 2*i+1 < len(t) {
		f1 = t[2*i+1]
	}
	return f0, f1
}

// Bind implements sumcheck.RoundKernel: both tables fold at x_j = ρ into
// their spare buffers (zero pairs without a multiplication).
func (k *EqProductKernel) Bind(rho fr.Element) {
	if k.first != nil {
		if k.first.bind(k, rho) {
			k.first = nil
		}
	} else {
		k.foldTable(0, rho)
		k.foldTable(1, rho)
	}
	k.bound(rho)
}

// foldTable folds field table t at ρ into its spare buffer.
func (k *EqProductKernel) foldTable(t int, rho fr.Element) {
	src := k.tabs[t]
	m := (len(src) + 1) / 2
	if cap(k.spare[t]) < m {
		k.spare[t] = make([]fr.Element, m)
	}
	dst := k.spare[t][:m]
	FoldSkippingZero(dst, src, rho)
	k.tabs[t], k.spare[t] = dst, src
	if k.j == 0 {
		k.spare[t] = nil // the caller's table: never written
	}
}

// bound records x_j = ρ: C_{j+1} = C_j·eq(r_j,ρ).
func (k *EqProductKernel) bound(rho fr.Element) {
	rj := k.r[k.j]
	var e, t fr.Element // eq(r_j, ρ) = (1−r_j)(1−ρ) + r_j·ρ
	one := fr.One()
	e.Sub(&one, &rj)
	t.Sub(&one, &rho)
	e.Mul(&e, &t)
	t.Mul(&rj, &rho)
	e.Add(&e, &t)
	k.scale.Mul(&k.scale, &e)
	k.rho = append(k.rho, rho)
	k.j++
	k.n /= 2
}

// foldBlock is the number of pairs FoldSkippingZero handles at once: an
// all-zero block is written as zeros, any other through gnark's fr.Vector
// kernels (IFMA where present) on its split even and odd entries.
const foldBlock = 64

// FoldSkippingZero sets dst[i] = f(2i) + ρ·(f(2i+1) − f(2i)) for
// i < len(dst) (f zero past len(src)), all-zero blocks without a
// multiplication; dst must not overlap src.
func FoldSkippingZero(dst, src []fr.Element, rho fr.Element) {
	full := min(len(dst), len(src)/2) // pairs wholly inside src
	field.ParallelMin(full, eqParallelPairs, func(lo, hi int) {
		var even, odd [foldBlock]fr.Element
		for b := lo; b < hi; b += foldBlock {
			e := min(b+foldBlock, hi)
			m := e - b
			blk := src[2*b : 2*e]
			zero := true
			for i := range blk {
				if !blk[i].IsZero() {
					zero = false
					break
				}
			}
			out := fr.Vector(dst[b:e])
			if zero {
				for i := range out {
					out[i].SetZero()
				}
				continue
			}
			ev, od := fr.Vector(even[:m]), fr.Vector(odd[:m])
			for i := 0; i < m; i++ {
				ev[i], od[i] = blk[2*i], blk[2*i+1]
			}
			od.Sub(od, ev)
			od.ScalarMul(od, &rho)
			out.Add(ev, od)
		}
	})
	for i := full; i < len(dst); i++ {
		f0, f1 := pairAt(src, i)
		var d fr.Element
		d.Sub(&f1, &f0).Mul(&d, &rho)
		dst[i].Add(&f0, &d)
	}
}

// Finals implements sumcheck.RoundKernel: eq(r,ρ), A(ρ), B(ρ).
func (k *EqProductKernel) Finals() []fr.Element {
	a, _ := pairAt(k.tabs[0], 0)
	b, _ := pairAt(k.tabs[1], 0)
	return []fr.Element{k.scale, a, b}
}
