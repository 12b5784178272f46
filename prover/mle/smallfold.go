package mle

import (
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/parallel"
)

// rawTimes returns |v|·w/R as a field element and v's sign bit: with
// w = e·R (an eq weight scaled by montR) the product is exactly |v|·e. The
// caller adds it to the positive or negative accumulator by the sign bit,
// which keeps its loop free of data-dependent branches (random signs
// mispredict). |v| < 2^64 always fits the raw word, MinInt64 included.
func rawTimes(v int64, w *fr.Element) (fr.Element, uint64) {
	neg := uint64(v) >> 63
	t := fr.Element{uint64((v ^ -int64(neg)) + int64(neg))}
	t.Mul(&t, w)
	return t, neg
}

// eqTableRaw returns eq(u,·)·R, the weights rawTimes expects.
func eqTableRaw(u []fr.Element) []fr.Element {
	eq := make([]fr.Element, Size(len(u)))
	EqTableScaledInto(eq, u, montR)
	return eq
}

// PartialEvalLowInts is PartialEvalLow for a table of small integers with
// 2^n entries (f may be shorter: the missing tail is zero; len(u) ≤ n):
// out[x] = Σ_a eq(u, a)·f[a + 2^k·x] for x < 2^(n−k), k = len(u), without
// converting f. The output always has 2^(n−k) entries (zero past f's end).
// One Montgomery multiplication per entry of f, in parallel over x: a
// sumcheck over f that binds its low variables first (RED, PROTOCOL §8.3)
// gets its first field table, 2^k times smaller than f, from it.
func PartialEvalLowInts[T Int](f []T, n int, u []fr.Element) []fr.Element {
	if len(u) > n || len(f) > Size(n) {
		panic("mle: PartialEvalLowInts: table or point larger than 2^n")
	}
	eq := eqTableRaw(u)
	w := len(eq)
	out := make([]fr.Element, Size(n-len(u)))
	used := (len(f) + w - 1) / w // outputs that read f
	if used*w < parallelThreshold {
		lowIntsRange(out, f, eq, 0, used)
		return out
	}
	parallel.Execute(used, func(lo, hi int) { lowIntsRange(out, f, eq, lo, hi) })
	return out
}

// lowIntsRange computes PartialEvalLowInts' outputs [lo, hi).
func lowIntsRange[T Int](out []fr.Element, f []T, eq []fr.Element, lo, hi int) {
	w := len(eq)
	for x := lo; x < hi; x++ {
		var acc [2]fr.Element
		row := f[x*w : min((x+1)*w, len(f))]
		for a, v := range row {
			t, neg := rawTimes(int64(v), &eq[a])
			acc[neg].Add(&acc[neg], &t)
		}
		out[x].Sub(&acc[0], &acc[1])
	}
}

// PartialEvalHighIntsByRows is PartialEvalHighInts split over the rows
// (the high index y) instead of the outputs: for a narrow result (2^(n−k)
// outputs, too few to share out) over many rows, e.g. a tensor's few low
// coordinates kept free while all its others are evaluated. Each worker
// sums its rows into its own accumulators; the sums are added at the end.
func PartialEvalHighIntsByRows[T Int](f []T, n int, u []fr.Element) []fr.Element {
	if len(u) > n || len(f) > Size(n) {
		panic("mle: PartialEvalHighIntsByRows: table or point larger than 2^n")
	}
	low := Size(n - len(u))
	eq := eqTableRaw(u)
	rows := min(len(eq), (len(f)+low-1)/low) // rows that read f
	out := make([]fr.Element, 2*low)         // positive sums, then negative
	var mu sync.Mutex
	work := func(lo, hi int) {
		acc := make([]fr.Element, 2*low)
		for y := lo; y < hi; y++ {
			for j, v := range f[y*low : min((y+1)*low, len(f))] {
				t, neg := rawTimes(int64(v), &eq[y])
				acc[2*j+int(neg)].Add(&acc[2*j+int(neg)], &t)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for i := range acc {
			out[i].Add(&out[i], &acc[i])
		}
	}
	if rows*low < parallelThreshold {
		work(0, rows)
	} else {
		parallel.Execute(rows, work)
	}
	for j := range low {
		out[j].Sub(&out[2*j], &out[2*j+1])
	}
	return out[:low]
}
