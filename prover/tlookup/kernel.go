package tlookup

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// The GKR layer kernel (sumcheck.RoundKernel) computes the round
// polynomials of Σ_x eq(r,x)·[p0·q1 + q0·h] (layerForm) — the same
// polynomials as the generic engine's eq mode, hence the same proof — with
// what the engine cannot know about these tables:
//   - Constant tails. Unused leaves are p = 0, q = 1 and the lookup
//     segments have p ≡ 1, so past some length most tables of the upper
//     layers are one constant (folding keeps a tail constant). A product
//     with one factor in its tail c is c·⟨w, data⟩ (an inner product, no
//     element-wise product); with both, c·c'·Σw. The top layer, half of all
//     the GKR work, is mostly q1 + λ·q0 this way.
//   - Vector kernels. Data is processed in chunks through gnark's
//     fr.Vector (AVX-512 IFMA where present): fold, products and the
//     eq-weighted sums as element-wise operations and inner products.
//
// Eq is factored out as in the engine (Gruen): p_j = C_j·eq(r_j,X)·q_j(X)
// with q_j(X) = Σ_i w_i·[p0·q1 + q0·h](X, i), w = eq(r_{>j}, ·).

// Kernel table indices (the layer's committed factors, in factor order).
const (
	tabP0 = iota
	tabQ1
	tabQ0
	tabH
	numTabs
)

// kernelChunk is the number of pairs per vector operation: the chunk's
// working vectors stay in L1/L2.
const kernelChunk = 256

// genScratch·kernelChunk entries per worker serve a generated table's
// generators: a top-layer table read through three foldViews of an hView
// of the leaves needs about 40 per pair read, a layer reading generated
// layer n−3 (views over views, 4 entries each per level) about as many.
const genScratch = 160

// kernelParallelPairs is the pair count below which a round stays on one
// goroutine (as the engine).
const kernelParallelPairs = 1 << 11

// tailTable is a table whose entries from its length on all equal tail.
// The entries below the length are stored (data) or, when gen is set,
// generated on demand (n of them, data nil): the leaf layer and the h
// tables are never stored, only computed where a round reads them.
type tailTable struct {
	data []fr.Element
	tail fr.Element
	gen  genFunc
	n    int
}

// genFunc writes entries [lo,hi) of a generated table into out[:hi−lo];
// tmp, when long enough, is scratch it may use (else it allocates). It is
// called from several goroutines at once.
type genFunc func(lo, hi int, out, tmp []fr.Element)

// newTailTable splits t (non-empty) into its data and its constant tail.
func newTailTable(t []fr.Element) tailTable {
	return tailTable{data: t[:len(t)-1], tail: t[len(t)-1]}.trimmed()
}

// trimmed moves the trailing data entries equal to the tail into the tail
// (a stored table; a generated one is returned as is).
func (t tailTable) trimmed() tailTable {
	n := len(t.data)
	for n > 0 && t.data[n-1].Equal(&t.tail) {
		n--
	}
	t.data = t.data[:n]
	return t
}

// length returns the number of entries before the tail.
func (t *tailTable) length() int {
	if t.gen != nil {
		return t.n
	}
	return len(t.data)
}

// at returns entry x.
func (t *tailTable) at(x int) *fr.Element {
	switch {
	case x >= t.length():
		return &t.tail
	case t.gen != nil:
		var v [1]fr.Element
		var tmp [atScratch]fr.Element
		t.gen(x, x+1, v[:], tmp[:])
		return &v[0]
	}
	return &t.data[x]
}

// atScratch is the generator scratch of one entry read (at): enough for
// every table the prover reads (3 generated layers, 4 stream rounds).
const atScratch = 64

// genFallbacks counts the generator calls whose scratch was too short
// (genTmp): the prover's own calls always pass enough, which a test checks
// (a silent fallback allocates per chunk, garbage the heap peak shows).
var genFallbacks atomic.Int64

