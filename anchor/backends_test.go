package anchor_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/anchor/devchain"
	"github.com/zkllm/zkllm/internal/testutil"
)

// roundTrip runs deploy, publish, anchor, attest and resolve against a real backend, and
// checks that every value read back is exactly what was written.
func roundTrip(t *testing.T, b anchor.Backend, keyHex string, wantChain uint64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	key, err := crypto.HexToECDSA(keyHex)
	if err != nil {
		t.Fatal(err)
	}
	c, rcDeploy, err := anchor.Deploy(ctx, b, anchor.Options{Key: key, ChainID: wantChain})
	if err != nil {
		t.Fatal(err)
	}
	// An auditor's view: chain id and runtime code hash are checked.
	auditor, err := anchor.Open(ctx, b, c.Address(), anchor.Options{ChainID: wantChain, VerifyCode: true, FromBlock: rcDeploy.BlockNumber})
	if err != nil {
		t.Fatal(err)
	}

	h := func(s string) common.Hash { return sha256.Sum256([]byte(s)) }
	in := anchor.VersionInput{
		ModelID: h("model"), SpecHash: h("spec"), CommitmentDigest: h("commitment"), SourceDigest: h("source"),
		CommitmentCID: "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", MetadataURI: "ipfs://meta",
	}
	modelKey, versionID, rcReg, err := c.RegisterModel(ctx, h("salt"), in)
	if err != nil {
		t.Fatal(err)
	}
	proofKey, rcProof, err := c.AnchorProof(ctx, versionID, h("statement"), h("proof"), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")
	if err != nil {
		t.Fatal(err)
	}
	rcAtt, err := c.Attest(ctx, proofKey, true, "ipfs://report", h("report"), common.Hash{'t'})
	if err != nil {
		t.Fatal(err)
	}

	t.Logf("gas used: deploy %d, registerModel %d, anchorProof %d, validationResponse %d",
		rcDeploy.GasUsed, rcReg.GasUsed, rcProof.GasUsed, rcAtt.GasUsed)
	wantVersion := &anchor.Version{ID: versionID, ModelKey: modelKey, Number: 1, BlockNumber: rcReg.BlockNumber, Publisher: c.From(), VersionInput: in}
	wantProof := &anchor.Proof{Key: proofKey, Digest: h("proof"), VersionID: versionID, StatementDigest: h("statement"),
		Submitter: c.From(), BlockNumber: rcProof.BlockNumber,
		CID: "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"}
	for _, tc := range []struct {
		ref  string
		want *anchor.Resolved
	}{
		{c.Ref(anchor.KindVersion, versionID).String(), &anchor.Resolved{Version: wantVersion}},
		{c.Ref(anchor.KindProof, proofKey).String(), &anchor.Resolved{Proof: wantProof}},
		{rcProof.TxHash.Hex(), &anchor.Resolved{Proof: wantProof}},
		{rcReg.TxHash.Hex(), &anchor.Resolved{Version: wantVersion}},
		{c.Ref(anchor.KindModel, modelKey).String(), &anchor.Resolved{Model: &anchor.Model{Key: modelKey, Owner: c.From(), VersionCount: 1}}},
	} {
		ref, err := anchor.ParseRef(tc.ref)
		if err != nil {
			t.Fatal(err)
		}
		got, err := auditor.Resolve(ctx, ref)
		if err != nil {
			t.Fatalf("Resolve(%s): %v", tc.ref, err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Fatalf("Resolve(%s) = %+v, want %+v", tc.ref, got, tc.want)
		}
	}
	atts, err := auditor.Attestations(ctx, proofKey)
	want := anchor.Attestation{ProofKey: proofKey, Validator: c.From(), Valid: true, URI: "ipfs://report",
		ResponseHash: h("report"), Tag: common.Hash{'t'}, BlockNumber: rcAtt.BlockNumber}
	if err != nil || len(atts) != 1 || !reflect.DeepEqual(atts[0], want) {
		t.Fatalf("Attestations = %+v, %v; want %+v", atts, err, want)
	}
	proofs, err := auditor.ProofsOfVersion(ctx, versionID)
	if err != nil || len(proofs) != 1 || !reflect.DeepEqual(proofs[0], *wantProof) {
		t.Fatalf("ProofsOfVersion = %+v, %v", proofs, err)
	}
	models, err := auditor.ModelsOfOwner(ctx, c.From())
	if err != nil || len(models) != 1 || models[0].Key != modelKey {
		t.Fatalf("ModelsOfOwner = %+v, %v", models, err)
	}
}

// TestAnvilRoundTrip is the integration test against a real anvil started by the harness
// (skipped only outside CI when anvil is not installed).
func TestAnvilRoundTrip(t *testing.T) {
	node := testutil.StartAnvil(t)
	client, err := ethclient.Dial(node.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	start := time.Now()
	roundTrip(t, client, testutil.AnvilDevKey0Hex, testutil.AnvilChainID)
	t.Logf("anvil: deploy + publish + anchor + attest + resolve in %v", time.Since(start))
}

// TestDevChainRoundTrip runs the same flow on the persistent in-process dev chain, through the
// same Backend interface.
func TestDevChainRoundTrip(t *testing.T) {
	chain, err := devchain.Open(t.TempDir(), devchain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := chain.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, chain.Client(), common.Bytes2Hex(crypto.FromECDSA(devchain.DevKey())), 1337)
}

// TestAnvilErrors checks that anvil's error formats map to the same typed errors as geth's.
func TestAnvilErrors(t *testing.T) {
	node := testutil.StartAnvil(t)
	client, err := ethclient.Dial(node.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	key, err := crypto.HexToECDSA(testutil.AnvilDevKey0Hex)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := anchor.Deploy(ctx, client, anchor.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	unknown := common.Hash{1}
	if _, err := c.Proof(ctx, unknown); !errors.Is(err, anchor.ErrUnknownProof) {
		t.Fatalf("unknown proof: %v", err)
	}
	_, _, err = c.AnchorProof(ctx, unknown, common.Hash{2}, common.Hash{3}, "cid")
	var re *anchor.RevertError
	if !errors.As(err, &re) || re.Name != "UnknownVersion" || re.Args[0] != [32]byte(unknown) {
		t.Fatalf("revert on anvil: %v", err)
	}
	broke, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := anchor.Deploy(ctx, client, anchor.Options{Key: broke}); !errors.Is(err, anchor.ErrInsufficientFunds) {
		t.Fatalf("unfunded deploy on anvil: %v", err)
	}
	if _, err := anchor.Open(ctx, client, c.Address(), anchor.Options{ChainID: 1}); !errors.Is(err, anchor.ErrWrongChain) {
		t.Fatalf("wrong chain on anvil: %v", err)
	}
	if _, err := anchor.Open(ctx, client, common.HexToAddress("0x1234"), anchor.Options{}); !errors.Is(err, anchor.ErrNoCode) {
		t.Fatalf("no code on anvil: %v", err)
	}
}
