package sumcheck

import (
	"runtime"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
)

// engine computes the round polynomials of PROTOCOL §5.1 for a Polynomial in
// the clear: evaluate p_j at X = 0..d, interpolate coefficients, fold every
// table with ρ_j (binding x_0 first). It never touches the transcript and
// never writes the caller's tables.
//
// Folding is fused with the next round: bind only records ρ_j, and the next
// round reads the unfolded tables, folds each pair it needs on the fly and
// writes the folded table as it goes — one pass over memory per round.
//
// Eq mode (Polynomial.EqPoint set): the factor eq(r,·) over all variables is
// never tabulated. Since eq(r,x) = eq(r_{<j},ρ_{<j})·eq(r_j,X)·eq(r_{>j},x_{>j}),
// p_j(X) = C_j·eq(r_j,X)·q_j(X) with q_j(X) = Σ_i eq(r_{>j},i)·(rest)(X,i) of
// degree d−1 (Gruen's factoring). The round polynomial is the same p_j; it
// just costs one evaluation point and one table fold less per pair.
type engine struct {
	form    *Form
	d       int
	tables  [][]fr.Element // current tables (the caller's until the first fold); nil for the eq factor in eq mode
	spare   [][]fr.Element // fold destinations, one per factor
	length  int            // length of the stored (unfolded) tables
	owned   bool           // tables are the engine's own buffers
	pending bool           // tables still need folding with rho
	rho     fr.Element
	claim   fr.Element   // p_{j−1}(ρ_{j−1}); S before round 0
	evals   []fr.Element // scratch: p_j(0..d)
	partial [][]fr.Element

	// Eq mode.
	eqMode   bool
	eqFactor int
	eqPoint  []fr.Element
	eqScale  fr.Element     // C_j = Π_{k<j} eq(r_k, ρ_k)
	suffix   []fr.Element   // eq(r_{>j}, i) for the pairs i of round j
	rest     [][]int        // per term: its factors other than the eq factor
	j        int            // current round
	qEvals   []fr.Element   // scratch: q_j(0..d)
	qCoeffs  []fr.Element   // scratch
	needOne  bool           // eq mode: compute q_j(1) directly this round
	oneEvals [][]fr.Element // per worker: direct q_j(1) partials
	scratch  *Scratch       // optional source of the fold buffers (Polynomial.Scratch)
	eqPairs  bool           // eq mode, every term c·eq·f·g with one common c: see accumulateEqPairs
}

// parallelPairs is the pair count below which a round stays on one goroutine.
const parallelPairs = 1 << 11

func newEngine(p *Polynomial, claim fr.Element) *engine {
	size := mle.Size(p.Form.NumVars)
	e := &engine{form: p.Form, d: p.Form.Degree, claim: claim, length: size, evals: make([]fr.Element, p.Form.Degree+1)}
	e.tables = make([][]fr.Element, len(p.Tables))
	e.scratch = p.Scratch
	if p.EqPoint != nil {
		e.eqMode, e.eqFactor, e.eqPoint = true, p.EqFactor, p.EqPoint
		e.eqScale.SetOne()
		if len(p.EqPoint) > 0 {
			e.suffix = mle.EqTable(p.EqPoint[1:])
		}
		e.rest = make([][]int, len(p.Form.Terms))
		for ti, t := range p.Form.Terms {
			for _, k := range t.Factors {
				if k != e.eqFactor {
					e.rest[ti] = append(e.rest[ti], k)
				}
			}
		}
		e.eqPairs = eqPairsShape(p.Form, e.rest)
		e.qEvals = make([]fr.Element, e.d+1)
		e.qCoeffs = make([]fr.Element, e.d)
	}
	for k, t := range p.Tables {
		if e.eqMode && k == e.eqFactor {
			continue // never tabulated
		}
		if len(t) < size {
			padded, _ := mle.Pad(t, p.Form.NumVars) // length checked by Validate
			t = padded
		}
		e.tables[k] = t
	}
	return e
}

