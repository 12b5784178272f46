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
// round reads the unfolded tables block by block (vecBlock pairs), folds
// each block with fr.Vector kernels, stores it and runs the form's kernel on
// it while it is in cache — one pass over memory per round. The fold
// destinations come from a Scratch (the caller's, the DLCProver's, or one
// from a process-wide pool), so sumchecks after the first reuse memory that
// is already mapped.
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
	claim   fr.Element     // p_{j−1}(ρ_{j−1}); S before round 0
	evals   []fr.Element   // scratch: p_j(0..d)
	cur     [][]fr.Element // this round's tables: the fold destinations while pending, else tables
	work    []*workspace   // per worker, reused every round
	kind    kernel         // which accumulate kernel the form selects

	// Eq mode.
	eqMode   bool
	eqFactor int
	eqPoint  []fr.Element
	eqScale  fr.Element   // C_j = Π_{k<j} eq(r_k, ρ_k)
	suffix   []fr.Element // eq(r_{>j}, i) for the pairs i of round j
	rest     [][]int      // per term: its factors other than the eq factor
	j        int          // current round
	qEvals   []fr.Element // scratch: q_j(0..d)
	qCoeffs  []fr.Element // scratch
	needOne  bool         // eq mode: compute q_j(1) directly this round
	scratch  *Scratch     // source of the fold buffers: Polynomial.Scratch, else one from scratchPool
	pooled   bool         // scratch came from scratchPool (returned by finals)
	final    []fr.Element // finals' result, once computed
	eqPairs  bool         // eq mode, every term c·eq·f·g with one common c: see accumulateEqPairs
}

// parallelPairs is the pair count below which a round stays on one goroutine.
const parallelPairs = 1 << 11

// vecBlock is the number of pairs the kernels handle per block: each block
// of every table is split into its even and odd entries (contiguous, in
// cache) so that folds and products run through gnark's fr.Vector kernels
// (AVX-512 IFMA where the CPU has it) instead of one element at a time.
const vecBlock = 256

// kernel names the accumulate kernel of an engine.
type kernel int

const (
	kernelVector   kernel = iota // any form, plain or eq mode: fr.Vector products per point
	kernelProduct2               // f_a·f_b, d = 2: two inner products per block
	kernelScalar                 // any form, per pair and point: the reference (tests only)
)

// workspace is one worker's memory, kept across rounds: its partial sums,
// the views of the current block and the block buffers of the kernels.
type workspace struct {
	acc    []fr.Element   // acc[term·(d+1)+X]
	vals   []fr.Element   // generic kernels: f_k at X for the current pair
	lo, hi [][]fr.Element // per table: f_k(0, i) and f_k(1, i) for the block's pairs
	blk    []fr.Element   // fold and product scratch: 2 buffers of 2·vecBlock
	tab    []fr.Element   // per table 2·vecBlock: the caller's tables split (round 0)
	at     [][]fr.Element // kernelVector: per table, f_k(X, ·) for the current X
	diff   []fr.Element   // kernelVector: per table vecBlock, f_k(1,·) − f_k(0,·)
	vx     []fr.Element   // kernelVector: per table vecBlock, f_k(X,·) for X ≥ 2
}

