package mle

import (
	"math/bits"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/parallel"
)

// signAbs returns v's sign bit and |v| (as a word: MinInt64 included).
// Callers add |v| to a positive or a negative sum by the sign bit (or pick
// negated weights by it), which keeps their loops free of data-dependent
// branches (random signs mispredict).
func signAbs(v int64) (neg, abs uint64) {
	neg = uint64(v) >> 63
	return neg, uint64((v ^ -int64(neg)) + int64(neg))
}

// wideSum is Σ_i c_i·w_i as a 384-bit integer, c_i the Montgomery words of
// field elements (< r) and w_i < 2^64: up to 2^64 terms fit. Each term is
// four word products and carries, no modular reduction; Element reduces
// once. With c_i the words of e_i·R (eqTableRaw: the raw word w_i read as
// a Montgomery form is w_i·R⁻¹, times e_i·R is w_i·e_i) the result is
// Σ_i e_i·w_i, for about a quarter of the cost of one Montgomery
// multiplication per term.
type wideSum [6]uint64

// add adds c·w.
func (s *wideSum) add(c *fr.Element, w uint64) {
	h0, l0 := bits.Mul64(c[0], w)
	h1, l1 := bits.Mul64(c[1], w)
	h2, l2 := bits.Mul64(c[2], w)
	h3, l3 := bits.Mul64(c[3], w)
	var k uint64
	s[0], k = bits.Add64(s[0], l0, 0)
	s[1], k = bits.Add64(s[1], l1, k)
	s[2], k = bits.Add64(s[2], l2, k)
	s[3], k = bits.Add64(s[3], l3, k)
	s[4], k = bits.Add64(s[4], h3, k)
	s[5] += k
	s[1], k = bits.Add64(s[1], h0, 0)
	s[2], k = bits.Add64(s[2], h1, k)
	s[3], k = bits.Add64(s[3], h2, k)
	s[4], k = bits.Add64(s[4], 0, k)
	s[5] += k
}

// plus adds another sum.
func (s *wideSum) plus(o *wideSum) {
	var k uint64
	for i := range s {
		s[i], k = bits.Add64(s[i], o[i], k)
	}
}

// Element returns the field element whose Montgomery words are S·R⁻¹ mod r
// for the sum S: with S = L + 2^256·H, that is L·R⁻¹ + H, where L·R⁻¹ is
// one Montgomery product of L (reduced: L < 2^256 < 3r) by the raw word 1,
// and H < 2^128 is already a reduced word vector.
func (s *wideSum) Element() fr.Element {
	l := fr.Element{s[0], s[1], s[2], s[3]}
	for !lessThanModulus(&l) {
		var b uint64
		l[0], b = bits.Sub64(l[0], modulusWords[0], 0)
		l[1], b = bits.Sub64(l[1], modulusWords[1], b)
		l[2], b = bits.Sub64(l[2], modulusWords[2], b)
		l[3], _ = bits.Sub64(l[3], modulusWords[3], b)
	}
	one := fr.Element{1}
	l.Mul(&l, &one)
	h := fr.Element{s[4], s[5]}
	return *l.Add(&l, &h)
}

// modulusWords are r's 64-bit words, least significant first.
var modulusWords = func() (w [4]uint64) {
	for i, x := range fr.Modulus().Bits() {
		w[i] = uint64(x)
	}
	return w
}()

// lessThanModulus reports whether the words of l, read as an integer, are
// below r.
func lessThanModulus(l *fr.Element) bool {
	for i := 3; i >= 0; i-- {
		if l[i] != modulusWords[i] {
			return l[i] < modulusWords[i]
		}
	}
	return false
}

// eqTableRaw returns eq(u,·)·R, the weights wideSum expects.
func eqTableRaw(u []fr.Element) []fr.Element {
	eq := make([]fr.Element, Size(len(u)))
	EqTableScaledInto(eq, u, montR)
	return eq
}

// signedWeights returns eqTableRaw(u) and its negation: a term v·e adds
// w[neg][i]·|v| to one wideSum, the sign picking the table (no branch).
func signedWeights(u []fr.Element) [2][]fr.Element {
	eq := eqTableRaw(u)
	minus := make([]fr.Element, len(eq))
	for i := range eq {
		minus[i].Neg(&eq[i])
	}
	return [2][]fr.Element{eq, minus}
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
	eq := signedWeights(u)
	w := len(eq[0])
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
func lowIntsRange[T Int](out []fr.Element, f []T, eq [2][]fr.Element, lo, hi int) {
	w := len(eq[0])
	for x := lo; x < hi; x++ {
		var acc wideSum
		for a, v := range f[x*w : min((x+1)*w, len(f))] {
			neg, abs := signAbs(int64(v))
			acc.add(&eq[neg][a], abs)
		}
		out[x] = acc.Element()
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
	// Per output a sum of the positive terms and one of the negative terms
	// (few outputs: two reductions each cost less than a negated table).
	sums := make([]wideSum, 2*low)
	var mu sync.Mutex
	work := func(lo, hi int) {
		acc := make([]wideSum, 2*low)
		for y := lo; y < hi; y++ {
			for j, v := range f[y*low : min((y+1)*low, len(f))] {
				neg, abs := signAbs(int64(v))
				acc[2*j+int(neg)].add(&eq[y], abs)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for i := range acc {
			sums[i].plus(&acc[i])
		}
	}
	if rows*low < parallelThreshold {
		work(0, rows)
	} else {
		parallel.Execute(rows, work)
	}
	out := make([]fr.Element, low)
	for j := range out {
		pos, minus := sums[2*j].Element(), sums[2*j+1].Element()
		out[j].Sub(&pos, &minus)
	}
	return out
}
