package tlookup

import (
	"os"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
)

// FuzzUnmarshalProof: the GKR proof decoder for a fixed small layout.
func FuzzUnmarshalProof(f *testing.F) {
	l, _ := tinyInstance(f)
	f.Add(make([]byte, l.ProofSize()))
	f.Fuzz(func(t *testing.T, b []byte) {
		testkit.RoundTrip(t, b, func(b []byte) (*Proof, error) { return UnmarshalProof(b, l) }, (*Proof).Marshal)
	})
}

// writeFuzzSeed refreshes testdata/fuzz/<target>/honest when
// ZKLLM_WRITE_FUZZ_SEEDS is set (the committed seeds were made this way).
func writeFuzzSeed(t *testing.T, target string, b []byte) {
	if os.Getenv("ZKLLM_WRITE_FUZZ_SEEDS") != "" {
		testkit.WriteSeeds(t, target, map[string][]byte{"honest": b})
	}
}
