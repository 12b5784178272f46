package anchor

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/zkllm/zkllm/anchor/bindings"
)

// DefaultPollInterval is how often receipts are polled (bind.WaitMined uses 1 s).
const DefaultPollInterval = 20 * time.Millisecond

// Options configure a Client.
type Options struct {
	// ChainID, when non-zero, must equal the backend's chain id (else ErrWrongChain).
	ChainID uint64
	// Read picks the block reads happen at; see ReadPolicy.
	Read ReadPolicy
	// Confirmations, when non-zero, reads at latest − Confirmations (overrides Read).
	Confirmations uint64
	// Key signs transactions; nil makes a read-only client.
	Key *ecdsa.PrivateKey
	// PollInterval between receipt polls; 0 means DefaultPollInterval.
	PollInterval time.Duration
	// FromBlock bounds event scans from below (the deployment block on public chains).
	FromBlock uint64
	// VerifyCode makes Open check the runtime code hash against the bindings (auditor reads).
	VerifyCode bool
}

// Client talks to one deployed ZkllmRegistry.
type Client struct {
	backend Backend
	chainID *big.Int
	address common.Address
	reg     *bindings.ZkllmRegistry
	parsed  *abi.ABI
	inst    *bind.BoundContract
	opts    Options
}

// registry returns the bindings and the parsed ABI (shared, read-only).
func registry() (*bindings.ZkllmRegistry, *abi.ABI) {
	r := bindings.NewZkllmRegistry()
	parsed := r.GetABI()
	return r, &parsed
}

func newClient(ctx context.Context, b Backend, opts Options) (*Client, error) {
	id, err := b.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("anchor: chain id: %w", err)
	}
	if opts.ChainID != 0 && (!id.IsUint64() || id.Uint64() != opts.ChainID) {
		return nil, fmt.Errorf("%w: backend is chain %s, want %d", ErrWrongChain, id, opts.ChainID)
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	reg, parsed := registry()
	return &Client{backend: b, chainID: id, reg: reg, parsed: parsed, opts: opts}, nil
}

func (c *Client) bindTo(addr common.Address) {
	c.address = addr
	c.inst = c.reg.Instance(c.backend, addr)
}