func newEngine(p *Polynomial, claim fr.Element) *engine {
	size := mle.Size(p.Form.NumVars)
	e := &engine{form: p.Form, d: p.Form.Degree, claim: claim, length: size, evals: make([]fr.Element, p.Form.Degree+1)}
	e.tables = make([][]fr.Element, len(p.Tables))
	e.cur = make([][]fr.Element, len(p.Tables))
	e.scratch = p.Scratch
	if e.scratch == nil {
		e.scratch, e.pooled = scratchPool.Get(), true
	}
	if p.EqPoint != nil {
		e.eqMode, e.eqFactor, e.eqPoint = true, p.EqFactor, p.EqPoint
		e.eqScale.SetOne()
		if len(p.EqPoint) > 0 {
			e.suffix = e.buffer(suffixBuffer, mle.Size(len(p.EqPoint)-1))
			mle.EqTableInto(e.suffix, p.EqPoint[1:])
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
		if len(t) < size { // zero-padded copy (length checked by Validate)
			padded := e.buffer(padBuffer(len(p.Tables), k), size)
			copy(padded, t)
			clear(padded[len(t):])
			t = padded
		}
		e.tables[k] = t
	}
	if e.isProduct2() {
		e.kind = kernelProduct2
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
	for k, t := range e.tables {
		e.cur[k] = t
		if e.pending && t != nil {
			e.cur[k] = e.spare[k][:2*half]
		}
	}
	workers := 1
	if half >= parallelPairs {
		workers = runtime.GOMAXPROCS(0)
	}
	for len(e.work) < workers {
		e.work = append(e.work, &workspace{
			acc:  make([]fr.Element, nt*(d+1)),
			vals: make([]fr.Element, len(e.tables)*max(d+1, 2)),
			lo:   make([][]fr.Element, len(e.tables)),
			hi:   make([][]fr.Element, len(e.tables)),
			blk:  make([]fr.Element, 4*vecBlock),
			tab:  make([]fr.Element, len(e.tables)*2*vecBlock),
			at:   make([][]fr.Element, len(e.tables)),
			diff: make([]fr.Element, len(e.tables)*vecBlock),
			vx:   make([]fr.Element, len(e.tables)*vecBlock),
		})
	}
	var wg sync.WaitGroup
	// Chunks are whole blocks, so every block but the last is full.
	chunk := (half + workers - 1) / workers
	chunk = (chunk + vecBlock - 1) / vecBlock * vecBlock
	for w := 0; w < workers; w++ {
		ws := e.work[w]
		for i := range ws.acc {
			ws.acc[i].SetZero()
		}
		lo, hi := min(w*chunk, half), min((w+1)*chunk, half)
		if lo >= hi {
			continue
		}
		if workers == 1 {
			e.accumulateRange(ws, lo, hi)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.accumulateRange(ws, lo, hi)
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
				e.spare[k] = e.buffer(foldBuffer(k, 1), half)
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
				s.Add(&s, &e.work[w].acc[ti*(d+1)+X])
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
	if e.kind == kernelProduct2 {
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
				e.spare[k] = e.buffer(foldBuffer(k, 0), half)
			}
		}
	}
}

// suffixBuffer is the Scratch buffer of the eq-mode suffix table.
const suffixBuffer = 0

// foldBuffer is the Scratch buffer index of factor k's fold buffer
// which ∈ {0, 1} (the two halves of its ping-pong).
func foldBuffer(k, which int) int { return 1 + 2*k + which }

// scratchPool holds the fold space of finished sumchecks for the next
// ones, in this proof or the next: a 2^20 product sumcheck folds into
// 2·(2^19 + 2^18) elements (48 MiB), and fresh memory costs a page fault per
// 4 KiB on first write, which on these machines took longer than the folds
// themselves. A sync.Pool would not do: it loses an object put on one P and
// asked for on another, and drops everything at GCs, so a large Scratch was
// reallocated (and faulted in) by most sumchecks.
var scratchPool freeScratches

// maxIdleScratches bounds the idle fold spaces kept (one per concurrent
// proof that has finished); what they hold stays mapped for the next.
const maxIdleScratches = 4

// freeScratches is a small free list of Scratches.
type freeScratches struct {
	mu   sync.Mutex
	idle []*Scratch
}

// Get returns an idle Scratch, the most recently used first, or a new one.
func (f *freeScratches) Get() *Scratch {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := len(f.idle); n > 0 {
		s := f.idle[n-1]
		f.idle[n-1] = nil
		f.idle = f.idle[:n-1]
		return s
	}
	return NewScratch(0)
}

// Put makes s available to the next Get (or drops it when enough are idle).
func (f *freeScratches) Put(s *Scratch) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.idle) < maxIdleScratches {
		f.idle = append(f.idle, s)
	}
}

// padBuffer is the Scratch buffer index of the zero-padded copy of factor
// k's table, for a form with nf factors (after the fold buffers).
func padBuffer(nf, k int) int { return 1 + 2*nf + k }

// buffer returns Scratch buffer i of length n.
func (e *engine) buffer(i, n int) []fr.Element { return e.scratch.take(i, n) }

// withScratch returns poly, or a copy of it folding into the proof's
// Scratch when the caller gave none: every sumcheck of one proof (they run
// one after another on its transcript) reuses the same fold space.
func (p *DLCProver) withScratch(poly *Polynomial) *Polynomial {
	if poly.Scratch != nil || poly.Kernel != nil {
		return poly
	}
	if p.scratch == nil {
		p.scratch = scratchPool.Get()
	}
	q := *poly
	q.Scratch = p.scratch
	return &q
}

