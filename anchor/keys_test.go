package anchor

import (
	"encoding/hex"
	"errors"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestKeyFromEnv(t *testing.T) {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	hexKey := hex.EncodeToString(crypto.FromECDSA(k))
	for _, v := range []string{hexKey, "0x" + hexKey, " " + hexKey + "\n"} {
		t.Setenv(EnvPrivateKey, v)
		got, err := LoadKey("")
		if err != nil || !got.Equal(k) {
			t.Fatalf("LoadKey with $%s=%q: %v", EnvPrivateKey, v, err)
		}
	}
	t.Setenv(EnvPrivateKey, "not hex")
	if _, err := LoadKey(""); err == nil {
		t.Fatal("accepted a malformed key")
	}
	t.Setenv(EnvPrivateKey, "")
	if _, err := LoadKey(""); !errors.Is(err, ErrNoKey) {
		t.Fatalf("empty env: err = %v, want ErrNoKey", err)
	}
}

func TestKeyFromKeystore(t *testing.T) {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	ks := keystore.NewKeyStore(t.TempDir(), keystore.LightScryptN, keystore.LightScryptP)
	acct, err := ks.ImportECDSA(k, "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	path := acct.URL.Path
	t.Setenv(EnvKeystorePassword, "s3cret")
	got, err := LoadKey(path)
	if err != nil || !got.Equal(k) {
		t.Fatalf("LoadKey(keystore): %v", err)
	}
	t.Setenv(EnvKeystorePassword, "wrong")
	if _, err := LoadKey(path); err == nil {
		t.Fatal("wrong password accepted")
	}
	if _, err := KeyFromKeystore(filepath.Join(t.TempDir(), "missing.json"), "x"); err == nil {
		t.Fatal("missing keystore file accepted")
	}
}