// round returns the coefficients of p_j into coeffs (length d+1).
// p_j(1) is not computed: it follows from the running claim for an honest
// prover, which saves one product per pair.
func (e *engine) round(coeffs []fr.Element) {
	if e.pending {
		e.prepareFold()
	}
	half := e.length / 2
	if e.pending {
		half /= 2
	}
	d := e.d
	nt := len(e.form.Terms)
	if e.eqMode {
		var rj fr.Element
		rj = e.eqPoint[e.j]
		e.needOne = rj.IsZero() || e.eqScale.IsZero()
	}
	workers := 1
	if half >= parallelPairs {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(e.partial) < workers {
		e.partial = make([][]fr.Element, workers)
	}
	var wg sync.WaitGroup
	chunk := (half + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, half)
		if len(e.partial[w]) != nt*(d+1) {
			e.partial[w] = make([]fr.Element, nt*(d+1))
		}
		acc := e.partial[w]
		for i := range acc {
			acc[i].SetZero()
		}
		if lo >= hi {
			continue
		}
		if workers == 1 {
			e.accumulateAny(acc, lo, hi)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.accumulateAny(acc, lo, hi)
		}()
	}
	wg.Wait()
	if e.pending {
		for k := range e.tables {
			if e.tables[k] == nil {
				continue
			}
			folded := e.spare[k][:2*half]
			if e.owned {
				e.spare[k] = e.tables[k]
			} else {
				// Never fold into the caller's table: take a fresh buffer.
				e.spare[k] = e.buffer(2*k+1, half)
			}
			e.tables[k] = folded
		}
		e.length /= 2
		e.owned = true
		e.pending = false
	}
	// Combine the workers' partial sums with the terms' coefficients.
	sums := e.evals
	if e.eqMode {
		sums = e.qEvals
	}
	for X := 0; X <= d; X++ {
		sums[X].SetZero()
	}
	var t fr.Element
	for ti, term := range e.form.Terms {
		for X := 0; X <= d; X++ {
			var s fr.Element
			for w := 0; w < workers; w++ {
				s.Add(&s, &e.partial[w][ti*(d+1)+X])
			}
			t.Mul(&s, &term.Coeff)
			sums[X].Add(&sums[X], &t)
		}
	}
	if e.eqMode {
		e.finishEqRound(coeffs)
		return
	}
	e.evals[1].Sub(&e.claim, &e.evals[0])
	if e.isProduct2() {
		// The fast path accumulated the leading coefficient c_2 in slot 2:
		// p(2) = 2·p(1) − p(0) + 2·c_2.
		var t fr.Element
		t.Double(&e.evals[1]).Sub(&t, &e.evals[0])
		e.evals[2].Double(&e.evals[2]).Add(&e.evals[2], &t)
	}
	interpolate(coeffs, e.evals)
}

// finishEqRound turns q_j(0), q_j(2..d−1) (and q_j(1) when computed) into
// the coefficients of p_j(X) = C_j·eq(r_j,X)·q_j(X).
func (e *engine) finishEqRound(coeffs []fr.Element) {
	d := e.d
	q := e.qEvals
	rj := e.eqPoint[e.j]
	var one, t fr.Element
	one.SetOne()
	if !e.needOne {
		// claim = C_j·((1−r_j)·q(0) + r_j·q(1))  ⇒  q(1).
		var inv fr.Element
		inv.Inverse(&e.eqScale)
		q[1].Mul(&e.claim, &inv)
		t.Sub(&one, &rj).Mul(&t, &q[0])
		q[1].Sub(&q[1], &t)
		inv.Inverse(&rj)
		q[1].Mul(&q[1], &inv)
	}
	// q has degree d−1: extrapolate q(d) from q(0..d−1).
	interpolate(e.qCoeffs, q[:d])
	var xd fr.Element
	xd.SetUint64(uint64(d))
	q[d] = EvalPoly(e.qCoeffs, xd)
	for X := 0; X <= d; X++ {
		var x, lin fr.Element
		x.SetUint64(uint64(X))
		lin = eqLinear(rj, x)
		e.evals[X].Mul(&q[X], &lin)
		e.evals[X].Mul(&e.evals[X], &e.eqScale)
	}
	interpolate(coeffs, e.evals)
}

