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
// word times the words of eq(u, y)·R, reduced once per output: cheaper
// than the field fold, reading 2–8 B per entry instead of 32 and
// allocating only the 2^(n−k) outputs and the 2^k eq table.
func PartialEvalHighInts[T Int](f []T, n int, u []fr.Element) []fr.Element {
	if len(u) > n || len(f) > Size(n) {
		panic("mle: PartialEvalHighInts: table or point larger than 2^n")
	}
	low := Size(n - len(u))
	eq := eqTableRaw(u)
	out := make([]fr.Element, low)
	forRange(low, func(start, end int) {
		// acc[2j] and acc[2j+1] sum the positive and negative terms of
		// out[start+j], the slot picked by the sign bit.
		acc := make([]wideSum, 2*(end-start))
		for y := range eq {
			base := y * low
			if base+start >= len(f) {
				break
			}
			row := f[base+start : min(base+end, len(f))]
			for j, v := range row {
				neg, abs := signAbs(int64(v))
				acc[2*j+int(neg)].add(&eq[y], abs)
			}
		}
		for j := range end - start {
			pos, minus := acc[2*j].Element(), acc[2*j+1].Element()
			out[start+j].Sub(&pos, &minus)
		}
	})
	return out
}
