package sumcheck

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// redIntRounds is the number of rounds a RED kernel on small integers runs
// before it holds any blob-size field table: its first tables then have
// 2^(n−6) entries, 1/64 of the blob's. More rounds make the pass that folds
// T cheaper (fewer reductions, a smaller engine tail) at a cost per claim
// and round of 2^(k−j): at 2^24 int16 entries, k = 6 took RED with 1 claim
// from 180 to 87 ms and with 64 claims from 280 to 163 ms of CPU against
// k = 4, and its peak from 74 to 26 MB; k = 8 took 66 and 145 ms, but
// put 64 claims above twice 1 claim.
const redIntRounds = 6

// NewREDIntsKernel returns a RoundKernel for RED(n, points, mu) (PROTOCOL
// §8.3: Σ_x E(x)·T(x), E = Σ_k μ_k·eq(q_k, x)) over a blob T of small
// integers (entry i is values[i] mod r, zero past the end; len(values) ≤
// 2^n), for Instance.ProveKernel. Every point must bind all n variables.
// The proof is the engine's on the converted blob (the round polynomials
// are unique), but the kernel never holds a blob-size field table:
//
//   - Since E is a sum over the claims, p_j(X) = Σ_k μ_k·eq(q_k[<j], ρ_<j)·
//     eq(q_k[j], X)·T(ρ_<j, X, q_k[>j]). For the first k = min(n, 6) rounds
//     each claim keeps H_k(a) = T(a, q_k[≥k]) for a ∈ {0,1}^k, computed once
//     from the integers of the claim's aligned block (its point's top
//     Boolean coordinates select it; at least 2^k entries), and folds it
//     with each challenge, so these rounds cost O(Σ_k block size) in all:
//     the claimed tensors, not the blob.
//   - At round k the kernel builds T folded by ρ_<k from the integers
//     (2^(n−k) entries, one pass over the blob) and E folded, which is the
//     E table of RED(n−k, {q_k[≥k]}, {μ_k·eq(q_k[<k], ρ_<k)}) (O(Σ claimed
//     sizes / 2^k)), and runs the remaining rounds on the engine.
func NewREDIntsKernel[T mle.Int](n int, points [][]fr.Element, mu []fr.Element, values []T) (RoundKernel, error) {
	return newREDInts(n, points, mu, values, redIntRounds)
}

// redInts is NewREDIntsKernel's kernel; k is its integer-round count.
type redInts[T mle.Int] struct {
	n, k   int
	values []T
	claims []redClaim
	rhos   []fr.Element // ρ_<j while j ≤ k
	j      int          // current round
	coeffs []fr.Element // the last round's polynomial (the tail engine binds with it)
	tail   *engine      // rounds k… (nil before round k)
}

// redClaim is one claim's state in the integer rounds: before round j,
// scale = μ·eq(q[<j], ρ_<j) and h[a] = T(ρ_<j, a, q[≥k]), a ∈ {0,1}^(k−j).
type redClaim struct {
	q     []fr.Element
	scale fr.Element
	h     []fr.Element
}

func newREDInts[T mle.Int](n int, points [][]fr.Element, mu []fr.Element, values []T, k int) (*redInts[T], error) {
	switch {
	case n < 0 || n > 40 || len(values) > 1<<n:
		return nil, fmt.Errorf("%w: a blob of %d integers for %d variables", ErrForm, len(values), n)
	case len(points) == 0:
		return nil, fmt.Errorf("%w: RED without points", ErrForm)
	case mu != nil && len(mu) != len(points):
		return nil, fmt.Errorf("%w: %d weights for %d points", ErrForm, len(mu), len(points))
	}
	k = min(max(k, 0), n)
	r := &redInts[T]{n: n, k: k, values: values, claims: make([]redClaim, len(points)), coeffs: make([]fr.Element, 3)}
	for i, q := range points {
		if len(q) != n {
			return nil, fmt.Errorf("%w: point %d has %d coordinates for %d variables", ErrForm, i, len(q), n)
		}
		c := &r.claims[i]
		c.q, c.scale = q, fr.One()
		if mu != nil {
			c.scale = mu[i]
		}
	}
	// Claims in parallel (each also splits its rows over the cores).
	field.ParallelMin(len(points), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			r.claims[i].h = r.blockTable(r.claims[i].q)
		}
	})
	return r, nil
}