// releaseScratch hands the proof's fold space to the next proof (Close).
func (p *DLCProver) releaseScratch() {
	if p.scratch != nil {
		scratchPool.Put(p.scratch)
		p.scratch = nil
	}
}

// release returns a pooled Scratch (once); the engine's tables may point
// into it, so they are dropped too.
func (e *engine) release() {
	if e.pooled {
		e.pooled = false
		scratchPool.Put(e.scratch)
		e.scratch, e.tables, e.spare, e.cur, e.suffix = nil, nil, nil, nil, nil
	}
}

// accumulateRange adds the contributions of pairs [lo,hi) into ws.acc,
// block by block: first every table's block is made available split (its
// pairs' f(0,·) in ws.lo, f(1,·) in ws.hi, folding the pending challenge
// into e.cur first), then the form's kernel runs on the block.
//
// Layout: the caller's tables are in natural order (pair i at 2i, 2i+1).
// The engine's own tables (every table after the first fold) are stored
// split per chunk: each chunk of 2m entries (m = min(vecBlock, half)) holds
// the f(0,·) of its m pairs, then their f(1,·), so a block's views are the
// two halves of its chunk and the kernels read them without copying. Only
// the layout differs; every field value is the per-element code's.
func (e *engine) accumulateRange(ws *workspace, lo, hi int) {
	diffs := e.diffForm()
	for s := lo; s < hi; s += vecBlock {
		t := min(s+vecBlock, hi)
		m := t - s
		for k, tab := range e.tables {
			if tab == nil {
				continue
			}
			var chunk []fr.Element
			switch {
			case e.pending && e.owned:
				chunk = e.cur[k][2*s : 2*t]
				foldChunks(ws, chunk, tab[4*s:4*t], min(2*vecBlock, len(tab)), &e.rho, diffs)
			case e.pending:
				chunk = e.cur[k][2*s : 2*t]
				foldSplit(chunk, ws.blk[2*vecBlock:2*vecBlock+2*m], tab[4*s:4*t], &e.rho)
				toDiffs(chunk, diffs)
			case e.owned:
				chunk = tab[2*s : 2*t]
			default:
				chunk = ws.tab[k*2*vecBlock : k*2*vecBlock+2*m]
				split(chunk, tab[2*s:2*t])
				toDiffs(chunk, diffs)
			}
			ws.lo[k], ws.hi[k] = chunk[:m], chunk[m:]
		}
		switch {
		case e.kind == kernelProduct2:
			e.product2Block(ws)
		case e.kind == kernelVector:
			e.accumulateVec(ws, s, t)
		case e.eqMode && e.eqPairs:
			e.accumulateEqPairs(ws, s, t)
		case e.eqMode:
			e.accumulateEq(ws, s, t)
		default:
			e.accumulate(ws, s, t)
		}
	}
}

// diffForm reports the product kernel's table form: every split chunk
// (the engine's own tables and round 0's blocks) holds f(0,·) and then the
// differences f(1,·) − f(0,·) instead of f(1,·). The kernel needs exactly
// those, and a fold then costs one ScalarMul and one Add per entry
// (f(ρ,·) = f(0,·) + ρ·(f(1,·) − f(0,·))) plus one Sub per next-round pair
// to form the next differences: half the subtractions of the value form.
func (e *engine) diffForm() bool { return e.kind == kernelProduct2 }

// toDiffs turns a split chunk (f(0,·), then f(1,·)) into the difference
// form (f(0,·), then f(1,·) − f(0,·)) when on.
func toDiffs(chunk []fr.Element, on bool) {
	if !on {
		return
	}
	m := len(chunk) / 2
	lo, hi := fr.Vector(chunk[:m]), fr.Vector(chunk[m:])
	hi.Sub(hi, lo)
}

// split writes the even entries of src into dst[:m] and the odd ones into
// dst[m:2m], m = len(src)/2: pair i of src becomes (dst[i], dst[m+i]).
func split(dst, src []fr.Element) {
	m := len(src) / 2
	for i := 0; i < m; i++ {
		dst[i], dst[m+i] = src[2*i], src[2*i+1]
	}
}

