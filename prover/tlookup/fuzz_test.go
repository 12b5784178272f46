package tlookup

import (
	"sync"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// fuzzVK is a fixed small verifying key for the decoder fuzz targets; the
// seed corpus in testdata/fuzz holds an honest proof for it (seed 5, rows of
// 2^6) — a differently generated vk still exercises the decoder fully.
var (
	fuzzOnce sync.Once
	fuzzKey  *pedersen.VerifyingKey
)

func fuzzVK(t testing.TB) *pedersen.VerifyingKey {
	fuzzOnce.Do(func() { fuzzKey = newTestModel(t, 5, 6).vk })
	return fuzzKey
}

// FuzzUnmarshalBlobRangeProof: the decoder never panics, and every accepted
// input re-encodes to itself.
func FuzzUnmarshalBlobRangeProof(f *testing.F) {
	f.Add([]byte(BlobRangeMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		vk := fuzzVK(t)
		testkit.RoundTrip(t, b, func(b []byte) (*BlobRangeProof, error) { return UnmarshalBlobRangeProof(b, vk) }, (*BlobRangeProof).Marshal)
	})
}

// FuzzUnmarshalProof: the GKR proof decoder for a fixed small layout.
func FuzzUnmarshalProof(f *testing.F) {
	l, _ := tinyInstance(f)
	f.Add(make([]byte, l.ProofSize()))
	f.Fuzz(func(t *testing.T, b []byte) {
		testkit.RoundTrip(t, b, func(b []byte) (*Proof, error) { return UnmarshalProof(b, l) }, (*Proof).Marshal)
	})
}
