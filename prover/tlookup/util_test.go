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
