package anchor

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/zkllm/zkllm/anchor/bindings"
)

// ReadPolicy picks the block reads happen at.
type ReadPolicy int

const (
	// ReadDefault is ReadLatest on dev chains (ids 1337 and 31337, where finality lags dozens
	// of blocks) and ReadFinalized everywhere else.
	ReadDefault ReadPolicy = iota
	ReadLatest
	ReadFinalized
)

// IsDevChain reports whether id is a local development chain id.
func IsDevChain(id uint64) bool { return id == 1337 || id == 31337 }

// ReadBlock is the block number reads happen at now, per the client's options.
func (c *Client) ReadBlock(ctx context.Context) (uint64, error) {
	n, err := c.readBlock(ctx)
	if err != nil {
		return 0, err
	}
	return n.Uint64(), nil
}

func (c *Client) readBlock(ctx context.Context) (*big.Int, error) {
	policy := c.opts.Read
	if policy == ReadDefault {
		policy = ReadFinalized
		if IsDevChain(c.ChainID()) {
			policy = ReadLatest
		}
	}
	tag := (*big.Int)(nil)
	if policy == ReadFinalized && c.opts.Confirmations == 0 {
		tag = big.NewInt(int64(rpc.FinalizedBlockNumber))
	}
	h, err := c.backend.HeaderByNumber(ctx, tag)
	if err != nil {
		return nil, fmt.Errorf("anchor: read block: %w", err)
	}
	n := new(big.Int).Set(h.Number)
	if k := c.opts.Confirmations; k > 0 {
		if n.Uint64() < k {
			return nil, fmt.Errorf("%w: chain head %s has fewer than %d confirmations", ErrNotConfirmed, n, k)
		}
		n.Sub(n, new(big.Int).SetUint64(k))
	}
	return n, nil
}

// call runs a view call at block and unpacks it.
func call[T any](ctx context.Context, c *Client, block *big.Int, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	out, err := c.backend.CallContract(ctx, ethereum.CallMsg{To: &c.address, Data: data}, block)
	if err != nil {
		err = classify(c.parsed, err)
		if errors.Is(err, ErrReverted) {
			return zero, fmt.Errorf("%w (read at block %s)", err, block)
		}
		return zero, fmt.Errorf("anchor: call: %w", err)
	}
	if len(out) == 0 {
		if _, err := c.code(ctx); err != nil {
			return zero, err
		}
	}
	return unpack(out)
}

// Model reads a model by key.
func (c *Client) Model(ctx context.Context, key common.Hash) (*Model, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	return c.modelAt(ctx, block, key)
}

func (c *Client) modelAt(ctx context.Context, block *big.Int, key common.Hash) (*Model, error) {
	m, err := call(ctx, c, block, c.reg.PackGetModel(key), c.reg.UnpackGetModel)
	if err != nil {
		return nil, err
	}
	if m.Owner == (common.Address{}) {
		return nil, fmt.Errorf("%w: model %s read back with no owner", ErrBadNodeData, key.Hex())
	}
	return &Model{Key: key, Owner: m.Owner, PendingOwner: m.PendingOwner, VersionCount: m.VersionCount}, nil
}

// Version reads a model version by id.
func (c *Client) Version(ctx context.Context, id common.Hash) (*Version, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	return c.versionAt(ctx, block, id)
}