// genTmp returns tmp if it holds need entries, else alloc fresh entries
// (counted in genFallbacks).
func genTmp(tmp []fr.Element, need, alloc int) []fr.Element {
	if len(tmp) >= need {
		return tmp
	}
	genFallbacks.Add(1)
	return make([]fr.Element, alloc)
}

// foldView returns t with its lowest variable bound to rho, generated where
// read (entry x = t[2x] + rho·(t[2x+1] − t[2x])): a generated table stays
// unstored through a round this way. Its generator uses 4·(hi−lo) entries
// of tmp, and t's generator the rest.
func foldView(t tailTable, rho fr.Element) tailTable {
	gen := func(lo, hi int, out, tmp []fr.Element) {
		m := hi - lo
		tmp = genTmp(tmp, 4*m, 8*m)
		in, t0, t1 := tmp[:2*m], fr.Vector(tmp[2*m:3*m]), fr.Vector(tmp[3*m:4*m])
		cv := t.chunkTmp(2*lo, 2*hi, in, tmp[4*m:])
		o := fr.Vector(out[:m])
		if cv.constant {
			for i := range o {
				o[i] = cv.c
			}
			return
		}
		for i := range t0 {
			t0[i], t1[i] = cv.v[2*i], cv.v[2*i+1]
		}
		t1.Sub(t1, t0)
		t1.ScalarMul(t1, &rho)
		o.Add(t0, t1)
	}
	return tailTable{tail: t.tail, n: (t.length() + 1) / 2, gen: gen}
}

// read returns entries [lo,hi) (hi ≤ length): the stored data, or the
// entries generated into buf (tmp is the generator's scratch).
func (t *tailTable) read(lo, hi int, buf, tmp []fr.Element) []fr.Element {
	if t.gen == nil {
		return t.data[lo:hi]
	}
	out := buf[:hi-lo]
	t.gen(lo, hi, out, tmp)
	return out
}

// layerScratch is the memory one proof's layer kernels share (they run one
// after another): the eq suffix table, per-worker chunk vectors, and the
// fold buffers, two per table, taken from a pool of dead memory. The tree
// layers are donated to the pool once the sumcheck reading them is done
// (layer k's, when layer k's sumcheck starts), so the layers' folds run in
// the tree's own memory and allocate (and fault in) little of their own.
type layerScratch struct {
	fold    [numTabs][2][]fr.Element // the current kernel's fold buffers
	pool    [][]fr.Element           // free memory, in pieces
	suffix  []fr.Element             // the eq suffix table, once stored
	workers []*chunkBufs
}

// donate adds mem, memory nothing reads any more, to the pool.
func (s *layerScratch) donate(mem []fr.Element) {
	if len(mem) > 0 {
		s.pool = append(s.pool, mem[:len(mem):len(mem)])
	}
}

// release returns the fold buffers to the pool (the next kernel starts).
func (s *layerScratch) release() {
	for t := range s.fold {
		for w := range s.fold[t] {
			s.donate(s.fold[t][w])
			s.fold[t][w] = nil
		}
	}
}

