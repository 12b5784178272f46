package sumcheck

import (
	"flag"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/zkllm/zkllm/prover/internal/testkit"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite the fuzz seed corpora in testdata/fuzz from fresh honest proofs")

// fuzzForm is the fixed form the fuzz target decodes against: an inner
// product over 4 variables (4 rounds, 2 finals, 1 product proof).
func fuzzForm() *Form {
	f, err := InnerProduct(4).Form()
	if err != nil {
		panic(err)
	}
	return f
}

// FuzzUnmarshalProof: the decoder never panics, and every accepted input
// re-encodes to the same bytes.
func FuzzUnmarshalProof(f *testing.F) {
	f.Add([]byte{})
	f.Add(make([]byte, fuzzForm().ProofSize()))
	form := fuzzForm()
	f.Fuzz(func(t *testing.T, data []byte) {
		testkit.RoundTrip(t, data, func(b []byte) (*Proof, error) { return UnmarshalProof(b, form) }, (*Proof).Marshal)
	})
}

// FuzzUnmarshalDLCProof: the same for the DLC closing proof (k = 4).
func FuzzUnmarshalDLCProof(f *testing.F) {
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		testkit.RoundTrip(t, data, func(b []byte) (*DLCProof, error) { return UnmarshalDLCProof(b, 4) }, (*DLCProof).Marshal)
	})
}

// TestWriteFuzzSeeds regenerates testdata/fuzz with -update-seeds; without
// the flag it checks that the committed seeds still decode.
func TestWriteFuzzSeeds(t *testing.T) {
	const dirProof, dirDLC = "FuzzUnmarshalProof", "FuzzUnmarshalDLCProof"
	if *updateSeeds {
		c := testCase{name: "inner product", in: InnerProduct(4), tables: [][]fr.Element{randTable(16), randTable(16)}}
		b := honestBundle(t, []testCase{c})
		if b.dlc.IPA.Rounds() != 4 {
			t.Fatalf("DLC has %d rounds, fuzz target expects 4", b.dlc.IPA.Rounds())
		}
		testkit.WriteSeeds(t, dirProof, map[string][]byte{"honest": b.msgs[0].proof.Marshal()})
		testkit.WriteSeeds(t, dirDLC, map[string][]byte{"honest": b.dlc.Marshal()})
		return
	}
	for dir, dec := range map[string]func([]byte) error{
		dirProof: func(b []byte) error { _, err := UnmarshalProof(b, fuzzForm()); return err },
		dirDLC:   func(b []byte) error { _, err := UnmarshalDLCProof(b, 4); return err },
	} {
		data := testkit.ReadSeed(t, dir, "honest")
		if err := dec(data); err != nil {
			t.Errorf("%s: committed seed no longer decodes: %v", dir, err)
		}
	}
}
