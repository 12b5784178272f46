package pool

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// smallBlob is newTestBlob's layout with small signed integers (edge values
// included), committed through the small-scalar path.
func smallBlob(t *testing.T) *testBlob {
	t.Helper()
	b := newTestBlob(t)
	rng := rand.New(rand.NewPCG(5, 6))
	b.ints = make([]int64, len(b.values))
	for i := range b.values {
		if !b.values[i].IsZero() { // a real entry, not padding
			b.ints[i] = int64(rng.Uint64()) >> rng.IntN(64)
		}
	}
	b.ints[0], b.ints[1], b.ints[2] = math.MinInt64, math.MaxInt64, -1
	b.values = pedersen.SmallToField(b.ints)
	gens, err := pedersen.Get(1 << b.shape.LogC)
	if err != nil {
		t.Fatal(err)
	}
	if b.rows, err = pedersen.CommitRowsSmall(gens, b.ints, 1<<b.shape.LogC, 0, len(b.blinds), b.blinds); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSmallPoolSameProof: a pool holding the blob as integers gives the
// same entries and, in seeded mode, the same settlement bytes as one holding
// the converted field elements; the settlement verifies.
func TestSmallPoolSameProof(t *testing.T) {
	b := smallBlob(t)
	pp, err := NewProverSmall(b.shape, b.ints, b.blinds)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range [][2]int{{0, 4}, {3, 9}, {len(b.ints) - 2, 8}, {len(b.ints) + 1, 3}} {
		got, want := pp.Entries(uint64(r[0]), r[1]), b.values[min(r[0], len(b.values)):min(r[0]+r[1], len(b.values))]
		if len(got) != len(want) {
			t.Fatalf("Entries(%d,%d): %d entries, want %d", r[0], r[1], len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Entries(%d,%d)[%d] differs", r[0], r[1], i)
			}
		}
	}
	claims := []claimSpec{b.honestClaim(t, "w"), b.honestClaim(t, "odd"), b.honestClaim(t, "b")}
	settle := func(small bool) []byte {
		defer field.SeedForTesting([32]byte{33})()
		bb := *b
		if !small {
			bb.ints = nil
		}
		proof, closing, ys := bb.prove(t, claims)
		return closing.Append(proof.Append(field.AppendPoints(nil, ys)))
	}
	if !bytes.Equal(settle(true), settle(false)) {
		t.Fatal("the integer-backed pool's settlement differs from the field-backed one's")
	}
	if err := b.run(t, claims, nil); err != nil {
		t.Fatalf("integer-backed pool rejected: %v", err)
	}
}