// take returns n entries from the smallest pool piece that holds them (the
// rest of the piece stays in the pool), or fresh memory.
func (s *layerScratch) take(n int) []fr.Element {
	best := -1
	for i, m := range s.pool {
		if len(m) >= n && (best < 0 || len(m) < len(s.pool[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]fr.Element, n)
	}
	m := s.pool[best]
	if len(m) == n {
		s.pool = slices.Delete(s.pool, best, best+1)
	} else {
		s.pool[best] = m[n:]
	}
	return m[:n:n]
}

// foldBuf returns table t's fold buffer which (0 or 1) with n entries; a
// kernel keeps its buffers (shrinking) until release.
func (s *layerScratch) foldBuf(t, which, n int) []fr.Element {
	if cap(s.fold[t][which]) < n {
		s.donate(s.fold[t][which])
		s.fold[t][which] = s.take(n)
	}
	return s.fold[t][which][:n]
}

func (s *layerScratch) worker(w int) *chunkBufs {
	for len(s.workers) <= w {
		s.workers = append(s.workers, newChunkBufs())
	}
	return s.workers[w]
}

// chunkBufs holds one worker's vectors for one chunk of pairs.
type chunkBufs struct {
	s      [4]fr.Vector          // stride-4 split of a table's stored entries
	v      [numTabs][3]fr.Vector // per table: its values at X = 0, 1, 2
	t, u   fr.Vector
	w      fr.Vector    // a chunk of split eq weights
	g, gen []fr.Element // a generated table's entries and its scratch
}

func newChunkBufs() *chunkBufs {
	c := &chunkBufs{t: make(fr.Vector, kernelChunk), u: make(fr.Vector, kernelChunk), w: make(fr.Vector, kernelChunk),
		g: make([]fr.Element, 4*kernelChunk), gen: make([]fr.Element, genScratch*kernelChunk)}
	for i := range c.s {
		c.s[i] = make(fr.Vector, kernelChunk)
	}
	for t := range c.v {
		for x := range c.v[t] {
			c.v[t][x] = make(fr.Vector, kernelChunk)
		}
	}
	return c
}

// kernelAcc is one worker's partial sums for a round: q_j(X) for X = 0, 1, 2.
type kernelAcc struct {
	x [3]fr.Element
}

// layerKernel is one layer's sumcheck state.
type layerKernel struct {
	r      []fr.Element // eq point, one coordinate per round
	j      int
	scale  fr.Element   // C_j = Π_{k<j} eq(r_k, ρ_k)
	suffix []fr.Element // w = eq(r_{>j}, ·) for the pairs of round j, once stored
	// While split (the first streamRounds rounds of a large layer), w is
	// not stored: w(i) = eqLo[i mod 2^loBits]·eqHi[i >> loBits], both over
	// r_{>j}, and a chunk of w is computed where read (weights).
	split      bool
	loBits     int
	eqLo, eqHi []fr.Element
	tabs       [numTabs]tailTable
	size       int  // logical length of the stored tables
	pending    bool // the stored tables still need folding with rho
	rho        fr.Element
	scratch    *layerScratch
	flip       int // fold buffer the next fold writes
	watches    []watch
	// streamRounds > 1 keeps generated tables unstored (foldView) through
	// the first streamRounds−1 folds: the first stored table is then
	// 2^(streamRounds−1) times smaller, for as many more generations.
	streamRounds int
	folded       [numTabs]int // foldViews wrapped around table t
	// h = hP1 + hLambda·q1 while hDerived (setDerivedH).
	hP1     *tailTable
	hLambda fr.Element
}

// watch asks for entry index of table tab once rounds variables are bound:
// the table's MLE over its low rounds coordinates at ρ_<rounds, for the
// block index (the leaf columns' values fall out of the top layer this way).
type watch struct {
	rounds, tab, index int
	out                *fr.Element
}

// watch records *out = entry index of table tab after rounds binds.
func (k *layerKernel) watch(rounds, tab, index int, out *fr.Element) {
	if rounds == 0 {
		*out = *k.tabs[tab].at(index)
		return
	}
	k.watches = append(k.watches, watch{rounds, tab, index, out})
}

// newLayerKernel starts the kernel for eq point r over the given tables
// (factor order p0, q1, q0, h; each of logical length 2^len(r)), which it
// never writes.
func newLayerKernel(r []fr.Element, tables [numTabs]tailTable, scratch *layerScratch) *layerKernel {
	k := &layerKernel{r: r, size: mle.Size(len(r)), scratch: scratch, tabs: tables}
	scratch.release()
	k.scale.SetOne()
	return k
}

// splitMinVars is the fewest eq suffix variables for which the first
// rounds use the split eq (below, w is at most 2^11 entries: stored).
const splitMinVars = 12

// prepareWeights sets up w = eq(r_{>j}, ·) for round j: split during the
// first max(streamRounds, 1) rounds of a layer with a large suffix, else
// stored in the scratch (computed once, then halved by Bind).
func (k *layerKernel) prepareWeights() {
	m := len(k.r) - 1 - k.j // suffix variables
	if k.j < max(k.streamRounds, 1) && m >= splitMinVars {
		k.split, k.loBits = true, m/2
		k.eqLo = mle.EqTable(k.r[k.j+1 : k.j+1+k.loBits])
		k.eqHi = mle.EqTable(k.r[k.j+1+k.loBits:])
		return
	}
	if k.suffix != nil && !k.split {
		return // stored and kept current by Bind
	}
	k.split, k.eqLo, k.eqHi = false, nil, nil
	n := mle.Size(m)
	if cap(k.scratch.suffix) < n { // from the pool (dead tree layers) if it can
		k.scratch.donate(k.scratch.suffix)
		k.scratch.suffix = k.scratch.take(n)
	}
	k.suffix = k.scratch.suffix[:n]
	mle.EqTableVectorInto(k.suffix, k.r[k.j+1:])
}

// weights returns w on the pairs [lo,hi): the stored suffix, or (split)
// the products computed into buf.
func (k *layerKernel) weights(buf fr.Vector, lo, hi int) fr.Vector {
	if !k.split {
		return k.suffix[lo:hi]
	}
	w := buf[:hi-lo]
	mask := 1<<k.loBits - 1
	for c := lo; c < hi; {
		e := min(hi, (c|mask)+1) // the end of c's block of 2^loBits
		seg := w[c-lo : e-lo]
		seg.ScalarMul(k.eqLo[c&mask:(e-1)&mask+1], &k.eqHi[c>>k.loBits])
		c = e
	}
	return w
}

// weight returns w(i).
func (k *layerKernel) weight(i int) fr.Element {
	if !k.split {
		return k.suffix[i]
	}
	var w fr.Element
	w.Mul(&k.eqLo[i&(1<<k.loBits-1)], &k.eqHi[i>>k.loBits])
	return w
}

// bounds returns, for table t in the current round, the first pair that is
// not entirely data and the first pair entirely in the tail.
func (k *layerKernel) bounds(t int) (full, tail int) {
	n := k.tabs[t].length()
	if k.pending {
		return n / 4, (n + 3) / 4
	}
	return n / 2, (n + 1) / 2
}

// breakpoints returns the sorted pair indices in [0,half] where some
// table's status changes (data → mixed → tail): between two consecutive
// ones every table is entirely data, entirely tail, or (one pair) mixed.
func (k *layerKernel) breakpoints(half int) []int {
	pts := []int{0, half}
	for t := range k.tabs {
		full, tail := k.bounds(t)
		pts = append(pts, min(full, half), min(tail, half))
	}
	slices.Sort(pts)
	return slices.Compact(pts)
}

// accumulate adds the pairs [lo,hi) of the round into acc, run by run.
func (k *layerKernel) accumulate(acc *kernelAcc, bufs *chunkBufs, lo, hi int, pts []int, dst [numTabs][]fr.Element, needOne bool) {
	for p := 0; p+1 < len(pts); p++ {
		s, e := max(lo, pts[p]), min(hi, pts[p+1])
		if s >= e {
			continue
		}
		var data [numTabs]bool
		mixed := false
		for t := range k.tabs {
			full, tail := k.bounds(t)
			switch {
			case e <= full:
				data[t] = true
			case s >= tail:
			default:
				mixed = true
			}
		}
		if mixed {
			k.mixed(acc, s, e, dst, needOne)
		} else {
			k.vector(acc, bufs, s, e, data, dst, needOne)
		}
	}
}

// Round implements sumcheck.RoundKernel.
func (k *layerKernel) Round(coeffs []fr.Element, claim fr.Element) {
	half := k.size / 2
	if k.pending {
		half /= 2
	}
	rj := k.r[k.j]
	k.prepareWeights()
	needOne := sumcheck.EqNeedsOne(rj, k.scale)
	var dst [numTabs][]fr.Element
	var keep [numTabs]bool // generated, and stays so through this fold
	if k.pending {
		for t := range k.tabs {
			if keep[t] = k.tabs[t].gen != nil && k.folded[t]+1 < k.streamRounds; !keep[t] {
				dst[t] = k.scratch.foldBuf(t, k.flip, (k.tabs[t].length()+1)/2)
			}
		}
	}
	pts := k.breakpoints(half)
	workers := 1
	if half >= kernelParallelPairs {
		workers = runtime.GOMAXPROCS(0)
	}
	accs := make([]kernelAcc, workers)
	chunk := (half + workers - 1) / workers
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, half)
		if lo >= hi {
			continue
		}
		bufs := k.scratch.worker(w)
		run := func() { k.accumulate(&accs[w], bufs, lo, hi, pts, dst, needOne) }
		if workers == 1 {
			run()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			run()
		}()
	}
	wg.Wait()
	if k.pending {
		for t := range k.tabs {
			if keep[t] {
				k.tabs[t] = foldView(k.tabs[t], k.rho)
				k.folded[t]++
			} else {
				k.tabs[t] = tailTable{data: dst[t], tail: k.tabs[t].tail}
			}
		}
		k.size /= 2
		k.pending = false
		k.flip ^= 1
	}

	q := make([]fr.Element, 4)
	for w := range accs {
		for X := range accs[w].x {
			q[X].Add(&q[X], &accs[w].x[X])
		}
	}
	sumcheck.EqRoundCoeffs(coeffs, q, rj, k.scale, claim, needOne)
}

