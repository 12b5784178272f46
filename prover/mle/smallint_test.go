package mle

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// checkInts compares PartialEvalHighInts with PartialEvalHigh on the same
// table converted to field elements and zero-padded to 2^n.
func checkInts[T Int](t *testing.T, f []T, n int, u []fr.Element) {
	t.Helper()
	checkIntsFold(t, "PartialEvalHighInts", f, n, u, PartialEvalHighInts[T], PartialEvalHigh)
}

// randInt16s returns n int16 values: the extremes MaxInt16 and low (an
// eighth each), zeros (an eighth) and uniform values.
func randInt16s(rng *rand.Rand, n int, low int16) []int16 {
	w := make([]int16, n)
	for i := range w {
		switch rng.IntN(8) {
		case 0:
			w[i] = math.MaxInt16
		case 1:
			w[i] = low
		case 2:
		default:
			w[i] = int16(rng.Uint32())
		}
	}
	return w
}

func TestPartialEvalHighInts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 18))
	for _, c := range []struct{ n, k, stored int }{
		{0, 0, 1}, {3, 0, 8}, {3, 3, 8}, {5, 2, 32}, {5, 2, 19}, {6, 4, 9}, {14, 5, 1 << 14}, {14, 3, 5000},
	} {
		u := randVec(t, c.k)
		w := randInt16s(rng, c.stored, -math.MaxInt16)
		checkInts(t, w, c.n, u)
		a := make([]int64, c.stored)
		for i := range a {
			a[i] = int64(rng.Uint64())
		}
		a[0] = math.MinInt64
		checkInts(t, a, c.n, u)
	}
}

// BenchmarkPartialEvalHighInts folds a 2^22-entry int16 table at a
// 2^11-point directly and, as a pool of small integers otherwise would,
// by converting it to field elements first.
func BenchmarkPartialEvalHighInts(b *testing.B) {
	const n, k = 22, 11
	u := randVec(b, k)
	w := make([]int16, Size(n))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range w {
		w[i] = int16(rng.Uint32())
	}
	b.Run("int16", func(b *testing.B) {
		for b.Loop() {
			PartialEvalHighInts(w, n, u)
		}
	})
	b.Run("convert+field", func(b *testing.B) {
		for b.Loop() {
			full := make([]fr.Element, len(w))
			forRange(len(w), func(lo, hi int) {
				for i := lo; i < hi; i++ {
					full[i].SetInt64(int64(w[i]))
				}
			})
			if _, err := PartialEvalHigh(full, u); err != nil {
				b.Fatal(err)
			}
		}
	})
}
