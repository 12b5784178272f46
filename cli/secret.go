package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/prover/owner"
)

// The owner secret is 32 bytes from crypto/rand. Every Hyrax row blinding of
// the weight commitment derives from it (owner.Secret.RowBlindings, bound to
// the manifest digest, the row, c_W and the generator version), so it is the
// one thing the owner must back up: without it the committed model can never
// be proven. This file holds only its file format and storage.

const (
	secretSize = owner.SecretSize
	// secretHeader starts the secret file (a text file: header line + hex line).
	secretHeader = "zkllm-owner-secret-v1"
	// insecureSecretEnv is a TEST HOOK: a 64-hex-digit secret to use instead
	// of the data directory's. Commitments made with it are marked insecure and
	// publish refuses them on every chain but a dev chain.
	insecureSecretEnv = "ZKLLM_INSECURE_TEST_SECRET"
)

// ownerSecret is the loaded secret; insecure marks the test hook.
type ownerSecret struct {
	key      [secretSize]byte
	insecure bool
}

const lossWarning = "the owner secret in %s derives every blinding of your weight commitment.\n" +
	"         If you lose it, the committed model can NEVER be proven. Back it up now:\n" +
	"         zkllm model export-secret --out <file>   (keep it as safe as a private key)"

// loadOrCreateSecret returns the data directory's secret, creating it (mode
// 0600, crypto/rand) when absent; created reports a new secret.
func loadOrCreateSecret(d dataDir) (s ownerSecret, created bool, err error) {
	if h := os.Getenv(insecureSecretEnv); h != "" {
		b, err := hex.DecodeString(strings.TrimPrefix(h, "0x"))
		if err != nil || len(b) != secretSize {
			return s, false, badInputf("%s must hold %d hex-encoded bytes", insecureSecretEnv, secretSize)
		}
		copy(s.key[:], b)
		s.insecure = true
		return s, false, nil
	}
	path := d.path(secretFileName)
	s, err = readSecretFile(path)
	if err == nil {
		return s, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return s, false, err
	}
	if _, err := rand.Read(s.key[:]); err != nil {
		return s, false, internalf("owner secret: %v", err)
	}
	if err := atomicfile.Write(path, encodeSecret(s.key), 0o600); err != nil {
		return s, false, internalf("owner secret: %v", err)
	}
	return s, true, nil
}

func encodeSecret(key [secretSize]byte) []byte {
	return []byte(secretHeader + "\n" + hex.EncodeToString(key[:]) + "\n")
}

// decodeSecret parses the secret file format strictly.
func decodeSecret(b []byte) ([secretSize]byte, error) {
	var key [secretSize]byte
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) != 2 || lines[0] != secretHeader {
		return key, fmt.Errorf("not a zkllm owner secret (want a %q header line and one hex line)", secretHeader)
	}
	raw, err := hex.DecodeString(strings.TrimSpace(lines[1]))
	if err != nil || len(raw) != secretSize {
		return key, fmt.Errorf("owner secret must be %d hex-encoded bytes", secretSize)
	}
	copy(key[:], raw)
	return key, nil
}

func readSecretFile(path string) (ownerSecret, error) {
	var s ownerSecret
	b, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		return s, badInputf("owner secret %s is readable by others (mode %v); run chmod 600 %s", path, st.Mode().Perm(), path)
	}
	key, err := decodeSecret(b)
	if err != nil {
		return s, badInputf("%s: %v", path, err)
	}
	s.key = key
	return s, nil
}

// importSecret installs key as the data directory's secret. An existing
// different secret is only replaced with force (it may be the only copy).
func importSecret(d dataDir, key [secretSize]byte, force bool) error {
	path := d.path(secretFileName)
	if old, err := readSecretFile(path); err == nil {
		if old.key == key {
			return nil
		}
		if !force {
			return badInputf("%s already holds a different owner secret; export it first, then use --force to replace it", path)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		if !force {
			return err
		}
	}
	return atomicfile.Write(path, encodeSecret(key), 0o600)
}
