package cli

import (
	"os"
	"testing"
)

// The row-blinding PRF itself is tested in prover/owner (determinism,
// separation by secret, manifest, row, row length and generator version).

func TestSecretFileLifecycle(t *testing.T) {
	t.Setenv(insecureSecretEnv, "")
	d := dataDir{root: t.TempDir()}
	s, created, err := loadOrCreateSecret(d)
	if err != nil || !created {
		t.Fatalf("create: %v %v", created, err)
	}
	st, err := os.Stat(d.path(secretFileName))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secret file mode %v, %v", st.Mode().Perm(), err)
	}
	s2, created, err := loadOrCreateSecret(d)
	if err != nil || created || s2.key != s.key {
		t.Fatal("reload gave another secret")
	}
	// Import of a different secret needs force.
	var other [secretSize]byte
	other[3] = 9
	if err := importSecret(d, other, false); ExitCode(err) != ExitBadInput {
		t.Fatalf("overwrite without force: %v", err)
	}
	if err := importSecret(d, other, true); err != nil {
		t.Fatal(err)
	}
	s3, _, _ := loadOrCreateSecret(d)
	if s3.key != other {
		t.Fatal("import did not take effect")
	}
	// A world-readable secret is refused.
	os.Chmod(d.path(secretFileName), 0o644)
	if _, _, err := loadOrCreateSecret(d); ExitCode(err) != ExitBadInput {
		t.Fatalf("world-readable secret accepted: %v", err)
	}
	// Malformed files are refused.
	for _, bad := range []string{"", "zkllm-owner-secret-v1\n", "zkllm-owner-secret-v1\nzz\n", "other\n" + "00\n"} {
		if _, err := decodeSecret([]byte(bad)); err == nil {
			t.Fatalf("decoded %q", bad)
		}
	}
	// The test hook marks the secret insecure.
	t.Setenv(insecureSecretEnv, "0101010101010101010101010101010101010101010101010101010101010101")
	h, _, err := loadOrCreateSecret(d)
	if err != nil || !h.insecure || h.key[0] != 1 {
		t.Fatalf("test hook: %+v %v", h, err)
	}
}