// blockTable returns H(a) = T(a, q[k:]) for a ∈ {0,1}^k: T's partial
// evaluation over the aligned block of 2^m entries, m ≥ k, that q's
// Boolean coordinates from m on select, at q[k:m].
func (r *redInts[T]) blockTable(q []fr.Element) []fr.Element {
	m := max(len(newEqBlock(r.n, q, fr.Element{}).inner), r.k)
	start := 0
	for b, x := range q[m:] {
		if x.IsOne() {
			start |= 1 << (m + b)
		}
	}
	f := r.values[min(start, len(r.values)):min(start+1<<m, len(r.values))]
	return mle.PartialEvalHighIntsByRows(f, m, q[r.k:m])
}

// Round writes p_j's coefficients: from the claims' H tables in the first
// k rounds, then from the engine on the folded tables.
func (r *redInts[T]) Round(coeffs []fr.Element, claim fr.Element) {
	if r.j >= r.k {
		if r.tail == nil {
			r.materialise(claim)
		}
		r.tail.round(coeffs)
		copy(r.coeffs, coeffs)
		return
	}
	// p_j at X = 0, 1, 2: per claim scale·eq(q_j, X)·T(ρ_<j, X, q[>j]),
	// T(ρ_<j, X, q[>j]) = (1−X)·A0 + X·A1 with A_b = Σ_i h[2i+b]·eq(q[j+1:k], i).
	var evals [3]fr.Element
	var two, w, t fr.Element
	two.SetUint64(2)
	for i := range r.claims {
		c := &r.claims[i]
		eq := mle.EqTable(c.q[r.j+1 : r.k])
		var a0, a1 fr.Element
		for x, e := range eq {
			t.Mul(&c.h[2*x], &e)
			a0.Add(&a0, &t)
			t.Mul(&c.h[2*x+1], &e)
			a1.Add(&a1, &t)
		}
		qj := c.q[r.j]
		w = eqLinear(qj, fr.Element{})
		w.Mul(&w, &c.scale)
		t.Mul(&w, &a0)
		evals[0].Add(&evals[0], &t)
		w.Mul(&qj, &c.scale)
		t.Mul(&w, &a1)
		evals[1].Add(&evals[1], &t)
		w = eqLinear(qj, two)
		w.Mul(&w, &c.scale)
		t.Double(&a1).Sub(&t, &a0)
		t.Mul(&t, &w)
		evals[2].Add(&evals[2], &t)
	}
	interpolate(coeffs, evals[:])
}

// Bind fixes x_j = ρ: in the integer rounds every claim's scale takes
// eq(q_j, ρ) and its H folds; later the engine binds.
func (r *redInts[T]) Bind(rho fr.Element) {
	defer func() { r.j++ }()
	if r.j >= r.k {
		r.tail.bind(r.coeffs, rho)
		return
	}
	r.rhos = append(r.rhos, rho)
	for i := range r.claims {
		c := &r.claims[i]
		lin := eqLinear(c.q[r.j], rho)
		c.scale.Mul(&c.scale, &lin)
		c.h = mle.Fold(c.h, rho)
	}
}

// materialise starts the engine for rounds k… on T and E folded by ρ_<k,
// with the running claim p_{k−1}(ρ_{k−1}) (S when k = 0).
func (r *redInts[T]) materialise(claim fr.Element) {
	points := make([][]fr.Element, len(r.claims))
	mu := make([]fr.Element, len(r.claims))
	for i := range r.claims {
		points[i], mu[i] = r.claims[i].q[r.k:], r.claims[i].scale
		r.claims[i].h = nil
	}
	in := RED(r.n-r.k, points, mu)
	form, err := in.Form()
	if err != nil {
		panic(err) // the points were checked by newREDInts
	}
	tables := [][]fr.Element{in.EqTable(), mle.PartialEvalLowInts(r.values, r.n, r.rhos)}
	r.tail = newEngine(&Polynomial{Form: form, Tables: tables}, claim)
}

// Finals returns E(ρ) and T(ρ).
func (r *redInts[T]) Finals() []fr.Element {
	if r.tail == nil { // n = k: every round ran on the integers
		r.materialise(fr.Element{})
	}
	return r.tail.finals()
}