func (c *Client) versionAt(ctx context.Context, block *big.Int, id common.Hash) (*Version, error) {
	v, err := call(ctx, c, block, c.reg.PackGetVersion(id), c.reg.UnpackGetVersion)
	if err != nil {
		return nil, err
	}
	// A node is not trusted to answer for the key it was asked about: the version id is
	// derived from the record's own model key and number.
	if v.ModelKey == [32]byte{} || VersionID(v.ModelKey, v.Number) != id || v.Revoked != (v.RevokedBlock != 0) {
		return nil, fmt.Errorf("%w: version %s read back inconsistent (model %s, number %d)", ErrBadNodeData, id.Hex(), common.Hash(v.ModelKey).Hex(), v.Number)
	}
	return &Version{
		ID: id, ModelKey: v.ModelKey, Number: v.Number, Revoked: v.Revoked, BlockNumber: v.BlockNumber,
		RevokedBlock: v.RevokedBlock, Publisher: v.Publisher,
		VersionInput: VersionInput{
			ModelID: v.ModelId, SpecHash: v.SpecHash, CommitmentDigest: v.CommitmentDigest,
			SourceDigest: v.SourceDigest, CommitmentCID: v.CommitmentCid, MetadataURI: v.MetadataUri,
		},
	}, nil
}

// Proof reads an anchored proof record by its key (see ProofKey).
func (c *Client) Proof(ctx context.Context, key common.Hash) (*Proof, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	return c.proofAt(ctx, block, key)
}

func (c *Client) proofAt(ctx context.Context, block *big.Int, key common.Hash) (*Proof, error) {
	p, err := call(ctx, c, block, c.reg.PackGetProof(key), c.reg.UnpackGetProof)
	if err != nil {
		return nil, err
	}
	if ProofKey(p.VersionId, p.StatementDigest, p.ProofDigest) != key || p.Submitter == (common.Address{}) {
		return nil, fmt.Errorf("%w: proof %s read back with a claim of another key", ErrBadNodeData, key.Hex())
	}
	return &Proof{Key: key, Digest: p.ProofDigest, VersionID: p.VersionId, StatementDigest: p.StatementDigest,
		Submitter: p.Submitter, BlockNumber: p.BlockNumber, CID: p.ProofCid}, nil
}

// Attestation reads validator's verdict on a proof record; ErrNotFound when there is none.
func (c *Client) Attestation(ctx context.Context, proofKey common.Hash, validator common.Address) (*Attestation, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	a, err := call(ctx, c, block, c.reg.PackGetAttestation(proofKey, validator), c.reg.UnpackGetAttestation)
	if err != nil {
		return nil, err
	}
	if a.BlockNumber == 0 {
		return nil, fmt.Errorf("%w: no attestation by %s on proof %s", ErrNotFound, validator.Hex(), proofKey.Hex())
	}
	if a.Response != responseValid && a.Response != responseInvalid {
		return nil, fmt.Errorf("%w: attestation with response %d", ErrBadNodeData, a.Response)
	}
	return &Attestation{ProofKey: proofKey, Validator: validator, Valid: a.Response == responseValid,
		URI: a.ResponseUri, ResponseHash: a.ResponseHash, Tag: a.Tag, BlockNumber: a.BlockNumber}, nil
}

// Resolved is what a chain reference points at: exactly one of the pointers is set.
type Resolved struct {
	Model   *Model
	Version *Version
	Proof   *Proof
}

