package pool

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// Every tensor of a blob folds at its high variables to the same table
// whether the pool holds field elements or int16/int32/int64 entries,
// including the last tensor when the stored entries stop inside it.
func TestPartialEvalHighSmallAndField(t *testing.T) {
	layout, err := pedersen.Place([]pedersen.TensorSpec{
		{Name: "w", Shape: []uint64{8, 4}},
		{Name: "odd", Shape: []uint64{3, 5}},
		{Name: "b", Shape: []uint64{4}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := Shape{Layout: layout, LogC: 2}
	rng := rand.New(rand.NewPCG(3, 4))
	last := layout.Tensors[len(layout.Tensors)-1]
	stored := int(last.Offset) + 3 // the last tensor is cut short
	ints := make([]int16, stored)
	for i := range ints {
		ints[i] = int16(rng.Uint32())
	}
	values := make([]fr.Element, stored)
	i32, i64 := make([]int32, stored), make([]int64, stored)
	for i, v := range ints {
		values[i].SetInt64(int64(v))
		i32[i], i64[i] = int32(v), int64(v)
	}
	blinds := make([]fr.Element, 1<<(layout.LogSize-s.LogC))
	pools := map[string]func() (*Prover, error){
		"field": func() (*Prover, error) { return NewProver(s, values, blinds) },
		"int16": func() (*Prover, error) { return NewProverSmall(s, ints, blinds) },
		"int32": func() (*Prover, error) { return NewProverSmall(s, i32, blinds) },
		"int64": func() (*Prover, error) { return NewProverSmall(s, i64, blinds) },
	}
	for name, open := range pools {
		p, err := open()
		if err != nil {
			t.Fatal(err)
		}
		for _, tn := range layout.Tensors {
			full := make([]fr.Element, 1<<tn.LogSize)
			copy(full, values[min(int(tn.Offset), stored):min(int(tn.Offset)+len(full), stored)])
			for k := 0; k <= tn.LogSize; k++ {
				u := field.RandomScalars(k)
				want, err := mle.PartialEvalHigh(full, u)
				if err != nil {
					t.Fatal(err)
				}
				got := p.PartialEvalHigh(tn.Offset, tn.LogSize, u)
				if len(got) != len(want) {
					t.Fatalf("%s pool, %s, k = %d: %d entries, want %d", name, tn.Name, k, len(got), len(want))
				}
				for j := range want {
					if !got[j].Equal(&want[j]) {
						t.Fatalf("%s pool, %s, k = %d: entry %d differs", name, tn.Name, k, j)
					}
				}
			}
		}
	}
}
