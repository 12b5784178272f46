package layers

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// NewEqMaskSmallKernel is NewEqProductKernel(r, A, B) with A a 0/1 mask
// given as bools (true = 1) and B small integers (entry i is v[i] mod r),
// both zero past their end: the same rounds, hence the same proof, but
// round 0 reads the bools and integers directly and its fold writes B's
// first field table (half size); the mask stays bools for maskWidthLog
// rounds (its folded entry is a function of the bits it covers, tabulated
// per bit pattern) and its first field table is 1/2^maskWidthLog size. Any
// values are handled (nothing assumes v vanishes where the mask is 1).
func NewEqMaskSmallKernel[T pedersen.Small](r []fr.Element, mask []bool, v []T) *EqProductKernel {
	k := &EqProductKernel{r: r, scale: fr.One(), n: 1 << len(r)}
	if len(r) == 0 { // no round: the tables are their own finals
		a := make([]fr.Element, min(len(mask), 1))
		if len(a) > 0 && mask[0] {
			a[0].SetOne()
		}
		b := make([]fr.Element, min(len(v), 1))
		pedersen.SmallToFieldSeq(b, v[:len(b)])
		k.tabs = [2][]fr.Element{a, b}
		return k
	}
	k.first = &maskSmallFirst[T]{mask: mask, v: v}
	return k
}

// maskWidthLog is the number of rounds the mask stays bools: after round
// j a folded entry covers 2^(j+1) mask bits, 256 patterns at most here.
const maskWidthLog = 3

// maskSmallFirst holds the first rounds of an EqProductKernel whose A is a
// bool mask and B small integers: in round 0 both are compact (v non-nil);
// in rounds 1… < maskWidthLog B is k.tabs[1] and the mask's folded entry i
// is val[bits i·w … i·w+w−1 of mask], w = 2^j.
type maskSmallFirst[T pedersen.Small] struct {
	mask []bool
	v    []T // nil once round 0 is bound
	w    int
	val  []fr.Element
}

// bitsAt returns mask entries from … from+w−1 as a w-bit integer, LSB
// first (false past the end).
func bitsAt(m []bool, from, w int) int {
	p := 0
	for b := range min(w, max(len(m)-from, 0)) {
		if m[from+b] {
			p |= 1 << b
		}
	}
	return p
}

// load writes the entries of pairs [b, e) of v into buf as field elements
// (zero past v's end) and reports whether any is non-zero; an all-zero
// block is not converted.
func (f *maskSmallFirst[T]) load(buf []fr.Element, b, e int) bool {
	lo, hi := min(2*b, len(f.v)), min(2*e, len(f.v))
	src := f.v[lo:hi]
	nonzero := false
	for _, x := range src {
		if x != 0 {
			nonzero = true
			break
		}
	}
	if !nonzero {
		return false
	}
	pedersen.SmallToFieldSeq(buf[:len(src)], src)
	clear(buf[len(src) : 2*(e-b)])
	return true
}

// boolPair returns entries 2i and 2i+1 of m (false past its end).
func boolPair(m []bool, i int) (m0, m1 bool) {
	if 2*i < len(m) {
		m0 = m[2*i]
	}
	if 2*i+1 < len(m) {
		m1 = m[2*i+1]
	}
	return m0, m1
}

