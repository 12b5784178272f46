package tlookup

import (
	"encoding/json"
	"math/big"
	"os"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/tables"
)

// TestTinyVector checks leaves, multiplicities and every tree layer against
// testdata/logup_tiny.json, computed independently with Python integers.
func TestTinyVector(t *testing.T) {
	raw, err := os.ReadFile("testdata/logup_tiny.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Inputs         []int64 `json:"inputs"`
		LogSize        int     `json:"log_size"`
		Gamma, Beta    int64
		Multiplicities []uint64 `json:"multiplicities"`
		Layers         []struct {
			P, Q []string
		} `json:"layers_leaf_first"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	tab, err := tables.Range(2)
	if err != nil {
		t.Fatal(err)
	}
	l, err := NewLayout(Spec{Lookups: []Lookup{{Name: "x", Table: tab, LogSize: v.LogSize}}})
	if err != nil {
		t.Fatal(err)
	}
	w := &Witness{Columns: []Column{{In: v.Inputs}}}
	m, err := l.Multiplicities(w)
	if err != nil {
		t.Fatal(err)
	}
	for j, want := range v.Multiplicities {
		if m[0][j] != want {
			t.Fatalf("m[%d] = %d, vector %d", j, m[0][j], want)
		}
	}
	var gamma, beta fr.Element
	gamma.SetInt64(v.Gamma)
	beta.SetInt64(v.Beta)
	p, q := l.leaves(w, countMult(m), gamma, beta)
	tr := buildTree(p, q, l.LogLeaves)
	if len(v.Layers) != l.LogLeaves+1 {
		t.Fatalf("vector has %d layers, tree %d", len(v.Layers), l.LogLeaves+1)
	}
	check := func(got fr.Element, dec string, what string) {
		z, ok := new(big.Int).SetString(dec, 10)
		if !ok {
			t.Fatalf("bad number %q", dec)
		}
		want, err := field.FromBig(z)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(&want) {
			t.Fatalf("%s: got %s, vector %s", what, field.ToSigned(&got, nil), dec)
		}
	}
	for i, layer := range v.Layers {
		k := l.LogLeaves - i
		for x := range layer.P {
			check(tr.p[k][x], layer.P[x], "p")
			check(tr.q[k][x], layer.Q[x], "q")
		}
	}
}