// eqLinear returns eq(r, x) = 1 − r − x + 2rx.
func eqLinear(r, x fr.Element) fr.Element {
	var out, t fr.Element
	out.SetOne()
	out.Sub(&out, &r)
	out.Sub(&out, &x)
	t.Mul(&r, &x)
	t.Double(&t)
	out.Add(&out, &t)
	return out
}

// prepareFold makes sure every factor has a destination for the pending
// fold. The first fold allocates half-size buffers (the caller's tables are
// never written); later folds ping-pong.
func (e *engine) prepareFold() {
	if e.spare == nil {
		half := e.length / 2
		e.spare = make([][]fr.Element, len(e.tables))
		for k := range e.spare {
			if e.tables[k] != nil {
				e.spare[k] = e.buffer(2*k, half)
			}
		}
	}
}

// buffer returns fold buffer i of length n: from the caller's Scratch when
// there is one, else freshly allocated. Factor k uses buffers 2k and 2k+1.
func (e *engine) buffer(i, n int) []fr.Element {
	if e.scratch != nil {
		return e.scratch.take(i, n)
	}
	return make([]fr.Element, n)
}

func (e *engine) accumulateAny(acc []fr.Element, lo, hi int) {
	switch {
	case e.eqMode && e.eqPairs:
		e.accumulateEqPairs(acc, lo, hi)
	case e.eqMode:
		e.accumulateEq(acc, lo, hi)
	case e.isProduct2():
		t := e.form.Terms[0]
		e.accumulateProduct2(acc, lo, hi, t.Factors[0], t.Factors[1])
	default:
		e.accumulate(acc, lo, hi)
	}
}

// loadPair writes f_k at X = 0..len(v)−1 for pair i of table tab into v,
// folding the pending challenge first when needed (and storing the folded
// pair into dst).
func (e *engine) loadPair(v []fr.Element, tab, dst []fr.Element, i int) {
	var diff fr.Element
	if e.pending {
		diff.Sub(&tab[4*i+1], &tab[4*i])
		diff.Mul(&diff, &e.rho)
		v[0].Add(&tab[4*i], &diff)
		diff.Sub(&tab[4*i+3], &tab[4*i+2])
		diff.Mul(&diff, &e.rho)
		v[1].Add(&tab[4*i+2], &diff)
		dst[2*i], dst[2*i+1] = v[0], v[1]
	} else {
		v[0], v[1] = tab[2*i], tab[2*i+1]
	}
	diff.Sub(&v[1], &v[0])
	for X := 2; X < len(v); X++ {
		v[X].Add(&v[X-1], &diff)
	}
}

// accumulate adds, for pairs i ∈ [lo,hi), Π_k f_k(ρ_<j, X, i) into
// acc[term·(d+1)+X] for X ∈ {0, 2, …, d}. Allocates only its scratch.
func (e *engine) accumulate(acc []fr.Element, lo, hi int) {
	d := e.d
	w := d + 1
	vals := make([]fr.Element, len(e.tables)*w) // vals[k·(d+1)+X] = f_k at X
	var prod fr.Element
	for i := lo; i < hi; i++ {
		for k, tab := range e.tables {
			var dst []fr.Element
			if e.pending {
				dst = e.spare[k]
			}
			e.loadPair(vals[k*w:(k+1)*w], tab, dst, i)
		}
		for ti, term := range e.form.Terms {
			a := acc[ti*w : (ti+1)*w]
			f0 := term.Factors[0] * w
			for X := 0; X <= d; X++ {
				if X == 1 {
					continue
				}
				prod = vals[f0+X]
				for _, k := range term.Factors[1:] {
					prod.Mul(&prod, &vals[k*w+X])
				}
				a[X].Add(&a[X], &prod)
			}
		}
	}
}

