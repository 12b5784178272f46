package testutil

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CheckDigest compares the SHA-256 of data with the hex digest stored in the
// golden file path (one line). With update set it rewrites the file instead
// (atomically: temp file + rename); use that only for an intended change of
// the encoding, never to make a failing byte-identity test pass.
func CheckDigest(t testing.TB, path string, data []byte, update bool) {
	t.Helper()
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s: %s (%d bytes)", path, got, len(data))
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden digest: %v (run the test with -update to create it)", err)
	}
	if want := strings.TrimSpace(string(raw)); got != want {
		t.Fatalf("%s: SHA-256 of the %d proof bytes is %s, golden %s: the proof changed", path, len(data), got, want)
	}
}