// foldSplit folds one block of a table with rho: src holds 4m entries (m
// pairs of the next round, each from two pairs of this one); on return lo
// holds the 2m folded entries split (evens, then odds): f(ρ, 0, i) in
// lo[:m] and f(ρ, 1, i) in lo[m:2m]. f(ρ,·) = f(0,·) + ρ·(f(1,·) − f(0,·)),
// computed with fr.Vector's Sub, ScalarMul and Add; hi is scratch.
func foldSplit(lo, hi, src []fr.Element, rho *fr.Element) fr.Vector {
	m2 := len(src) / 2
	l, h := fr.Vector(lo[:m2]), fr.Vector(hi[:m2])
	m := m2 / 2
	for i := 0; i < m; i++ {
		l[i], h[i] = src[4*i], src[4*i+1]
		l[m+i], h[m+i] = src[4*i+2], src[4*i+3]
	}
	h.Sub(h, l)
	h.ScalarMul(h, rho)
	l.Add(l, h)
	return l
}

// foldChunks folds a block of one of the engine's own tables: src holds
// 4m entries in chunks of size cs (one or two chunks), each chunk's halves
// being f(0,·) and f(1,·) of its pairs (in the difference form, f(0,·) and
// f(1,·) − f(0,·)). Each chunk folds to lo + ρ·(hi − lo) (fr.Vector Sub,
// ScalarMul, Add; no Sub in the difference form), giving the next table's
// 2m entries in natural order, which dst receives split (one chunk, in the
// same form).
func foldChunks(ws *workspace, dst, src []fr.Element, cs int, rho *fr.Element, diffs bool) {
	next := fr.Vector(ws.blk[:len(dst)])
	for off := 0; off < len(src); off += cs {
		h := cs / 2
		lo, hi := fr.Vector(src[off:off+h]), fr.Vector(src[off+h:off+cs])
		diff := fr.Vector(ws.blk[2*vecBlock : 2*vecBlock+h])
		if diffs {
			diff.ScalarMul(hi, rho)
		} else {
			diff.Sub(hi, lo)
			diff.ScalarMul(diff, rho)
		}
		part := next[off/2 : off/2+h]
		part.Add(lo, diff)
	}
	split(dst, next)
	toDiffs(dst, diffs)
}

// loadPair writes f_k at X = 0..len(v)−1 into v, given f_k(0) and f_k(1).
func loadPair(v []fr.Element, f0, f1 *fr.Element) {
	v[0], v[1] = *f0, *f1
	var diff fr.Element
	diff.Sub(&v[1], &v[0])
	for X := 2; X < len(v); X++ {
		v[X].Add(&v[X-1], &diff)
	}
}

