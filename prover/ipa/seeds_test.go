package ipa

import (
	"os"
	"testing"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/internal/testkit"
)

// TestSeedCorpora regenerates the committed seed corpora when
// ZKLLM_WRITE_SEEDS=1 and otherwise checks that they exist.
func TestSeedCorpora(t *testing.T) {
	targets := []string{"FuzzUnmarshalProof", "FuzzUnmarshalProductProof"}
	if os.Getenv("ZKLLM_WRITE_SEEDS") != "1" {
		testkit.RequireSeeds(t, "run with ZKLLM_WRITE_SEEDS=1", targets...)
		return
	}
	in0 := makeInstance(t, 0, false)
	in3 := makeInstance(t, 3, true)
	withK := func(k byte, b []byte) []byte { return append([]byte{k}, b...) }
	p3 := in3.proof.Marshal()
	testkit.WriteSeeds(t, "FuzzUnmarshalProof", map[string][]byte{
		"k0_valid":    withK(0, in0.proof.Marshal()),
		"k3_valid":    withK(3, p3),
		"k3_trailing": withK(3, append(append([]byte{}, p3...), 0)),
		"k4_short":    withK(4, p3),
		"k3_identity": withK(3, append(append([]byte{0xC0}, make([]byte, 47)...), p3[48:]...)),
	})
	pr := makeProduct(t, field.RandomScalar(), field.RandomScalar())
	pb := pr.proof.Marshal()
	testkit.WriteSeeds(t, "FuzzUnmarshalProductProof", map[string][]byte{
		"valid":    pb,
		"trailing": append(append([]byte{}, pb...), 0),
		"short":    pb[:303],
	})
}
