package tlookup

import (
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
	mult                [][]fr.Element
	gamma, beta, gamma2 fr.Element
}

func (l *Layout) leafFiller(w *Witness, mult [][]fr.Element, gamma, beta fr.Element) *leafFiller {
	f := &leafFiller{l: l, w: w, mult: mult, gamma: gamma, beta: beta}
	f.gamma2.Square(&gamma)
	return f
}

// fill writes the leaves of segment seg at its entries [from,to) into
// p[0:to−from] and q[0:to−from]; a nil p or q is skipped.
func (f *leafFiller) fill(seg segment, from, to int, p, q []fr.Element) {
	if from >= to {
		return
	}
	tag := f.l.Tag(seg.table)
	beta, gamma, gamma2 := &f.beta, &f.gamma, &f.gamma2
	if seg.lookup >= 0 {
		col := f.w.Columns[seg.lookup]
		pad := compress(beta, gamma, gamma2, 0, 0, tag)
		var tagG fr.Element // γ²τ
		tagG.SetInt64(tag)
		tagG.Mul(&tagG, gamma2)
		field.Parallel(to-from, func(lo, hi int) {
			var t fr.Element
			for i := lo; i < hi; i++ {
				if p != nil {
					p[i].SetOne()
				}
				if q == nil {
					continue
				}
				j := from + i
				switch {
				case j >= col.len():
					q[i] = pad
				case col.isField():
					q[i].Sub(beta, &col.InElems[j])
					if col.OutElems != nil {
						t.Mul(&col.OutElems[j], gamma)
						q[i].Sub(&q[i], &t)
					}
					q[i].Sub(&q[i], &tagG)
				default: // pad − a − γ·b, pad = β − γ²τ
					q[i].SetInt64(col.In[j])
					if col.Out != nil && col.Out[j] != 0 {
						t.SetInt64(col.Out[j])
						t.Mul(&t, gamma)
						q[i].Add(&q[i], &t)
					}
					q[i].Sub(&pad, &q[i])
				}
			}
		})
		return
	}
	t := f.l.Tables[seg.table]
	m := f.mult[seg.table]
	field.Parallel(to-from, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			j := from + i
			if p != nil {
				p[i].Neg(&m[j])
			}
			if q != nil {
				q[i] = compress(beta, gamma, gamma2, t.In(j), t.Out(j), tag)
			}
		}
	})
}

// used returns the number of leaves the segments occupy (the rest are
// unused: p = 0, q = 1).
func (l *Layout) used() int {
	last := l.segments[len(l.segments)-1]
	return int(last.offset) + 1<<last.logSize
}

// leaves builds the leaf vectors p and q (length 2^LogLeaves) of §6.3; unused
// leaves p = 0, q = 1. The prover uses leafHalves; this is the definition
// the tests check it against.
func (l *Layout) leaves(w *Witness, mult [][]fr.Element, gamma, beta fr.Element) (p, q []fr.Element) {
	size := 1 << l.LogLeaves
	p = make([]fr.Element, size)
	q = make([]fr.Element, size)
	f := l.leafFiller(w, mult, gamma, beta)
	for _, seg := range l.segments {
		off, n := int(seg.offset), 1<<seg.logSize
		f.fill(seg, 0, n, p[off:off+n], q[off:off+n])
	}
	for j := l.used(); j < size; j++ {
		q[j].SetOne()
	}
	return p, q
}

// halfLeaves is the leaf layer as its lower (x < 2^(n−1)) and upper half,
// each of p and q as data and a constant tail: a run of lookup segments
// (p ≡ 1) or the unused leaves (p = 0, q = 1) at the end of a half is never
// written. Every segment lies in one half (it is aligned and smaller than
// the tree), and the lower half is all segments.
type halfLeaves struct {
	p, q [2]tailTable
}

