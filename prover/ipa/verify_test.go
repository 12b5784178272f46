package ipa

import (
	"errors"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/transcript"
)

// TestVerifyRefusesTooManyRounds: weights of 2^k entries with k ≥ 63 make
// Len() wrap (1<<64 == 0), which used to slip past the generator-count check
// and panic in the fold; the verifier must refuse k > MaxRounds like Prove.
func TestVerifyRefusesTooManyRounds(t *testing.T) {
	gens := mustGens(t, 4)
	_, _, g, _ := bls12381.Generators()
	for _, k := range []int{MaxRounds + 1, 63, 64} {
		p := &Proof{L: make([]bls12381.G1Affine, k), R: make([]bls12381.G1Affine, k), S: g}
		for i := range p.L {
			p.L[i], p.R[i] = g, g
		}
		u := make([]fr.Element, k)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("k=%d: Verify panicked: %v", k, r)
				}
			}()
			err := Verify(transcript.New(), gens, Single(g), g, EqWeights(u), p)
			if !errors.Is(err, ErrReject) {
				t.Fatalf("k=%d: got %v, want ErrReject", k, err)
			}
			b := NewBatch(gens)
			if err := b.AddIPA(transcript.New(), Single(g), g, EqWeights(u), p); !errors.Is(err, ErrReject) {
				t.Fatalf("k=%d: batch: got %v, want ErrReject", k, err)
			}
		}()
	}
}
