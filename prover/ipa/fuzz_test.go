package ipa

import (
	"bytes"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
)

// FuzzUnmarshalProof: the first byte picks k ∈ [0,8); any accepted proof
// re-encodes to the same bytes.
func FuzzUnmarshalProof(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 {
			return
		}
		k := int(b[0] % 8)
		p, err := UnmarshalProof(b[1:], k)
		if err != nil {
			return
		}
		if p.Rounds() != k || !bytes.Equal(p.Marshal(), b[1:]) {
			t.Fatal("accepted proof does not re-encode to itself")
		}
	})
}

// FuzzUnmarshalProductProof: any accepted product proof re-encodes to itself.
func FuzzUnmarshalProductProof(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		testkit.RoundTrip(t, b, UnmarshalProductProof, (*ProductProof).Marshal)
	})
}
