package rescale

import (
	"fmt"
	"math/big"
	"sync"

	"github.com/zkllm/zkllm/prover/field"
)

// maxInt64Input bounds |X| on the int64 path so that X + 2^(k−1) cannot
// overflow; the §9.3 accumulators (< 2^60) are well inside it.
const maxInt64Input = int64(1) << 62

// MaxShift bounds k: rescales in the protocol shift by at most e+18 ≤ 60 bits.
const MaxShift = 62

// RoundShift returns X' = ⌊(X + 2^(k−1)) / 2^k⌋ and R = X − 2^k·X' ∈ [−2^(k−1), 2^(k−1))
// (PROTOCOL §7.2), with floor division by arithmetic shift, never Go's
// truncating '/'. 1 ≤ k ≤ MaxShift and |X| < 2^62.
func RoundShift(x int64, k int) (q, r int64, err error) {
	if k < 1 || k > MaxShift {
		return 0, 0, fmt.Errorf("%w: k=%d (want 1..%d)", ErrShift, k, MaxShift)
	}
	if x >= maxInt64Input || x <= -maxInt64Input {
		return 0, 0, fmt.Errorf("%w: |%d| ≥ 2^62; use RoundShiftBig", ErrOverflow, x)
	}
	q = (x + int64(1)<<(k-1)) >> k
	return q, x - q<<k, nil
}

// RoundShiftBig is Rescale for big integers (any k ≥ 1), with big.Int.Rsh,
// which floors for negative values (unlike Quo).
func RoundShiftBig(x *big.Int, k int) (q, r *big.Int, err error) {
	if k < 1 || k > 4*MaxBits {
		return nil, nil, fmt.Errorf("%w: k=%d", ErrShift, k)
	}
	q = new(big.Int).Lsh(big.NewInt(1), uint(k-1))
	q.Add(q, x)
	q.Rsh(q, uint(k))
	r = new(big.Int).Lsh(q, uint(k))
	r.Sub(x, r)
	return q, r, nil
}

// RescaleTensor rescales every element of x by 2^k and checks that each
// quotient fits the format out. Errors name the tensor and the index, so an
// overflow is a prover error, not a silent wrap (PROTOCOL §9.4).
func RescaleTensor(name string, x []int64, k int, out Format) (q, r []int64, err error) {
	if err := out.Validate(); err != nil {
		return nil, nil, fmt.Errorf("tensor %q: %w", name, err)
	}
	q = make([]int64, len(x))
	r = make([]int64, len(x))
	err = parallelFirstErr(len(x), func(lo, hi int) (int, error) {
		for i := lo; i < hi; i++ {
			qi, ri, err := RoundShift(x[i], k)
			if err != nil {
				return i, fmt.Errorf("tensor %q index %d: %w", name, i, err)
			}
			if !out.Contains(qi) {
				return i, fmt.Errorf("%w: tensor %q index %d: rescaled value %d (from %d >> %d) is not %s", ErrRange, name, i, qi, x[i], k, out)
			}
			q[i], r[i] = qi, ri
		}
		return 0, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return q, r, nil
}

// parallelFirstErr runs work on disjoint ranges covering [0,n) on the cores
// (field.ParallelMin); a range stops at its first failing index and returns
// it. The error returned is the one at the smallest failing index: the one
// a serial loop reports.
func parallelFirstErr(n int, work func(lo, hi int) (int, error)) error {
	var mu sync.Mutex
	first, firstErr := n, error(nil)
	field.ParallelMin(n, 1<<14, func(lo, hi int) {
		if i, err := work(lo, hi); err != nil {
			mu.Lock()
			if i < first {
				first, firstErr = i, err
			}
			mu.Unlock()
		}
	})
	return firstErr
}

// DecomposeTensor splits every element of v into limbs of format f and
// returns them limb-major: limbs[i][j] is limb i of v[j]. Errors name the
// tensor and the index.
func DecomposeTensor(name string, v []int64, f Format) ([][]int64, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("tensor %q: %w", name, err)
	}
	m := f.NumLimbs()
	limbs := make([][]int64, m)
	for i := range limbs {
		limbs[i] = make([]int64, len(v))
	}
	err := parallelFirstErr(len(v), func(lo, hi int) (int, error) {
		buf := make([]int64, m)
		for j := lo; j < hi; j++ {
			if err := f.Decompose(v[j], buf); err != nil {
				return j, fmt.Errorf("tensor %q index %d: %w", name, j, err)
			}
			for i := range buf {
				limbs[i][j] = buf[i]
			}
		}
		return 0, nil
	})
	if err != nil {
		return nil, err
	}
	return limbs, nil
}
