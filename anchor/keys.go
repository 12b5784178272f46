package anchor

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
)

// Environment variables the CLI reads keys from (never from flag values, which leak into
// shell history and process listings).
const (
	EnvPrivateKey       = "ZKLLM_PRIVATE_KEY"       // hex secp256k1 key, optional 0x
	EnvKeystorePassword = "ZKLLM_KEYSTORE_PASSWORD" // password of the keystore file
)

// ErrNoKey: no key was configured.
var ErrNoKey = errors.New("anchor: no signing key configured")

// KeyFromEnv reads a hex private key from the environment variable name.
func KeyFromEnv(name string) (*ecdsa.PrivateKey, error) {
	v, ok := os.LookupEnv(name)
	if !ok || strings.TrimSpace(v) == "" {
		return nil, fmt.Errorf("%w: $%s is unset", ErrNoKey, name)
	}
	k, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(v), "0x"))
	if err != nil {
		return nil, fmt.Errorf("anchor: $%s is not a valid hex private key: %w", name, err)
	}
	return k, nil
}

// KeyFromKeystore decrypts a go-ethereum (Web3 Secret Storage) keystore file.
func KeyFromKeystore(path, password string) (*ecdsa.PrivateKey, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("anchor: keystore: %w", err)
	}
	k, err := keystore.DecryptKey(raw, password)
	if err != nil {
		return nil, fmt.Errorf("anchor: keystore %s: %w", path, err)
	}
	return k.PrivateKey, nil
}

// LoadKey picks the signing key: the keystore file when keystorePath is set (password from
// $ZKLLM_KEYSTORE_PASSWORD), otherwise $ZKLLM_PRIVATE_KEY.
func LoadKey(keystorePath string) (*ecdsa.PrivateKey, error) {
	if keystorePath != "" {
		return KeyFromKeystore(keystorePath, os.Getenv(EnvKeystorePassword))
	}
	return KeyFromEnv(EnvPrivateKey)
}
