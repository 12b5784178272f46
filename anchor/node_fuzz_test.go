package anchor

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/zkllm/zkllm/anchor/bindings"
)

// lyingNode is an RPC node that answers every call with the same bytes and every log query
// (and receipt) with the same logs: what a hostile or broken node may send. Methods the
// reads do not use are left to the nil embedded Backend (calling one panics the test).
type lyingNode struct {
	Backend
	result []byte
	logs   []types.Log
}

func (n *lyingNode) ChainID(context.Context) (*big.Int, error) { return big.NewInt(1337), nil }
func (n *lyingNode) HeaderByNumber(context.Context, *big.Int) (*types.Header, error) {
	return &types.Header{Number: big.NewInt(100)}, nil
}
func (n *lyingNode) CodeAt(context.Context, common.Address, *big.Int) ([]byte, error) {
	return []byte{0x60}, nil
}
func (n *lyingNode) CallContract(context.Context, ethereum.CallMsg, *big.Int) ([]byte, error) {
	return n.result, nil
}
func (n *lyingNode) FilterLogs(context.Context, ethereum.FilterQuery) ([]types.Log, error) {
	return n.logs, nil
}
func (n *lyingNode) TransactionReceipt(_ context.Context, h common.Hash) (*types.Receipt, error) {
	rc := &types.Receipt{Status: types.ReceiptStatusSuccessful, BlockNumber: big.NewInt(50), TxHash: h}
	for i := range n.logs {
		rc.Logs = append(rc.Logs, &n.logs[i])
	}
	return rc, nil
}

var fuzzRegistry = common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")

