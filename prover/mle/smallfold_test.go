package mle

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// checkIntsFold compares an integer fold (got) with the field fold (want)
// on the same table converted to field elements and zero-padded to 2^n.
func checkIntsFold[T Int](t *testing.T, name string, f []T, n int, u []fr.Element,
	got func([]T, int, []fr.Element) []fr.Element, want func([]fr.Element, []fr.Element) ([]fr.Element, error)) {
	t.Helper()
	full := make([]fr.Element, Size(n))
	for i, v := range f {
		full[i].SetInt64(int64(v))
	}
	w, err := want(full, u)
	if err != nil {
		t.Fatal(err)
	}
	if g := got(f, n, u); !slices.Equal(g, w) {
		t.Fatalf("%s: n = %d, k = %d, %d entries: differs from the field fold", name, n, len(u), len(f))
	}
}

// PartialEvalLowInts and PartialEvalHighIntsByRows equal PartialEvalLow and
// PartialEvalHigh on the converted table, for int16 and int64 tables with
// their extremes, short tables, and sizes past the parallel threshold.
func TestIntsFolds(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 7))
	for _, c := range []struct{ n, k, stored int }{
		{0, 0, 1}, {0, 0, 0}, {3, 0, 8}, {3, 3, 8}, {5, 2, 32}, {5, 2, 19}, {6, 4, 9}, {6, 6, 3}, {14, 4, 1 << 14}, {14, 10, 5000}, {15, 4, 1<<15 - 3},
	} {
		u := randVec(t, c.k)
		w := randInt16s(rng, c.stored, math.MinInt16)
		a := make([]int64, c.stored)
		for i := range a {
			a[i] = int64(rng.Uint64()) >> rng.IntN(64)
		}
		if len(a) > 1 {
			a[0], a[1] = math.MinInt64, math.MaxInt64
		}
		checkIntsFold(t, "low int16", w, c.n, u, PartialEvalLowInts[int16], PartialEvalLow)
		checkIntsFold(t, "low int64", a, c.n, u, PartialEvalLowInts[int64], PartialEvalLow)
		checkIntsFold(t, "high by rows int16", w, c.n, u, PartialEvalHighIntsByRows[int16], PartialEvalHigh)
		checkIntsFold(t, "high by rows int64", a, c.n, u, PartialEvalHighIntsByRows[int64], PartialEvalHigh)
	}
}

// addDot's wide sum, reduced once, equals the per-term Montgomery products
// of the offset words, also at the extremes (weight words r−1, offset
// words 0 and 2^64−1, many terms).
func TestWideSumExtremes(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 8))
	// top: r − 1 as a value (some reduced word vector); maxWords: the words r − 1.
	var top fr.Element
	top.SetOne()
	top.Neg(&top)
	maxWords := fr.Element{modulusWords[0] - 1, modulusWords[1], modulusWords[2], modulusWords[3]}
	for _, terms := range []int{1, 2, 3, 1000, 1 << 14} {
		w := make([]fr.Element, terms)
		v := make([]int64, terms)
		var want fr.Element
		for i := range terms {
			switch i % 4 {
			case 0:
				w[i], v[i] = maxWords, math.MaxInt64 // offset word 2^64 − 1
			case 1:
				w[i], v[i] = top, math.MinInt64 // offset word 0
			case 2:
				w[i], v[i] = maxWords, -1
			default:
				w[i], v[i] = randVec(t, 1)[0], int64(rng.Uint64())
			}
			prod := fr.Element{uint64(v[i]) ^ 1<<63}
			prod.Mul(&prod, &w[i])
			want.Add(&want, &prod)
		}
		var s wideSum
		addDot(&s, w, v, 1, terms)
		if got := s.Element(); !got.Equal(&want) {
			t.Fatalf("%d terms: the wide sum differs from the per-term products", terms)
		}
	}
}

// BenchmarkIntsFolds times the integer folds RED uses on a 2^22-entry int16
// table: the low fold by 6 coordinates (T folded after RED's integer
// rounds) and the high fold keeping 6 coordinates, split over rows (one
// claim's block table).
func BenchmarkIntsFolds(b *testing.B) {
	const n, k = 22, 6
	w := make([]int16, Size(n))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range w {
		w[i] = int16(rng.Uint32())
	}
	low, high := randVec(b, k), randVec(b, n-k)
	b.Run("low", func(b *testing.B) {
		for b.Loop() {
			PartialEvalLowInts(w, n, low)
		}
	})
	b.Run("high-by-rows", func(b *testing.B) {
		for b.Loop() {
			PartialEvalHighIntsByRows(w, n, high)
		}
	})
}

// PartialEvalHighInts with enough outputs to share them out (its grouped
// path, not the by-rows one), on full and short tables of both signs.
func TestPartialEvalHighIntsWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 9))
	for _, c := range []struct{ n, k, stored int }{{12, 0, 4000}, {13, 1, 5000}, {15, 2, 1<<15 - 7}, {16, 4, 1 << 16}} {
		u := randVec(t, c.k)
		a := make([]int32, c.stored)
		for i := range a {
			a[i] = int32(rng.Uint32()) >> rng.IntN(32)
		}
		a[0], a[1] = math.MinInt32, math.MaxInt32
		checkInts(t, a, c.n, u)
	}
}