// accumulateEq is accumulate in eq mode: it adds eq(r_{>j},i)·Π(rest)(X,i)
// into acc[term·(d+1)+X] for X ∈ {0, 2, …, d−1} (and X = 1 if needOne).
func (e *engine) accumulateEq(acc []fr.Element, lo, hi int) {
	d := e.d
	w := max(d, 2) // values per table: X = 0..d−1 (at least the pair)
	vals := make([]fr.Element, len(e.tables)*w)
	var prod fr.Element
	for i := lo; i < hi; i++ {
		for k, tab := range e.tables {
			if tab == nil {
				continue
			}
			var dst []fr.Element
			if e.pending {
				dst = e.spare[k]
			}
			e.loadPair(vals[k*w:(k+1)*w], tab, dst, i)
		}
		wt := &e.suffix[i]
		for ti, fs := range e.rest {
			a := acc[ti*(d+1) : (ti+1)*(d+1)]
			for X := 0; X < d; X++ {
				if X == 1 && !e.needOne {
					continue
				}
				if len(fs) == 0 {
					a[X].Add(&a[X], wt)
					continue
				}
				prod = vals[fs[0]*w+X]
				for _, k := range fs[1:] {
					prod.Mul(&prod, &vals[k*w+X])
				}
				prod.Mul(&prod, wt)
				a[X].Add(&a[X], &prod)
			}
		}
	}
}

// eqPairsShape reports the shape eq·(c·f_1·g_1 + c·f_2·g_2 + …): degree 3,
// every term the eq factor times exactly two others, one coefficient c for
// all terms (the LogUp-GKR layers are eq·(p0·q1 + q0·h)).
func eqPairsShape(f *Form, rest [][]int) bool {
	if f.Degree != 3 || len(f.Terms) == 0 {
		return false
	}
	for ti, t := range f.Terms {
		if len(rest[ti]) != 2 || !t.Coeff.Equal(&f.Terms[0].Coeff) {
			return false
		}
	}
	return true
}

// accumulateEqPairs is accumulateEq for the eqPairsShape: since every term
// has the same coefficient, the terms are summed before the one
// multiplication by eq(r_{>j},i), and the whole sum goes to term 0's slots
// (the other terms' slots stay zero, so round combines the same total).
// Per pair and point X that is one product per term plus one, instead of
// two per term; the field sums, hence the proof, are unchanged.
func (e *engine) accumulateEqPairs(acc []fr.Element, lo, hi int) {
	const w = 3 // values per table: X = 0, 1, 2
	vals := make([]fr.Element, len(e.tables)*w)
	var s, prod fr.Element
	var a0, a1, a2 fr.Element
	for i := lo; i < hi; i++ {
		for k, tab := range e.tables {
			if tab == nil {
				continue
			}
			var dst []fr.Element
			if e.pending {
				dst = e.spare[k]
			}
			e.loadPair(vals[k*w:(k+1)*w], tab, dst, i)
		}
		wt := &e.suffix[i]
		for X := 0; X < w; X++ {
			if X == 1 && !e.needOne {
				continue
			}
			s.SetZero()
			for _, fs := range e.rest {
				prod.Mul(&vals[fs[0]*w+X], &vals[fs[1]*w+X])
				s.Add(&s, &prod)
			}
			s.Mul(&s, wt)
			switch X {
			case 0:
				a0.Add(&a0, &s)
			case 1:
				a1.Add(&a1, &s)
			default:
				a2.Add(&a2, &s)
			}
		}
	}
	acc[0].Add(&acc[0], &a0)
	acc[1].Add(&acc[1], &a1)
	acc[2].Add(&acc[2], &a2)
}