// loadFull writes table t's values at X = 0, 1 (and 2 when want2) for the
// pairs [lo,hi) of the round, all data, into v, folding the pending
// challenge first (and storing the folded entries into dst). For h still
// in its generated form (hDerived), q1's values already in v (or its tail)
// stand in for h's own q1 part: h = p1 + λ·q1 costs a load of p1 and one
// product per value, not a second generation of q1.
func (k *layerKernel) loadFull(bufs *chunkBufs, t, lo, hi int, dst []fr.Element, want2, q1Loaded bool) {
	n := hi - lo
	v := &bufs.v[t]
	v0, v1 := v[0][:n], v[1][:n]
	derived := t == tabH && k.hDerived()
	width := 2
	if k.pending {
		width = 4
	}
	var src []fr.Element
	if derived { // p1's entries
		buf := bufs.g[:width*n]
		cv := k.hP1.chunkTmp(width*lo, width*hi, buf, bufs.gen)
		src = cv.v
		if cv.constant {
			for i := range buf {
				buf[i] = cv.c
			}
			src = buf
		}
	} else {
		src = k.tabs[t].read(width*lo, width*hi, bufs.g, bufs.gen)
	}
	if k.pending {
		s0, s1, s2, s3 := bufs.s[0][:n], bufs.s[1][:n], bufs.s[2][:n], bufs.s[3][:n]
		s1, s2, s3 = s1[:len(s0)], s2[:len(s0)], s3[:len(s0)]
		for i := range s0 {
			q := src[4*i : 4*i+4 : 4*i+4]
			s0[i], s1[i], s2[i], s3[i] = q[0], q[1], q[2], q[3]
		}
		s1.Sub(s1, s0)
		s1.ScalarMul(s1, &k.rho)
		v0.Add(s0, s1)
		s3.Sub(s3, s2)
		s3.ScalarMul(s3, &k.rho)
		v1.Add(s2, s3)
	} else {
		v1 = v1[:len(v0)]
		for i := range v0 {
			q := src[2*i : 2*i+2 : 2*i+2]
			v0[i], v1[i] = q[0], q[1]
		}
	}
	if derived { // + λ·q1
		if q1Loaded {
			for x, vx := range []fr.Vector{v0, v1} {
				u := bufs.u[:n]
				u.ScalarMul(bufs.v[tabQ1][x][:n], &k.hLambda)
				vx.Add(vx, u)
			}
		} else {
			var c fr.Element
			c.Mul(&k.tabs[tabQ1].tail, &k.hLambda)
			addConst(v0, &c)
			addConst(v1, &c)
		}
	}
	if k.pending && dst != nil {
		out := dst[2*lo : 2*hi]
		v1 = v1[:len(v0)]
		for i := range v0 {
			o := out[2*i : 2*i+2 : 2*i+2]
			o[0], o[1] = v0[i], v1[i]
		}
	}
	if want2 {
		v2 := v[2][:n]
		v2.Add(v1, v1)
		v2.Sub(v2, v0)
	}
}

