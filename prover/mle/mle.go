package mle

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/parallel"
)

// parallelThreshold is the table length below which work stays on one
// goroutine: spawning costs more than it saves on small tables.
const parallelThreshold = 1 << 12

// forRange runs work over [0,n), split across CPUs when n is large.
func forRange(n int, work func(start, end int)) {
	if n < parallelThreshold {
		work(0, n)
		return
	}
	parallel.Execute(n, work)
}

// Size returns 2^n for a variable count n, panicking on a negative or huge n
// (a programming error, not input data).
func Size(n int) int {
	if n < 0 || n > 40 {
		panic(fmt.Sprintf("mle: variable count %d out of range", n))
	}
	return 1 << n
}

// Log2Ceil returns the least n with 2^n ≥ length (0 for length ≤ 1).
func Log2Ceil(length int) int {
	n := 0
	for (1 << n) < length {
		n++
	}
	return n
}

// Pad returns a copy of f zero-padded to length 2^n. It fails if f is longer.
func Pad(f []fr.Element, n int) ([]fr.Element, error) {
	size := Size(n)
	if len(f) > size {
		return nil, fmt.Errorf("mle: table of length %d does not fit %d variables", len(f), n)
	}
	out := make([]fr.Element, size)
	copy(out, f)
	return out, nil
}

// EqTable returns the table eq(u,x) for x ∈ {0,1}^len(u), built as in
// PROTOCOL §2.3: E[0] = 1; for each j, E[i+2^j] = E[i]·u_j, E[i] = E[i]·(1−u_j).
func EqTable(u []fr.Element) []fr.Element {
	out := make([]fr.Element, Size(len(u)))
	EqTableInto(out, u)
	return out
}

// EqTableScaledInto writes scale·eq(u,x) into dst (length 2^len(u)).
func EqTableScaledInto(dst []fr.Element, u []fr.Element, scale fr.Element) {
	if len(dst) != Size(len(u)) {
		panic("mle: EqTableInto: dst length must be 2^len(u)")
	}
	dst[0] = scale
	for j := range u {
		half := 1 << j
		uj := u[j]
		forRange(half, func(start, end int) {
			var hi fr.Element
			for i := start; i < end; i++ {
				hi.Mul(&dst[i], &uj)
				dst[i].Sub(&dst[i], &hi) // E[i]·(1−u_j) = E[i] − E[i]·u_j
				dst[i+half] = hi
			}
		})
	}
}

// EqTableInto writes eq(u,x) into dst, which must have length 2^len(u).
func EqTableInto(dst []fr.Element, u []fr.Element) {
	var one fr.Element
	one.SetOne()
	EqTableScaledInto(dst, u, one)
}

// Eq returns eq(a,b) = Π_j (a_j b_j + (1−a_j)(1−b_j)) for points of equal length.
func Eq(a, b []fr.Element) fr.Element {
	if len(a) != len(b) {
		panic("mle: Eq of points with different lengths")
	}
	var acc, t, one fr.Element
	acc.SetOne()
	one.SetOne()
	for j := range a {
		// eq(a,b) = 1 − a − b + 2ab
		t.Mul(&a[j], &b[j])
		t.Double(&t)
		t.Add(&t, &one)
		t.Sub(&t, &a[j])
		t.Sub(&t, &b[j])
		acc.Mul(&acc, &t)
	}
	return acc
}

// EqAt returns eq(u, bits(idx)) where bit j of idx is coordinate j; the bits
// of idx at positions ≥ len(u) must be zero.
func EqAt(u []fr.Element, idx uint64) fr.Element {
	if len(u) < 64 && idx>>uint(len(u)) != 0 {
		panic("mle: EqAt index out of range")
	}
	var acc, t, one fr.Element
	acc.SetOne()
	one.SetOne()
	for j := range u {
		if idx>>uint(j)&1 == 1 {
			acc.Mul(&acc, &u[j])
		} else {
			t.Sub(&one, &u[j])
			acc.Mul(&acc, &t)
		}
	}
	return acc
}

