package ipa

import (
	"flag"
	"testing"

	"github.com/zkllm/zkllm/internal/testutil"
	"github.com/zkllm/zkllm/prover/field"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden proof digest in testdata/ (only for an intended format change)")

// TestProofBytesGolden pins the bytes of seeded IPA proofs (vector weights,
// eq weights, a Hyrax opening): a speed-up of the prover must not change a
// single proof byte. Each proof is also verified.
func TestProofBytesGolden(t *testing.T) {
	defer field.SeedForTesting([32]byte{18})()
	var out []byte
	for _, eq := range []bool{false, true} {
		in := makeInstance(t, 7, eq)
		if err := in.verify(in.proof); err != nil {
			t.Fatal(err)
		}
		out = in.proof.Append(out)
	}
	o := makeOpening(t, 1000, 5)
	if err := o.verify(o.proof); err != nil {
		t.Fatal(err)
	}
	out = o.proof.Append(out)
	testutil.CheckDigest(t, "testdata/golden_ipa.sha256", out, *updateGolden)
}