// hDerived reports whether table h is still the generated p1 + λ·q1 over
// the kernel's own q1 table, unfolded (the first two rounds; setDerivedH).
func (k *layerKernel) hDerived() bool {
	return k.hP1 != nil && k.folded[tabH] == 0 && k.tabs[tabH].gen != nil && k.j <= 1
}

// setDerivedH tells the kernel that table h is hView(p1, tabs[tabQ1], λ).
func (k *layerKernel) setDerivedH(p1 tailTable, lambda fr.Element) {
	k.hP1, k.hLambda = &p1, lambda
}

// layerTerms are the layer's two products, p0·q1 and q0·h.
var layerTerms = [2][2]int{{tabP0, tabQ1}, {tabQ0, tabH}}

// vector accumulates the pairs [lo,hi), on which each table is entirely
// data (data[t]) or entirely its tail, in chunks through fr.Vector: a
// product of two data tables is an element-wise product, one with a tail
// factor c is c·⟨w, data⟩, two tails are c·c'·Σw.
func (k *layerKernel) vector(acc *kernelAcc, bufs *chunkBufs, lo, hi int, data [numTabs]bool, dst [numTabs][]fr.Element, needOne bool) {
	var want2 [numTabs]bool
	for _, tm := range layerTerms {
		if data[tm[0]] && data[tm[1]] {
			want2[tm[0]], want2[tm[1]] = true, true
		}
	}
	for c := lo; c < hi; c += kernelChunk {
		e := min(c+kernelChunk, hi)
		n := e - c
		for t := range k.tabs {
			if data[t] {
				k.loadFull(bufs, t, c, e, dst[t], want2[t], data[tabQ1])
			}
		}
		w := k.weights(bufs.w, c, e)
		var sumW fr.Element
		var ip [numTabs][3]fr.Element // ⟨w, t(X)⟩ where needed
		var haveIP [numTabs]bool
		for _, tm := range layerTerms {
			switch {
			case data[tm[0]] && data[tm[1]]:
			case data[tm[0]] || data[tm[1]]:
				t := tm[0]
				if !data[t] {
					t = tm[1]
				}
				if !haveIP[t] {
					v0, v1 := bufs.v[t][0][:n], bufs.v[t][1][:n]
					ip[t][0], ip[t][1] = v0.InnerProduct(w), v1.InnerProduct(w)
					ip[t][2].Double(&ip[t][1]).Sub(&ip[t][2], &ip[t][0])
					haveIP[t] = true
				}
			default:
				if sumW.IsZero() {
					sumW = w.Sum()
				}
			}
		}
		tv, uv := bufs.t[:n], bufs.u[:n]
		for X := 0; X < 3; X++ {
			if X == 1 && !needOne {
				continue
			}
			var total, t fr.Element
			vec := false
			for _, tm := range layerTerms {
				a, b := tm[0], tm[1]
				switch {
				case data[a] && data[b]:
					if !vec {
						tv.Mul(bufs.v[a][X][:n], bufs.v[b][X][:n])
						vec = true
					} else {
						uv.Mul(bufs.v[a][X][:n], bufs.v[b][X][:n])
						tv.Add(tv, uv)
					}
				case data[a]:
					t.Mul(&ip[a][X], &k.tabs[b].tail)
					total.Add(&total, &t)
				case data[b]:
					t.Mul(&ip[b][X], &k.tabs[a].tail)
					total.Add(&total, &t)
				default:
					t.Mul(&k.tabs[a].tail, &k.tabs[b].tail)
					t.Mul(&t, &sumW)
					total.Add(&total, &t)
				}
			}
			if vec {
				t = tv.InnerProduct(w)
				total.Add(&total, &t)
			}
			acc.x[X].Add(&acc.x[X], &total)
		}
	}
}

