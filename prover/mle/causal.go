package mle

import "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

// CausalMask returns the MLE at (a, b) of the causal mask M(i, j) = [j ≤ i]
// over i, j ∈ {0,1}^n, a the query point and b the key point (PROTOCOL
// §7.6):
//
//	M(a,b) = 1 − Σ_k b_k(1−a_k)·Π_{m>k} eq(a_m, b_m).
//
// The term for k is the indicator that i and j agree above bit k and j_k = 1
// > i_k = 0, i.e. j > i; the bits below k sum to one. Cost O(n).
func CausalMask(a, b []fr.Element) fr.Element {
	if len(a) != len(b) {
		panic("mle: CausalMask points of different lengths")
	}
	var one, acc, suffix, t, e fr.Element
	one.SetOne()
	suffix.SetOne()
	for k := len(a) - 1; k >= 0; k-- {
		t.Sub(&one, &a[k])
		t.Mul(&t, &b[k])
		t.Mul(&t, &suffix)
		acc.Add(&acc, &t)
		e = eqBit(a[k], b[k])
		suffix.Mul(&suffix, &e)
	}
	acc.Sub(&one, &acc)
	return acc
}

// eqBit returns eq(x, y) = xy + (1−x)(1−y).
func eqBit(x, y fr.Element) fr.Element {
	var xy, e fr.Element
	xy.Mul(&x, &y)
	e.SetOne()
	e.Sub(&e, &x)
	e.Sub(&e, &y)
	e.Add(&e, &xy)
	e.Add(&e, &xy)
	return e
}

// CausalMaskTable returns the table of M(i, j) = [j ≤ i] at index j + 2^n·i
// (the key axis least significant), for tests and provers.
func CausalMaskTable(n int) []fr.Element {
	return CausalRowMaskTable(n, uint64(Size(n)))
}

// CausalRowMask returns the MLE at (a, b) of M_T(i, j) = [j ≤ i]·[i < rows]
// (the causal mask restricted to the real query rows), a the query point and
// b the key point, both of n coordinates. It runs the two comparisons
// (j against i, i against rows) as a 3×3-state automaton from the top bit
// down, weighting each bit pair by eq(a_k, i_k)·eq(b_k, j_k); because eq
// factors over the bits, the weighted sum over accepting paths is the MLE.
// Cost O(n).
func CausalRowMask(a, b []fr.Element, rows uint64) fr.Element {
	n := len(a)
	if len(b) != n {
		panic("mle: CausalRowMask points of different lengths")
	}
	if n >= 64 || rows>>uint(n) != 0 {
		return CausalMask(a, b)
	}
	// States: cj ∈ {eq, less (j<i), greater (j>i)} × ci ∈ {eq, less (i<rows), greater}.
	const eqS, lt, gt = 0, 1, 2
	var w, next [3][3]fr.Element
	w[eqS][eqS].SetOne()
	var one fr.Element
	one.SetOne()
	for k := n - 1; k >= 0; k-- {
		next = [3][3]fr.Element{}
		var wa, wb [2]fr.Element
		wa[1], wb[1] = a[k], b[k]
		wa[0].Sub(&one, &a[k])
		wb[0].Sub(&one, &b[k])
		rb := int(rows >> uint(k) & 1)
		for cj := 0; cj < 3; cj++ {
			for ci := 0; ci < 3; ci++ {
				if w[cj][ci].IsZero() {
					continue
				}
				for ib := 0; ib < 2; ib++ {
					nci := ci
					if ci == eqS && ib != rb {
						nci = lt
						if ib > rb {
							nci = gt
						}
					}
					for jb := 0; jb < 2; jb++ {
						ncj := cj
						if cj == eqS && jb != ib {
							ncj = lt
							if jb > ib {
								ncj = gt
							}
						}
						var t fr.Element
						t.Mul(&wa[ib], &wb[jb])
						t.Mul(&t, &w[cj][ci])
						next[ncj][nci].Add(&next[ncj][nci], &t)
					}
				}
			}
		}
		w = next
	}
	var acc fr.Element
	acc.Add(&w[eqS][lt], &w[lt][lt])
	return acc
}

// CausalRowMaskTable returns the table of [j ≤ i]·[i < rows] at index
// j + 2^n·i.
func CausalRowMaskTable(n int, rows uint64) []fr.Element {
	size := Size(n)
	out := make([]fr.Element, size*size)
	for i := 0; i < size && uint64(i) < rows; i++ {
		for j := 0; j <= i; j++ {
			out[j+size*i].SetOne()
		}
	}
	return out
}