// sums is pairSums on the mask and integers: with A(0), A(1) ∈ {0, 1},
// A·B(X) is B(X) or zero at X ∈ {0, 1} and A(2) = 2A(1) − A(0) ∈ {−1, 1, 2}
// wherever the mask pair is not (0, 0), so each live pair costs one
// multiplication per sum and the eq weight.
func (f *maskSmallFirst[T]) sums(k *EqProductKernel, eqLo, eqHi []fr.Element, lo int, needOne bool) [3]fr.Element {
	if f.v == nil {
		return f.maskSums(k.tabs[1], eqLo, eqHi, lo, needOne)
	}
	loMask := len(eqLo) - 1
	pairs := (min(len(f.mask), len(f.v)) + 1) / 2 // past it A or B is zero
	return parallelSums(pairs, func(from, to int, s *[3]fr.Element) {
		var buf [2 * foldBlock]fr.Element
		var t, wt, b2 fr.Element
		for b := from; b < to; b += foldBlock {
			e := min(b+foldBlock, to)
			if !f.load(buf[:], b, e) {
				continue
			}
			for i := b; i < e; i++ {
				m0, m1 := boolPair(f.mask, i)
				if !m0 && !m1 {
					continue
				}
				v0, v1 := &buf[2*(i-b)], &buf[2*(i-b)+1]
				if v0.IsZero() && v1.IsZero() {
					continue
				}
				wt.Mul(&eqLo[i&loMask], &eqHi[i>>lo])
				if m0 {
					t.Mul(v0, &wt)
					s[0].Add(&s[0], &t)
				}
				if needOne && m1 {
					t.Mul(v1, &wt)
					s[1].Add(&s[1], &t)
				}
				b2.Double(v1).Sub(&b2, v0)
				t.Mul(&b2, &wt)
				switch {
				case m0 && m1: // A(2) = 1
					s[2].Add(&s[2], &t)
				case m1: // A(2) = 2
					t.Double(&t)
					s[2].Add(&s[2], &t)
				default: // A(2) = −1
					s[2].Sub(&s[2], &t)
				}
			}
		}
	})
}

// maskSums is pairSums with A the folded mask read through val: the pair
// covers 2w mask bits, A(0) = val[low w bits], A(1) = val[high w bits].
func (f *maskSmallFirst[T]) maskSums(B, eqLo, eqHi []fr.Element, lo int, needOne bool) [3]fr.Element {
	loMask := len(eqLo) - 1
	w := f.w
	pairs := (min((len(f.mask)+w-1)/w, len(B)) + 1) / 2 // past it A or B is zero
	return parallelSums(pairs, func(from, to int, s *[3]fr.Element) {
		for i := from; i < to; i++ {
			p := bitsAt(f.mask, 2*i*w, 2*w)
			if p == 0 {
				continue
			}
			b0, b1 := pairAt(B, i)
			if b0.IsZero() && b1.IsZero() {
				continue
			}
			addPair(s, &f.val[p&(1<<w-1)], &f.val[p>>w], &b0, &b1, &eqLo[i&loMask], &eqHi[i>>lo], needOne)
		}
	})
}

// bind binds x_j = ρ: in round 0 the integers fold block by block into
// k.tabs[1] (all-zero blocks stay zero unconverted), later B folds as a
// field table; the mask's pattern table doubles its width, val'[lo | hi<<w]
// = val[lo] + ρ·(val[hi] − val[lo]), and after maskWidthLog rounds (or the
// last) the mask becomes the field table k.tabs[0].
func (f *maskSmallFirst[T]) bind(k *EqProductKernel, rho fr.Element) bool {
	if f.v != nil {
		k.tabs[1] = f.foldInts(rho)
		f.v = nil
		f.w, f.val = 1, []fr.Element{{}, fr.One()}
	} else {
		k.foldTable(1, rho)
	}
	w := f.w
	val := make([]fr.Element, 1<<(2*w))
	var d fr.Element
	for p := range val {
		lo, hi := &f.val[p&(1<<w-1)], &f.val[p>>w]
		d.Sub(hi, lo).Mul(&d, &rho)
		val[p].Add(lo, &d)
	}
	f.w, f.val = 2*w, val
	if f.w < 1<<maskWidthLog && k.j+1 < len(k.r) {
		return false
	}
	w = f.w
	a := make([]fr.Element, (len(f.mask)+w-1)/w)
	field.ParallelMin(len(a), 1<<12, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			a[i] = val[bitsAt(f.mask, i*w, w)]
		}
	})
	k.tabs[0] = a
	return true
}

// foldInts folds the integers at x_0 = ρ into a fresh half-size field
// table, block by block (all-zero blocks stay zero unconverted).
func (f *maskSmallFirst[T]) foldInts(rho fr.Element) []fr.Element {
	b := make([]fr.Element, (len(f.v)+1)/2)
	field.ParallelMin(len(b), eqParallelPairs, func(lo, hi int) {
		var buf [2 * foldBlock]fr.Element
		for s := lo; s < hi; s += foldBlock {
			e := min(s+foldBlock, hi)
			if f.load(buf[:], s, e) {
				FoldSkippingZero(b[s:e], buf[:2*(e-s)], rho)
			}
		}
	})
	return b
}