// leafHalves builds the halves of the leaf layer.
func (l *Layout) leafHalves(w *Witness, mult [][]fr.Element, gamma, beta fr.Element) *halfLeaves {
	f := l.leafFiller(w, mult, gamma, beta)
	half := 1 << (l.LogLeaves - 1)
	used := l.used()
	hl := &halfLeaves{}
	for h := 0; h < 2; h++ {
		start, end := h*half, (h+1)*half
		var segs []segment
		for _, seg := range l.segments {
			if int(seg.offset) >= start && int(seg.offset) < end {
				segs = append(segs, seg)
			}
		}
		// Where the constant tails of p and q begin: the unused leaves
		// (p = 0, q = 1), else a final run of lookup segments (p = 1).
		pEnd, qEnd := end, end
		var pTail, qTail fr.Element
		if used < end {
			pEnd, qEnd = used, used
			qTail.SetOne()
		} else {
			for i := len(segs) - 1; i >= 0 && segs[i].lookup >= 0; i-- {
				pEnd = int(segs[i].offset)
			}
			pTail.SetOne()
		}
		p := make([]fr.Element, pEnd-start)
		q := make([]fr.Element, qEnd-start)
		for _, seg := range segs {
			off, n := int(seg.offset), 1<<seg.logSize
			if pEnd > off {
				f.fill(seg, 0, min(n, pEnd-off), p[off-start:], nil)
			}
			if qEnd > off {
				f.fill(seg, 0, min(n, qEnd-off), nil, q[off-start:])
			}
		}
		hl.p[h] = tailFrom(p, pTail, pEnd < end)
		hl.q[h] = tailFrom(q, qTail, qEnd < end)
	}
	return hl
}

// tailFrom returns data with the given tail when hasTail, else data whose
// last entry serves as the tail; either way trimmed of trailing entries
// equal to the tail.
func tailFrom(data []fr.Element, tail fr.Element, hasTail bool) tailTable {
	if !hasTail {
		return newTailTable(data)
	}
	return tailTable{data: data, tail: tail}.trimmed()
}

// tree holds every layer of the fractional-sum tree: layer k has 2^k
// entries, p_k(x) = p_{k+1}(x,0)·q_{k+1}(x,1) + p_{k+1}(x,1)·q_{k+1}(x,0) and
// q_k(x) = q_{k+1}(x,0)·q_{k+1}(x,1), where (x,b) is the index x + b·2^k
// (PROTOCOL §6.4). p[n], q[n] are the leaves; p[0][0] is the root.
//
// Layer n−1 built from the leaf halves may store p short: its entries from
// len(p[n−1]) on all equal pTail (the unused leaves make p constant there).
type tree struct {
	p, q  [][]fr.Element
	pTail fr.Element
}

// pHalves returns layer k's p as its two halves (x < 2^(k−1) and above).
func (t *tree) pHalves(k int) (lo, hi tailTable) {
	p, half := t.p[k], 1<<(k-1)
	if len(p) == 2*half {
		return newTailTable(p[:half]), newTailTable(p[half:])
	}
	lo = tailTable{data: p[:min(len(p), half)], tail: t.pTail}
	hi = tailTable{data: p[min(len(p), half):], tail: t.pTail}
	return lo, hi
}

func buildTree(pLeaf, qLeaf []fr.Element, n int) *tree {
	t := &tree{p: make([][]fr.Element, n+1), q: make([][]fr.Element, n+1)}
	t.p[n], t.q[n] = pLeaf, qLeaf
	t.build(n)
	return t
}

