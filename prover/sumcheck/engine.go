package sumcheck

import (
	"runtime"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
)

// engine computes the round polynomials of PROTOCOL §5.1 for a Polynomial in
// the clear: evaluate p_j at X = 0..d, interpolate coefficients, fold every
// table with ρ_j (binding x_0 first). It never touches the transcript.
type engine struct {
	form   *Form
	d      int
	tables [][]fr.Element // current tables (the caller's until the first fold)
	spare  [][]fr.Element // ping-pong buffers, one per factor
	claim  fr.Element     // p_{j−1}(ρ_{j−1}); S before round 0
	evals  []fr.Element   // scratch: p_j(0..d)
}

// parallelPairs is the pair count below which a round stays on one goroutine.
const parallelPairs = 1 << 11

func newEngine(p *Polynomial, claim fr.Element) *engine {
	size := mle.Size(p.Form.NumVars)
	e := &engine{form: p.Form, d: p.Form.Degree, claim: claim, evals: make([]fr.Element, p.Form.Degree+1)}
	e.tables = make([][]fr.Element, len(p.Tables))
	for k, t := range p.Tables {
		if len(t) < size {
			padded, _ := mle.Pad(t, p.Form.NumVars) // length checked by Validate
			t = padded
		}
		e.tables[k] = t
	}
	return e
}

// round returns the coefficients of p_j into coeffs (length d+1).
// p_j(1) is not computed: it equals claim − p_j(0) for an honest prover,
// which saves one product per pair.
func (e *engine) round(coeffs []fr.Element) {
	half := len(e.tables[0]) / 2
	d := e.d
	nt := len(e.form.Terms)
	workers := 1
	if half >= parallelPairs {
		workers = runtime.GOMAXPROCS(0)
	}
	partial := make([][]fr.Element, workers) // per worker: nt·(d+1) accumulators
	var wg sync.WaitGroup
	chunk := (half + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, half)
		partial[w] = make([]fr.Element, nt*(d+1))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func(acc []fr.Element) {
			defer wg.Done()
			e.accumulate(acc, lo, hi)
		}(partial[w])
	}
	wg.Wait()
	for X := 0; X <= d; X++ {
		e.evals[X].SetZero()
	}
	var t fr.Element
	for ti, term := range e.form.Terms {
		for X := 0; X <= d; X++ {
			if X == 1 {
				continue
			}
			var s fr.Element
			for w := range partial {
				s.Add(&s, &partial[w][ti*(d+1)+X])
			}
			t.Mul(&s, &term.Coeff)
			e.evals[X].Add(&e.evals[X], &t)
		}
	}
	e.evals[1].Sub(&e.claim, &e.evals[0])
	interpolate(coeffs, e.evals)
}

// accumulate adds, for pairs i ∈ [lo,hi), Π_k f_k(ρ_<j, X, i) into
// acc[term·(d+1)+X] for X ∈ {0, 2, …, d}. Allocates only its scratch.
func (e *engine) accumulate(acc []fr.Element, lo, hi int) {
	d := e.d
	nf := len(e.tables)
	vals := make([]fr.Element, nf*(d+1)) // vals[k·(d+1)+X] = f_k at X
	var diff, prod fr.Element
	for i := lo; i < hi; i++ {
		for k, tab := range e.tables {
			v := vals[k*(d+1) : (k+1)*(d+1)]
			v[0] = tab[2*i]
			v[1] = tab[2*i+1]
			diff.Sub(&v[1], &v[0])
			for X := 2; X <= d; X++ {
				v[X].Add(&v[X-1], &diff)
			}
		}
		for ti, term := range e.form.Terms {
			a := acc[ti*(d+1) : (ti+1)*(d+1)]
			f0 := term.Factors[0] * (d + 1)
			for X := 0; X <= d; X++ {
				if X == 1 {
					continue
				}
				prod = vals[f0+X]
				for _, k := range term.Factors[1:] {
					prod.Mul(&prod, &vals[k*(d+1)+X])
				}
				a[X].Add(&a[X], &prod)
			}
		}
	}
	_ = nf
}

// bind folds every table with r and sets the running claim to p_j(r).
func (e *engine) bind(coeffs []fr.Element, r fr.Element) {
	e.claim = EvalPoly(coeffs, r)
	half := len(e.tables[0]) / 2
	if e.spare == nil {
		e.spare = make([][]fr.Element, len(e.tables))
		for k := range e.spare {
			e.spare[k] = make([]fr.Element, half)
		}
		for k := range e.tables {
			mle.FoldInto(e.spare[k], e.tables[k], r)
			// The caller's table is never written; from now on the engine
			// ping-pongs between its own buffers.
			e.tables[k], e.spare[k] = e.spare[k][:half], make([]fr.Element, half/2)
		}
		return
	}
	for k := range e.tables {
		mle.FoldInto(e.spare[k][:half], e.tables[k], r)
		e.tables[k], e.spare[k] = e.spare[k][:half], e.tables[k]
	}
}

// finals returns each factor's value at the bound point (after n binds).
func (e *engine) finals() []fr.Element {
	out := make([]fr.Element, len(e.tables))
	for k, t := range e.tables {
		out[k] = t[0]
	}
	return out
}
