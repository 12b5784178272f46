package tables

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// EvalIn returns the MLE of the input column at r (LSB-first, len(r) = w),
// in O(w): In(j) = j − offset and j = Σ 2^i j_i, so In(r) = Σ 2^i r_i − offset.
func (t *Table) EvalIn(r []fr.Element) (fr.Element, error) {
	var res fr.Element
	if len(r) != t.logSize {
		return res, fmt.Errorf("%w: %s needs %d coordinates, got %d", ErrPointLen, t.Name(), t.logSize, len(r))
	}
	for i := len(r) - 1; i >= 0; i-- { // Horner on 2
		res.Double(&res)
		res.Add(&res, &r[i])
	}
	var off fr.Element
	off.SetInt64(t.offset)
	res.Sub(&res, &off)
	return res, nil
}

// EvalOut returns the MLE of the output column at r (LSB-first, len(r) = w).
// RANGE/SRANGE: 0. INDC: 1 − Π(1 − r_i), in O(w). SILU/EXPC: ⟨out, eq(r,·)⟩ by
// folding the stored column, in O(2^w).
func (t *Table) EvalOut(r []fr.Element) (fr.Element, error) {
	var res fr.Element
	if len(r) != t.logSize {
		return res, fmt.Errorf("%w: %s needs %d coordinates, got %d", ErrPointLen, t.Name(), t.logSize, len(r))
	}
	switch t.kind {
	case KindRange, KindSRange:
		return res, nil
	case KindIndicator:
		var one, f fr.Element
		one.SetOne()
		res.SetOne()
		for i := range r {
			f.Sub(&one, &r[i])
			res.Mul(&res, &f)
		}
		res.Sub(&one, &res)
		return res, nil
	}
	return foldInt64(t.out, r), nil
}

// foldInt64 evaluates the MLE of v (len 2^len(r)) at r, binding x_0 first:
// f'[i] = f[2i] + r_0·(f[2i+1] − f[2i]). The first fold reads int64 directly.
func foldInt64(v []int64, r []fr.Element) fr.Element {
	if len(r) == 0 {
		var e fr.Element
		e.SetInt64(v[0])
		return e
	}
	cur := make([]fr.Element, len(v)/2)
	var a, b fr.Element
	for i := range cur {
		a.SetInt64(v[2*i])
		b.SetInt64(v[2*i+1])
		b.Sub(&b, &a)
		b.Mul(&b, &r[0])
		cur[i].Add(&a, &b)
	}
	for k := 1; k < len(r); k++ {
		half := len(cur) / 2
		for i := 0; i < half; i++ {
			b.Sub(&cur[2*i+1], &cur[2*i])
			b.Mul(&b, &r[k])
			cur[i].Add(&cur[2*i], &b)
		}
		cur = cur[:half]
	}
	return cur[0]
}
