package pedersen

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// RealMask returns the MLE at r (len LogSize, LSB-first) of the blob's real
// mask: 1 at every entry inside some tensor's real shape, 0 at padding
// (entries beyond a tensor's shape, and unused blob space). The real entries
// of tensor t form a box at t's aligned offset, so its MLE is
// eq(r_top, id_t)·Π_axes [coordinate < shape] — O(Σ axes·bits) in all.
// The padding mask (PROTOCOL §2.4 P3, §4.3) is 1 − RealMask, since
// Σ_x eq(r,x) = 1 over the whole cube.
func (l *Layout) RealMask(r []fr.Element) fr.Element {
	var acc fr.Element
	for i := range l.Tensors {
		t := &l.Tensors[i]
		v := mle.Eq(r[t.LogSize:], boolPoint(l.IDBits(t)))
		lo := 0
		for a, d := range t.Shape {
			m := mle.PrefixMask(r[lo:lo+t.axisLog[a]], d)
			v.Mul(&v, &m)
			lo += t.axisLog[a]
		}
		acc.Add(&acc, &v)
	}
	return acc
}

// PaddingMask returns 1 − RealMask(r).
func (l *Layout) PaddingMask(r []fr.Element) fr.Element {
	var one, m fr.Element
	one.SetOne()
	rm := l.RealMask(r)
	m.Sub(&one, &rm)
	return m
}

// PaddingMaskTable returns the padding mask over the whole blob as a table
// (1 at padding, 0 at real entries): the prover's copy of PaddingMask.
func (l *Layout) PaddingMaskTable() []fr.Element {
	var one fr.Element
	one.SetOne()
	return paddingMask(l, one)
}

// PaddingMaskBools is PaddingMaskTable as one byte per entry (true at
// padding): 32× smaller, for kernels that branch on the mask bits.
func (l *Layout) PaddingMaskBools() []bool { return paddingMask(l, true) }

// paddingMask returns the blob-size table with one at padding and the zero
// value at real entries.
func paddingMask[E any](l *Layout, one E) []E {
	out := make([]E, l.Size())
	field.ParallelMin(len(out), 1<<14, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = one
		}
	})
	for i := range l.Tensors {
		t := &l.Tensors[i]
		if len(t.Shape) == 0 {
			clear(out[t.Offset : t.Offset+1])
			continue
		}
		// Axis 0 holds the low index bits, so a tensor's real entries are
		// runs of Shape[0] consecutive entries, one per coordinate of the
		// higher axes (disjoint, so runs clear in parallel).
		run := t.Shape[0]
		runs := t.realCount() / run
		field.ParallelMin(int(runs), max(1, (1<<14)/int(run)), func(lo, hi int) {
			for r := uint64(lo); r < uint64(hi); r++ {
				base := t.runStart(r)
				clear(out[base : base+run])
			}
		})
	}
	return out
}

// runStart is the blob index of t's r-th run of real entries (r counts the
// coordinates of axes 1… in order, axis 1 fastest).
func (t *Placed) runStart(r uint64) uint64 {
	idx, shift := uint64(0), t.axisLog[0]
	for a := 1; a < len(t.Shape); a++ {
		idx |= (r % t.Shape[a]) << shift
		r /= t.Shape[a]
		shift += t.axisLog[a]
	}
	return t.Offset + idx
}

func boolPoint(bits []bool) []fr.Element {
	out := make([]fr.Element, len(bits))
	for i, b := range bits {
		if b {
			out[i].SetOne()
		}
	}
	return out
}