// pair returns table t's folded pair i (entries 2i, 2i+1 of the round's
// table), folding the pending challenge and storing into dst as needed.
func (k *layerKernel) pair(t, i int, dst []fr.Element) (v0, v1 fr.Element) {
	tab := &k.tabs[t]
	if !k.pending {
		return *tab.at(2 * i), *tab.at(2*i + 1)
	}
	var out [2]fr.Element
	for h := range out {
		m := 2*i + h
		a := tab.at(2 * m)
		out[h].Sub(tab.at(2*m+1), a)
		out[h].Mul(&out[h], &k.rho)
		out[h].Add(&out[h], a)
		if m < len(dst) {
			dst[m] = out[h]
		}
	}
	return out[0], out[1]
}

// mixed accumulates pairs of any shape, one at a time (the few pairs where
// a table's data ends, and the runs between regions).
func (k *layerKernel) mixed(acc *kernelAcc, lo, hi int, dst [numTabs][]fr.Element, needOne bool) {
	var vals [numTabs][3]fr.Element
	var s, prod fr.Element
	for i := lo; i < hi; i++ {
		for t := range k.tabs {
			v := &vals[t]
			v[0], v[1] = k.pair(t, i, dst[t])
			v[2].Double(&v[1]).Sub(&v[2], &v[0])
		}
		for X := 0; X < 3; X++ {
			if X == 1 && !needOne {
				continue
			}
			s.Mul(&vals[tabP0][X], &vals[tabQ1][X])
			prod.Mul(&vals[tabQ0][X], &vals[tabH][X])
			s.Add(&s, &prod)
			w := k.weight(i)
			s.Mul(&s, &w)
			acc.x[X].Add(&acc.x[X], &s)
		}
	}
}

