package cli

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/term"

	"github.com/zkllm/zkllm/anchor/devchain"
)

// Environment variables that carry secrets (never flags: flag values leak
// through shell history and the process list).
const (
	privateKeyEnv       = "ZKLLM_PRIVATE_KEY"
	keystorePasswordEnv = "ZKLLM_KEYSTORE_PASSWORD"
)

// devChainIDs are the chains on which the public dev key and insecure test
// secrets are acceptable: the embedded chain / geth --dev (1337) and anvil.
var devChainIDs = map[uint64]bool{1337: true, 31337: true}

func isDevChain(id uint64) bool { return devChainIDs[id] }

func openKeystore(d dataDir) *keystore.KeyStore {
	return keystore.NewKeyStore(d.path(keystoreDirName), keystore.StandardScryptN, keystore.StandardScryptP)
}

// readPassword returns the keystore password: --password-file, then
// ZKLLM_KEYSTORE_PASSWORD, then a terminal prompt (twice when confirm).
func readPassword(s *session, confirm bool) (string, error) {
	if f := s.c.String(passwordFileFlag.Name); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", badInputf("password file: %v", err)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimRight(line, "\r"), nil
	}
	if p, ok := os.LookupEnv(keystorePasswordEnv); ok {
		return p, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", badInputf("no keystore password: set %s or --password-file (no terminal to ask on)", keystorePasswordEnv)
	}
	fmt.Fprint(os.Stderr, "Keystore password: ")
	p, err := term.ReadPassword(fd)
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", badInputf("reading password: %v", err)
	}
	if confirm {
		fmt.Fprint(os.Stderr, "Repeat password: ")
		q, err := term.ReadPassword(fd)
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return "", badInputf("reading password: %v", err)
		}
		if !bytes.Equal(p, q) {
			return "", badInputf("passwords do not match")
		}
	}
	return string(p), nil
}

// parseHexKey parses a hex private key (with or without 0x, surrounding
// whitespace ignored).
func parseHexKey(s string) (*ecdsa.PrivateKey, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "0x")
	k, err := crypto.HexToECDSA(s)
	if err != nil {
		return nil, errors.New("not a hex-encoded secp256k1 private key")
	}
	return k, nil
}

// Bounds on a keystore file's key derivation: go-ethereum's standard scrypt (N = 2^18,
// r = 8, p = 1) and PBKDF2 (2^18 rounds) fit; a file asking for more would make opening it a
// denial of service (scrypt N = 2^30 needs 1 TiB of memory), so it is refused first.
const (
	maxScryptN      = 1 << 18
	maxScryptR      = 8
	maxScryptP      = 4
	maxPBKDF2Rounds = 1 << 20
	maxKeystoreSize = 64 << 10
)

// keystoreHeader is the part of a keystore v3 file checked before decryption.
type keystoreHeader struct {
	Version int `json:"version"`
	Crypto  struct {
		KDF       string         `json:"kdf"`
		KDFParams map[string]any `json:"kdfparams"`
	} `json:"crypto"`
}

// decryptKeystore decrypts a go-ethereum keystore v3 file after holding its shape and its
// key-derivation cost to the bounds above.
func decryptKeystore(b []byte, password string) (*keystore.Key, error) {
	if len(b) > maxKeystoreSize {
		return nil, fmt.Errorf("keystore file of %d bytes (over %d)", len(b), maxKeystoreSize)
	}
	var h keystoreHeader
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("keystore file is not JSON: %v", err)
	}
	if h.Version != 3 {
		return nil, fmt.Errorf("keystore version %d (want 3)", h.Version)
	}
	num := func(name string) (uint64, bool) {
		f, ok := h.Crypto.KDFParams[name].(float64)
		if !ok || f < 1 || f != float64(uint64(f)) {
			return 0, false
		}
		return uint64(f), true
	}
	switch h.Crypto.KDF {
	case "scrypt":
		n, okN := num("n")
		r, okR := num("r")
		p, okP := num("p")
		if !okN || !okR || !okP || n > maxScryptN || r > maxScryptR || p > maxScryptP {
			return nil, fmt.Errorf("keystore scrypt parameters %v exceed N %d, r %d, p %d", h.Crypto.KDFParams, maxScryptN, maxScryptR, maxScryptP)
		}
	case "pbkdf2":
		c, ok := num("c")
		if !ok || c > maxPBKDF2Rounds {
			return nil, fmt.Errorf("keystore pbkdf2 rounds %v exceed %d", h.Crypto.KDFParams["c"], maxPBKDF2Rounds)
		}
	default:
		return nil, fmt.Errorf("keystore key derivation %q is neither scrypt nor pbkdf2", h.Crypto.KDF)
	}
	if dk, ok := num("dklen"); !ok || dk != 32 {
		return nil, fmt.Errorf("keystore dklen %v (want 32)", h.Crypto.KDFParams["dklen"])
	}
	return keystore.DecryptKey(b, password)
}

func isDevKey(k *ecdsa.PrivateKey) bool {
	return crypto.PubkeyToAddress(k.PublicKey) == devchain.DevAddress()
}

// signerKey picks the transaction key for a chain (see doc.go): the
// ZKLLM_PRIVATE_KEY variable, else the --from keystore account (or the only
// one), else — on dev chains only — the public dev key.
func signerKey(s *session, chainID uint64) (*ecdsa.PrivateKey, string, error) {
	var key *ecdsa.PrivateKey
	var source string
	if h, ok := os.LookupEnv(privateKeyEnv); ok && h != "" {
		k, err := parseHexKey(h)
		if err != nil {
			return nil, "", badInputf("%s: %v", privateKeyEnv, err)
		}
		key, source = k, privateKeyEnv
	} else {
		ks := openKeystore(s.dir)
		var acct accounts.Account
		from := s.c.String(fromFlag.Name)
		switch {
		case from != "":
			if !common.IsHexAddress(from) {
				return nil, "", badInputf("--from %q is not an address", from)
			}
			a, err := ks.Find(accounts.Account{Address: common.HexToAddress(from)})
			if err != nil {
				return nil, "", badInputf("--from %s: no such account in %s", from, s.dir.path(keystoreDirName))
			}
			acct = a
		case len(ks.Accounts()) == 1 && !isDevChain(chainID):
			acct = ks.Accounts()[0]
		}
		if acct.Address != (common.Address{}) {
			pw, err := readPassword(s, false)
			if err != nil {
				return nil, "", err
			}
			b, err := os.ReadFile(acct.URL.Path)
			if err != nil {
				return nil, "", badInputf("keystore: %v", err)
			}
			k, err := decryptKeystore(b, pw)
			if err != nil {
				return nil, "", badInputf("keystore account %s: %v", acct.Address.Hex(), err)
			}
			key, source = k.PrivateKey, "keystore "+acct.Address.Hex()
		}
	}
	if key == nil {
		if !isDevChain(chainID) {
			return nil, "", badInputf("no signing key for chain %d: set %s, or create one with `zkllm key new` / `zkllm key import` (and --from)", chainID, privateKeyEnv)
		}
		s.signer = devchain.DevAddress()
		return devchain.DevKey(), "the public dev key", nil
	}
	if isDevKey(key) && !isDevChain(chainID) {
		return nil, "", badInputf("refusing the publicly known dev key on chain %d (not a dev chain)", chainID)
	}
	s.signer = crypto.PubkeyToAddress(key.PublicKey)
	return key, source, nil
}
