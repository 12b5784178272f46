package sumcheck

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// redBlock names a claim's block: 2^log entries at block index idx (the
// point's top n−log coordinates are idx's bits), or, with boolLow set,
// such a point whose lowest coordinate is Boolean too.
type redBlock struct {
	log, idx int
	boolLow  bool
}

// redPoint returns a random point on the block (n variables).
func redPoint(n int, b redBlock) []fr.Element {
	q := field.RandomScalars(b.log)
	if b.boolLow && b.log > 0 {
		q[0].SetOne()
	}
	for j := range n - b.log {
		var e fr.Element
		if b.idx>>j&1 == 1 {
			e.SetOne()
		}
		q = append(q, e)
	}
	return q
}

// randomInts returns size random integers of T (all magnitudes, both
// signs) with T's extremes, 0 and −1 among the first entries.
func randomInts[T pedersen.Small](rng *rand.Rand, size int) []T {
	v := make([]T, size)
	bits := 8 * int(sizeOf[T]())
	for i := range v {
		v[i] = T(int64(rng.Uint64()) >> (64 - bits + rng.IntN(bits)))
	}
	lo := T(-1) << (bits - 1)
	for i, x := range []T{lo, ^lo, 0, -1, lo + 1} {
		if i < size {
			v[i] = x
		}
	}
	return v
}

func sizeOf[T pedersen.Small]() uintptr {
	var x T
	switch any(x).(type) {
	case int8:
		return 1
	case int16:
		return 2
	case int32:
		return 4
	}
	return 8
}

// checkREDInts proves RED over the blob once with the engine on the
// converted values and once with the integer kernel (k integer rounds),
// under one blinding seed, and requires the same proof bytes.
func checkREDInts[T pedersen.Small](t *testing.T, n, k int, values []T, blocks []redBlock) {
	t.Helper()
	points := make([][]fr.Element, len(blocks))
	for i, b := range blocks {
		points[i] = redPoint(n, b)
	}
	mu := field.RandomScalars(len(points))
	table := pedersen.SmallToField(values)
	var sum fr.Element
	for i, q := range points {
		y, err := mle.Evaluate(table, q)
		if err != nil {
			t.Fatal(err)
		}
		y.Mul(&y, &mu[i])
		sum.Add(&sum, &y)
	}
	in := RED(n, points, mu)
	prove := func(kernel bool) []byte {
		defer field.SeedForTesting([32]byte{18})()
		p := newProver(t)
		claim, _ := p.Commit(sum)
		var proof *Proof
		var err error
		if kernel {
			var kern *redInts[T]
			if kern, err = newREDInts(n, points, mu, values, k); err != nil {
				t.Fatal(err)
			}
			proof, _, err = in.ProveKernel(p, kern, claim)
		} else {
			proof, _, err = in.Prove(p, [][]fr.Element{table}, claim)
		}
		if err != nil {
			t.Fatal(err)
		}
		return proof.Marshal()
	}
	if !bytes.Equal(prove(true), prove(false)) {
		t.Fatalf("n = %d, k = %d, %d-entry blob, blocks %v: the integer kernel's proof differs from the engine's", n, k, len(values), blocks)
	}
}

// The integer RED kernel gives the engine's proof bytes for blobs of every
// small type and claim layouts of every kind, for several integer-round
// counts (including more rounds than a claimed tensor has variables, and
// than the blob has).
func TestREDIntsSameProofAsEngine(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	layouts := []struct {
		name   string
		n      int
		size   int // stored entries (≤ 2^n; the rest is zero)
		blocks []redBlock
	}{
		{"one tensor", 8, 256, []redBlock{{8, 0, false}}},
		{"many tensors", 9, 512, []redBlock{{6, 0, false}, {6, 1, false}, {6, 2, false}, {6, 5, false}, {6, 7, false}}},
		{"claims sharing a tensor", 8, 256, []redBlock{{6, 2, false}, {6, 2, false}, {6, 2, true}, {6, 1, false}}},
		{"nested blocks", 9, 512, []redBlock{{9, 0, false}, {7, 2, false}, {4, 20, false}, {4, 20, false}, {0, 300, false}, {2, 75, true}}},
		{"unclaimed tensors, short blob", 10, 700, []redBlock{{7, 1, false}, {5, 19, false}, {5, 30, false}}},
		{"tensors smaller than k", 7, 128, []redBlock{{2, 3, false}, {1, 40, false}, {0, 127, false}, {3, 9, true}}},
		{"claims past the stored entries", 8, 40, []redBlock{{5, 0, false}, {5, 3, false}, {3, 30, false}}},
		{"n = 3", 3, 8, []redBlock{{3, 0, false}, {1, 2, false}}},
		{"n = 2", 2, 3, []redBlock{{2, 0, false}, {0, 2, false}}},
		{"n = 1", 1, 2, []redBlock{{1, 0, false}, {0, 1, false}}},
		{"n = 0", 0, 1, []redBlock{{0, 0, false}, {0, 0, false}}},
	}
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			for _, k := range []int{1, 3, 4, redIntRounds, 8} {
				checkREDInts(t, l.n, k, randomInts[int8](rng, l.size), l.blocks)
				checkREDInts(t, l.n, k, randomInts[int16](rng, l.size), l.blocks)
				checkREDInts(t, l.n, k, randomInts[int32](rng, l.size), l.blocks)
				checkREDInts(t, l.n, k, randomInts[int64](rng, l.size), l.blocks)
			}
		})
	}
}

// Above the parallel thresholds (a 2^16 blob, claims of 2^14 and 2^12) the
// kernel still matches the engine.
func TestREDIntsSameProofLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("2^16 blob")
	}
	rng := rand.New(rand.NewPCG(18, 2))
	blocks := []redBlock{{14, 1, false}, {14, 2, false}, {12, 3, false}, {16, 0, false}}
	checkREDInts(t, 16, redIntRounds, randomInts[int16](rng, 1<<16-5), blocks)
}

// NewREDIntsKernel rejects what RED cannot hold.
func TestREDIntsRejects(t *testing.T) {
	q := field.RandomScalars(3)
	for name, f := range map[string]func() error{
		"short point": func() error { _, err := NewREDIntsKernel(4, [][]fr.Element{q}, nil, make([]int16, 4)); return err },
		"no points":   func() error { _, err := NewREDIntsKernel(3, nil, nil, make([]int16, 4)); return err },
		"weights": func() error {
			_, err := NewREDIntsKernel(3, [][]fr.Element{q}, field.RandomScalars(2), make([]int16, 4))
			return err
		},
		"long blob": func() error { _, err := NewREDIntsKernel(3, [][]fr.Element{q}, nil, make([]int16, 9)); return err },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
