package pedersen

import (
	"errors"
	"fmt"
	"math/big"
	"sync"
	"unsafe"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// ErrRows is returned for an invalid row range, row length or blinding count.
var ErrRows = errors.New("pedersen: invalid Hyrax row request")

// checkRows validates a request for rows [from,to) of length c over a vector
// of length n with len(blind) = to−from.
func (gs *Generators) checkRows(n, c, from, to, nBlind int) error {
	switch {
	case c <= 0 || c&(c-1) != 0:
		return fmt.Errorf("%w: row length %d is not a power of two", ErrRows, c)
	case c > len(gs.g):
		return fmt.Errorf("%w: row length %d > %d generators", ErrRows, c, len(gs.g))
	case from < 0 || to < from || (to-from) != nBlind:
		return fmt.Errorf("%w: rows [%d,%d) with %d blindings", ErrRows, from, to, nBlind)
	}
	return nil
}

// CommitRows commits rows [from,to) of v seen as rows of length c:
// C_k = Σ_i v[kc+i]·g_i + blind[k−from]·H. Entries past len(v) are zero. A
// row that is all zero with zero blinding is the identity (how structural
// padding rows come out: the caller passes ρ_k = 0 for them).
func (gs *Generators) CommitRows(v []fr.Element, c, from, to int, blind []fr.Element) ([]bls12381.G1Affine, error) {
	if err := gs.checkRows(len(v), c, from, to, len(blind)); err != nil {
		return nil, err
	}
	out := make([]bls12381.G1Jac, to-from)
	for k := from; k < to; k++ {
		lo, hi := min(k*c, len(v)), min((k+1)*c, len(v))
		out[k-from] = MSM(gs.g[:hi-lo], v[lo:hi])
		addBlinding(&out[k-from], &gs.H, &blind[k-from])
	}
	return bls12381.BatchJacobianToAffineG1(out), nil
}

// Small is a signed integer type committed by the small-scalar trick.
type Small interface{ ~int8 | ~int16 | ~int32 }

// negated returns −g_i for i < c (computed once per call, cheap next to
// the MSMs).
func (gs *Generators) negated(c int) []bls12381.G1Affine {
	neg := make([]bls12381.G1Affine, c)
	field.ParallelMin(c, 256, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			neg[i].Neg(&gs.g[i])
		}
	})
	return neg
}

// CommitRowsSmall is CommitRows for small signed integers (§4.3): where
// w_i < 0 it uses −g_i with |w_i|, so every MSM scalar is below 2^bits
// (bits = the width of T) and the MSM runs at small-scalar speed; the points
// equal CommitRows on w mod r. The blinding ρ_k·H joins the same MSM as
// limbs: Σ_j ρ_{k,j}·(2^{bits·j}·H) with bits-wide digits ρ_{k,j}, so it
// adds ⌈255/bits⌉ small-scalar points instead of a full scalar
// multiplication per row.
func CommitRowsSmall[T Small](gs *Generators, w []T, c, from, to int, blind []fr.Element) ([]bls12381.G1Affine, error) {
	if err := gs.checkRows(len(w), c, from, to, len(blind)); err != nil {
		return nil, err
	}
	bits := int(unsafe.Sizeof(T(0))) * 8
	hPow := limbBases(&gs.H, bits)
	neg := gs.negated(c)
	out := make([]bls12381.G1Jac, to-from)
	bases := make([]bls12381.G1Affine, c+len(hPow))
	scalars := make([]fr.Element, c+len(hPow))
	table := smallTable()
	for k := from; k < to; k++ {
		lo, hi := min(k*c, len(w)), min((k+1)*c, len(w))
		row := w[lo:hi]
		n := len(row)
		field.Parallel(n, func(a, b int) {
			for i := a; i < b; i++ {
				x := int64(row[i])
				if x < 0 {
					bases[i] = neg[i]
					x = -x
				} else {
					bases[i] = gs.g[i]
				}
				if x < int64(len(table)) {
					scalars[i] = table[x] // avoids a Montgomery multiplication
				} else {
					scalars[i].SetUint64(uint64(x))
				}
			}
		})
		m := n
		if !blind[k-from].IsZero() {
			m += setLimbs(bases[n:], scalars[n:], hPow, &blind[k-from], bits)
		}
		out[k-from] = MSM(bases[:m], scalars[:m])
	}
	return bls12381.BatchJacobianToAffineG1(out), nil
}

// limbBases returns 2^{bits·j}·H for j < ⌈255/bits⌉.
func limbBases(h *bls12381.G1Affine, bits int) []bls12381.G1Affine {
	n := (fr.Bits + bits - 1) / bits
	jac := make([]bls12381.G1Jac, n)
	jac[0].FromAffine(h)
	for j := 1; j < n; j++ {
		jac[j] = jac[j-1]
		for range bits {
			jac[j].DoubleAssign()
		}
	}
	return bls12381.BatchJacobianToAffineG1(jac)
}

// setLimbs writes ρ's bits-wide digits (least significant first) and their
// bases; it returns how many it wrote.
func setLimbs(bases []bls12381.G1Affine, scalars []fr.Element, hPow []bls12381.G1Affine, rho *fr.Element, bits int) int {
	var r big.Int
	rho.BigInt(&r)
	mask := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	mask.Sub(mask, big.NewInt(1))
	var d big.Int
	for j := range hPow {
		d.Rsh(&r, uint(bits*j)).And(&d, mask)
		bases[j] = hPow[j]
		scalars[j].SetBigInt(&d)
	}
	return len(hPow)
}

var smallTableOnce struct {
	sync.Once
	t []fr.Element
}

// smallTable holds the field elements 0…2^16 (2 MB), so int8/int16 values
// convert by lookup.
func smallTable() []fr.Element {
	smallTableOnce.Do(func() {
		t := make([]fr.Element, 1<<16+1)
		field.Parallel(len(t), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				t[i].SetUint64(uint64(i))
			}
		})
		smallTableOnce.t = t
	})
	return smallTableOnce.t
}

// SmallToField converts small signed integers to field elements (z mod r).
func SmallToField[T Small](w []T) []fr.Element {
	out := make([]fr.Element, len(w))
	field.Parallel(len(w), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i].SetInt64(int64(w[i]))
		}
	})
	return out
}