// Bind implements sumcheck.RoundKernel.
func (k *layerKernel) Bind(rho fr.Element) {
	k.scale = sumcheck.EqBindScale(k.scale, k.r[k.j], rho)
	// eq(r_{>j+1}, i) = eq(r_{>j}, (0,i)) + eq(r_{>j}, (1,i)) (a split w
	// is set up afresh by the next round).
	if !k.split {
		half := len(k.suffix) / 2
		for i := 0; i < half; i++ {
			k.suffix[i].Add(&k.suffix[2*i], &k.suffix[2*i+1])
		}
		k.suffix = k.suffix[:half]
	}
	k.rho = rho
	k.pending = true
	k.j++
	// The stored tables have ρ_<j−1 bound; fold ρ_{j−1} into each watched pair.
	for _, w := range k.watches {
		if w.rounds == k.j {
			tab := &k.tabs[w.tab]
			a := tab.at(2 * w.index)
			var d fr.Element
			d.Sub(tab.at(2*w.index+1), a)
			d.Mul(&d, &rho)
			w.out.Add(a, &d)
		}
	}
}

// Finals implements sumcheck.RoundKernel: eq, p0, q1, q0, h at ρ.
func (k *layerKernel) Finals() []fr.Element {
	out := make([]fr.Element, numFactors)
	out[facEq] = k.scale
	for t := range k.tabs {
		tab := &k.tabs[t]
		v := *tab.at(0)
		if k.pending {
			var d fr.Element
			d.Sub(tab.at(1), &v)
			d.Mul(&d, &k.rho)
			v.Add(&v, &d)
		}
		out[facP0+t] = v
	}
	return out
}
