package mle

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Int is a small signed integer type a table may be held in (entry v
// stands for v mod r): committed weights (int16) and advice (int32/int64).
type Int interface {
	~int8 | ~int16 | ~int32 | ~int64
}

// montR is the field element R = 2^256 mod r: x·R for x in Montgomery form
// turns a raw word w (read as Montgomery words, the value w·R⁻¹) into w.
var montR = func() fr.Element {
	var e fr.Element
	e.SetBigInt(new(big.Int).Lsh(big.NewInt(1), 256))
	return e
}()

// PartialEvalHighInts is PartialEvalHigh for a table of small integers
// with 2^n entries (f may be shorter: the missing tail is zero; len(u) ≤ n):
// out[x] = Σ_y f[x + 2^(n−k)·y]·eq(u, y), k = len(u), without converting f
// to field elements. Each |f[i]| enters a wide sum (smallfold.go) as a
// word (offset by 2^63) times the words of eq(u, y)·R, reduced once per
// output: cheaper than the field fold, reading 2–8 B per entry instead of
// 32 and allocating only the 2^(n−k) outputs and the 2^k eq table. The
// outputs are shared out over
// the cores, each summing a group of rows at a time (in cache); with too
// few outputs to share, the rows are (PartialEvalHighIntsByRows).
func PartialEvalHighInts[T Int](f []T, n int, u []fr.Element) []fr.Element {
	if len(u) > n || len(f) > Size(n) {
		panic("mle: PartialEvalHighInts: table or point larger than 2^n")
	}
	low := Size(n - len(u))
	if low < parallelThreshold {
		return PartialEvalHighIntsByRows(f, n, u)
	}
	eq := eqTableRaw(u)
	// Output j sums rows y < Y_j, Y_j = ⌈(len(f) − j)/low⌉: q+1 rows for
	// j < r and q for the others (len(f) = q·low + r).
	q, r := len(f)/low, len(f)%low
	corrMore, corrLess := offsetCorrection(eq, min(q+1, len(eq))), offsetCorrection(eq, q)
	out := make([]fr.Element, low)
	forRange(low, func(start, end int) {
		acc := make([]wideSum, end-start)
		for y0 := 0; y0 < len(eq) && y0*low+start < len(f); y0 += highRowGroup {
			y1 := min(y0+highRowGroup, len(eq))
			w := eq[y0:y1]
			for j := start; j < end; j++ {
				// Rows y of the group with y·low + j < len(f).
				if m := min(y1, (len(f)-j+low-1)/low) - y0; m > 0 {
					addDot(&acc[j-start], w, f[y0*low+j:], low, m)
				}
			}
		}
		for j := range acc {
			corr := &corrLess
			if start+j < r {
				corr = &corrMore
			}
			out[start+j] = acc[j].reduceOffset(corr)
		}
	})
	return out
}

// highRowGroup is the number of rows PartialEvalHighInts sums per output
// before the next output: the group's cache lines serve the neighbouring
// outputs too.
const highRowGroup = 64
