package ipa

import (
	"fmt"
	"math/big"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// foldInputs returns n distinct generator points as lo and hi.
func foldInputs(t testing.TB, n int) (lo, hi []bls12381.G1Affine) {
	t.Helper()
	gens, err := pedersen.Get(2 * n)
	if err != nil {
		t.Fatal(err)
	}
	v := gens.Vector(2 * n)
	return append([]bls12381.G1Affine(nil), v[:n]...), append([]bls12381.G1Affine(nil), v[n:]...)
}

func checkFold(t *testing.T, name string, lo, hi []bls12381.G1Affine, s fr.Element) {
	t.Helper()
	want := append([]bls12381.G1Affine(nil), lo...)
	var sb big.Int
	foldJacobian(want, hi, s.BigInt(&sb))
	got := append([]bls12381.G1Affine(nil), lo...)
	foldPoints(got, hi, &s)
	for i := range want {
		if !got[i].Equal(&want[i]) {
			t.Fatalf("%s: point %d of %d differs from the Jacobian fold", name, i, len(lo))
		}
	}
}

// TestFoldPointsMatchesJacobian: the batched affine GLV fold equals
// lo + s·hi computed point by point, for random and edge scalars, sizes on
// both sides of the batch threshold and across chunks, and inputs that hit
// the fallback (infinity, lo = −s·hi so the sum is the identity, hi = lo).
func TestFoldPointsMatchesJacobian(t *testing.T) {
	n := foldChunk + foldMinBatch + 3 // two chunks, the second short
	lo, hi := foldInputs(t, n)
	var minusOne, two fr.Element
	minusOne.SetOne()
	minusOne.Neg(&minusOne)
	two.SetUint64(2)
	scalars := map[string]fr.Element{"one": fr.One(), "two": two, "-1": minusOne, "zero": {}}
	for i := 0; i < 4; i++ {
		scalars["random"+string(rune('0'+i))] = field.RandomScalar()
	}
	for name, s := range scalars {
		for _, size := range []int{1, foldMinBatch - 1, foldMinBatch, 100, n} {
			checkFold(t, name, lo[:size], hi[:size], s)
		}
	}
	// Edge inputs inside one batched chunk.
	s := field.RandomScalar()
	elo, ehi := append([]bls12381.G1Affine(nil), lo[:64]...), append([]bls12381.G1Affine(nil), hi[:64]...)
	ehi[3] = bls12381.G1Affine{} // hi at infinity
	elo[5] = bls12381.G1Affine{} // lo at infinity
	var sb big.Int
	var neg bls12381.G1Affine
	neg.ScalarMultiplication(&ehi[7], s.BigInt(&sb))
	elo[7].Neg(&neg) // lo + s·hi = identity
	elo[9] = neg     // lo = s·hi: the last addition is a doubling
	checkFold(t, "edges", elo, ehi, s)
}

// BenchmarkFoldPoints compares one round's fold: the batched affine GLV
// fold against gnark's Jacobian scalar multiplication per point (both on
// all cores), at the large end (2^11) and around the batch threshold.
func BenchmarkFoldPoints(b *testing.B) {
	for _, n := range []int{1 << 6, 1 << 7, 1 << 8, 1 << 11} {
		lo, hi := foldInputs(b, n)
		s := field.RandomScalar()
		var sb big.Int
		s.BigInt(&sb)
		b.Run(fmt.Sprintf("n=%d/jacobian", n), func(b *testing.B) {
			for range b.N {
				dst := append([]bls12381.G1Affine(nil), lo...)
				field.ParallelMin(n, 8, func(a, c int) { foldJacobian(dst[a:c], hi[a:c], &sb) })
			}
		})
		b.Run(fmt.Sprintf("n=%d/batched", n), func(b *testing.B) {
			for range b.N {
				dst := append([]bls12381.G1Affine(nil), lo...)
				field.ParallelMin(n, 8, func(a, c int) {
					if c-a >= foldMinBatch {
						newFoldWork(c-a).fold(newFoldPlan(&sb), dst[a:c], hi[a:c], &sb)
					} else {
						foldJacobian(dst[a:c], hi[a:c], &sb)
					}
				})
			}
		})
	}
}
