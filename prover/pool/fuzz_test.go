package pool

import (
	"flag"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
	"github.com/zkllm/zkllm/prover/pedersen"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite the fuzz seed corpus in testdata/fuzz from a fresh honest settlement")

// fuzzShape is the blob shape the fuzz target decodes against (the test blob).
func fuzzShape() Shape {
	layout, err := pedersen.Place([]pedersen.TensorSpec{
		{Name: "w", Shape: []uint64{8, 4}},
		{Name: "odd", Shape: []uint64{3, 5}},
		{Name: "b", Shape: []uint64{4}},
	})
	if err != nil {
		panic(err)
	}
	return Shape{Layout: layout, LogC: 2}
}

// FuzzUnmarshalProof: never panics; accepted inputs re-encode identically.
func FuzzUnmarshalProof(f *testing.F) {
	s := fuzzShape()
	size, _ := s.ProofSize()
	f.Add([]byte{})
	f.Add(make([]byte, size))
	f.Fuzz(func(t *testing.T, data []byte) {
		testkit.RoundTrip(t, data, func(b []byte) (*Proof, error) { return UnmarshalProof(b, s) }, (*Proof).Marshal)
	})
}

func TestFuzzSeeds(t *testing.T) {
	if *updateSeeds {
		b := newTestBlob(t)
		proof, _, _ := b.prove(t, []claimSpec{b.honestClaim(t, "w")})
		testkit.WriteSeeds(t, "FuzzUnmarshalProof", map[string][]byte{"honest": proof.Marshal()})
		return
	}
	if _, err := UnmarshalProof(testkit.ReadSeed(t, "FuzzUnmarshalProof", "honest"), fuzzShape()); err != nil {
		t.Fatalf("committed seed no longer decodes: %v", err)
	}
}
