package tlookup

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// evalInt64 (split eq, from the integers) equals the MLE of the converted,
// zero-padded column at the point: short and long points (one block, many
// blocks, a partial last block), negative values and the extremes.
func TestEvalInt64MatchesMLE(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for _, c := range []struct{ vars, n int }{{0, 1}, {3, 5}, {12, 4096}, {13, 4097}, {15, 3 * 4096}, {16, 40000}} {
		col := make([]int64, c.n)
		for i := range col {
			col[i] = rng.Int64() >> rng.IntN(64)
			if rng.IntN(2) == 0 {
				col[i] = -col[i]
			}
		}
		col[0] = -1 << 63
		pt := field.RandomScalars(c.vars)
		padded := int64sToField(col)
		padded = append(padded, make([]fr.Element, mle.Size(c.vars)-len(padded))...)
		want, err := mle.Evaluate(padded, pt)
		if err != nil {
			t.Fatal(err)
		}
		if got := evalInt64(col, pt); !got.Equal(&want) {
			t.Fatalf("%d variables, %d entries: evalInt64 differs from the MLE", c.vars, c.n)
		}
	}
}
