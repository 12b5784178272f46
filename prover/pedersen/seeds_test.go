package pedersen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestSeedCorpora regenerates testdata/fuzz/FuzzUnmarshalVerifyingKey when
// ZKLLM_WRITE_SEEDS=1 and otherwise checks that it exists.
func TestSeedCorpora(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzUnmarshalVerifyingKey")
	genDir := filepath.Join("testdata", "fuzz", "FuzzParseGenerators")
	if os.Getenv("ZKLLM_WRITE_SEEDS") != "1" {
		for _, d := range []string{dir, genDir} {
			if ents, err := os.ReadDir(d); err != nil || len(ents) == 0 {
				t.Fatalf("seed corpus %s missing (run with ZKLLM_WRITE_SEEDS=1)", d)
			}
		}
		return
	}
	if err := os.MkdirAll(genDir, 0o755); err != nil {
		t.Fatal(err)
	}
	g2, _ := Get(2)
	ser := g2.Serialize()
	for name, in := range map[string]struct {
		b []byte
		n int
	}{"valid": {ser, 2}, "wrong_count": {ser, 3}, "truncated": {ser[:len(ser)-1], 2}} {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nint(%d)\n", in.b, in.n)
		if err := os.WriteFile(filepath.Join(genDir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
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
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"valid":      good,
		"tiny":       tiny,
		"trailing":   append(bytes.Clone(tiny), 0),
		"truncated":  tiny[:len(tiny)-1],
		"huge_count": append([]byte(VKMagic), 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff),
	} {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