// Resolve reads the record a chain reference names. A reference of kind tx (or a bare
// transaction hash) resolves to the proof, version or model that transaction wrote. The
// reference's chain and contract must be this client's.
func (c *Client) Resolve(ctx context.Context, r Ref) (*Resolved, error) {
	if !r.Bare() {
		if r.ChainID != c.ChainID() {
			return nil, fmt.Errorf("%w: reference is for chain %d, client is on chain %d", ErrWrongChain, r.ChainID, c.ChainID())
		}
		if r.Contract != c.address {
			return nil, fmt.Errorf("anchor: reference names contract %s, client uses %s", r.Contract.Hex(), c.address.Hex())
		}
	}
	var (
		out Resolved
		err error
	)
	switch r.Kind {
	case KindModel:
		out.Model, err = c.Model(ctx, r.ID)
	case KindVersion:
		out.Version, err = c.Version(ctx, r.ID)
	case KindProof:
		out.Proof, err = c.Proof(ctx, r.ID)
	case KindTx:
		return c.ResolveTx(ctx, r.ID)
	default:
		err = fmt.Errorf("%w: kind %q", ErrBadRef, r.Kind)
	}
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ResolveTx finds the record a registry transaction wrote (a proof, else a version, else a
// model) and reads it at the read block.
func (c *Client) ResolveTx(ctx context.Context, txHash common.Hash) (*Resolved, error) {
	rc, err := c.receiptAfterIndexing(ctx, txHash)
	if errors.Is(err, ethereum.NotFound) {
		return nil, fmt.Errorf("%w: transaction %s", ErrNotFound, txHash.Hex())
	}
	if err != nil {
		return nil, fmt.Errorf("anchor: receipt of %s: %w", txHash.Hex(), err)
	}
	if rc.Status != types.ReceiptStatusSuccessful {
		return nil, fmt.Errorf("%w: transaction %s failed and wrote nothing", ErrNotFound, txHash.Hex())
	}
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	if rc.BlockNumber.Cmp(block) > 0 {
		return nil, fmt.Errorf("%w: transaction %s is in block %s, after the read block %s (not final yet)", ErrNotFound, txHash.Hex(), rc.BlockNumber, block)
	}
	return c.resolveLogs(ctx, block, rc)
}

// IndexingWait bounds how long a lookup by transaction hash waits for a node that answers
// "transaction indexing is in progress" (geth while it builds its index after a start).
const IndexingWait = 30 * time.Second

// receiptAfterIndexing asks for a receipt, and while the node is still indexing asks again
// every poll interval, up to IndexingWait: until the index is built the node cannot tell an
// unknown transaction from one it has not indexed yet.
func (c *Client) receiptAfterIndexing(ctx context.Context, txHash common.Hash) (*types.Receipt, error) {
	deadline := time.Now().Add(IndexingWait)
	for {
		rc, err := c.backend.TransactionReceipt(ctx, txHash)
		if err == nil || !isIndexing(err) || time.Now().After(deadline) {
			return rc, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("anchor: waiting for the node's transaction index: %w", ctx.Err())
		case <-time.After(c.opts.PollInterval):
		}
	}
}

// resolveLogs reads the record a receipt's registry logs name: the proof it anchored, else
// the version it published, else the model, version or proof its other event touched. Every
// registry log is held to its event's shape first (the node is not trusted).
func (c *Client) resolveLogs(ctx context.Context, block *big.Int, rc *types.Receipt) (*Resolved, error) {
	var mine []*types.Log
	for _, l := range rc.Logs {
		if l == nil || l.Address != c.address {
			continue
		}
		if len(l.Topics) == 0 {
			return nil, fmt.Errorf("%w: a registry log of tx %s has no topics", ErrBadNodeData, rc.TxHash.Hex())
		}
		ev, err := c.parsed.EventByID(l.Topics[0])
		if err != nil {
			return nil, fmt.Errorf("%w: tx %s: a registry log of no registry event", ErrBadNodeData, rc.TxHash.Hex())
		}
		if err := c.checkShape(l, ev.Name); err != nil {
			return nil, err
		}
		mine = append(mine, l)
	}
	// Order of preference: what the transaction created, then what it changed.
	for _, pick := range []struct {
		event string
		topic int
		read  func(common.Hash) (*Resolved, error)
	}{
		{"ProofAnchored", 1, func(k common.Hash) (*Resolved, error) {
			p, err := c.proofAt(ctx, block, k)
			return &Resolved{Proof: p}, err
		}},
		{"VersionPublished", 1, func(k common.Hash) (*Resolved, error) {
			v, err := c.versionAt(ctx, block, k)
			return &Resolved{Version: v}, err
		}},
		{"VersionRevoked", 1, func(k common.Hash) (*Resolved, error) {
			v, err := c.versionAt(ctx, block, k)
			return &Resolved{Version: v}, err
		}},
		{"ValidationResponse", 3, func(k common.Hash) (*Resolved, error) {
			p, err := c.proofAt(ctx, block, k)
			return &Resolved{Proof: p}, err
		}},
		{"ModelOwnershipTransferred", 1, func(k common.Hash) (*Resolved, error) {
			m, err := c.modelAt(ctx, block, k)
			return &Resolved{Model: m}, err
		}},
		{"ModelOwnershipTransferStarted", 1, func(k common.Hash) (*Resolved, error) {
			m, err := c.modelAt(ctx, block, k)
			return &Resolved{Model: m}, err
		}},
	} {
		for _, l := range mine {
			if l.Topics[0] == c.parsed.Events[pick.event].ID {
				return pick.read(l.Topics[pick.topic])
			}
		}
	}
	return nil, fmt.Errorf("%w: transaction %s wrote no registry record", ErrNotFound, rc.TxHash.Hex())
}

// ---- lists from events -----------------------------------------------------------------------

// logs returns the registry's logs of one event whose indexed topic number pos equals value,
// up to the read block.
func (c *Client) logs(ctx context.Context, block *big.Int, event string, pos int, value common.Hash) ([]types.Log, error) {
	topics := make([][]common.Hash, pos+1)
	topics[0] = []common.Hash{c.parsed.Events[event].ID}
	topics[pos] = []common.Hash{value}
	q := ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(c.opts.FromBlock),
		ToBlock:   block,
		Addresses: []common.Address{c.address},
		Topics:    topics,
	}
	logs, err := c.backend.FilterLogs(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("anchor: logs of %s: %w", event, err)
	}
	for i := range logs {
		if err := c.checkLog(&logs[i], event, pos, value, block); err != nil {
			return nil, err
		}
	}
	return logs, nil
}

// checkLog holds a log from the node to the query it answers: the registry's address, the
// event's signature and number of topics, the filtered topic, a block within the range, and
// data the event's ABI decodes. An RPC node is not trusted: a log failing any of these is
// ErrBadNodeData, never an index out of range further on.
func (c *Client) checkLog(l *types.Log, event string, pos int, value common.Hash, block *big.Int) error {
	if err := c.checkShape(l, event); err != nil {
		return err
	}
	bad := func(why string) error {
		return fmt.Errorf("%w: %s log (tx %s): %s", ErrBadNodeData, event, l.TxHash.Hex(), why)
	}
	switch {
	case l.Topics[pos] != value:
		return bad("does not match the filter")
	case block != nil && (l.BlockNumber > block.Uint64() || l.BlockNumber < c.opts.FromBlock):
		return bad(fmt.Sprintf("block %d outside the queried range", l.BlockNumber))
	}
	return nil
}

// checkShape holds a log to its event's shape: the registry's address, the event's signature,
// exactly one topic per indexed argument, and data that its ABI decodes.
func (c *Client) checkShape(l *types.Log, event string) error {
	ev := c.parsed.Events[event]
	indexed := 0
	for _, in := range ev.Inputs {
		if in.Indexed {
			indexed++
		}
	}
	bad := func(why string) error {
		return fmt.Errorf("%w: %s log (tx %s): %s", ErrBadNodeData, event, l.TxHash.Hex(), why)
	}
	switch {
	case l.Address != c.address:
		return bad("from another contract " + l.Address.Hex())
	case len(l.Topics) != indexed+1 || l.Topics[0] != ev.ID:
		return bad("not this event's signature and topics")
	}
	if _, err := ev.Inputs.NonIndexed().Unpack(l.Data); err != nil {
		return bad("data: " + err.Error())
	}
	return nil
}

// VersionsOfModel lists a model's versions in publication order.
func (c *Client) VersionsOfModel(ctx context.Context, modelKey common.Hash) ([]Version, error) {
	return c.versionsBy(ctx, 2, modelKey)
}

// VersionsWithModelID lists every version (of any owner) that committed to a PROTOCOL model id.
func (c *Client) VersionsWithModelID(ctx context.Context, modelID common.Hash) ([]Version, error) {
	return c.versionsBy(ctx, 3, modelID)
}

func (c *Client) versionsBy(ctx context.Context, pos int, value common.Hash) ([]Version, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	logs, err := c.logs(ctx, block, "VersionPublished", pos, value)
	if err != nil {
		return nil, err
	}
	out := make([]Version, 0, len(logs))
	for _, l := range logs {
		v, err := c.versionAt(ctx, block, l.Topics[1])
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, nil
}

// ProofsOfVersion lists the proofs anchored for a model version, oldest first.
func (c *Client) ProofsOfVersion(ctx context.Context, versionID common.Hash) ([]Proof, error) {
	return c.proofsBy(ctx, 2, versionID)
}

// ProofsBySubmitter lists the proofs an account anchored, oldest first.
func (c *Client) ProofsBySubmitter(ctx context.Context, submitter common.Address) ([]Proof, error) {
	return c.proofsBy(ctx, 3, common.BytesToHash(submitter.Bytes()))
}

func (c *Client) proofsBy(ctx context.Context, pos int, value common.Hash) ([]Proof, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	logs, err := c.logs(ctx, block, "ProofAnchored", pos, value)
	if err != nil {
		return nil, err
	}
	out := make([]Proof, 0, len(logs))
	for _, l := range logs {
		p, err := c.proofAt(ctx, block, l.Topics[1])
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, nil
}

func (c *Client) decodeAttestationLog(l *types.Log, proofKey common.Hash) (*bindings.ZkllmRegistryValidationResponse, error) {
	ev, err := c.reg.UnpackValidationResponseEvent(l)
	if err != nil {
		return nil, fmt.Errorf("%w: ValidationResponse log: %v", ErrBadNodeData, err)
	}
	if ev.RequestHash != proofKey || (ev.Response != responseValid && ev.Response != responseInvalid) {
		return nil, fmt.Errorf("%w: ValidationResponse log (tx %s) names proof %s, response %d", ErrBadNodeData, l.TxHash.Hex(), common.Hash(ev.RequestHash).Hex(), ev.Response)
	}
	return ev, nil
}

// ModelsOfOwner lists the models owner holds now (registered by it or handed to it).
func (c *Client) ModelsOfOwner(ctx context.Context, owner common.Address) ([]Model, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	topic := common.BytesToHash(owner.Bytes())
	registered, err := c.logs(ctx, block, "ModelRegistered", 2, topic)
	if err != nil {
		return nil, err
	}
	received, err := c.logs(ctx, block, "ModelOwnershipTransferred", 3, topic)
	if err != nil {
		return nil, err
	}
	seen := map[common.Hash]bool{}
	var out []Model
	for _, l := range append(registered, received...) {
		key := l.Topics[1]
		if seen[key] {
			continue
		}
		seen[key] = true
		m, err := c.modelAt(ctx, block, key)
		if err != nil {
			return nil, err
		}
		if m.Owner == owner {
			out = append(out, *m)
		}
	}
	return out, nil
}

// Attestations lists every verdict recorded on a proof record, oldest first. Anyone may
// attest: callers count only the validators they trust (see CountAttestations).
func (c *Client) Attestations(ctx context.Context, proofKey common.Hash) ([]Attestation, error) {
	block, err := c.readBlock(ctx)
	if err != nil {
		return nil, err
	}
	logs, err := c.logs(ctx, block, "ValidationResponse", 3, proofKey)
	if err != nil {
		return nil, err
	}
	out := make([]Attestation, 0, len(logs))
	for i := range logs {
		ev, err := c.decodeAttestationLog(&logs[i], proofKey)
		if err != nil {
			return nil, err
		}
		out = append(out, Attestation{ProofKey: proofKey, Validator: ev.ValidatorAddress,
			Valid: ev.Response == responseValid, URI: ev.ResponseUri, ResponseHash: ev.ResponseHash,
			Tag: ev.Tag, BlockNumber: logs[i].BlockNumber})
	}
	return out, nil
}
