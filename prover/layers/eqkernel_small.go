package layers

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// NewEqMaskSmallKernel is NewEqProductKernel(r, A, B) with A a 0/1 mask
// given as bools (true = 1) and B small integers (entry i is v[i] mod r),
// both zero past their end: the same rounds, hence the same proof, but
// the first intRounds rounds read B's integers directly (block by block,
// folded in small scratch buffers) and the last of them writes B's first
// field table (1/2^intRounds size); the mask stays bools for maskWidthLog
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
	k.first = &maskSmallFirst[T]{mask: mask, v: v, w: 1, val: []fr.Element{{}, fr.One()}}
	return k
}

// maskWidthLog is the number of rounds the mask stays bools: after round
// j a folded entry covers 2^(j+1) mask bits, 2^16 patterns at most here.
// intRounds (≤ maskWidthLog) is the number of rounds B stays integers. The
// first field tables are then 1/16 of the blob each: 0.5 GB at the 7B
// layer's 2^28 advice entries, where 2 and 3 rounds made them 2 GB and 1 GB
// and set the proof's peak RSS. BenchmarkPaddingCheck (2^24 int32): peak
// heap 24.0 → 11.4 B per entry (mask bools and the caller's int32 included)
// for +7% CPU.
const (
	maskWidthLog = 4
	intRounds    = 4
)

// maskSmallFirst holds the first rounds of an EqProductKernel whose A is a
// bool mask and B small integers. In round j the mask's folded entry i is
// val[bits i·w … i·w+w−1 of mask], w = 2^j; while v is non-nil B's folded
// entries are recomputed per block from the integers and rhos (the
// challenges bound so far), after that B is k.tabs[1].
type maskSmallFirst[T pedersen.Small] struct {
	mask []bool
	v    []T
	rhos []fr.Element
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

// blockScratch is a worker's scratch for B's entries of foldBlock pairs
// folded from the integers of up to intRounds−1 earlier rounds.
type blockScratch [2][2 * foldBlock << (intRounds - 1)]fr.Element

// block returns B's current-round entries 2b … 2e−1 (pairs [b, e), e − b ≤
// foldBlock), folded from the integers into sc, or nil if all those
// integers are zero.
func (f *maskSmallFirst[T]) block(sc *blockScratch, b, e int) []fr.Element {
	lo, hi := min(2*b*f.w, len(f.v)), min(2*e*f.w, len(f.v))
	src := f.v[lo:hi]
	nonzero := false
	for _, x := range src {
		if x != 0 {
			nonzero = true
			break
		}
	}
	if !nonzero {
		return nil
	}
	cur := sc[0][:2*(e-b)*f.w]
	pedersen.SmallToFieldSeq(cur[:len(src)], src)
	clear(cur[len(src):])
	for i, rho := range f.rhos {
		next := sc[(i+1)%2][:len(cur)/2]
		FoldSkippingZero(next, cur, rho)
		cur = next
	}
	return cur
}

// sums is pairSums with A the folded mask read through val (a pair covers
// 2w mask bits: A(0) = val[low w bits], A(1) = val[high w bits]) and B
// read from the integers or k.tabs[1].
func (f *maskSmallFirst[T]) sums(k *EqProductKernel, eqLo, eqHi []fr.Element, lo int, needOne bool) [3]fr.Element {
	loMask := len(eqLo) - 1
	w := f.w
	B := k.tabs[1]
	n := len(B)
	if f.v != nil {
		n = (len(f.v) + w - 1) / w
	}
	pairs := (min((len(f.mask)+w-1)/w, n) + 1) / 2 // past it A or B is zero
	return parallelSums(pairs, func(from, to int, s *[3]fr.Element) {
		var sc *blockScratch
		if f.v != nil {
			sc = new(blockScratch)
		}
		for b := from; b < to; b += foldBlock {
			e := min(b+foldBlock, to)
			off, cur := 0, B // cur holds pairs from off on
			if f.v != nil {
				if cur = f.block(sc, b, e); cur == nil {
					continue
				}
				off = b
			}
			for i := b; i < e; i++ {
				p := bitsAt(f.mask, 2*i*w, 2*w)
				if p == 0 {
					continue
				}
				b0, b1 := pairAt(cur, i-off)
				if b0.IsZero() && b1.IsZero() {
					continue
				}
				addPair(s, &f.val[p&(1<<w-1)], &f.val[p>>w], &b0, &b1, &eqLo[i&loMask], &eqHi[i>>lo], needOne)
			}
		}
	})
}

// bind binds x_j = ρ: B's integers only record ρ until their last round
// (or the kernel's), which folds them block by block into k.tabs[1]
// (all-zero blocks stay zero unconverted); later B folds as a field table.
// The mask's pattern table doubles its width, val'[lo | hi<<w] = val[lo] +
// ρ·(val[hi] − val[lo]), and after maskWidthLog rounds (or the last) the
// mask becomes the field table k.tabs[0].
func (f *maskSmallFirst[T]) bind(k *EqProductKernel, rho fr.Element) bool {
	last := k.j+1 == len(k.r)
	switch {
	case f.v == nil:
		k.foldTable(1, rho)
	case len(f.rhos)+1 < intRounds && !last:
		f.rhos = append(f.rhos, rho)
	default:
		k.tabs[1] = f.foldInts(rho)
		f.v = nil
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
	if f.w < 1<<maskWidthLog && !last {
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

// foldInts folds B's current round, read from the integers, at ρ into a
// fresh field table, block by block (all-zero blocks stay zero).
func (f *maskSmallFirst[T]) foldInts(rho fr.Element) []fr.Element {
	w := 2 * f.w
	out := make([]fr.Element, (len(f.v)+w-1)/w)
	field.ParallelMin(len(out), eqParallelPairs, func(lo, hi int) {
		sc := new(blockScratch)
		for b := lo; b < hi; b += foldBlock {
			e := min(b+foldBlock, hi)
			if cur := f.block(sc, b, e); cur != nil {
				FoldSkippingZero(out[b:e], cur, rho)
			}
		}
	})
	return out
}
