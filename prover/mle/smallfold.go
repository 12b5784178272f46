package mle

import (
	"math/bits"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/parallel"
)

// wideSum is Σ_i c_i·w_i as a 384-bit integer, c_i the Montgomery words of
// field elements (< r) and w_i < 2^64: up to 2^64 terms fit. Each term is
// four word products and carries, no modular reduction (addDot); Element
// reduces once. With c_i the words of e_i·R (eqTableRaw: the raw word w_i
// read as a Montgomery form is w_i·R⁻¹, times e_i·R is w_i·e_i) the
// result is Σ_i e_i·w_i, for a fraction of the cost of one Montgomery
// multiplication per term.
type wideSum [6]uint64

// addDot adds Σ_{i<n} w[i]·(v[i·stride] + 2^63): the entries offset to
// words (v + 2^63 < 2^64 for every int64, MinInt64 included, and it is
// the word of v with its top bit flipped), so no sign is looked at and the
// loop has no data-dependent branch or select. The caller subtracts
// 2^63·Σ w (offsetCorrection), the sum kept in locals through the loop.
func addDot[T Int](s *wideSum, w []fr.Element, v []T, stride, n int) {
	s0, s1, s2, s3, s4, s5 := s[0], s[1], s[2], s[3], s[4], s[5]
	for i := range w[:n] {
		x := uint64(int64(v[i*stride])) ^ 1<<63
		c := &w[i]
		h0, l0 := bits.Mul64(c[0], x)
		h1, l1 := bits.Mul64(c[1], x)
		h2, l2 := bits.Mul64(c[2], x)
		h3, l3 := bits.Mul64(c[3], x)
		var k uint64
		l1, k = bits.Add64(l1, h0, 0)
		l2, k = bits.Add64(l2, h1, k)
		l3, k = bits.Add64(l3, h2, k)
		h3 += k // c·x < 2^319: no carry out of the fifth word
		s0, k = bits.Add64(s0, l0, 0)
		s1, k = bits.Add64(s1, l1, k)
		s2, k = bits.Add64(s2, l2, k)
		s3, k = bits.Add64(s3, l3, k)
		s4, k = bits.Add64(s4, h3, k)
		s5 += k
	}
	*s = wideSum{s0, s1, s2, s3, s4, s5}
}

// offsetCorrection returns 2^63·Σ_{i<m} e_i for weights w_i = e_i·R
// (eqTableRaw): what addDot's offset added to a sum over w[:m]. The raw
// word 2^63 is the field element 2^63·R⁻¹, so it is that times Σ w_i.
func offsetCorrection(w []fr.Element, m int) fr.Element {
	var sum fr.Element
	for i := range w[:m] {
		sum.Add(&sum, &w[i])
	}
	c := fr.Element{1 << 63}
	return *c.Mul(&c, &sum)
}

// offsetCorrections returns offsetCorrection(w, m) for every m ≤ len(w).
func offsetCorrections(w []fr.Element) []fr.Element {
	out := make([]fr.Element, len(w)+1)
	c := fr.Element{1 << 63}
	var sum fr.Element
	for m := range out {
		out[m].Mul(&c, &sum)
		if m < len(w) {
			sum.Add(&sum, &w[m])
		}
	}
	return out
}

// reduceOffset returns s's element less the offset correction corr.
func (s *wideSum) reduceOffset(corr *fr.Element) fr.Element {
	e := s.Element()
	return *e.Sub(&e, corr)
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
	full := offsetCorrection(eq, w)
	last := offsetCorrection(eq, len(f)-(used-1)*w) // the last output's terms
	work := func(lo, hi int) {
		for x := lo; x < hi; x++ {
			var acc wideSum
			row := f[x*w : min((x+1)*w, len(f))]
			addDot(&acc, eq, row, 1, len(row))
			corr := &full
			if len(row) < w {
				corr = &last
			}
			out[x] = acc.reduceOffset(corr)
		}
	}
	if used*w < parallelThreshold {
		work(0, used)
	} else {
		parallel.Execute(used, work)
	}
	return out
}

// PartialEvalHighIntsByRows is PartialEvalHighInts split over the rows
// (the high index y) instead of the outputs: for a narrow result (2^(n−k)
// outputs, too few to share out) over many rows, e.g. a tensor's few low
// coordinates kept free while all its others are evaluated.
//
// The rows go in groups of 2^d1 (d1 ≈ k/2 + 2): eq(u, y) = eq(u_lo, y_lo)·
// eq(u_hi, y_hi) with u_lo = u[:d1], so each group sums its rows per output
// in one wide sum against eq(u_lo,·) (reduced once), then takes the factor
// eq(u_hi, group). Its tables have 2^d1 and 2^(k−d1) entries, not 2^k (a
// 2^26-entry tensor kept 16-wide would otherwise need a 2^22 eq table), and
// a group's integers stay in cache while its outputs are summed. Groups
// are shared out over the cores.
func PartialEvalHighIntsByRows[T Int](f []T, n int, u []fr.Element) []fr.Element {
	if len(u) > n || len(f) > Size(n) {
		panic("mle: PartialEvalHighIntsByRows: table or point larger than 2^n")
	}
	low := Size(n - len(u))
	d1 := min(len(u), len(u)/2+2)
	lo, hi := eqTableRaw(u[:d1]), EqTable(u[d1:])
	group := Size(d1)
	// corr[m]: the offset correction of a sum over a group's first m rows.
	corr := offsetCorrections(lo)
	rows := min(Size(len(u)), (len(f)+low-1)/low) // rows that read f
	out := make([]fr.Element, low)
	var mu sync.Mutex
	work := func(g0, g1 int) {
		part := make([]fr.Element, low)
		var e fr.Element
		for g := g0; g < g1; g++ {
			y0 := g * group
			for j := range part {
				// Rows y of the group with y·low + j < len(f).
				m := min(group, (len(f)-j+low-1)/low-y0)
				if m <= 0 {
					continue
				}
				var s wideSum
				addDot(&s, lo, f[y0*low+j:], low, m)
				e = s.reduceOffset(&corr[m])
				e.Mul(&e, &hi[g])
				part[j].Add(&part[j], &e)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for j := range part {
			out[j].Add(&out[j], &part[j])
		}
	}
	groups := (rows + group - 1) / group
	if rows*low < parallelThreshold {
		work(0, groups)
	} else {
		parallel.Execute(groups, work)
	}
	return out
}
