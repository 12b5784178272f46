package rescale

import (
	"encoding/binary"
	"math/big"
	"math/bits"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// EvalSmall returns Σ_j x[j]·eq[j] for small signed integers x (len(x) ≤
// len(eq)): the MLE of x at the point eq tabulates. It never converts x to
// field elements: each nonzero x[j] multiplies eq[j]'s Montgomery words by
// |x[j]| into a 320-bit accumulator (one per sign), reduced mod r once at
// the end. The words of Σ x_j·(a_j·R) reduced mod r are the Montgomery form
// of Σ x_j·a_j, so the result needs no conversion either.
//
// Values with |x[j]| < 2^32 (every limb) take that path: sums of up to 2^31
// terms below 2^(255+32) stay below 2^320. Wider values (an unchecked
// single-limb tensor) are multiplied in the field.
func EvalSmall(eq []fr.Element, x []int64) fr.Element {
	if len(x) > len(eq) {
		panic("rescale: EvalSmall: more values than eq entries")
	}
	var mu sync.Mutex
	var pos, neg acc320
	var wide fr.Element
	field.ParallelMin(len(x), 1<<12, func(lo, hi int) {
		var p, n acc320
		var w, t fr.Element
		for j := lo; j < hi; j++ {
			switch v := x[j]; {
			case v == 0:
			case v > 0 && v < 1<<32:
				p.addMul(&eq[j], uint64(v))
			case v < 0 && v > -1<<32:
				n.addMul(&eq[j], uint64(-v))
			default:
				t.SetInt64(v)
				t.Mul(&t, &eq[j])
				w.Add(&w, &t)
			}
		}
		mu.Lock()
		pos.add(&p)
		neg.add(&n)
		wide.Add(&wide, &w)
		mu.Unlock()
	})
	res := pos.reduce()
	t := neg.reduce()
	res.Sub(&res, &t)
	res.Add(&res, &wide)
	return res
}

// acc320 is a 320-bit unsigned accumulator (little-endian words).
type acc320 [5]uint64

// addMul adds the raw (Montgomery) words of e times w.
func (a *acc320) addMul(e *fr.Element, w uint64) {
	var carry uint64
	for i := 0; i < 4; i++ {
		hi, lo := bits.Mul64(e[i], w)
		var c uint64
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		a[i], c = bits.Add64(a[i], lo, 0)
		carry = hi + c
	}
	a[4] += carry
}

func (a *acc320) add(b *acc320) {
	var c uint64
	for i := range a {
		a[i], c = bits.Add64(a[i], b[i], c)
	}
}

// reduce returns the element whose Montgomery words are a mod r.
func (a *acc320) reduce() fr.Element {
	var buf [40]byte
	for i, w := range a {
		for k := 0; k < 8; k++ {
			buf[39-8*i-k] = byte(w >> (8 * k))
		}
	}
	v := new(big.Int).SetBytes(buf[:])
	v.Mod(v, fr.Modulus())
	v.FillBytes(buf[8:])
	var out fr.Element
	for i := range out {
		out[i] = binary.BigEndian.Uint64(buf[32-8*i:])
	}
	return out
}
