package mle

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// The O(n) causal-mask MLEs equal the MLE of their tables, at random points
// and (so also as tables) on Boolean points.
func TestCausalMaskMatchesTable(t *testing.T) {
	for n := 0; n <= 4; n++ {
		a, b := randVec(t, n), randVec(t, n)
		pt := append(append([]fr.Element{}, b...), a...) // key bits low
		want := naiveEval(CausalMaskTable(n), pt)
		if got := CausalMask(a, b); !got.Equal(&want) {
			t.Fatalf("n=%d: CausalMask differs from its table's MLE", n)
		}
		for rows := uint64(0); rows <= uint64(Size(n))+1; rows++ {
			want := naiveEval(CausalRowMaskTable(n, rows), pt)
			if got := CausalRowMask(a, b, rows); !got.Equal(&want) {
				t.Fatalf("n=%d rows=%d: CausalRowMask differs from its table's MLE", n, rows)
			}
		}
	}
}

func TestCausalMaskOnHypercube(t *testing.T) {
	const n = 3
	bits := func(x int) []fr.Element {
		out := make([]fr.Element, n)
		for k := range out {
			out[k].SetUint64(uint64(x >> k & 1))
		}
		return out
	}
	for i := 0; i < 1<<n; i++ {
		for j := 0; j < 1<<n; j++ {
			m := CausalMask(bits(i), bits(j))
			r := CausalRowMask(bits(i), bits(j), 5)
			wantM, wantR := uint64(0), uint64(0)
			if j <= i {
				wantM = 1
				if i < 5 {
					wantR = 1
				}
			}
			var em, er fr.Element
			em.SetUint64(wantM)
			er.SetUint64(wantR)
			if !m.Equal(&em) || !r.Equal(&er) {
				t.Fatalf("i=%d j=%d: M=%v (want %d), M_T=%v (want %d)", i, j, m.String(), wantM, r.String(), wantR)
			}
		}
	}
}
