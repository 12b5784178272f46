package sumcheck

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// vectorFile is testdata/vectors.json, produced by testdata/gen_vectors.py,
// an independent Python reference written from PROTOCOL §5.1 alone.
type vectorFile struct {
	Vectors []struct {
		Description string `json:"description"`
		NumVars     int    `json:"num_vars"`
		Degree      int    `json:"degree"`
		Terms       []struct {
			Coeff   string `json:"coeff"`
			Factors []int  `json:"factors"`
		} `json:"terms"`
		Tables     [][]string `json:"tables"`
		Challenges []string   `json:"challenges"`
		Claim      string     `json:"claim"`
		Rounds     [][]string `json:"rounds"`
		Finals     []string   `json:"finals"`
	} `json:"vectors"`
}

func decimal(t *testing.T, s string) fr.Element {
	t.Helper()
	b, ok := new(big.Int).SetString(s, 10)
	if !ok || b.Sign() < 0 || b.Cmp(fr.Modulus()) >= 0 {
		t.Fatalf("bad decimal field element %q", s)
	}
	var e fr.Element
	e.SetBigInt(b)
	return e
}

func TestCleartextRoundsMatchPythonReference(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var vf vectorFile
	if err := json.Unmarshal(raw, &vf); err != nil {
		t.Fatal(err)
	}
	if len(vf.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	for _, v := range vf.Vectors {
		form := &Form{NumVars: v.NumVars, Degree: v.Degree, Public: make([]bool, len(v.Tables))}
		for _, tm := range v.Terms {
			form.Terms = append(form.Terms, Term{Coeff: decimal(t, tm.Coeff), Factors: tm.Factors})
		}
		poly := &Polynomial{Form: form}
		for _, tab := range v.Tables {
			var col []fr.Element
			for _, s := range tab {
				col = append(col, decimal(t, s))
			}
			poly.Tables = append(poly.Tables, col)
		}
		if err := poly.Validate(); err != nil {
			t.Fatal(err)
		}
		claim := poly.Sum()
		if want := decimal(t, v.Claim); !claim.Equal(&want) {
			t.Fatalf("%s: claim differs", v.Description)
		}
		eng := newEngine(poly, claim)
		coeffs := make([]fr.Element, v.Degree+1)
		for j := 0; j < v.NumVars; j++ {
			eng.round(coeffs)
			for i, s := range v.Rounds[j] {
				if want := decimal(t, s); !coeffs[i].Equal(&want) {
					t.Fatalf("%s: round %d coefficient %d differs from the reference", v.Description, j, i)
				}
			}
			eng.bind(coeffs, decimal(t, v.Challenges[j]))
		}
		for k, got := range eng.finals() {
			if want := decimal(t, v.Finals[k]); !got.Equal(&want) {
				t.Fatalf("%s: final value of factor %d differs", v.Description, k)
			}
		}
	}
}
