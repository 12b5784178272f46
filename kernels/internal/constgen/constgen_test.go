package constgen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The committed header must be exactly what Source produces.
func TestHeaderCurrent(t *testing.T) {
	path := filepath.Join("..", "..", "cuda", "zk_constants.cuh")
	want := Source()
	if os.Getenv("ZKLLM_REGENERATE") == "1" {
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, want, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s", path)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run ZKLLM_REGENERATE=1 go test ./kernels/internal/constgen", path)
	}
}
