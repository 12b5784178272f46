package anchor

import (
	"context"
	"errors"
	"math/big"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// TestFlowRoundTrip walks every write and read on the simulated chain; every value read back
// equals what was written.
func TestFlowRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 3)
	owner := s.deploy(t)
	submitter := s.as(t, owner, 1)
	auditor := s.as(t, owner, 2)

	salt := digest("salt")
	in1 := sampleVersion(1)
	modelKey, v1, rcReg, err := owner.RegisterModel(ctx, salt, in1)
	if err != nil {
		t.Fatal(err)
	}
	in2 := sampleVersion(2)
	in2.MetadataURI = ""
	v2, _, err := owner.PublishVersion(ctx, modelKey, in2)
	if err != nil {
		t.Fatal(err)
	}
	m, err := owner.Model(ctx, modelKey)
	if err != nil {
		t.Fatal(err)
	}
	if want := (&Model{Key: modelKey, Owner: owner.From(), VersionCount: 2}); !reflect.DeepEqual(m, want) {
		t.Fatalf("model = %+v, want %+v", m, want)
	}
	got1, err := owner.Version(ctx, v1)
	if err != nil {
		t.Fatal(err)
	}
	want1 := &Version{ID: v1, ModelKey: modelKey, Number: 1, BlockNumber: rcReg.BlockNumber, Publisher: owner.From(), VersionInput: in1}
	if !reflect.DeepEqual(got1, want1) {
		t.Fatalf("version 1 = %+v, want %+v", got1, want1)
	}

	statement, proofDigest := digest("statement"), digest("proof")
	proofKey, rcProof, err := submitter.AnchorProof(ctx, v2, statement, proofDigest, sampleProofCID)
	if err != nil {
		t.Fatal(err)
	}
	if proofKey != ProofKey(v2, statement, proofDigest) {
		t.Fatalf("proof key %s, want ProofKey(...) %s", proofKey.Hex(), ProofKey(v2, statement, proofDigest).Hex())
	}
	wantProof := &Proof{Key: proofKey, Digest: proofDigest, VersionID: v2, StatementDigest: statement,
		Submitter: submitter.From(), BlockNumber: rcProof.BlockNumber, CID: sampleProofCID}

	rcAtt, err := auditor.Attest(ctx, proofKey, true, "ipfs://report", digest("report"), common.Hash{'z'})
	if err != nil {
		t.Fatal(err)
	}
	wantAtt := Attestation{ProofKey: proofKey, Validator: auditor.From(), Valid: true, URI: "ipfs://report",
		ResponseHash: digest("report"), Tag: common.Hash{'z'}, BlockNumber: rcAtt.BlockNumber}
	gotAtt, err := owner.Attestation(ctx, proofKey, auditor.From())
	if err != nil || !reflect.DeepEqual(*gotAtt, wantAtt) {
		t.Fatalf("attestation = %+v, %v; want %+v", gotAtt, err, wantAtt)
	}
	if _, err := owner.Attestation(ctx, proofKey, owner.From()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing attestation: err = %v, want ErrNotFound", err)
	}

	// Resolve by chain reference (through its string form) and by transaction hash.
	for _, tc := range []struct {
		ref  string
		want *Resolved
	}{
		{owner.Ref(KindProof, proofKey).String(), &Resolved{Proof: wantProof}},
		{owner.Ref(KindTx, rcProof.TxHash).String(), &Resolved{Proof: wantProof}},
		{rcProof.TxHash.Hex(), &Resolved{Proof: wantProof}},
		{rcAtt.TxHash.Hex(), &Resolved{Proof: wantProof}},
		{owner.Ref(KindVersion, v1).String(), &Resolved{Version: want1}},
		{rcReg.TxHash.Hex(), &Resolved{Version: want1}},
		{owner.Ref(KindModel, modelKey).String(), &Resolved{Model: m}},
	} {
		ref, err := ParseRef(tc.ref)
		if err != nil {
			t.Fatal(err)
		}
		got, err := owner.Resolve(ctx, ref)
		if err != nil {
			t.Fatalf("Resolve(%s): %v", tc.ref, err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Fatalf("Resolve(%s) = %+v, want %+v", tc.ref, got, tc.want)
		}
	}

	// Lists from events.
	versions, err := owner.VersionsOfModel(ctx, modelKey)
	if err != nil || len(versions) != 2 || versions[0].ID != v1 || versions[1].ID != v2 || versions[1].VersionInput != in2 {
		t.Fatalf("VersionsOfModel = %+v, %v", versions, err)
	}
	byID, err := owner.VersionsWithModelID(ctx, in2.ModelID)
	if err != nil || len(byID) != 1 || byID[0].ID != v2 {
		t.Fatalf("VersionsWithModelID = %+v, %v", byID, err)
	}
	proofs, err := owner.ProofsOfVersion(ctx, v2)
	if err != nil || len(proofs) != 1 || !reflect.DeepEqual(proofs[0], *wantProof) {
		t.Fatalf("ProofsOfVersion = %+v, %v", proofs, err)
	}
	if ps, err := owner.ProofsOfVersion(ctx, v1); err != nil || len(ps) != 0 {
		t.Fatalf("ProofsOfVersion(v1) = %+v, %v", ps, err)
	}
	bySub, err := owner.ProofsBySubmitter(ctx, submitter.From())
	if err != nil || len(bySub) != 1 || bySub[0].Digest != proofDigest {
		t.Fatalf("ProofsBySubmitter = %+v, %v", bySub, err)
	}
	atts, err := owner.Attestations(ctx, proofKey)
	if err != nil || len(atts) != 1 || !reflect.DeepEqual(atts[0], wantAtt) {
		t.Fatalf("Attestations = %+v, %v", atts, err)
	}

	// Hand the model over in two steps: an offer changes nothing until it is accepted; then
	// the model leaves the old owner's list and joins the new one's.
	if _, err := owner.TransferModel(ctx, modelKey, submitter.From()); err != nil {
		t.Fatal(err)
	}
	if m, err := owner.Model(ctx, modelKey); err != nil || m.Owner != owner.From() || m.PendingOwner != submitter.From() {
		t.Fatalf("after the offer: %+v, %v", m, err)
	}
	if _, err := auditor.AcceptModel(ctx, modelKey); !errors.As(err, new(*RevertError)) {
		t.Fatalf("accept by a stranger: %v", err)
	}
	if _, err := submitter.AcceptModel(ctx, modelKey); err != nil {
		t.Fatal(err)
	}
	if ms, err := owner.ModelsOfOwner(ctx, owner.From()); err != nil || len(ms) != 0 {
		t.Fatalf("old owner's models = %+v, %v", ms, err)
	}
	if ms, err := owner.ModelsOfOwner(ctx, submitter.From()); err != nil || len(ms) != 1 || ms[0].Key != modelKey {
		t.Fatalf("new owner's models = %+v, %v", ms, err)
	}

	// Revoke: the version says so and takes no new proofs.
	rcRevoke, err := submitter.RevokeVersion(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	res, err := owner.ResolveTx(ctx, rcRevoke.TxHash)
	if err != nil || res.Version == nil || !res.Version.Revoked || res.Version.RevokedBlock != rcRevoke.BlockNumber {
		t.Fatalf("ResolveTx(revoke) = %+v, %v", res, err)
	}
	_, _, err = submitter.AnchorProof(ctx, v2, statement, digest("proof 2"), sampleProofCID)
	var re *RevertError
	if !errors.As(err, &re) || re.Name != "VersionIsRevoked" {
		t.Fatalf("anchor on revoked version: err = %v", err)
	}
}

func TestRevertIsDecoded(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 2)
	c := s.deploy(t)
	modelKey, v1, _, err := c.RegisterModel(ctx, digest("salt"), sampleVersion(1))
	if err != nil {
		t.Fatal(err)
	}
	proof := digest("proof")
	key, _, err := c.AnchorProof(ctx, v1, digest("s"), proof, sampleProofCID)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.AnchorProof(ctx, v1, digest("s"), proof, sampleProofCID)
	var re *RevertError
	if !errors.As(err, &re) || !errors.Is(err, ErrReverted) || re.Name != "ProofExists" ||
		len(re.Args) != 1 || re.Args[0] != [32]byte(key) {
		t.Fatalf("duplicate proof: err = %#v", err)
	}
	// Not the owner: the error names the model and the caller.
	other := s.as(t, c, 1)
	_, _, err = other.PublishVersion(ctx, modelKey, sampleVersion(2))
	if !errors.As(err, &re) || re.Name != "NotModelOwner" || re.Args[1] != other.From() {
		t.Fatalf("non-owner publish: err = %v", err)
	}
	// Malformed input is refused by the contract, not silently stored.
	bad := sampleVersion(3)
	bad.CommitmentCID = ""
	if _, _, _, err := c.RegisterModel(ctx, digest("salt 2"), bad); !errors.As(err, &re) || re.Name != "EmptyCid" {
		t.Fatalf("empty CID: err = %v", err)
	}
}

