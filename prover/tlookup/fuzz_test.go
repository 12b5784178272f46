package tlookup

import (
	"bytes"
	"sync"
	"testing"

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
		p, err := UnmarshalBlobRangeProof(b, vk)
		if err != nil {
			return
		}
		if !bytes.Equal(p.Marshal(), b) {
			t.Fatal("accepted input does not re-encode to itself")
		}
	})
}

// FuzzUnmarshalProof: the GKR proof decoder for a fixed small layout.
func FuzzUnmarshalProof(f *testing.F) {
	l, _ := tinyInstance(f)
	f.Add(make([]byte, l.ProofSize()))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := UnmarshalProof(b, l)
		if err != nil {
			return
		}
		if !bytes.Equal(p.Marshal(), b) {
			t.Fatal("accepted input does not re-encode to itself")
		}
	})
}
