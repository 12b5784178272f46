package pedersen

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
)

// The O(axes) padding-mask MLE equals the MLE of the explicit table, for
// layouts with non-power-of-two axes, a scalar tensor and unused blob space.
func TestPaddingMaskMatchesTable(t *testing.T) {
	l, err := Place([]TensorSpec{
		{Name: "a", Shape: []uint64{3, 5}},
		{Name: "b", Shape: []uint64{4}},
		{Name: "c", Shape: []uint64{7, 2, 3}},
		{Name: "d", Shape: []uint64{1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tab := l.PaddingMaskTable()
	var ones int
	for _, v := range tab {
		if v.IsZero() {
			ones++
		}
	}
	if ones != 15+4+42+1 {
		t.Fatalf("%d real entries, want 62", ones)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 20; trial++ {
		r := make([]fr.Element, l.LogSize)
		for i := range r {
			r[i].SetUint64(rng.Uint64())
		}
		want, err := mle.Evaluate(tab, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.PaddingMask(r); !got.Equal(&want) {
			t.Fatalf("trial %d: mask MLE mismatch", trial)
		}
	}
}

// The run-wise, parallel PaddingMaskTable (and PaddingMaskBools) equals the entry-by-entry
// definition (zero exactly at each tensor's Index of a real coordinate) on
// a layout large enough for the parallel path.
func TestPaddingMaskTableEntryByEntry(t *testing.T) {
	l, err := Place([]TensorSpec{
		{Name: "big", Shape: []uint64{100, 37, 9}},
		{Name: "wide", Shape: []uint64{5000, 3}},
		{Name: "col", Shape: []uint64{1, 700}},
		{Name: "s", Shape: []uint64{1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]bool, l.Size()) // true at real entries
	for i := range l.Tensors {
		pt := &l.Tensors[i]
		coord := make([]uint64, len(pt.Shape))
		for k := uint64(0); k < pt.realCount(); k++ {
			idx, err := pt.Index(coord)
			if err != nil {
				t.Fatal(err)
			}
			want[idx] = true
			for a := range coord {
				if coord[a]++; coord[a] < pt.Shape[a] {
					break
				}
				coord[a] = 0
			}
		}
	}
	for i, v := range l.PaddingMaskTable() {
		if v.IsZero() != want[i] || (!v.IsZero() && !v.IsOne()) {
			t.Fatalf("entry %d: mask %v, real %v", i, v.String(), want[i])
		}
	}
	for i, pad := range l.PaddingMaskBools() {
		if pad == want[i] {
			t.Fatalf("entry %d: bool mask %v, real %v", i, pad, want[i])
		}
	}
}
