package mle

import "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

// LessThan returns LTc(r;c), the MLE at r of the table v ↦ [v < c] over
// v ∈ {0,1}^len(r) (PROTOCOL §7.11):
//
//	LTc(r;c) = Σ_{k: c_k=1} (1−r_k)·Π_{m>k} eq(r_m, c_m).
//
// The term for k is the indicator that v and c agree above k and v_k = 0 <
// c_k = 1; the bits below k are free and sum to one. If c ≥ 2^len(r) every
// entry is 1 and the result is 1. Cost O(len(r)).
func LessThan(r []fr.Element, c uint64) fr.Element {
	n := len(r)
	var one fr.Element
	one.SetOne()
	if n < 64 && c>>uint(n) != 0 {
		return one
	}
	// Walk from the top bit down, keeping suffix = Π_{m>k} eq(r_m, c_m).
	var acc, suffix, t fr.Element
	suffix.SetOne()
	for k := n - 1; k >= 0; k-- {
		if c>>uint(k)&1 == 1 {
			t.Sub(&one, &r[k])
			t.Mul(&t, &suffix)
			acc.Add(&acc, &t)
			suffix.Mul(&suffix, &r[k])
		} else {
			t.Sub(&one, &r[k])
			suffix.Mul(&suffix, &t)
		}
	}
	return acc
}

// PrefixMask returns the MLE at r of the validity mask V(v) = [v < count]
// (PROTOCOL §8.4, e.g. V_L(ℓ) = [ℓ < L]); it equals LessThan(r, count).
func PrefixMask(r []fr.Element, count uint64) fr.Element {
	return LessThan(r, count)
}

// PrefixMaskTable returns the table [v < count] for v ∈ [2^n].
func PrefixMaskTable(n int, count uint64) []fr.Element {
	out := make([]fr.Element, Size(n))
	for v := range out {
		if uint64(v) < count {
			out[v].SetOne()
		}
	}
	return out
}
