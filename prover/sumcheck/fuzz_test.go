package sumcheck

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
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
		p, err := UnmarshalProof(data, form)
		if err != nil {
			return
		}
		if !bytes.Equal(p.Marshal(), data) {
			t.Fatal("encode(decode(b)) != b")
		}
	})
}

// FuzzUnmarshalDLCProof: the same for the DLC closing proof (k = 4).
func FuzzUnmarshalDLCProof(f *testing.F) {
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := UnmarshalDLCProof(data, 4)
		if err != nil {
			return
		}
		if !bytes.Equal(p.Marshal(), data) {
			t.Fatal("encode(decode(b)) != b")
		}
	})
}

// TestWriteFuzzSeeds regenerates testdata/fuzz with -update-seeds; without
// the flag it checks that the committed seeds still decode.
func TestWriteFuzzSeeds(t *testing.T) {
	dirProof := filepath.Join("testdata", "fuzz", "FuzzUnmarshalProof")
	dirDLC := filepath.Join("testdata", "fuzz", "FuzzUnmarshalDLCProof")
	if *updateSeeds {
		c := testCase{name: "inner product", in: InnerProduct(4), tables: [][]fr.Element{randTable(16), randTable(16)}}
		b := honestBundle(t, []testCase{c})
		if b.dlc.IPA.Rounds() != 4 {
			t.Fatalf("DLC has %d rounds, fuzz target expects 4", b.dlc.IPA.Rounds())
		}
		writeSeed(t, dirProof, "honest", b.msgs[0].proof.Marshal())
		writeSeed(t, dirDLC, "honest", b.dlc.Marshal())
		return
	}
	for dir, dec := range map[string]func([]byte) error{
		dirProof: func(b []byte) error { _, err := UnmarshalProof(b, fuzzForm()); return err },
		dirDLC:   func(b []byte) error { _, err := UnmarshalDLCProof(b, 4); return err },
	} {
		data := readSeed(t, filepath.Join(dir, "honest"))
		if err := dec(data); err != nil {
			t.Errorf("%s: committed seed no longer decodes: %v", dir, err)
		}
	}
}

func writeSeed(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	content := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
	tmp := filepath.Join(dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

// readSeed parses a one-value "go test fuzz v1" file holding a []byte.
func readSeed(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s string
	if _, err := fmt.Sscanf(string(raw), "go test fuzz v1\n[]byte(%q)\n", &s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return []byte(s)
}
