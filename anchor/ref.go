package anchor

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// Kind names what a chain reference points at.
type Kind string

const (
	KindModel   Kind = "model"   // a model (owner line), id = model key
	KindVersion Kind = "version" // a model version, id = version id
	KindProof   Kind = "proof"   // an anchored proof, id = proof digest
	KindTx      Kind = "tx"      // a transaction that wrote a record, id = tx hash
)

// ErrBadRef: a chain reference string is malformed.
var ErrBadRef = errors.New("anchor: malformed chain reference")

// Ref is a chain reference, the string users copy and paste:
//
//	eip155:<chain id>:<contract address>/<kind>/<0x id>
//
// for example eip155:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3/proof/0x1f…(64 hex).
// The chain id is decimal (CAIP-2 style), the address is EIP-55 checksummed when formatted
// (any case accepted, but a mixed-case address must carry a valid checksum), and the id is
// 32 bytes in lower-case hex. A bare transaction hash (0x + 64 hex) is also accepted: it
// parses to a Ref of kind KindTx with no chain id and no contract.
type Ref struct {
	ChainID  uint64         // 0 only for a bare transaction hash
	Contract common.Address // zero only for a bare transaction hash
	Kind     Kind
	ID       common.Hash
}

// Bare reports whether the reference is a bare transaction hash.
func (r Ref) Bare() bool { return r.ChainID == 0 }

// String formats the reference canonically (ParseRef(r.String()) == r).
func (r Ref) String() string {
	if r.Bare() {
		return r.ID.Hex()
	}
	return fmt.Sprintf("eip155:%d:%s/%s/%s", r.ChainID, r.Contract.Hex(), r.Kind, r.ID.Hex())
}

// ParseRef parses a chain reference or a bare transaction hash.
func ParseRef(s string) (Ref, error) {
	if !strings.HasPrefix(s, "eip155:") {
		id, err := parseHash32(s)
		if err != nil {
			return Ref{}, fmt.Errorf("%w: %q is neither eip155:<chain>:<contract>/<kind>/<id> nor a transaction hash", ErrBadRef, s)
		}
		return Ref{Kind: KindTx, ID: id}, nil
	}
	rest := s[len("eip155:"):]
	parts := strings.Split(rest, "/")
	if len(parts) != 3 {
		return Ref{}, fmt.Errorf("%w: %q: want eip155:<chain>:<contract>/<kind>/<id>", ErrBadRef, s)
	}
	chainAndAddr := strings.Split(parts[0], ":")
	if len(chainAndAddr) != 2 {
		return Ref{}, fmt.Errorf("%w: %q: want <chain id>:<contract>", ErrBadRef, s)
	}
	chainID, err := parseChainID(chainAndAddr[0])
	if err != nil {
		return Ref{}, fmt.Errorf("%w: %q: %v", ErrBadRef, s, err)
	}
	addr, err := parseAddress(chainAndAddr[1])
	if err != nil {
		return Ref{}, fmt.Errorf("%w: %q: %v", ErrBadRef, s, err)
	}
	kind := Kind(parts[1])
	switch kind {
	case KindModel, KindVersion, KindProof, KindTx:
	default:
		return Ref{}, fmt.Errorf("%w: %q: unknown kind %q (want model, version, proof or tx)", ErrBadRef, s, parts[1])
	}
	id, err := parseHash32(parts[2])
	if err != nil {
		return Ref{}, fmt.Errorf("%w: %q: %v", ErrBadRef, s, err)
	}
	return Ref{ChainID: chainID, Contract: addr, Kind: kind, ID: id}, nil
}

func parseChainID(s string) (uint64, error) {
	if s == "" || (len(s) > 1 && s[0] == '0') || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return 0, fmt.Errorf("chain id %q is not a canonical decimal", s)
	}
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("chain id %q out of range", s)
	}
	return id, nil
}

func parseAddress(s string) (common.Address, error) {
	if len(s) != 42 || !strings.HasPrefix(s, "0x") || !isHex(s[2:]) {
		return common.Address{}, fmt.Errorf("contract %q is not 0x + 40 hex digits", s)
	}
	a := common.HexToAddress(s)
	body := s[2:]
	if body != strings.ToLower(body) && body != strings.ToUpper(body) && a.Hex() != s {
		return common.Address{}, fmt.Errorf("contract %q has a bad EIP-55 checksum", s)
	}
	if a == (common.Address{}) {
		return common.Address{}, fmt.Errorf("contract address is zero")
	}
	return a, nil
}

func parseHash32(s string) (common.Hash, error) {
	if len(s) != 66 || !strings.HasPrefix(s, "0x") || !isHex(s[2:]) {
		return common.Hash{}, fmt.Errorf("id %q is not 0x + 64 hex digits", s)
	}
	return common.HexToHash(s), nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