// A transaction that passes estimation but reverts when mined is reported with its hash and
// the decoded error (the node is asked to replay it at its block).
func TestMinedRevertIsDecoded(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	_, v1, _, err := c.RegisterModel(ctx, digest("salt"), sampleVersion(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.RevokeVersion(ctx, v1); err != nil {
		t.Fatal(err)
	}
	auth, err := c.transactor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	auth.GasLimit = 500_000 // skip estimation, which would refuse
	tx, err := bind.Transact(c.inst, auth, c.reg.PackAnchorProof(v1, digest("s"), digest("p"), sampleProofCID))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.awaitRaw(ctx, tx)
	var re *RevertError
	if !errors.As(err, &re) || re.TxHash != tx.Hash() || re.Name != "VersionIsRevoked" {
		t.Fatalf("mined revert: err = %v", err)
	}
}

func TestUnknownRecords(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	id := digest("nothing")
	if _, err := c.Model(ctx, id); !errors.Is(err, ErrUnknownModel) {
		t.Fatalf("Model: %v", err)
	}
	if _, err := c.Version(ctx, id); !errors.Is(err, ErrUnknownVersion) {
		t.Fatalf("Version: %v", err)
	}
	if _, err := c.Proof(ctx, id); !errors.Is(err, ErrUnknownProof) {
		t.Fatalf("Proof: %v", err)
	}
	if _, _, err := c.AnchorProof(ctx, id, digest("s"), digest("p"), sampleProofCID); !errors.Is(err, ErrUnknownVersion) {
		t.Fatalf("AnchorProof on unknown version: %v", err)
	}
	if _, err := c.Resolve(ctx, c.Ref(KindTx, id)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Resolve(unknown tx): %v", err)
	}
}

func TestWrongChainID(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	if _, err := Open(ctx, s.backend(), c.Address(), Options{ChainID: 1}); !errors.Is(err, ErrWrongChain) {
		t.Fatalf("Open on chain 1337 expecting 1: err = %v", err)
	}
	ref := c.Ref(KindProof, digest("p"))
	ref.ChainID = 1
	if _, err := c.Resolve(ctx, ref); !errors.Is(err, ErrWrongChain) {
		t.Fatalf("Resolve of a chain-1 reference: err = %v", err)
	}
}

func TestNoCodeAtAddress(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	addr := common.HexToAddress("0x00000000000000000000000000000000deadbeef")
	if _, err := Open(ctx, s.backend(), addr, Options{}); !errors.Is(err, ErrNoCode) {
		t.Fatalf("Open: err = %v, want ErrNoCode", err)
	}
}

func TestCodeHashCheck(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	if _, err := Open(ctx, s.backend(), c.Address(), Options{VerifyCode: true, ChainID: 1337}); err != nil {
		t.Fatalf("genuine registry: %v", err)
	}
	// A contract whose runtime code is the single byte 0x2a.
	auth, err := c.transactor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addr, tx, err := bind.DeployContract(auth, common.FromHex("602a60005360016000f3"), c.backend, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.awaitRaw(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, s.backend(), addr, Options{VerifyCode: true}); !errors.Is(err, ErrCodeMismatch) {
		t.Fatalf("impostor: err = %v, want ErrCodeMismatch", err)
	}
	if _, err := Open(ctx, s.backend(), addr, Options{}); err != nil {
		t.Fatalf("without VerifyCode only presence is checked: %v", err)
	}
}

func TestInsufficientFunds(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	broke, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	poor, err := Open(ctx, s.backend(), c.Address(), Options{Key: broke})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := poor.RegisterModel(ctx, digest("salt"), sampleVersion(1)); !errors.Is(err, ErrInsufficientFunds) {
		t.Fatalf("RegisterModel from an empty account: err = %v", err)
	}
	if _, _, err := Deploy(ctx, s.backend(), Options{Key: broke}); !errors.Is(err, ErrInsufficientFunds) {
		t.Fatalf("Deploy from an empty account: err = %v", err)
	}
}

func TestReadOnlyClientCannotWrite(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	ro, err := Open(ctx, s.backend(), c.Address(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.RevokeVersion(ctx, digest("v")); !errors.Is(err, ErrNoSigner) {
		t.Fatalf("err = %v, want ErrNoSigner", err)
	}
}

// Reads happen at the chosen block: with 2 confirmations a fresh record is invisible until two
// more blocks are mined; dev chains read at latest by default.
func TestReadBlockPolicy(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	s.sim.Commit()
	s.sim.Commit()
	confirmed, err := Open(ctx, s.backend(), c.Address(), Options{Confirmations: 2})
	if err != nil {
		t.Fatal(err)
	}
	_, v1, rc, err := c.RegisterModel(ctx, digest("salt"), sampleVersion(1))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := c.ReadBlock(ctx); err != nil || n != rc.BlockNumber {
		t.Fatalf("default read block on 1337 = %d, %v; want latest %d", n, err, rc.BlockNumber)
	}
	if _, err := confirmed.ResolveTx(ctx, rc.TxHash); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ResolveTx before 2 confirmations: err = %v, want ErrNotFound", err)
	}
	if _, err := confirmed.Version(ctx, v1); !errors.Is(err, ErrUnknownVersion) {
		t.Fatalf("0 confirmations: err = %v, want ErrUnknownVersion", err)
	}
	s.sim.Commit()
	s.sim.Commit()
	if _, err := confirmed.Version(ctx, v1); err != nil {
		t.Fatalf("2 confirmations: %v", err)
	}
	if n, _ := confirmed.ReadBlock(ctx); n != rc.BlockNumber {
		t.Fatalf("read block = %d, want %d", n, rc.BlockNumber)
	}
	if _, err := c.ResolveTx(ctx, rc.TxHash); err != nil {
		t.Fatal(err)
	}
	tooMany, err := Open(ctx, s.backend(), c.Address(), Options{Confirmations: 1 << 40})
	if err == nil {
		_, err = tooMany.ReadBlock(ctx)
	}
	if err == nil {
		t.Fatal("reading with more confirmations than blocks succeeded")
	}
	if got := new(big.Int).SetUint64(c.ChainID()); got.Int64() != 1337 || !IsDevChain(1337) || !IsDevChain(31337) || IsDevChain(1) {
		t.Fatal("dev chain ids")
	}
}

// A write to an address without code fails before sending, with ErrNoCode.
func TestWriteToAddressWithoutCode(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 1)
	c := s.deploy(t)
	c.bindTo(common.HexToAddress("0x00000000000000000000000000000000deadbeef"))
	if _, _, err := c.AnchorProof(ctx, digest("v"), digest("s"), digest("p"), sampleProofCID); !errors.Is(err, ErrNoCode) {
		t.Fatalf("err = %v, want ErrNoCode", err)
	}
}
