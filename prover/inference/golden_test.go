package inference

import (
	"flag"
	"testing"

	"github.com/zkllm/zkllm/internal/testutil"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/model/sample"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden whole-model proof digest in testdata/ (only for an intended format change)")

// TestProofBytesGolden pins the bytes of a seeded whole-model proof of
// stories260K (prompt "Once upon a time" and 6 greedy tokens): a change to
// any gadget, pool, lookup or commitment that is meant to be a pure
// speed-up or memory cut must leave every byte as it was.
func TestProofBytesGolden(t *testing.T) {
	m := stories(t).model
	st, err := m.GenerateStatement("Once upon a time", 6, sample.Rule{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer field.SeedForTesting([32]byte{4, 4})()
	file, _, err := Prove(m, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	testutil.CheckDigest(t, "testdata/golden_proof.sha256", file, *updateGolden)
}
