package tlookup

import (
	"math/big"
	"sort"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// compress returns β − (a + γ·b + γ²·τ) given γ² (PROTOCOL §6.1, §6.3).
func compress(beta, gamma, gamma2 *fr.Element, a, b, tag int64) fr.Element {
	var s, t fr.Element
	s.SetInt64(a)
	if b != 0 {
		t.SetInt64(b)
		t.Mul(&t, gamma)
		s.Add(&s, &t)
	}
	t.SetInt64(tag)
	t.Mul(&t, gamma2)
	s.Add(&s, &t)
	s.Sub(beta, &s)
	return s
}

// leafFiller computes leaf values segment by segment (PROTOCOL §6.3):
// lookup segments p = 1, q = β − (a + γb + γ²τ) (padding entries are (0,0));
// table segments p = −m, q = β − (t_in + γ·t_out + γ²τ).
type leafFiller struct {
	l                   *Layout
	w                   *Witness
	mult                multSource
	gamma, beta, gamma2 fr.Element
	// Integer columns convert through scaleInts: shift = 2^63, and
	// negR, negGammaR are −1 and −γ times R (Montgomery's 2^256 mod r).
	shift, negR, negGammaR fr.Element
	// tableQ[ti] is table ti's leaf q values, computed once (table
	// segments are read many times, and lookups gather from them; tables
	// are small beside the lookups). Its p = −m is converted from the
	// counts where read (one vector product per entry: storing it would
	// cost 32 B per table entry, 128 MiB for a 2^22 table). gather[i] reports that lookup i's integer column lies
	// in its table (every input an index, every output the table's), of
	// at most 2^gatherMaxLog entries: its q values are entries of tableQ.
	tableQ [][]fr.Element
	gather []bool
}

// gatherMaxLog bounds the tables whose lookups gather their q values: up
// to 2^gatherMaxLog entries (32 MiB) a load per leaf costs less than a
// conversion (measured at 2^16–2^20).
var gatherMaxLog = 20

// multSource is the multiplicities: counts (the prover's), or field
// elements (tests playing a prover who commits them after β).
type multSource struct {
	counts [][]uint64
	elems  [][]fr.Element
}

// countMult and elemMult wrap counts and field multiplicities.
func countMult(m [][]uint64) multSource    { return multSource{counts: m} }
func elemMult(m [][]fr.Element) multSource { return multSource{elems: m} }

// negInto sets p[i] = −m_ti[from+i]; negR is −R (R = 2^256 mod r): a count
// is a raw value below r, so one vector Montgomery product with −R both
// converts and negates it.
func (m multSource) negInto(ti, from int, p fr.Vector, negR *fr.Element) {
	if m.elems != nil {
		for i := range p {
			p[i].Neg(&m.elems[ti][from+i])
		}
		return
	}
	for i, c := range m.counts[ti][from : from+len(p)] {
		p[i] = fr.Element{c}
	}
	p.ScalarMul(p, negR)
}

// vector returns table ti's multiplicities as field elements.
func (m multSource) vector(ti int) []fr.Element {
	if m.elems != nil {
		return m.elems[ti]
	}
	out := make([]fr.Element, len(m.counts[ti]))
	for j, c := range m.counts[ti] {
		out[j].SetUint64(c)
	}
	return out
}

func (l *Layout) leafFiller(w *Witness, mult multSource, gamma, beta fr.Element) *leafFiller {
	f := &leafFiller{l: l, w: w, mult: mult, gamma: gamma, beta: beta}
	f.gamma2.Square(&gamma)
	f.shift.SetUint64(1 << 63)
	f.negR.SetBigInt(new(big.Int).Lsh(big.NewInt(1), 256))
	f.negR.Neg(&f.negR)
	f.negGammaR.Mul(&f.negR, &gamma)
	f.tableQ = make([][]fr.Element, len(l.Tables))
	for ti, t := range l.Tables {
		q := make([]fr.Element, t.Size())
		field.Parallel(len(q), func(lo, hi int) { f.tableQRange(ti, lo, hi, q[lo:hi]) })
		f.tableQ[ti] = q
	}
	f.gather = make([]bool, len(l.spec.Lookups))
	for i, lk := range l.spec.Lookups {
		f.gather[i] = lk.Table.LogSize() <= gatherMaxLog && !w.Columns[i].isField() && inTable(lk, w.Columns[i])
	}
	return f
}

// inTable reports whether every entry of the integer column col is an
// entry of lk's table (input an index, output the table's output).
func inTable(lk Lookup, col Column) bool {
	t := lk.Table
	ok := true
	var mu sync.Mutex
	field.Parallel(len(col.In), func(lo, hi int) {
		for j := lo; j < hi; j++ {
			idx, in := t.Index(col.In[j])
			if !in || (col.Out != nil && t.Out(idx) != col.Out[j]) {
				mu.Lock()
				ok = false
				mu.Unlock()
				return
			}
		}
	})
	return ok
}

// qInts sets q[i] = pad − in[i] − γ·out[i] (out nil: 0) from the integers,
// in blocks through a stack buffer for γ·out.
func (f *leafFiller) qInts(q []fr.Element, in, out []int64, pad *fr.Element) {
	var c fr.Element
	c.Add(pad, &f.shift) // pad − a = (pad + 2^63) − (a + 2^63)
	if out == nil {
		scaleInts(q, in, &f.negR)
		addConst(q, &c)
		return
	}
	var t fr.Element
	t.Mul(&f.shift, &f.gamma)
	c.Add(&c, &t)
	var buf [intBlock]fr.Element
	for lo := 0; lo < len(q); lo += intBlock {
		d := fr.Vector(q[lo:min(lo+intBlock, len(q))])
		tb := fr.Vector(buf[:len(d)])
		scaleInts(d, in[lo:], &f.negR)
		scaleInts(tb, out[lo:], &f.negGammaR)
		d.Add(d, tb)
		addConst(d, &c)
	}
}

// tableQRange writes table ti's leaf q values at its entries [lo,hi) into
// q: β − t_in − γ·t_out − γ²τ.
func (f *leafFiller) tableQRange(ti, lo, hi int, q []fr.Element) {
	t := f.l.Tables[ti]
	pad := compress(&f.beta, &f.gamma, &f.gamma2, 0, 0, f.l.Tag(ti))
	var in, out [intBlock]int64
	for c := lo; c < hi; c += intBlock {
		e := min(c+intBlock, hi)
		for j := c; j < e; j++ {
			in[j-c], out[j-c] = t.In(j), t.Out(j)
		}
		f.qInts(q[c-lo:e-lo], in[:e-c], out[:e-c], &pad)
	}
}

// intBlock is the number of entries per stack buffer when converting
// integer columns.
const intBlock = 256

// scaleInts sets dst[i] = c·(x[i] + 2^63) for i < len(dst), given cR = c·R
// (R = 2^256 mod r, the Montgomery constant): the shifted integer's bits
// are a non-negative raw value below r, and one vector Montgomery product
// with cR (AVX-512 IFMA where present) both converts and scales it.
func scaleInts(dst fr.Vector, x []int64, cR *fr.Element) {
	x = x[:len(dst)]
	for i, v := range x {
		dst[i] = fr.Element{uint64(v) ^ 1<<63}
	}
	dst.ScalarMul(dst, cR)
}

// addConst adds c to every entry of v.
func addConst(v []fr.Element, c *fr.Element) {
	for i := range v {
		v[i].Add(&v[i], c)
	}
}

// part returns s[lo:hi], or nil for a nil s.
func part(s []fr.Element, lo, hi int) []fr.Element {
	if s == nil {
		return nil
	}
	return s[lo:hi]
}

// fillRange writes the leaves of segment seg at its entries [from,to)
// into p[0:to−from] and q[0:to−from] on the calling goroutine; a nil p or q
// is skipped.
func (f *leafFiller) fillRange(seg segment, from, to int, p, q []fr.Element) {
	if from >= to {
		return
	}
	tag := f.l.Tag(seg.table)
	beta, gamma, gamma2 := &f.beta, &f.gamma, &f.gamma2
	if seg.lookup >= 0 {
		for i := range p[:min(len(p), to-from)] {
			p[i].SetOne()
		}
		if q == nil {
			return
		}
		col := f.w.Columns[seg.lookup]
		pad := compress(beta, gamma, gamma2, 0, 0, tag) // β − γ²τ
		q = q[:to-from]
		data := q[:max(min(to, col.len())-from, 0)]
		for i := len(data); i < len(q); i++ {
			q[i] = pad
		}
		switch {
		case len(data) == 0:
		case f.gather[seg.lookup]: // entries of the table's q values
			tq := f.tableQ[seg.table]
			off := -int(f.l.Tables[seg.table].In(0)) // index of input a: a + off
			for i, a := range col.In[from : from+len(data)] {
				data[i] = tq[int(a)+off]
			}
		case col.isField():
			var t fr.Element
			for i := range data {
				j := from + i
				data[i].Sub(&pad, &col.InElems[j])
				if col.OutElems != nil {
					t.Mul(&col.OutElems[j], gamma)
					data[i].Sub(&data[i], &t)
				}
			}
		default:
			var out []int64
			if col.Out != nil {
				out = col.Out[from:]
			}
			f.qInts(data, col.In[from:], out, &pad)
		}
		return
	}
	if p != nil {
		f.mult.negInto(seg.table, from, p[:to-from], &f.negR)
	}
	if q == nil {
		return
	}
	q = q[:to-from]
	if tq := f.tableQ[seg.table]; tq != nil {
		copy(q, tq[from:to])
		return
	}
	f.tableQRange(seg.table, from, to, q)
}

// genHalf writes entries [lo,hi) of half h's p (or q, when wantQ) into
// out; they must lie in segments (below the half's used leaves).
func (f *leafFiller) genHalf(h int, wantQ bool, lo, hi int, out []fr.Element) {
	base := h << (f.l.LogLeaves - 1)
	segs := f.l.segments
	abs, end := base+lo, base+hi
	i := sort.Search(len(segs), func(i int) bool { return int(segs[i].offset)+1<<segs[i].logSize > abs })
	for ; abs < end; i++ {
		off := int(segs[i].offset)
		e := min(end, off+1<<segs[i].logSize)
		dst := out[abs-base-lo : e-base-lo]
		if wantQ {
			f.fillRange(segs[i], abs-off, e-off, nil, dst)
		} else {
			f.fillRange(segs[i], abs-off, e-off, dst, nil)
		}
		abs = e
	}
}

// used returns the number of leaves the segments occupy (the rest are
// unused: p = 0, q = 1).
func (l *Layout) used() int {
	last := l.segments[len(l.segments)-1]
	return int(last.offset) + 1<<last.logSize
}

// halfLeaves is the leaf layer as its lower (x < 2^(n−1)) and upper half,
// each of p and q as a generated table with a constant tail: no leaf is
// stored; a run of lookup segments (p ≡ 1) or the unused leaves (p = 0,
// q = 1) at the end of a half is its tail. Every segment lies in one half
// (it is aligned and smaller than the tree), and the lower half is all
// segments.
type halfLeaves struct {
	p, q [2]tailTable
	// pq, when set (the halves of a generated layer, not the leaves),
	// generates half h's p and q entries together (pqGen), cheaper than
	// p and q apart: a layer's p needs its q's inputs anyway.
	pq [2]pqGen
}

// pqGen writes entries [lo,hi) of a generated layer's p and q into
// p[:hi−lo] and q[:hi−lo], for any range below the layer's size (entries
// past a table's length are its tail); tmp as for genFunc.
type pqGen func(lo, hi int, p, q, tmp []fr.Element)

// leafHalves describes the halves of the leaf layer; their entries are
// computed from the witness columns and multiplicities where read.
func (l *Layout) leafHalves(w *Witness, mult multSource, gamma, beta fr.Element) *halfLeaves {
	f := l.leafFiller(w, mult, gamma, beta)
	half := 1 << (l.LogLeaves - 1)
	used := l.used()
	hl := &halfLeaves{}
	for h := 0; h < 2; h++ {
		start, end := h*half, (h+1)*half
		// Where the constant tails of p and q begin: the unused leaves
		// (p = 0, q = 1), else a final run of lookup segments (p = 1).
		pEnd, qEnd := end, end
		var pTail, qTail fr.Element
		if used < end {
			pEnd, qEnd = max(used, start), max(used, start)
			qTail.SetOne()
		} else {
			segs := l.segments
			last := sort.Search(len(segs), func(i int) bool { return int(segs[i].offset) >= end }) - 1
			for i := last; i >= 0 && int(segs[i].offset) >= start && segs[i].lookup >= 0; i-- {
				pEnd = int(segs[i].offset)
			}
			pTail.SetOne()
		}
		hl.p[h] = tailTable{tail: pTail, n: pEnd - start, gen: func(lo, hi int, out, _ []fr.Element) { f.genHalf(h, false, lo, hi, out) }}
		hl.q[h] = tailTable{tail: qTail, n: qEnd - start, gen: func(lo, hi int, out, _ []fr.Element) { f.genHalf(h, true, lo, hi, out) }}
	}
	return hl
}

// hView returns h = p1 + λ·q1 (the upper halves of a layer's p and q) as a
// generated table: computed from p1 and q1 where read, never stored.
func hView(p1, q1 tailTable, lambda fr.Element) tailTable {
	var tail fr.Element
	tail.Mul(&q1.tail, &lambda)
	tail.Add(&tail, &p1.tail)
	lam := chunkView{constant: true, c: lambda}
	gen := func(lo, hi int, out, tmp []fr.Element) {
		out = out[:hi-lo]
		tmp = genTmp(tmp, len(out), len(out))
		m := len(out)
		mulInto(out, q1.chunkTmp(lo, hi, out, tmp[m:]), lam)
		if pv := p1.chunkTmp(lo, hi, tmp[:m], tmp[m:]); !pv.constant {
			ov := fr.Vector(out)
			ov.Add(ov, pv.v)
		} else if !pv.c.IsZero() {
			for i := range out {
				out[i].Add(&out[i], &pv.c)
			}
		}
	}
	return tailTable{tail: tail, n: max(p1.length(), q1.length()), gen: gen}
}

// tree holds every layer of the fractional-sum tree: layer k has 2^k
// entries, p_k(x) = p_{k+1}(x,0)·q_{k+1}(x,1) + p_{k+1}(x,1)·q_{k+1}(x,0) and
// q_k(x) = q_{k+1}(x,0)·q_{k+1}(x,1), where (x,b) is the index x + b·2^k
// (PROTOCOL §6.4). p[n], q[n] are the leaves; p[0][0] is the root.
//
// Built from the leaf halves (buildTreeHalves), neither the leaves nor the
// top generated layers (n−1, and n−2 for large trees: generatedLayers) are
// stored: their p[k], q[k] stay nil and views[k] holds their p and q as
// generated tables (layerViews), computed from the leaves where read.
type tree struct {
	p, q  [][]fr.Element
	views map[int][2]tailTable
}

// layer returns layer k's p and q as tables.
func (t *tree) layer(k int) (p, q tailTable) {
	if v, ok := t.views[k]; ok && t.p[k] == nil {
		return v[0], v[1]
	}
	return newTailTable(t.p[k]), newTailTable(t.q[k])
}

// slice returns entries [off, off+size) of t as a table: stored data is
// trimmed of its trailing entries equal to its last (a tail for the
// kernel), generated entries are read through t's generator.
func (t tailTable) slice(off, size int) tailTable {
	if t.gen == nil {
		d := t.data[min(off, len(t.data)):min(off+size, len(t.data))]
		if len(d) == size {
			return newTailTable(d)
		}
		return tailTable{data: d, tail: t.tail}.trimmed()
	}
	gen := func(lo, hi int, out, tmp []fr.Element) { t.gen(off+lo, off+hi, out, tmp) }
	return tailTable{tail: t.tail, n: min(max(t.length()-off, 0), size), gen: gen}
}

func buildTree(pLeaf, qLeaf []fr.Element, n int) *tree {
	t := &tree{p: make([][]fr.Element, n+1), q: make([][]fr.Element, n+1)}
	t.p[n], t.q[n] = pLeaf, qLeaf
	t.build(n)
	return t
}

// halvesOf splits a generated layer of 2·half entries (p, q and their
// joint generator pq) into its lower and upper halves, the shape
// layerViews reads.
func halvesOf(p, q tailTable, pq pqGen, half int) *halfLeaves {
	return &halfLeaves{
		p:  [2]tailTable{p.slice(0, half), p.slice(half, half)},
		q:  [2]tailTable{q.slice(0, half), q.slice(half, half)},
		pq: [2]pqGen{pq, func(lo, hi int, p, q, tmp []fr.Element) { pq(half+lo, half+hi, p, q, tmp) }},
	}
}

// layerViews returns the layer below the given halves as generated tables
// p = pLo·qHi + pHi·qLo and q = qLo·qHi, and pq generating both, chunk by
// chunk from the halves (the generators use 4·(hi−lo) entries of tmp, 5
// for pq, and pass the rest on to the halves' own generators).
func layerViews(hl *halfLeaves) (p, q tailTable, pq pqGen) {
	pLo, pHi, qLo, qHi := hl.p[0], hl.p[1], hl.q[0], hl.q[1]
	// halves reads the four halves' entries [lo,hi) into tmp[:4m]: through
	// the joint generators where there are some, else one table at a time
	// (constant tails cost nothing then).
	halves := func(lo, hi int, tmp []fr.Element) (pl, ph, ql, qh chunkView) {
		m := hi - lo
		rest := tmp[4*m:]
		if hl.pq[0] != nil {
			hl.pq[0](lo, hi, tmp[:m], tmp[m:2*m], rest)
			hl.pq[1](lo, hi, tmp[2*m:3*m], tmp[3*m:4*m], rest)
			return chunkView{v: tmp[:m]}, chunkView{v: tmp[2*m : 3*m]}, chunkView{v: tmp[m : 2*m]}, chunkView{v: tmp[3*m : 4*m]}
		}
		return pLo.chunkTmp(lo, hi, tmp[:m], rest), pHi.chunkTmp(lo, hi, tmp[2*m:3*m], rest),
			qLo.chunkTmp(lo, hi, tmp[m:2*m], rest), qHi.chunkTmp(lo, hi, tmp[3*m:4*m], rest)
	}
	// combine sets p = pl·qh + ph·ql (u: m entries of scratch), q = ql·qh.
	combine := func(p, q, u fr.Vector, pl, ph, ql, qh chunkView) {
		if p != nil {
			mulInto(p, pl, qh)
			mulInto(u, ph, ql)
			p.Add(p, u)
		}
		if q != nil {
			mulInto(q, ql, qh)
		}
	}
	pq = func(lo, hi int, p, q, tmp []fr.Element) {
		m := hi - lo
		tmp = genTmp(tmp, 5*m, 5*m)
		pl, ph, ql, qh := halves(lo, hi, tmp[m:])
		combine(part(p, 0, m), part(q, 0, m), tmp[:m], pl, ph, ql, qh)
	}
	pGen := func(lo, hi int, out, tmp []fr.Element) { pq(lo, hi, out, nil, tmp) }
	qGen := func(lo, hi int, out, tmp []fr.Element) {
		m := hi - lo
		tmp = genTmp(tmp, 2*m, 2*m)
		rest := tmp[2*m:]
		mulInto(out[:m], qLo.chunkTmp(lo, hi, tmp[:m], rest), qHi.chunkTmp(lo, hi, tmp[m:2*m], rest))
	}
	var pTail, qTail, t fr.Element
	pTail.Mul(&pLo.tail, &qHi.tail)
	t.Mul(&pHi.tail, &qLo.tail)
	pTail.Add(&pTail, &t)
	qTail.Mul(&qLo.tail, &qHi.tail)
	p = tailTable{tail: pTail, n: max(pLo.length(), pHi.length(), qLo.length(), qHi.length()), gen: pGen}
	q = tailTable{tail: qTail, n: max(qLo.length(), qHi.length()), gen: qGen}
	return p, q, pq
}

// genLayersMinLog[i] is the smallest tree (log of its leaves) whose top
// i+2 layers are generated: from 2^24 leaves layer n−2 as well as n−1
// (the stored tree halves: 16 B per leaf, not 32), from 2^26 layer n−3 too
// (8 B per leaf), each for more generation work in the top layers (see
// doc.go for the measured cost).
var genLayersMinLog = [2]int{24, 26}

// forceGenLayers, when positive, overrides the size rule (tests and the
// memory benchmark force either path at small n).
var forceGenLayers int

// generatedLayers returns how many tree layers below the leaves are
// generated, not stored, for a tree of 2^n leaves: 1 (layer n−1), 2 or 3
// by genLayersMinLog; always at least one stored layer (≤ n−2).
func generatedLayers(n int) int {
	g := 1
	for _, m := range genLayersMinLog {
		if n >= m {
			g++
		}
	}
	if forceGenLayers > 0 {
		g = forceGenLayers
	}
	return max(min(g, n-2), 1)
}

// buildTreeHalves is buildTree from the leaf halves: the top g layers
// (n−1 … n−g) are generated views (layerViews, each from the one above),
// layer n−g−1 is computed from the lowest view chunk by chunk, and the
// layers below from it (n ≥ g+1: a layout has at least 3 leaves).
func buildTreeHalves(hl *halfLeaves, n, g int) *tree {
	t := &tree{p: make([][]fr.Element, n+1), q: make([][]fr.Element, n+1), views: map[int][2]tailTable{}}
	pv, qv, pq := layerViews(hl)
	t.views[n-1] = [2]tailTable{pv, qv}
	for k := n - 2; k >= n-g; k-- {
		pv, qv, pq = layerViews(halvesOf(pv, qv, pq, 1<<k))
		t.views[k] = [2]tailTable{pv, qv}
	}
	// Layer n−g−1 is the next view's pq, stored.
	top := n - g - 1
	_, _, next := layerViews(halvesOf(pv, qv, pq, 1<<top))
	half := 1 << top
	pk := make(fr.Vector, half)
	qk := make(fr.Vector, half)
	field.Parallel(half, func(lo, hi int) {
		tmp := make([]fr.Element, 5*(g+1)*min(viewChunk, hi-lo)) // 5 per entry and view
		for c := lo; c < hi; c += viewChunk {
			e := min(c+viewChunk, hi)
			next(c, e, pk[c:e], qk[c:e], tmp)
		}
	})
	t.p[top], t.q[top] = pk, qk
	t.build(top)
	return t
}

// viewChunk is the number of entries per chunk when combining tail tables.
const viewChunk = 4096

// chunkView is the entries [lo,hi) of a tailTable: data, or all its tail.
type chunkView struct {
	v        []fr.Element
	constant bool
	c        fr.Element
}

// chunk returns entries [lo,hi) of t, copying (or generating) into buf
// (length ≥ hi−lo) unless they are stored data or all tail.
func (t *tailTable) chunk(lo, hi int, buf []fr.Element) chunkView {
	return t.chunkTmp(lo, hi, buf, nil)
}

// chunkTmp is chunk with tmp as the generator's scratch.
func (t *tailTable) chunkTmp(lo, hi int, buf, tmp []fr.Element) chunkView {
	n := t.length()
	switch {
	case lo >= n:
		return chunkView{constant: true, c: t.tail}
	case hi <= n && t.gen == nil:
		return chunkView{v: t.data[lo:hi]}
	}
	out := buf[:hi-lo]
	e := min(hi, n)
	if t.gen != nil {
		t.gen(lo, e, out, tmp)
	} else {
		copy(out, t.data[lo:e])
	}
	for i := e - lo; i < len(out); i++ {
		out[i] = t.tail
	}
	return chunkView{v: out}
}

// mulInto sets dst = a·b element-wise (a constant side costs no product
// when it is 0 or 1).
func mulInto(dst fr.Vector, a, b chunkView) {
	switch {
	case a.constant && b.constant:
		var c fr.Element
		c.Mul(&a.c, &b.c)
		for i := range dst {
			dst[i] = c
		}
	case a.constant:
		scaleInto(dst, b.v, &a.c)
	case b.constant:
		scaleInto(dst, a.v, &b.c)
	default:
		dst.Mul(a.v, b.v)
	}
}

// scaleInto sets dst = c·v.
func scaleInto(dst fr.Vector, v []fr.Element, c *fr.Element) {
	switch {
	case c.IsOne():
		copy(dst, v)
	case c.IsZero():
		clear(dst)
	default:
		dst.ScalarMul(v, c)
	}
}

// build computes layers top−1 … 0 from layer top.
func (t *tree) build(top int) {
	// The halves x and x + 2^k are contiguous, so each layer is three
	// element-wise vector products and one sum: gnark's fr.Vector kernels
	// (AVX-512 IFMA where the CPU has it), in parallel chunks.
	for k := top - 1; k >= 0; k-- {
		half := 1 << k
		pu, qu := t.p[k+1], t.q[k+1]
		pk := make(fr.Vector, half)
		qk := make(fr.Vector, half)
		field.Parallel(half, func(lo, hi int) {
			tmp := make(fr.Vector, min(viewChunk, hi-lo)) // per worker, not per layer
			for c := lo; c < hi; c += viewChunk {
				e := min(c+viewChunk, hi)
				b, pkc, qkc := tmp[:e-c], pk[c:e], qk[c:e]
				pkc.Mul(pu[c:e], qu[half+c:half+e])
				b.Mul(pu[half+c:half+e], qu[c:e])
				pkc.Add(pkc, b)
				qkc.Mul(qu[c:e], qu[half+c:half+e])
			}
		})
		t.p[k], t.q[k] = pk, qk
	}
}

// chunkBuffers is k scratch buffers for chunk views over a range of n
// entries (at most viewChunk each).
func chunkBuffers(k, n int) [][]fr.Element {
	b := make([][]fr.Element, k)
	for i := range b {
		b[i] = make([]fr.Element, min(viewChunk, n))
	}
	return b
}