// FoldInto binds the lowest variable of src to r, writing the half-length
// result into dst: dst[i] = src[2i] + r·(src[2i+1] − src[2i]). dst may not
// overlap src (the parallel split would race), except dst == src[:len/2] on
// small tables, which Fold handles.
func FoldInto(dst, src []fr.Element, r fr.Element) {
	half := len(src) / 2
	if len(src) != 2*half || len(dst) < half {
		panic("mle: FoldInto: src length must be even and dst at least half of it")
	}
	forRange(half, func(start, end int) {
		var d fr.Element
		for i := start; i < end; i++ {
			d.Sub(&src[2*i+1], &src[2*i])
			d.Mul(&d, &r)
			dst[i].Add(&src[2*i], &d)
		}
	})
}

// Fold binds the lowest variable of f to r in place and returns f[:len(f)/2].
// It runs on one goroutine (in-place parallel folding would race); use
// FoldInto with a separate buffer for large tables.
func Fold(f []fr.Element, r fr.Element) []fr.Element {
	half := len(f) / 2
	if len(f) != 2*half {
		panic("mle: Fold of a table of odd length")
	}
	var d fr.Element
	for i := 0; i < half; i++ {
		d.Sub(&f[2*i+1], &f[2*i])
		d.Mul(&d, &r)
		f[i].Add(&f[2*i], &d)
	}
	return f[:half]
}

// Evaluate returns f(u), the MLE of f (zero-padded to 2^len(u)) at u.
// It fails if f is longer than 2^len(u).
func Evaluate(f []fr.Element, u []fr.Element) (fr.Element, error) {
	if len(f) > Size(len(u)) {
		return fr.Element{}, fmt.Errorf("mle: table of length %d evaluated at a %d-variable point", len(f), len(u))
	}
	if len(f) == 0 {
		return fr.Element{}, nil
	}
	rest, err := PartialEvalLow(f, u)
	if err != nil {
		return fr.Element{}, err
	}
	return rest[0], nil
}

// PartialEvalLow binds the lowest len(u) variables of f to u and returns the
// table of the remaining variables (length max(1, ⌈len(f)/2^len(u)⌉) rounded
// to a power of two). f is zero-padded to a power of two first and is not
// modified.
func PartialEvalLow(f []fr.Element, u []fr.Element) ([]fr.Element, error) {
	n := Log2Ceil(len(f))
	if n < len(u) {
		n = len(u)
	}
	cur, err := Pad(f, n)
	if err != nil {
		return nil, err
	}
	if len(u) == 0 {
		return cur, nil
	}
	// Ping-pong between cur and a half-size buffer so large folds can run in
	// parallel without overlapping reads and writes.
	other := make([]fr.Element, len(cur)/2)
	for _, r := range u {
		half := len(cur) / 2
		FoldInto(other[:half], cur, r)
		cur, other = other[:half], cur
	}
	return cur, nil
}

// PartialEvalHigh binds the highest len(u) variables of f (u[0] binds
// variable n−len(u), the lowest of them) and returns the table of the low
// variables: out[x] = Σ_y f[x + 2^(n−k)·y]·eq(u,y). f is zero-padded to 2^n
// with n = max(⌈log len(f)⌉, len(u)) and is not modified.
func PartialEvalHigh(f []fr.Element, u []fr.Element) ([]fr.Element, error) {
	n := Log2Ceil(len(f))
	if n < len(u) {
		n = len(u)
	}
	low := Size(n - len(u))
	eq := EqTable(u)
	out := make([]fr.Element, low)
	forRange(low, func(start, end int) {
		var t fr.Element
		for y := range eq {
			base := y * low
			for x := start; x < end; x++ {
				if base+x >= len(f) {
					break
				}
				t.Mul(&f[base+x], &eq[y])
				out[x].Add(&out[x], &t)
			}
		}
	})
	return out, nil
}

// InnerProduct returns Σ_i a[i]·b[i] over the shorter length.
func InnerProduct(a, b []fr.Element) fr.Element {
	n := min(len(a), len(b))
	var acc, t fr.Element
	for i := 0; i < n; i++ {
		t.Mul(&a[i], &b[i])
		acc.Add(&acc, &t)
	}
	return acc
}