// bind records ρ_j (the fold happens in the next round or in finals) and
// sets the running claim to p_j(ρ_j).
func (e *engine) bind(coeffs []fr.Element, r fr.Element) {
	e.claim = EvalPoly(coeffs, r)
	e.rho = r
	e.pending = true
	if e.eqMode {
		lin := eqLinear(e.eqPoint[e.j], r)
		e.eqScale.Mul(&e.eqScale, &lin)
		// eq(r_{>j+1}, i) = eq(r_{>j}, (0,i)) + eq(r_{>j}, (1,i)).
		half := len(e.suffix) / 2
		for i := 0; i < half; i++ {
			e.suffix[i].Add(&e.suffix[2*i], &e.suffix[2*i+1])
		}
		e.suffix = e.suffix[:half]
	}
	e.j++
}

// finals returns each factor's value at the bound point (after n binds).
func (e *engine) finals() []fr.Element {
	out := make([]fr.Element, len(e.tables))
	for k, t := range e.tables {
		switch {
		case e.eqMode && k == e.eqFactor:
			out[k] = e.eqScale
		case e.pending:
			var d fr.Element
			d.Sub(&t[1], &t[0])
			d.Mul(&d, &e.rho)
			out[k].Add(&t[0], &d)
		default:
			out[k] = t[0]
		}
	}
	return out
}

// isProduct2 reports the fast-path shape: one term f_a·f_b (a ≠ b), d = 2.
func (e *engine) isProduct2() bool {
	terms := e.form.Terms
	return !e.eqMode && len(terms) == 1 && len(terms[0].Factors) == 2 && e.d == 2 && terms[0].Factors[0] != terms[0].Factors[1]
}

// accumulateProduct2 is accumulate for F = f_a·f_b with d = 2, written out
// with locals only: p(0) += a_0·b_0 and the leading coefficient
// c_2 += (a_1−a_0)·(b_1−b_0) (in slot 2; round converts it to p(2)).
func (e *engine) accumulateProduct2(acc []fr.Element, lo, hi, fa, fb int) {
	ta, tb := e.tables[fa], e.tables[fb]
	var a0, a1, b0, b1, t, s0, s2 fr.Element
	if !e.pending {
		for i := lo; i < hi; i++ {
			a0, a1, b0, b1 = ta[2*i], ta[2*i+1], tb[2*i], tb[2*i+1]
			t.Mul(&a0, &b0)
			s0.Add(&s0, &t)
			a1.Sub(&a1, &a0)
			b1.Sub(&b1, &b0)
			t.Mul(&a1, &b1)
			s2.Add(&s2, &t)
		}
	} else {
		da, db := e.spare[fa], e.spare[fb]
		rho := e.rho
		for i := lo; i < hi; i++ {
			// Fold the next level's pair i on the fly and store it.
			t.Sub(&ta[4*i+1], &ta[4*i]).Mul(&t, &rho)
			a0.Add(&ta[4*i], &t)
			t.Sub(&ta[4*i+3], &ta[4*i+2]).Mul(&t, &rho)
			a1.Add(&ta[4*i+2], &t)
			t.Sub(&tb[4*i+1], &tb[4*i]).Mul(&t, &rho)
			b0.Add(&tb[4*i], &t)
			t.Sub(&tb[4*i+3], &tb[4*i+2]).Mul(&t, &rho)
			b1.Add(&tb[4*i+2], &t)
			da[2*i], da[2*i+1], db[2*i], db[2*i+1] = a0, a1, b0, b1
			t.Mul(&a0, &b0)
			s0.Add(&s0, &t)
			a1.Sub(&a1, &a0)
			b1.Sub(&b1, &b0)
			t.Mul(&a1, &b1)
			s2.Add(&s2, &t)
		}
	}
	acc[0].Add(&acc[0], &s0)
	acc[2].Add(&acc[2], &s2)
}
