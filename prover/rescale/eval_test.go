package rescale

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// TestEvalSmallMatchesEvaluate checks the no-conversion inner product
// against the field MLE evaluation, for limb-sized and extreme values, both
// signs, zeros and a short tensor (implicit zero padding).
func TestEvalSmallMatchesEvaluate(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 18))
	for _, tc := range []struct {
		n, size int
		bound   int64
	}{{0, 1, 1}, {3, 5, 1 << 16}, {10, 1 << 10, 1 << 16}, {13, 5000, 1 << 24}, {14, 1 << 14, 1<<62 - 1}, {12, 1 << 12, 1<<32 + 3}} {
		u := field.RandomScalars(tc.n)
		x := make([]int64, tc.size)
		for j := range x {
			switch rng.IntN(4) {
			case 0: // zero
			case 1:
				x[j] = tc.bound - 1 - rng.Int64N(2) // near the bound
			default:
				x[j] = rng.Int64N(2*tc.bound) - tc.bound
			}
		}
		if tc.size > 2 {
			x[0], x[1] = tc.bound-1, -(tc.bound - 1)
		}
		f := make([]fr.Element, len(x))
		for j, v := range x {
			f[j].SetInt64(v)
		}
		want, err := mle.Evaluate(f, u)
		if err != nil {
			t.Fatal(err)
		}
		if got := EvalSmall(mle.EqTable(u), x); !got.Equal(&want) {
			t.Fatalf("n=%d size=%d bound=%d: EvalSmall %s, Evaluate %s", tc.n, tc.size, tc.bound, got.String(), want.String())
		}
	}
}

// TestEvalSmallRejectsLongInput: more values than eq entries is a bug of
// the caller, not a silent truncation.
func TestEvalSmallRejectsLongInput(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for 3 values on a 2-entry eq table")
		}
	}()
	EvalSmall(mle.EqTable(field.RandomScalars(1)), []int64{1, 2, 3})
}

// BenchmarkLimbEval2p20 compares one limb evaluation at 2^20 entries: the
// old path (convert to field, fold-evaluate) against EvalSmall on a shared
// eq table (built once per point, so timed apart).
func BenchmarkLimbEval2p20(b *testing.B) {
	n := 20
	if testing.Short() {
		n = 14
	}
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]int64, 1<<n)
	for j := range x {
		x[j] = rng.Int64N(1<<16) - 1<<15
	}
	u := field.RandomScalars(n)
	b.Run("convert+Evaluate", func(b *testing.B) {
		for range b.N {
			f := make([]fr.Element, len(x))
			for j, v := range x {
				f[j].SetInt64(v)
			}
			if _, err := mle.Evaluate(f, u); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EqTable", func(b *testing.B) {
		for range b.N {
			mle.EqTable(u)
		}
	})
	eq := mle.EqTable(u)
	b.Run("EvalSmall", func(b *testing.B) {
		for range b.N {
			EvalSmall(eq, x)
		}
	})
}
