package pool

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
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
		p, err := UnmarshalProof(data, s)
		if err != nil {
			return
		}
		if !bytes.Equal(p.Marshal(), data) {
			t.Fatal("encode(decode(b)) != b")
		}
	})
}

func TestFuzzSeeds(t *testing.T) {
	path := filepath.Join("testdata", "fuzz", "FuzzUnmarshalProof", "honest")
	if *updateSeeds {
		b := newTestBlob(t)
		tr := transcript.New()
		dp, _ := sumcheck.NewDLCProver(tr)
		pp, _ := NewProver(b.shape, b.values, b.blinds)
		c := b.honestClaim(t, "w")
		s, _ := dp.Commit(c.value)
		if err := pp.Add(c.name, c.q, s); err != nil {
			t.Fatal(err)
		}
		proof, err := pp.Settle(dp)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		content := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", proof.Marshal())
		if err := os.WriteFile(path+".tmp", []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s string
	if _, err := fmt.Sscanf(string(raw), "go test fuzz v1\n[]byte(%q)\n", &s); err != nil {
		t.Fatal(err)
	}
	if _, err := UnmarshalProof([]byte(s), fuzzShape()); err != nil {
		t.Fatalf("committed seed no longer decodes: %v", err)
	}
}
