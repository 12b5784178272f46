package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// seedHeader starts every Go fuzz corpus file.
const seedHeader = "go test fuzz v1\n"

// SeedDir is testdata/fuzz/<target>, relative to the package under test.
func SeedDir(target string) string { return filepath.Join("testdata", "fuzz", target) }

// SeedFile returns the corpus file body for the given argument lines, each
// a Go literal such as []byte("...") or int(3).
func SeedFile(args ...string) []byte {
	body := seedHeader
	for _, a := range args {
		body += a + "\n"
	}
	return []byte(body)
}

// Bytes is the corpus literal of b.
func Bytes(b []byte) string { return fmt.Sprintf("[]byte(%q)", b) }

// WriteSeeds writes one []byte corpus file per entry of inputs under
// SeedDir(target), each through a temporary file and a rename.
func WriteSeeds(t testing.TB, target string, inputs map[string][]byte) {
	t.Helper()
	for name, b := range inputs {
		WriteSeedFile(t, target, name, SeedFile(Bytes(b)))
	}
}

// WriteSeedFile writes body (from SeedFile) as SeedDir(target)/name.
func WriteSeedFile(t testing.TB, target, name string, body []byte) {
	t.Helper()
	dir := SeedDir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, body, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

// ReadSeed parses SeedDir(target)/name, a corpus file holding one []byte.
func ReadSeed(t testing.TB, target, name string) []byte {
	t.Helper()
	path := filepath.Join(SeedDir(target), name)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s string
	if _, err := fmt.Sscanf(string(raw), seedHeader+"[]byte(%q)\n", &s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return []byte(s)
}

// RequireSeeds fails the test when a target's corpus directory is missing
// or empty; hint says how to regenerate it.
func RequireSeeds(t testing.TB, hint string, targets ...string) {
	t.Helper()
	for _, target := range targets {
		if ents, err := os.ReadDir(SeedDir(target)); err != nil || len(ents) == 0 {
			t.Fatalf("seed corpus for %s missing (%s)", target, hint)
		}
	}
}
