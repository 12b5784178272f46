package pool

import (
	"flag"
	"testing"

	"github.com/zkllm/zkllm/internal/testutil"
	"github.com/zkllm/zkllm/prover/field"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden settlement digest in testdata/ (only for an intended format change)")

// TestSettlementBytesGolden pins the bytes of a seeded settlement (claim
// commitments, pool proof, DLC closing): a speed-up of the prover must not
// change a single proof byte.
func TestSettlementBytesGolden(t *testing.T) {
	defer field.SeedForTesting([32]byte{18})()
	b := newTestBlob(t)
	claims := []claimSpec{b.honestClaim(t, "w"), b.honestClaim(t, "odd"), b.honestClaim(t, "b"), b.honestClaim(t, "w")}
	proof, closing, ys := b.prove(t, claims)
	out := field.AppendPoints(nil, ys)
	out = proof.Append(out)
	out = closing.Append(out)
	testutil.CheckDigest(t, "testdata/golden_settlement.sha256", out, *updateGolden)
}
