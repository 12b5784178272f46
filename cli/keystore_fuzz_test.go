package cli

import (
	"crypto/ecdsa"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
)

// lightKeystore encrypts a fixed key with cheap scrypt parameters (a valid seed).
func lightKeystore(t testing.TB) ([]byte, *ecdsa.PrivateKey) {
	k, err := crypto.HexToECDSA("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a")
	if err != nil {
		t.Fatal(err)
	}
	b, err := keystore.EncryptKey(&keystore.Key{Address: crypto.PubkeyToAddress(k.PublicKey), PrivateKey: k},
		"pw", 1<<4, 1)
	if err != nil {
		t.Fatal(err)
	}
	return b, k
}

// FuzzKeystoreJSON: any bytes as a keystore file never panic and never run an unbounded
// key derivation; a decrypted key always belongs to the address the file claims.
func FuzzKeystoreJSON(f *testing.F) {
	good, _ := lightKeystore(f)
	f.Add(good)
	f.Add([]byte(`{"version":3,"crypto":{"kdf":"scrypt","kdfparams":{"n":1073741824,"r":8,"p":1,"dklen":32}}}`))
	f.Add([]byte(`{"version":3,"crypto":{"kdf":"pbkdf2","kdfparams":{"c":16,"dklen":32,"prf":"hmac-sha256","salt":"00"}}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		key, err := decryptKeystore(b, "pw")
		if err != nil {
			return
		}
		if crypto.PubkeyToAddress(key.PrivateKey.PublicKey) != key.Address {
			t.Fatalf("decrypted a key of %s for address %s", crypto.PubkeyToAddress(key.PrivateKey.PublicKey).Hex(), key.Address.Hex())
		}
	})
}

func TestKeystoreBounds(t *testing.T) {
	good, k := lightKeystore(t)
	key, err := decryptKeystore(good, "pw")
	if err != nil || !key.PrivateKey.Equal(k) {
		t.Fatalf("light keystore: %v", err)
	}
	if _, err := decryptKeystore(good, "wrong"); err == nil {
		t.Fatal("wrong password accepted")
	}
	huge := strings.Replace(string(good), `"n":16`, `"n":1073741824`, 1)
	if huge == string(good) {
		t.Fatal("seed has no n=16")
	}
	if _, err := decryptKeystore([]byte(huge), "pw"); err == nil || !strings.Contains(err.Error(), "exceed") {
		t.Fatalf("scrypt N = 2^30 not refused up front: %v", err)
	}
}