func lyingClient(t testing.TB, n *lyingNode) *Client {
	c, err := Open(context.Background(), n, fuzzRegistry, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// nodeSeeds are honest encodings: each a call result and one log, as the registry writes them.
func nodeSeeds(t testing.TB) [][3][]byte {
	_, parsed := registry()
	modelKey := common.Hash{1}
	versionID := VersionID(modelKey, 2)
	statement, digest := common.Hash{3}, common.Hash{4}
	key := ProofKey(versionID, statement, digest)
	pack := func(method string, v any) []byte {
		b, err := parsed.Methods[method].Outputs.Pack(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	data := func(event string, args ...any) []byte {
		b, err := parsed.Events[event].Inputs.NonIndexed().Pack(args...)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	topics := func(hs ...common.Hash) []byte {
		var out []byte
		for _, h := range hs {
			out = append(out, h[:]...)
		}
		return out
	}
	owner := common.Address{7}
	return [][3][]byte{
		{pack("getVersion", bindings.ZkllmRegistryVersion{ModelKey: modelKey, Number: 2, BlockNumber: 9, Publisher: owner,
			ModelId: common.Hash{5}, SpecHash: common.Hash{6}, CommitmentDigest: common.Hash{7}, SourceDigest: common.Hash{8},
			CommitmentCid: "bafy", MetadataUri: "ipfs://m"}),
			topics(parsed.Events["VersionPublished"].ID, versionID, modelKey, common.Hash{5}),
			data("VersionPublished", uint32(2), [32]byte{6}, [32]byte{7}, [32]byte{8}, "bafy", "ipfs://m")},
		{pack("getProof", bindings.ZkllmRegistryProof{VersionId: versionID, StatementDigest: statement, ProofDigest: digest,
			Submitter: owner, BlockNumber: 10, ProofCid: "bafk"}),
			topics(parsed.Events["ProofAnchored"].ID, key, versionID, common.BytesToHash(owner[:])),
			data("ProofAnchored", [32]byte(statement), [32]byte(digest), "bafk")},
		{pack("getModel", bindings.ZkllmRegistryModel{Owner: owner, VersionCount: 2}),
			topics(parsed.Events["ModelRegistered"].ID, modelKey, common.BytesToHash(owner[:])),
			data("ModelRegistered", [32]byte{9})},
		{pack("getAttestation", bindings.ZkllmRegistryAttestation{Response: 100, BlockNumber: 11, ResponseUri: "ipfs://r"}),
			topics(parsed.Events["ValidationResponse"].ID, common.BytesToHash(owner[:]), versionID, key),
			data("ValidationResponse", uint8(100), "ipfs://r", [32]byte{}, [32]byte{})},
	}
}

// FuzzNodeAnswers feeds arbitrary call results and event logs, as an untrusted RPC node may
// return them, to every read of the client. Nothing may panic; whatever is accepted must be
// consistent with what was asked (a version's id derives from its model key and number, a
// proof's key from its claim, an attestation names the asked proof), and anything else is an
// error.
func FuzzNodeAnswers(f *testing.F) {
	for _, s := range nodeSeeds(f) {
		f.Add(s[0], s[1], s[2], uint64(50))
	}
	f.Add([]byte{}, []byte{}, []byte{}, uint64(0))
	f.Fuzz(func(t *testing.T, result, topicBytes, logData []byte, logBlock uint64) {
		var topics []common.Hash
		for i := 0; i+32 <= len(topicBytes) && len(topics) < 5; i += 32 {
			topics = append(topics, common.BytesToHash(topicBytes[i:i+32]))
		}
		n := &lyingNode{result: result, logs: []types.Log{{Address: fuzzRegistry, Topics: topics, Data: logData, BlockNumber: logBlock}}}
		c := lyingClient(t, n)
		ctx := context.Background()
		ask := common.Hash{0xaa}
		if len(topics) > 1 {
			ask = topics[1] // lets honest-shaped inputs reach the checks past the key
		}

		if v, err := c.Version(ctx, ask); err == nil && (VersionID(v.ModelKey, v.Number) != ask || v.ID != ask) {
			t.Fatalf("accepted version %+v for id %s", v, ask.Hex())
		}
		if p, err := c.Proof(ctx, ask); err == nil && (ProofKey(p.VersionID, p.StatementDigest, p.Digest) != ask || p.Key != ask) {
			t.Fatalf("accepted proof %+v for key %s", p, ask.Hex())
		}
		if m, err := c.Model(ctx, ask); err == nil && (m.Owner == common.Address{} || m.Key != ask) {
			t.Fatalf("accepted model %+v", m)
		}
		if a, err := c.Attestation(ctx, ask, common.Address{1}); err == nil && a.ProofKey != ask {
			t.Fatalf("accepted attestation %+v", a)
		}
		if len(topics) > 1 {
			if atts, err := c.Attestations(ctx, topics[len(topics)-1]); err == nil {
				for _, a := range atts {
					if a.ProofKey != topics[len(topics)-1] {
						t.Fatalf("attestation list names proof %s", a.ProofKey.Hex())
					}
				}
			}
			_, _ = c.VersionsOfModel(ctx, topics[len(topics)-1])
			_, _ = c.VersionsWithModelID(ctx, topics[len(topics)-1])
			_, _ = c.ProofsOfVersion(ctx, topics[len(topics)-1])
			_, _ = c.ModelsOfOwner(ctx, common.BytesToAddress(topics[len(topics)-1][12:]))
		}
		if res, err := c.ResolveTx(ctx, common.Hash{0xbb}); err == nil {
			set := 0
			for _, p := range []bool{res.Model != nil, res.Version != nil, res.Proof != nil} {
				if p {
					set++
				}
			}
			if set != 1 {
				t.Fatalf("resolved to %+v", res)
			}
		}
	})
}

// TestLyingNodeIsCaught: honest-shaped answers that do not fit the question are refused with
// ErrBadNodeData (a version of another id, a proof of another claim, a log short of topics).
func TestLyingNodeIsCaught(t *testing.T) {
	seeds := nodeSeeds(t)
	ctx := context.Background()
	c := lyingClient(t, &lyingNode{result: seeds[0][0]})
	if _, err := c.Version(ctx, common.Hash{0xaa}); !errors.Is(err, ErrBadNodeData) {
		t.Fatalf("version for another id: %v", err)
	}
	if _, err := c.Version(ctx, VersionID(common.Hash{1}, 2)); err != nil {
		t.Fatalf("honest version: %v", err)
	}
	c = lyingClient(t, &lyingNode{result: seeds[1][0]})
	if _, err := c.Proof(ctx, common.Hash{0xaa}); !errors.Is(err, ErrBadNodeData) {
		t.Fatalf("proof of another claim: %v", err)
	}
	_, parsed := registry()
	short := []types.Log{{Address: fuzzRegistry, Topics: []common.Hash{parsed.Events["ValidationResponse"].ID, {1}}}}
	c = lyingClient(t, &lyingNode{logs: short})
	if _, err := c.ResolveTx(ctx, common.Hash{0xbb}); !errors.Is(err, ErrBadNodeData) {
		t.Fatalf("receipt log short of topics: %v", err)
	}
	if _, err := c.Attestations(ctx, common.Hash{1}); !errors.Is(err, ErrBadNodeData) {
		t.Fatalf("filtered log short of topics: %v", err)
	}
}
