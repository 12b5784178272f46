package cli

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/anchor/devchain"
)

func init() {
	registerClassifier(func(err error) (int, bool) {
		var re *anchor.RevertError
		switch {
		case errors.Is(err, anchor.ErrNotConfirmed):
			return ExitUnavailable, true
		case errors.Is(err, anchor.ErrWrongChain), errors.Is(err, anchor.ErrNoCode),
			errors.Is(err, anchor.ErrCodeMismatch), errors.Is(err, anchor.ErrInsufficientFunds),
			errors.Is(err, anchor.ErrBadRef), errors.Is(err, anchor.ErrNoSigner), errors.Is(err, anchor.ErrNoKey),
			errors.Is(err, anchor.ErrUnknownModel), errors.Is(err, anchor.ErrUnknownVersion),
			errors.Is(err, anchor.ErrUnknownProof), errors.Is(err, anchor.ErrNotFound):
			return ExitBadInput, true
		case errors.As(err, &re):
			return ExitBadInput, true
		}
		return 0, false
	})
}

// embeddedRegistry is where the registry lives on zkllm's dev chain: the
// first contract the dev key deploys (nonce 0). On a fresh anvil the same key
// and nonce give the same address.
func embeddedRegistry() common.Address { return crypto.CreateAddress(devchain.DevAddress(), 0) }

// ensureEmbeddedContracts deploys the registry at its fixed address on the
// embedded chain if it is not there yet.
func ensureEmbeddedContracts(s *session, cc *chainConn) (string, error) {
	addr := embeddedRegistry()
	code, err := cc.client.CodeAt(s.ctx, addr, nil)
	if err != nil {
		return "", unavailablef("embedded chain: %v", err)
	}
	if len(code) > 0 {
		return addr.Hex(), nil
	}
	nonce, err := cc.client.NonceAt(s.ctx, devchain.DevAddress(), nil)
	if err != nil {
		return "", unavailablef("embedded chain: %v", err)
	}
	if nonce != 0 {
		return "", internalf("embedded chain: no registry at %s but the dev account has sent %d transactions; remove %s to start over", addr.Hex(), nonce, s.dir.path(chainDirName))
	}
	c, _, err := anchor.Deploy(s.ctx, cc.client, anchor.Options{Key: devchain.DevKey()})
	if err != nil {
		return "", internalf("deploying the registry on the embedded chain: %v", err)
	}
	if c.Address() != addr {
		return "", internalf("registry deployed at %s, expected %s", c.Address().Hex(), addr.Hex())
	}
	if err := cc.sync(); err != nil {
		return "", internalf("%v", err)
	}
	return addr.Hex(), nil
}

// registryAddress picks the registry: an explicit reference's contract, then
// --contract, then (on zkllm's own dev chain, or anvil) the fixed dev address.
// Only writers deploy the embedded registry; a reader on a chain without it
// gets "no contract code" from the client.
func (s *session) registryAddress(cc *chainConn, fromRef common.Address, write bool) (common.Address, error) {
	flag := s.c.String(contractFlag.Name)
	if flag != "" && !common.IsHexAddress(flag) {
		return common.Address{}, badInputf("--contract %q is not an address", flag)
	}
	switch {
	case fromRef != (common.Address{}):
		if flag != "" && common.HexToAddress(flag) != fromRef {
			return common.Address{}, badInputf("the reference names contract %s but --contract is %s", fromRef.Hex(), flag)
		}
		return fromRef, nil
	case flag != "":
		return common.HexToAddress(flag), nil
	case cc.isEmbedded():
		if write {
			if _, err := ensureEmbeddedContracts(s, cc); err != nil {
				return common.Address{}, err
			}
		}
		return embeddedRegistry(), nil
	case isDevChain(cc.chainID):
		return embeddedRegistry(), nil
	}
	return common.Address{}, badInputf("no registry address for chain %d: pass --contract (or ZKLLM_CONTRACT)", cc.chainID)
}

// openRegistry connects to the registry; with a key it can write.
func (s *session) openRegistry(cc *chainConn, addr common.Address, write, verifyCode bool) (*anchor.Client, string, error) {
	opts := anchor.Options{
		ChainID:       cc.chainID,
		Confirmations: s.c.Uint64(confirmationsFlag.Name),
		VerifyCode:    verifyCode,
	}
	source := ""
	var backend anchor.Backend = cc.client
	if write {
		b, err := s.txBackend(cc)
		if err != nil {
			return nil, "", err
		}
		backend = b
		key, src, err := signerKey(s, cc.chainID)
		if err != nil {
			return nil, "", err
		}
		opts.Key, source = key, src
		opts.Confirmations = 0 // writers read at latest; confirmations are awaited after sending
	}
	c, err := anchor.Open(s.ctx, backend, addr, opts)
	if err != nil {
		return nil, "", classifyChainErr(s, cc, err)
	}
	s.reg = c
	return c, source, nil
}

