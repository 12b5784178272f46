package tlookup

import (
	"math/rand/v2"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

func randElem(rng *rand.Rand) fr.Element {
	var a, b fr.Element
	a.SetUint64(rng.Uint64())
	b.SetUint64(rng.Uint64() | 1)
	a.Mul(&a, &b)
	a.Add(&a, &b)
	return a
}

// multToField converts multiplicity counts to field elements.
func multToField(mult [][]uint64) [][]fr.Element {
	out := make([][]fr.Element, len(mult))
	for ti := range mult {
		out[ti] = countMult(mult).vector(ti)
	}
	return out
}

// columnValues returns every leaf column as field elements, in column order,
// each of its segment's length (padding zeros are implicit in mle.Evaluate).
func (l *Layout) columnValues(w *Witness, mult [][]fr.Element) [][]fr.Element {
	cols := make([][]fr.Element, 0, l.NumLeafColumns())
	for i, lk := range l.spec.Lookups {
		col := w.Columns[i]
		if col.isField() {
			cols = append(cols, col.InElems)
			if lk.HasOut() {
				cols = append(cols, col.OutElems)
			}
			continue
		}
		cols = append(cols, int64sToField(col.In))
		if lk.HasOut() {
			cols = append(cols, int64sToField(col.Out))
		}
	}
	return append(cols, mult...)
}

func int64sToField(v []int64) []fr.Element {
	out := make([]fr.Element, len(v))
	field.Parallel(len(v), func(lo, hi int) {
		for j := lo; j < hi; j++ {
			out[j].SetInt64(v[j])
		}
	})
	return out
}

// leaves builds the leaf vectors p and q (length 2^LogLeaves) of §6.3; unused
// leaves p = 0, q = 1. The prover uses leafHalves (never
// storing them); this is the definition the tests check it against.
func (l *Layout) leaves(w *Witness, mult multSource, gamma, beta fr.Element) (p, q []fr.Element) {
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

// fill writes the leaves of segment seg at its entries [from,to) into
// p[0:to−from] and q[0:to−from], in parallel (fillRange per part); a nil
// p or q is skipped.
func (f *leafFiller) fill(seg segment, from, to int, p, q []fr.Element) {
	field.Parallel(to-from, func(lo, hi int) {
		f.fillRange(seg, from+lo, from+hi, part(p, lo, hi), part(q, lo, hi))
	})
}
