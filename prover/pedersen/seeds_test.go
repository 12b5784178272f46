package pedersen

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
)

// TestSeedCorpora regenerates testdata/fuzz/FuzzUnmarshalVerifyingKey when
// ZKLLM_WRITE_SEEDS=1 and otherwise checks that it exists.
func TestSeedCorpora(t *testing.T) {
	if os.Getenv("ZKLLM_WRITE_SEEDS") != "1" {
		testkit.RequireSeeds(t, "run with ZKLLM_WRITE_SEEDS=1", "FuzzUnmarshalVerifyingKey", "FuzzParseGenerators")
		return
	}
	g2, _ := Get(2)
	ser := g2.Serialize()
	for name, in := range map[string]struct {
		b []byte
		n int
	}{"valid": {ser, 2}, "wrong_count": {ser, 3}, "truncated": {ser[:len(ser)-1], 2}} {
		testkit.WriteSeedFile(t, "FuzzParseGenerators", name, testkit.SeedFile(testkit.Bytes(in.b), fmt.Sprintf("int(%d)", in.n)))
	}
	vk, _, _ := testVK(t, 2)
	good, err := vk.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	small, _ := Place([]TensorSpec{{Name: "w", Shape: []uint64{3}}})
	gs, _ := Get(4)
	rows, _ := CommitRowsSmall(gs, []int16{1, -2, 3}, 4, 0, 1, rowsBlind(1))
	tiny, err := (&VerifyingKey{GeneratorVersion: GeneratorVersion, LogC: 2, Layout: small, Rows: rows}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	testkit.WriteSeeds(t, "FuzzUnmarshalVerifyingKey", map[string][]byte{
		"valid":      good,
		"tiny":       tiny,
		"trailing":   append(bytes.Clone(tiny), 0),
		"truncated":  tiny[:len(tiny)-1],
		"huge_count": append([]byte(VKMagic), 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff),
	})
}