// classifyChainErr turns transport failures into "unavailable" (exit 2) and
// keeps typed anchor errors.
func classifyChainErr(s *session, cc *chainConn, err error) error {
	if s.ctx.Err() != nil {
		return s.ctx.Err()
	}
	var re *anchor.RevertError
	if errors.As(err, &re) && re.Name != "" {
		return withCode(ExitBadInput, fmt.Errorf("%s [%s]", explainRevert(s, re), re.Name))
	}
	if errors.Is(err, anchor.ErrInsufficientFunds) {
		return explainFunds(s, cc, err)
	}
	if ExitCode(err) != ExitInternal {
		return err
	}
	msg := err.Error()
	for _, k := range []string{"connection refused", "no such host", "i/o timeout", "EOF", "connection reset", "context deadline exceeded"} {
		if strings.Contains(msg, k) {
			return unavailablef("chain node %s: %v", cc.describe(), err)
		}
	}
	return err
}

// afterWrite makes a write durable on the embedded chain and waits for
// --confirmations blocks on top of it.
func (s *session) afterWrite(cc *chainConn, block uint64) error {
	if err := cc.sync(); err != nil {
		return internalf("%v", err)
	}
	need := s.c.Uint64(confirmationsFlag.Name)
	if need == 0 {
		return nil
	}
	if isDevChain(cc.chainID) {
		// Dev chains seal blocks only when transactions arrive: waiting for
		// more blocks could take forever, and nothing reorganises them.
		s.out.warn("chain %d is a dev chain that seals blocks on demand; not waiting for %d confirmations", cc.chainID, need)
		return nil
	}
	s.out.step("waiting for %d confirmations", need)
	for {
		h, err := cc.client.HeaderByNumber(s.ctx, nil)
		if err != nil {
			return classifyChainErr(s, cc, err)
		}
		if h.Number.Cmp(new(big.Int).SetUint64(block+need)) >= 0 {
			return nil
		}
		select {
		case <-s.ctx.Done():
			return s.ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func describeKey(source string) string {
	if source == "" {
		return ""
	}
	return " (signed with " + source + ")"
}

func chainCtx(s *session) (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, 5*time.Minute)
}

// anchorClient names the registry client type for the session struct.
type anchorClient = anchor.Client

// explainRevert turns a registry revert into a sentence about the user's situation, reading
// what it needs (the model's owner) from the registry opened last.
func explainRevert(s *session, re *anchor.RevertError) string {
	h := func(i int) string {
		if i < len(re.Args) {
			if b, ok := re.Args[i].([32]byte); ok {
				return common.Hash(b).Hex()
			}
		}
		return "?"
	}
	a := func(i int) string {
		if i < len(re.Args) {
			if addr, ok := re.Args[i].(common.Address); ok {
				return addr.Hex()
			}
		}
		return "?"
	}
	n := func(i int) string {
		if i < len(re.Args) {
			return fmt.Sprint(re.Args[i])
		}
		return "?"
	}
	owners := func(key string) (owner, pending string) {
		if s.reg == nil {
			return "", ""
		}
		m, err := s.reg.Model(s.ctx, common.HexToHash(key))
		if err != nil {
			return "", ""
		}
		if m.PendingOwner != (common.Address{}) {
			pending = m.PendingOwner.Hex()
		}
		return m.Owner.Hex(), pending
	}
	switch re.Name {
	case "NotModelOwner":
		msg := fmt.Sprintf("you (%s) are not the owner of model %s", a(1), h(0))
		if owner, pending := owners(h(0)); owner != "" {
			msg += ": owner is " + owner
			if pending == a(1) {
				msg += fmt.Sprintf("; its transfer to you is pending: accept it first with `zkllm model accept %s`", s.reg.Ref(anchor.KindModel, common.HexToHash(h(0))))
			}
		}
		return msg
	case "NotPendingOwner":
		msg := fmt.Sprintf("model %s has no transfer pending for you (%s)", h(0), a(1))
		if owner, pending := owners(h(0)); owner != "" {
			if pending == "" {
				pending = "none"
			}
			msg += fmt.Sprintf(": owner is %s, pending owner %s", owner, pending)
		}
		return msg
	case "SameOwner":
		return fmt.Sprintf("you already own model %s", h(0))
	case "ModelExists":
		return fmt.Sprintf("you already registered model %s under this name; new versions go to it with `zkllm model publish`", h(0))
	case "UnknownModel":
		return fmt.Sprintf("there is no model %s in this registry", h(0))
	case "UnknownVersion":
		return fmt.Sprintf("there is no model version %s in this registry", h(0))
	case "UnknownProof":
		return fmt.Sprintf("there is no anchored proof %s in this registry", h(0))
	case "VersionIsRevoked":
		return fmt.Sprintf("version %s is revoked: it takes no new proofs and cannot be revoked again", h(0))
	case "ProofExists":
		return fmt.Sprintf("this proof is already anchored for this version and statement (proof key %s)", h(0))
	case "AlreadyAttested":
		return fmt.Sprintf("%s already attested proof %s; an attestation is never replaced", a(1), h(0))
	case "ZeroDigest":
		return "a digest is zero: the record is incomplete"
	case "EmptyCid":
		return "the IPFS CID is empty"
	case "CidTooLong":
		return fmt.Sprintf("the IPFS CID is %s bytes, longer than the registry's %s", n(0), n(1))
	case "UriTooLong":
		return fmt.Sprintf("the URI is %s bytes, longer than the registry's %s", n(0), n(1))
	case "EmptyUri":
		return "the attestation's response URI is empty"
	case "InvalidResponse":
		return fmt.Sprintf("response %s is neither 100 (valid) nor 0 (invalid)", n(0))
	}
	return re.Error()
}