// buildTreeHalves is buildTree from the leaf halves: layer n−1 is computed
// from their data and tails, and the leaves themselves are never stored
// (t.p[n], t.q[n] stay nil).
func buildTreeHalves(hl *halfLeaves, n int) *tree {
	t := &tree{p: make([][]fr.Element, n+1), q: make([][]fr.Element, n+1)}
	half := 1 << (n - 1)
	// p = pLo·qHi + pHi·qLo is the constant pLo·qHi where pLo, qHi, pHi are
	// in their tails and pHi's tail is 0 (unused leaves): stored short.
	pEnd := half
	if hl.p[1].tail.IsZero() {
		pEnd = max(len(hl.p[0].data), len(hl.q[1].data), len(hl.p[1].data))
	}
	t.pTail.Mul(&hl.p[0].tail, &hl.q[1].tail)
	pk := make([]fr.Element, pEnd)
	qk := make([]fr.Element, half)
	field.Parallel(half, func(lo, hi int) {
		b := chunkBuffers(5, hi-lo)
		for c := lo; c < hi; c += viewChunk {
			e := min(c+viewChunk, hi)
			qLo, qHi := hl.q[0].chunk(c, e, b[2]), hl.q[1].chunk(c, e, b[3])
			mulInto(qk[c:e], qLo, qHi)
			if e = min(e, pEnd); c >= e {
				continue
			}
			pLo, pHi := hl.p[0].chunk(c, e, b[0]), hl.p[1].chunk(c, e, b[1])
			qLo, qHi = hl.q[0].chunk(c, e, b[2]), hl.q[1].chunk(c, e, b[3])
			tmp := fr.Vector(b[4][:e-c])
			pc := fr.Vector(pk[c:e])
			mulInto(pc, pLo, qHi)
			mulInto(tmp, pHi, qLo)
			pc.Add(pc, tmp)
		}
	})
	t.p[n-1], t.q[n-1] = pk, qk
	t.build(n - 1)
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

// chunk returns entries [lo,hi) of t, copying into buf (length ≥ hi−lo)
// only when they straddle the end of the data.
func (t *tailTable) chunk(lo, hi int, buf []fr.Element) chunkView {
	switch {
	case lo >= len(t.data):
		return chunkView{constant: true, c: t.tail}
	case hi <= len(t.data):
		return chunkView{v: t.data[lo:hi]}
	}
	out := buf[:hi-lo]
	n := copy(out, t.data[lo:])
	for i := n; i < len(out); i++ {
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
	tmp := make(fr.Vector, 1<<max(top-1, 0))
	for k := top - 1; k >= 0; k-- {
		half := 1 << k
		pu, qu := t.p[k+1], t.q[k+1]
		pk := make(fr.Vector, half)
		qk := make(fr.Vector, half)
		if len(pu) < 2*half { // p stored short (layer n−1): through tail views
			t.buildShort(k, pk, qk)
			t.p[k], t.q[k] = pk, qk
			continue
		}
		field.Parallel(half, func(lo, hi int) {
			b := tmp[lo:hi]
			pkc := pk[lo:hi]
			pkc.Mul(pu[lo:hi], qu[half+lo:half+hi])
			b.Mul(pu[half+lo:half+hi], qu[lo:hi])
			pkc.Add(pkc, b)
			qkc := qk[lo:hi]
			qkc.Mul(qu[lo:hi], qu[half+lo:half+hi])
		})
		t.p[k], t.q[k] = pk, qk
	}
}

// buildShort computes layer k into pk, qk from layer k+1 whose p is stored
// short (entries past its data equal pTail).
func (t *tree) buildShort(k int, pk, qk fr.Vector) {
	half := 1 << k
	pLoT, pHiT := t.pHalves(k + 1)
	qu := t.q[k+1]
	field.Parallel(half, func(lo, hi int) {
		b := chunkBuffers(3, hi-lo)
		for c := lo; c < hi; c += viewChunk {
			e := min(c+viewChunk, hi)
			qLo, qHi := chunkView{v: qu[c:e]}, chunkView{v: qu[half+c : half+e]}
			pLo, pHi := pLoT.chunk(c, e, b[0]), pHiT.chunk(c, e, b[1])
			tmp := fr.Vector(b[2][:e-c])
			pc := pk[c:e]
			mulInto(pc, pLo, qHi)
			mulInto(tmp, pHi, qLo)
			pc.Add(pc, tmp)
			qc := qk[c:e]
			qc.Mul(qLo.v, qHi.v)
		}
	})
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