// accumulate adds, for pairs i ∈ [lo,hi), Π_k f_k(ρ_<j, X, i) into
// acc[term·(d+1)+X] for X ∈ {0, 2, …, d}.
func (e *engine) accumulate(ws *workspace, lo, hi int) {
	d := e.d
	w := d + 1
	vals, acc := ws.vals, ws.acc // vals[k·(d+1)+X] = f_k at X
	var prod fr.Element
	for i := lo; i < hi; i++ {
		for k := range e.cur {
			loadPair(vals[k*w:(k+1)*w], &ws.lo[k][i-lo], &ws.hi[k][i-lo])
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
func (e *engine) accumulateEq(ws *workspace, lo, hi int) {
	d := e.d
	w := max(d, 2) // values per table: X = 0..d−1 (at least the pair)
	vals, acc := ws.vals, ws.acc
	var prod fr.Element
	for i := lo; i < hi; i++ {
		for k, tab := range e.cur {
			if tab != nil {
				loadPair(vals[k*w:(k+1)*w], &ws.lo[k][i-lo], &ws.hi[k][i-lo])
			}
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
func (e *engine) accumulateEqPairs(ws *workspace, lo, hi int) {
	const w = 3 // values per table: X = 0, 1, 2
	vals := ws.vals
	var s, prod fr.Element
	var a0, a1, a2 fr.Element
	for i := lo; i < hi; i++ {
		for k, tab := range e.cur {
			if tab != nil {
				loadPair(vals[k*w:(k+1)*w], &ws.lo[k][i-lo], &ws.hi[k][i-lo])
			}
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
	acc := ws.acc
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
// It ends the engine: a pooled Scratch goes back to the pool, so no round
// or bind may follow (finals itself may be called again).
func (e *engine) finals() []fr.Element {
	if e.final == nil {
		e.final = e.computeFinals()
		e.release()
	}
	return append([]fr.Element(nil), e.final...)
}

func (e *engine) computeFinals() []fr.Element {
	out := make([]fr.Element, len(e.tables))
	for k, t := range e.tables {
		switch {
		case e.eqMode && k == e.eqFactor:
			out[k] = e.eqScale
		case e.pending:
			var d fr.Element
			if e.owned && e.diffForm() {
				d = t[1] // already f(1) − f(0)
			} else {
				d.Sub(&t[1], &t[0])
			}
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

// accumulateVec is the kernel for any form on the block [lo,hi) in ws,
// through fr.Vector kernels: for each point X it forms every factor's
// f_k(X,·) = f_k(X−1,·) + (f_k(1,·) − f_k(0,·)) as a vector, multiplies each
// term's factors elementwise (Mul) and adds the sum over the block (Sum, or
// in eq mode the inner product with eq(r_{>j},·)) into acc[term·(d+1)+X].
// The points are those of accumulate (X ≠ 1) or, in eq mode, of
// accumulateEq (X < d, X = 1 only if needOne); in the eqPairsShape the
// terms are summed before the one inner product, into term 0's slots, as
// accumulateEqPairs does. Same field sums as the per-pair kernels.
func (e *engine) accumulateVec(ws *workspace, lo, hi int) {
	m := hi - lo
	d := e.d
	points := d + 1
	var suffix fr.Vector
	if e.eqMode {
		points = d
		suffix = e.suffix[lo:hi]
	}
	prod := fr.Vector(ws.blk[:m])
	sum := fr.Vector(ws.blk[2*vecBlock : 2*vecBlock+m])
	var suffixSum fr.Element
	suffixSumDone := false
	for X := 0; X < points; X++ {
		if X == 1 && !(e.eqMode && e.needOne) {
			continue
		}
		for k := range e.cur {
			if e.cur[k] == nil {
				continue
			}
			switch X {
			case 0:
				ws.at[k] = ws.lo[k]
			case 1:
				ws.at[k] = ws.hi[k]
			default:
				diff := fr.Vector(ws.diff[k*vecBlock : k*vecBlock+m])
				vx := fr.Vector(ws.vx[k*vecBlock : k*vecBlock+m])
				if X == 2 {
					diff.Sub(ws.hi[k], ws.lo[k])
					vx.Add(ws.hi[k], diff)
				} else {
					vx.Add(vx, diff)
				}
				ws.at[k] = vx
			}
		}
		if e.eqMode && e.eqPairs {
			for ti, fs := range e.rest {
				if ti == 0 {
					sum.Mul(ws.at[fs[0]], ws.at[fs[1]])
				} else {
					prod.Mul(ws.at[fs[0]], ws.at[fs[1]])
					sum.Add(sum, prod)
				}
			}
			v := sum.InnerProduct(suffix)
			ws.acc[X].Add(&ws.acc[X], &v)
			continue
		}
		for ti, term := range e.form.Terms {
			fs := term.Factors
			if e.eqMode {
				fs = e.rest[ti]
			}
			var v fr.Element
			switch {
			case len(fs) == 0: // eq mode: the term is c·eq alone
				if !suffixSumDone {
					suffixSum, suffixSumDone = suffix.Sum(), true
				}
				v = suffixSum
			default:
				p := fr.Vector(ws.at[fs[0]])
				if len(fs) > 1 {
					prod.Mul(ws.at[fs[0]], ws.at[fs[1]])
					for _, k := range fs[2:] {
						prod.Mul(prod, ws.at[k])
					}
					p = prod
				}
				if e.eqMode {
					v = p.InnerProduct(suffix)
				} else {
					v = p.Sum()
				}
			}
			a := &ws.acc[ti*(d+1)+X]
			a.Add(a, &v)
		}
	}
}

// product2Block is the kernel for F = f_a·f_b with d = 2 on the block in
// ws, whose views hold the difference form (diffForm: ws.hi[k] is
// f_k(1,·) − f_k(0,·)): p(0) += ⟨a_0, b_0⟩ and the leading coefficient
// c_2 += ⟨a_1−a_0, b_1−b_0⟩ (in slot 2; round converts it to p(2)), two
// fr.Vector inner products.
func (e *engine) product2Block(ws *workspace) {
	t := e.form.Terms[0]
	fa, fb := t.Factors[0], t.Factors[1]
	a0, da := fr.Vector(ws.lo[fa]), fr.Vector(ws.hi[fa]) // difference form (diffForm)
	b0, db := fr.Vector(ws.lo[fb]), fr.Vector(ws.hi[fb])
	s0 := a0.InnerProduct(b0)
	s2 := da.InnerProduct(db)
	acc := ws.acc
	acc[0].Add(&acc[0], &s0)
	acc[2].Add(&acc[2], &s2)
}
