package field

import (
	"math/big"
	"os"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/zkllm/zkllm/prover/internal/testkit"
)

// TestWriteSeedCorpora regenerates the committed seed corpora when
// ZKLLM_WRITE_SEEDS=1; otherwise it checks they exist.
func TestWriteSeedCorpora(t *testing.T) {
	if os.Getenv("ZKLLM_WRITE_SEEDS") != "1" {
		testkit.RequireSeeds(t, "run with ZKLLM_WRITE_SEEDS=1", "FuzzDecodeScalar", "FuzzDecodePoint", "FuzzReader")
		return
	}
	r := Modulus()
	rPlus1 := new(big.Int).Add(r, big.NewInt(1)).FillBytes(make([]byte, 32))
	one := FromInt64(1)
	testkit.WriteSeeds(t, "FuzzDecodeScalar", map[string][]byte{
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
	testkit.WriteSeeds(t, "FuzzDecodePoint", map[string][]byte{
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
	testkit.WriteSeeds(t, "FuzzReader", map[string][]byte{
		"valid":    rd,
		"trailing": append(append([]byte{}, rd...), 0),
		"huge":     []byte{0xff, 0xff, 0xff, 0xff},
	})
}
