package anchor

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
)

var (
	// ErrWrongChain: the backend's chain id is not the one the caller (or a reference) named.
	ErrWrongChain = errors.New("anchor: wrong chain id")
	// ErrNoCode: there is no contract code at the registry address (at the read block).
	ErrNoCode = errors.New("anchor: no contract code at address")
	// ErrCodeMismatch: the code at the address is not this build's ZkllmRegistry runtime code.
	ErrCodeMismatch = errors.New("anchor: contract code hash differs from the bindings")
	// ErrInsufficientFunds: the sending account cannot pay for the transaction.
	ErrInsufficientFunds = errors.New("anchor: insufficient funds")
	// ErrReverted: a call or transaction reverted; errors.As to *RevertError for details.
	ErrReverted = errors.New("anchor: reverted")
	// ErrUnknownModel, ErrUnknownVersion, ErrUnknownProof: no such record on chain.
	ErrUnknownModel   = errors.New("anchor: unknown model")
	ErrUnknownVersion = errors.New("anchor: unknown model version")
	ErrUnknownProof   = errors.New("anchor: unknown proof")
	// ErrNotFound: a transaction or event looked up by hash does not exist (or has no record).
	ErrNotFound = errors.New("anchor: not found")
	// ErrBadNodeData: the RPC node answered with a record or log that cannot be what the
	// registry wrote (wrong shape, or inconsistent with the key it was asked about).
	ErrBadNodeData = errors.New("anchor: inconsistent data from the chain node")
	// ErrNotConfirmed: the chain is not yet deep enough for the requested confirmations.
	ErrNotConfirmed = errors.New("anchor: not confirmed yet")
	// ErrNoSigner: a write was attempted on a read-only client.
	ErrNoSigner = errors.New("anchor: client has no signing key")
)

// RevertError is a reverted call or transaction with its custom error decoded against the
// registry ABI (Name empty when the data matched no known error).
type RevertError struct {
	Name   string      // custom error name, e.g. "ProofExists"
	Args   []any       // its decoded arguments
	Data   []byte      // raw revert data
	TxHash common.Hash // zero for calls and failed estimates
}

func (e *RevertError) Error() string {
	var b strings.Builder
	b.WriteString("anchor: reverted")
	if e.TxHash != (common.Hash{}) {
		fmt.Fprintf(&b, " (tx %s)", e.TxHash.Hex())
	}
	if e.Name == "" {
		fmt.Fprintf(&b, " with data %x", e.Data)
		return b.String()
	}
	b.WriteString(": ")
	b.WriteString(e.Name)
	b.WriteString("(")
	for i, a := range e.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		switch v := a.(type) {
		case [32]byte:
			b.WriteString(common.Hash(v).Hex())
		default:
			fmt.Fprint(&b, v)
		}
	}
	b.WriteString(")")
	return b.String()
}

// Is lets errors.Is match ErrReverted and, for lookups, the unknown-record sentinels.
func (e *RevertError) Is(target error) bool {
	switch target {
	case ErrReverted:
		return true
	case ErrUnknownModel:
		return e.Name == "UnknownModel"
	case ErrUnknownVersion:
		return e.Name == "UnknownVersion"
	case ErrUnknownProof:
		return e.Name == "UnknownProof"
	}
	return false
}

// decodeRevert names the custom error in revert data using the registry ABI.
func decodeRevert(parsed *abi.ABI, data []byte, tx common.Hash) *RevertError {
	re := &RevertError{Data: data, TxHash: tx}
	if len(data) < 4 {
		return re
	}
	for name, e := range parsed.Errors {
		if string(e.ID[:4]) != string(data[:4]) {
			continue
		}
		// Accept only the canonical encoding: the ABI decoder tolerates dirty padding and
		// trailing bytes, which a correct node never returns for our errors.
		args, err := e.Inputs.Unpack(data[4:])
		if err != nil {
			return re
		}
		if packed, err := e.Inputs.Pack(args...); err != nil || !bytes.Equal(packed, data[4:]) {
			return re
		}
		re.Name, re.Args = name, args
		return re
	}
	return re
}

// classify turns a node error into a typed one: reverts with data are decoded, and a lack of
// funds becomes ErrInsufficientFunds. Other errors pass through unchanged.
func classify(parsed *abi.ABI, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, bind.ErrNoCode) {
		return fmt.Errorf("%w: %v", ErrNoCode, err)
	}
	if data, ok := ethclient.RevertErrorData(err); ok {
		return decodeRevert(parsed, data, common.Hash{})
	}
	// Nodes say it two ways: geth "insufficient funds for gas * price + value"; anvil (and geth
	// when the estimate is capped by the balance) "gas required exceeds allowance".
	if msg := err.Error(); strings.Contains(msg, "insufficient funds") || strings.Contains(msg, "exceeds allowance") {
		return fmt.Errorf("%w: %v", ErrInsufficientFunds, err)
	}
	return err
}
