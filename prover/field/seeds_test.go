package field

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
)

// WriteSeedCorpus writes inputs as Go fuzz corpus files under
// testdata/fuzz/<target>/ (the standard layout `go test` reads).
func writeSeedCorpus(t *testing.T, target string, inputs map[string][]byte) {
	dir := filepath.Join("testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range inputs {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteSeedCorpora regenerates the committed seed corpora when
// ZKLLM_WRITE_SEEDS=1; otherwise it checks they exist.
func TestWriteSeedCorpora(t *testing.T) {
	if os.Getenv("ZKLLM_WRITE_SEEDS") != "1" {
		for _, target := range []string{"FuzzDecodeScalar", "FuzzDecodePoint", "FuzzReader"} {
			if ents, err := os.ReadDir(filepath.Join("testdata", "fuzz", target)); err != nil || len(ents) == 0 {
				t.Fatalf("seed corpus for %s missing (run with ZKLLM_WRITE_SEEDS=1)", target)
			}
		}
		return
	}
	r := Modulus()
	rPlus1 := new(big.Int).Add(r, big.NewInt(1)).FillBytes(make([]byte, 32))
	one := FromInt64(1)
	writeSeedCorpus(t, "FuzzDecodeScalar", map[string][]byte{
		"one":     AppendScalar(nil, &one),
		"r":       r.FillBytes(make([]byte, 32)),
		"r_plus1": rPlus1,
		"short":   make([]byte, 31),
	})
	p := randomPoint()
	var id bls12381.G1Affine
	pb := fp.Modulus().FillBytes(make([]byte, 48))
	pb[0] |= 0x80
	uncompressed := p.RawBytes()
	writeSeedCorpus(t, "FuzzDecodePoint", map[string][]byte{
		"valid":        AppendPoint(nil, &p),
		"identity":     AppendPoint(nil, &id),
		"x_eq_p":       pb,
		"uncompressed": uncompressed[:],
		"bad_flags":    append([]byte{0x20}, make([]byte, 47)...),
	})
	s := RandomScalar()
	rd := []byte{0, 0, 1, 1}
	rd = AppendScalar(rd, &s)
	rd = AppendPoint(rd, &p)
	writeSeedCorpus(t, "FuzzReader", map[string][]byte{
		"valid":    rd,
		"trailing": append(append([]byte{}, rd...), 0),
		"huge":     []byte{0xff, 0xff, 0xff, 0xff},
	})
}
