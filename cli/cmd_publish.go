package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/zkllm/zkllm/anchor"
)

type publishResult struct {
	Schema      string  `json:"schema"`
	Name        string  `json:"name"`
	ModelID     string  `json:"model_id"`
	Ref         string  `json:"ref"`
	ModelRef    string  `json:"model_ref"`
	ChainID     uint64  `json:"chain_id"`
	Contract    string  `json:"contract"`
	TxHash      string  `json:"tx_hash"`
	Block       uint64  `json:"block"`
	GasUsed     uint64  `json:"gas_used"`
	Owner       string  `json:"owner"`
	BundleCID   string  `json:"bundle_cid"`
	VKCID       string  `json:"commitment_cid"`
	ManifestCID string  `json:"manifest_cid"`
	SpecCID     string  `json:"spec_cid"`
	RangeCID    string  `json:"range_proof_cid"`
	Bytes       int64   `json:"bytes_pinned"`
	IPFS        string  `json:"ipfs"`
	Seconds     float64 `json:"seconds"`
}

func modelPublish(s *session) error {
	start := time.Now()
	rec, err := s.selectModel()
	if err != nil {
		return err
	}
	if rec.Commitment == nil {
		return badInputf("model %q is not committed yet: run `zkllm model commit --model %s`", rec.Name, rec.Name)
	}
	files := map[string][]byte{}
	for _, f := range []string{vkFile, manifestFile, specFile, rangeFile} {
		b, err := os.ReadFile(s.dir.path(modelsDirName, rec.Name, f))
		if err != nil {
			return internalf("model %q: %v", rec.Name, err)
		}
		files[f] = b
	}
	check := func(f, want string) error {
		got := sha256.Sum256(files[f])
		if hex.EncodeToString(got[:]) != want {
			return internalf("model %q: %s does not match its record; re-run `zkllm model commit`", rec.Name, f)
		}
		return nil
	}
	for f, want := range map[string]string{vkFile: rec.Commitment.VKSHA256, manifestFile: rec.ManifestSHA256, specFile: rec.SpecSHA256, rangeFile: rec.Commitment.RangeProofSHA256} {
		if err := check(f, want); err != nil {
			return err
		}
	}

	cc, err := s.openChain()
	if err != nil {
		return err
	}
	defer cc.close()
	if rec.Commitment.Insecure && !isDevChain(cc.chainID) {
		return badInputf("model %q was committed with the INSECURE test secret; it can only be published on a dev chain, not chain %d", rec.Name, cc.chainID)
	}
	addr, err := s.registryAddress(cc, common.Address{}, true)
	if err != nil {
		return err
	}
	reg, keySource, err := s.openRegistry(cc, addr, true, false)
	if err != nil {
		return err
	}

	// Pin first: a chain record must never point at content nobody holds.
	st, closeStore, where, err := s.ipfsWriter()
	if err != nil {
		return err
	}
	defer closeStore()
	s.out.step("pinning to %s", where)
	pin := func(f string) (bundleFile, error) {
		c, err := pinBytes(s.ctx, st, files[f])
		if err != nil {
			return bundleFile{}, err
		}
		d := sha256.Sum256(files[f])
		return bundleFile{CID: c.String(), SHA256: hex.EncodeToString(d[:]), Bytes: int64(len(files[f]))}, nil
	}
	b := &bundle{Schema: bundleSchema, MetadataURI: s.c.String(metadataURIFlag.Name)}
	var total int64
	for _, p := range []struct {
		file string
		dst  *bundleFile
	}{{vkFile, &b.Commitment}, {manifestFile, &b.Manifest}, {specFile, &b.Spec}, {rangeFile, &b.RangeProof}} {
		if *p.dst, err = pin(p.file); err != nil {
			return err
		}
		total += p.dst.Bytes
	}
	bundleBytes := b.marshal()
	bundleCID, err := pinBytes(s.ctx, st, bundleBytes)
	if err != nil {
		return err
	}
	total += int64(len(bundleBytes))

	in := anchor.VersionInput{
		ModelID:          common.HexToHash(rec.Commitment.ModelID),
		SpecHash:         common.HexToHash(rec.SpecSHA256),
		CommitmentDigest: common.HexToHash(rec.Commitment.VKSHA256),
		SourceDigest:     common.HexToHash(rec.ManifestSHA256),
		CommitmentCID:    b.Commitment.CID,
		MetadataURI:      bundleURI(bundleCID.String()),
	}
	s.out.step("registering on chain %d, registry %s%s", cc.chainID, addr.Hex(), describeKey(keySource))
	// A model line is keyed by (owner, salt); the salt is the model name, so
	// publishing a new commitment of the same name adds a version.
	salt := common.Hash(sha256.Sum256([]byte("zkllm/model-salt/v1/" + rec.Name)))
	var modelKey, versionID common.Hash
	var rc *anchor.Receipt
	owner := reg.From()
	if m, err := reg.Model(s.ctx, anchorModelKey(owner, salt)); err == nil && m.Owner == owner {
		modelKey = m.Key
		versionID, rc, err = reg.PublishVersion(s.ctx, modelKey, in)
		if err != nil {
			return classifyChainErr(s, cc, err)
		}
	} else {
		modelKey, versionID, rc, err = reg.RegisterModel(s.ctx, salt, in)
		if err != nil {
			return classifyChainErr(s, cc, err)
		}
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	ref := reg.Ref(anchor.KindVersion, versionID).String()
	rec.Published = &publishRecord{
		ChainID: cc.chainID, Contract: addr.Hex(), Ref: ref, TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber,
		VKCID: b.Commitment.CID, ManifestCID: b.Manifest.CID, RangeCID: b.RangeProof.CID,
	}
	if err := s.dir.saveRecord(rec); err != nil {
		return err
	}
	r := publishResult{
		Schema: schemaPrefix + "model-publish/v1", Name: rec.Name, ModelID: rec.Commitment.ModelID, Ref: ref,
		ModelRef: reg.Ref(anchor.KindModel, modelKey).String(), ChainID: cc.chainID, Contract: addr.Hex(),
		TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber, GasUsed: rc.GasUsed, Owner: owner.Hex(),
		BundleCID: bundleCID.String(), VKCID: b.Commitment.CID, ManifestCID: b.Manifest.CID, SpecCID: b.Spec.CID,
		RangeCID: b.RangeProof.CID, Bytes: total, IPFS: where, Seconds: time.Since(start).Seconds(),
	}
	return s.out.result(r, ref, func(w io.Writer) {
		fmt.Fprintf(w, "published %s\n", rec.Name)
		fmt.Fprintf(w, "  model id     %s\n  reference    %s\n", r.ModelID, r.Ref)
		fmt.Fprintf(w, "  transaction  %s (block %d, %d gas)\n", r.TxHash, r.Block, r.GasUsed)
		fmt.Fprintf(w, "  commitment   %s\n  manifest     %s\n  spec         %s\n  range proof  %s\n  bundle       %s\n",
			r.VKCID, r.ManifestCID, r.SpecCID, r.RangeCID, r.BundleCID)
		fmt.Fprintf(w, "  pinned %s to %s\n", humanBytes(r.Bytes), where)
		fmt.Fprintf(w, "anyone can now audit it: zkllm model check %s\n", r.Ref)
	})
}

// anchorModelKey mirrors the registry's model key: keccak256(owner, salt).
func anchorModelKey(owner common.Address, salt common.Hash) common.Hash {
	return keccakAddrSalt(owner, salt)
}

func keccakAddrSalt(owner common.Address, salt common.Hash) common.Hash {
	return crypto.Keccak256Hash(common.LeftPadBytes(owner.Bytes(), 32), salt.Bytes())
}