// Open connects to the registry at addr: it checks the chain id and that code exists at the
// read block, and with opts.VerifyCode that it is this build's runtime code.
func Open(ctx context.Context, b Backend, addr common.Address, opts Options) (*Client, error) {
	c, err := newClient(ctx, b, opts)
	if err != nil {
		return nil, err
	}
	c.bindTo(addr)
	if opts.VerifyCode {
		err = c.Verify(ctx)
	} else {
		_, err = c.code(ctx)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Deploy deploys a new registry with opts.Key and returns a client bound to it.
func Deploy(ctx context.Context, b Backend, opts Options) (*Client, *Receipt, error) {
	c, err := newClient(ctx, b, opts)
	if err != nil {
		return nil, nil, err
	}
	auth, err := c.transactor(ctx)
	if err != nil {
		return nil, nil, err
	}
	code := common.FromHex(bindings.ZkllmRegistryMetaData.Bin)
	addr, tx, err := bind.DeployContract(auth, code, b, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("anchor: deploy: %w", classify(c.parsed, err))
	}
	c.bindTo(addr)
	rc, err := c.await(ctx, tx)
	if err != nil {
		return nil, nil, fmt.Errorf("anchor: deploy: %w", err)
	}
	if _, err := c.code(ctx); err != nil {
		return nil, nil, err
	}
	return c, rc, nil
}

// Address is the registry's address.
func (c *Client) Address() common.Address { return c.address }

// ChainID is the backend's chain id.
func (c *Client) ChainID() uint64 { return c.chainID.Uint64() }

// From is the signing account (zero for a read-only client).
func (c *Client) From() common.Address {
	if c.opts.Key == nil {
		return common.Address{}
	}
	return crypto.PubkeyToAddress(c.opts.Key.PublicKey)
}

// Ref names a record of this registry as a chain reference.
func (c *Client) Ref(kind Kind, id common.Hash) Ref {
	return Ref{ChainID: c.ChainID(), Contract: c.address, Kind: kind, ID: id}
}

// RuntimeCodeHash is the keccak256 of the runtime code the bindings were generated from.
func RuntimeCodeHash() common.Hash {
	return crypto.Keccak256Hash(common.FromHex(bindings.ZkllmRegistryRuntimeBin))
}

// Verify checks, at the read block, that the address holds exactly this build's registry code.
func (c *Client) Verify(ctx context.Context) error {
	code, err := c.code(ctx)
	if err != nil {
		return err
	}
	if got := crypto.Keccak256Hash(code); got != RuntimeCodeHash() {
		return fmt.Errorf("%w: %s has code hash %s, bindings have %s", ErrCodeMismatch, c.address.Hex(), got.Hex(), RuntimeCodeHash().Hex())
	}
	return nil
}

func (c *Client) code(ctx context.Context) ([]byte, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	code, err := c.backend.CodeAt(ctx, c.address, block)
	if err != nil {
		return nil, fmt.Errorf("anchor: code at %s: %w", c.address.Hex(), err)
	}
	if len(code) == 0 {
		return nil, fmt.Errorf("%w: %s on chain %s at block %s", ErrNoCode, c.address.Hex(), c.chainID, block)
	}
	return code, nil
}

// ---- writes ----------------------------------------------------------------------------------

func (c *Client) transactor(ctx context.Context) (*bind.TransactOpts, error) {
	if c.opts.Key == nil {
		return nil, ErrNoSigner
	}
	auth := bind.NewKeyedTransactor(c.opts.Key, c.chainID)
	auth.Context = ctx
	return auth, nil
}

// send signs and sends calldata to the registry, then waits for a successful receipt.
func (c *Client) send(ctx context.Context, data []byte) (*types.Receipt, error) {
	auth, err := c.transactor(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := bind.Transact(c.inst, auth, data)
	if err != nil {
		return nil, classify(c.parsed, err)
	}
	rc, err := c.awaitRaw(ctx, tx)
	if err != nil {
		return nil, err
	}
	return rc, nil
}

func (c *Client) await(ctx context.Context, tx *types.Transaction) (*Receipt, error) {
	rc, err := c.awaitRaw(ctx, tx)
	if err != nil {
		return nil, err
	}
	return summary(rc), nil
}

func summary(rc *types.Receipt) *Receipt {
	return &Receipt{TxHash: rc.TxHash, BlockNumber: rc.BlockNumber.Uint64(), GasUsed: rc.GasUsed}
}

// awaitRaw mines (on backends that need it), polls for the receipt, and turns a failed
// transaction into a *RevertError by replaying it as a call on its parent block's state (exact
// unless an earlier transaction in the same block changed what it depends on).
func (c *Client) awaitRaw(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
	if m, ok := c.backend.(miner); ok {
		m.Commit()
	}
	rc, err := WaitReceipt(ctx, c.backend, tx.Hash(), c.opts.PollInterval)
	if err != nil {
		return nil, err
	}
	if rc.Status == types.ReceiptStatusSuccessful {
		return rc, nil
	}
	msg := ethereum.CallMsg{From: c.From(), To: tx.To(), Gas: tx.Gas(), Value: tx.Value(), Data: tx.Data()}
	parent := new(big.Int).Sub(rc.BlockNumber, big.NewInt(1))
	_, callErr := c.backend.CallContract(ctx, msg, parent)
	re := &RevertError{TxHash: tx.Hash()}
	var decoded *RevertError
	if errors.As(classify(c.parsed, callErr), &decoded) {
		decoded.TxHash = tx.Hash()
		re = decoded
	}
	return nil, re
}

// WaitReceipt polls for a transaction's receipt every interval until it exists or ctx ends.
func WaitReceipt(ctx context.Context, b Backend, hash common.Hash, interval time.Duration) (*types.Receipt, error) {
	if interval <= 0 {
		interval = DefaultPollInterval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		rc, err := b.TransactionReceipt(ctx, hash)
		if err == nil {
			return rc, nil
		}
		if !errors.Is(err, ethereum.NotFound) && !isIndexing(err) {
			return nil, fmt.Errorf("anchor: receipt of %s: %w", hash.Hex(), err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("anchor: waiting for %s: %w", hash.Hex(), ctx.Err())
		case <-t.C:
		}
	}
}

// isIndexing reports go-ethereum's "transaction indexing is in progress" answer: a node
// still building its transaction index cannot find a receipt yet, so the wait goes on.
func isIndexing(err error) bool {
	return strings.Contains(err.Error(), "transaction indexing is in progress")
}

// RegisterModel registers a new model owned by the signer, with its first version. salt
// distinguishes the signer's models (the model key is keccak256(signer, salt)).
func (c *Client) RegisterModel(ctx context.Context, salt common.Hash, v VersionInput) (modelKey, versionID common.Hash, rc *Receipt, err error) {
	raw, err := c.send(ctx, c.reg.PackRegisterModel(salt, v.binding()))
	if err != nil {
		return common.Hash{}, common.Hash{}, nil, fmt.Errorf("anchor: register model: %w", err)
	}
	ev, err := findEvent(raw, c.address, c.reg.UnpackVersionPublishedEvent)
	if err != nil {
		return common.Hash{}, common.Hash{}, nil, err
	}
	return ev.ModelKey, ev.VersionId, summary(raw), nil
}

// PublishVersion publishes the next version of a model the signer owns.
func (c *Client) PublishVersion(ctx context.Context, modelKey common.Hash, v VersionInput) (versionID common.Hash, rc *Receipt, err error) {
	raw, err := c.send(ctx, c.reg.PackPublishVersion(modelKey, v.binding()))
	if err != nil {
		return common.Hash{}, nil, fmt.Errorf("anchor: publish version: %w", err)
	}
	ev, err := findEvent(raw, c.address, c.reg.UnpackVersionPublishedEvent)
	if err != nil {
		return common.Hash{}, nil, err
	}
	return ev.VersionId, summary(raw), nil
}

// TransferModel offers a model the signer owns to newOwner (step one of two): newOwner becomes
// the owner only when it calls AcceptModel; until then the signer keeps every right. A zero
// newOwner cancels a pending offer.
func (c *Client) TransferModel(ctx context.Context, modelKey common.Hash, newOwner common.Address) (*Receipt, error) {
	raw, err := c.send(ctx, c.reg.PackTransferModelOwnership(modelKey, newOwner))
	if err != nil {
		return nil, fmt.Errorf("anchor: transfer model: %w", err)
	}
	return summary(raw), nil
}

// AcceptModel completes a transfer offered to the signer: it becomes the model's owner.
func (c *Client) AcceptModel(ctx context.Context, modelKey common.Hash) (*Receipt, error) {
	raw, err := c.send(ctx, c.reg.PackAcceptModelOwnership(modelKey))
	if err != nil {
		return nil, fmt.Errorf("anchor: accept model: %w", err)
	}
	return summary(raw), nil
}

// RevokeVersion revokes a version of a model the signer owns.
func (c *Client) RevokeVersion(ctx context.Context, versionID common.Hash) (*Receipt, error) {
	raw, err := c.send(ctx, c.reg.PackRevokeVersion(versionID))
	if err != nil {
		return nil, fmt.Errorf("anchor: revoke version: %w", err)
	}
	return summary(raw), nil
}

// ModelKey is the key of a model line: keccak256(abi.encode(registrant, salt)), as the
// registry's modelKeyOf.
func ModelKey(registrant common.Address, salt common.Hash) common.Hash {
	return crypto.Keccak256Hash(common.LeftPadBytes(registrant.Bytes(), 32), salt[:])
}

// VersionID is the id of a model's version number n: keccak256(abi.encode(modelKey, n)), as
// the registry's versionIdOf.
func VersionID(modelKey common.Hash, n uint32) common.Hash {
	var num [32]byte
	num[28], num[29], num[30], num[31] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
	return crypto.Keccak256Hash(modelKey[:], num[:])
}

// ProofKey is the key of a proof record: keccak256(abi.encode(versionID, statementDigest,
// proofDigest)), as the registry's proofKeyOf.
func ProofKey(versionID, statementDigest, proofDigest common.Hash) common.Hash {
	return crypto.Keccak256Hash(versionID[:], statementDigest[:], proofDigest[:])
}

// AnchorProof records a proof about a live model version and returns the record's key
// (ProofKey(versionID, statementDigest, proofDigest)).
func (c *Client) AnchorProof(ctx context.Context, versionID, statementDigest, proofDigest common.Hash, proofCID string) (common.Hash, *Receipt, error) {
	raw, err := c.send(ctx, c.reg.PackAnchorProof(versionID, statementDigest, proofDigest, proofCID))
	if err != nil {
		return common.Hash{}, nil, fmt.Errorf("anchor: anchor proof: %w", err)
	}
	ev, err := findEvent(raw, c.address, c.reg.UnpackProofAnchoredEvent)
	if err != nil {
		return common.Hash{}, nil, err
	}
	if want := ProofKey(versionID, statementDigest, proofDigest); ev.ProofKey != want {
		return common.Hash{}, nil, fmt.Errorf("anchor: anchor proof: the registry logged key %s, expected %s", common.Hash(ev.ProofKey).Hex(), want.Hex())
	}
	return ev.ProofKey, summary(raw), nil
}

// Attest records the signer's verdict on an anchored proof record, named by its key
// (ERC-8004 validationResponse, requestHash = proof key).
func (c *Client) Attest(ctx context.Context, proofKey common.Hash, valid bool, uri string, responseHash, tag common.Hash) (*Receipt, error) {
	response := uint8(responseInvalid)
	if valid {
		response = responseValid
	}
	raw, err := c.send(ctx, c.reg.PackValidationResponse(proofKey, response, uri, responseHash, tag))
	if err != nil {
		return nil, fmt.Errorf("anchor: attest: %w", err)
	}
	return summary(raw), nil
}

// findEvent returns the first log of the registry in a receipt that unpack accepts.
func findEvent[E any](rc *types.Receipt, addr common.Address, unpack func(*types.Log) (*E, error)) (*E, error) {
	for _, l := range rc.Logs {
		if l.Address != addr {
			continue
		}
		if ev, err := unpack(l); err == nil {
			return ev, nil
		}
	}
	return nil, fmt.Errorf("%w: tx %s has no such registry event", ErrNotFound, rc.TxHash.Hex())
}
