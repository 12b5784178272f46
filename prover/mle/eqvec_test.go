package mle

import (
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// EqTableVector equals EqTable, on the serial and the parallel path and for
// the empty point.
func TestEqTableVectorMatchesEqTable(t *testing.T) {
	for _, n := range []int{0, 1, 5, 14} {
		u := make([]fr.Element, n)
		for i := range u {
			u[i].MustSetRandom()
		}
		if !slices.Equal(EqTableVector(u), EqTable(u)) {
			t.Fatalf("n=%d: tables differ", n)
		}
		dst := make([]fr.Element, 1<<n)
		for i := range dst {
			dst[i].MustSetRandom() // a reused buffer: every entry is overwritten
		}
		if EqTableVectorInto(dst, u); !slices.Equal(dst, EqTable(u)) {
			t.Fatalf("n=%d: tables differ (into a used buffer)", n)
		}
	}
}
