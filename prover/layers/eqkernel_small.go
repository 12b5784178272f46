package layers

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// NewEqMaskSmallKernel is NewEqProductKernel(r, A, B) with A a 0/1 mask
// given as bools (true = 1) and B small integers (entry i is v[i] mod r),
// both zero past their end: the same rounds, hence the same proof, but
// round 0 reads the bools and integers directly and its fold writes the
// first field tables (half size); no whole-size field table is built. Any
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

// maskSmallFirst is round 0 of an EqProductKernel whose A is a bool mask
// and B small integers.
type maskSmallFirst[T pedersen.Small] struct {
	mask []bool
	v    []T
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
func (f *maskSmallFirst[T]) sums(eqLo, eqHi []fr.Element, lo int, needOne bool) [3]fr.Element {
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

// fold binds x_0 = ρ: the mask folds to 0, 1−ρ, ρ or 1 by its bit pair,
// the integers block by block (all-zero blocks stay zero unconverted).
func (f *maskSmallFirst[T]) fold(rho fr.Element) (a, b []fr.Element) {
	one := fr.One()
	var byBits [4]fr.Element // index m0 + 2·m1
	byBits[1].Sub(&one, &rho)
	byBits[2], byBits[3] = rho, one
	a = make([]fr.Element, (len(f.mask)+1)/2)
	field.ParallelMin(len(a), 1<<14, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			m0, m1 := boolPair(f.mask, i)
			idx := 0
			if m0 {
				idx = 1
			}
			if m1 {
				idx += 2
			}
			a[i] = byBits[idx]
		}
	})
	b = make([]fr.Element, (len(f.v)+1)/2)
	field.ParallelMin(len(b), eqParallelPairs, func(lo, hi int) {
		var buf [2 * foldBlock]fr.Element
		for s := lo; s < hi; s += foldBlock {
			e := min(s+foldBlock, hi)
			if f.load(buf[:], s, e) {
				FoldSkippingZero(b[s:e], buf[:2*(e-s)], rho)
			}
		}
	})
	return a, b
}
