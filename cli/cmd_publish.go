package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"

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
	// Existing is true when nothing was sent: the same content is already the line's live
	// version Version (re-publish with --force to register it again).
	Existing bool   `json:"existing"`
	Version  uint32 `json:"version"`
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
	owner := reg.From()
	in := anchor.VersionInput{
		ModelID:          common.HexToHash(rec.Commitment.ModelID),
		SpecHash:         common.HexToHash(rec.SpecSHA256),
		CommitmentDigest: common.HexToHash(rec.Commitment.VKSHA256),
		SourceDigest:     common.HexToHash(rec.ManifestSHA256),
	}
	// A model line is keyed by (owner, salt); the salt is the model name, so publishing a
	// new commitment of the same name adds a version. A line accepted from another owner
	// (recorded by `model accept --model`) is continued instead.
	salt := common.Hash(sha256.Sum256([]byte("zkllm/model-salt/v1/" + rec.Name)))
	line, err := s.publishLine(cc, reg, rec, salt)
	if err != nil {
		return err
	}
	if line != nil && !s.c.Bool(forceFlag.Name) {
		if v, err := sameLiveVersion(s, reg, line.Key, in); err != nil {
			return classifyChainErr(s, cc, err)
		} else if v != nil {
			return reportExisting(s, reg, rec, line, v, start)
		}
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

	in.CommitmentCID = b.Commitment.CID
	in.MetadataURI = bundleURI(bundleCID.String())
	s.out.step("registering on chain %d, registry %s%s", cc.chainID, addr.Hex(), describeKey(keySource))
	var modelKey, versionID common.Hash
	var rc *anchor.Receipt
	if line != nil {
		modelKey = line.Key
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
	number := uint32(1)
	if v, err := reg.Version(s.ctx, versionID); err == nil {
		number = v.Number
	}
	rec.Published = &publishRecord{
		ChainID: cc.chainID, Contract: addr.Hex(), Ref: ref, TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber,
		VKCID: b.Commitment.CID, ManifestCID: b.Manifest.CID, RangeCID: b.RangeProof.CID,
		ModelRef: reg.Ref(anchor.KindModel, modelKey).String(), Owner: owner.Hex(), Version: number,
	}
	if err := s.dir.saveRecord(rec); err != nil {
		return err
	}
	r := publishResult{
		Schema: schemaPrefix + "model-publish/v1", Name: rec.Name, ModelID: rec.Commitment.ModelID, Ref: ref,
		ModelRef: reg.Ref(anchor.KindModel, modelKey).String(), ChainID: cc.chainID, Contract: addr.Hex(),
		TxHash: rc.TxHash.Hex(), Block: rc.BlockNumber, GasUsed: rc.GasUsed, Owner: owner.Hex(),
		BundleCID: bundleCID.String(), VKCID: b.Commitment.CID, ManifestCID: b.Manifest.CID, SpecCID: b.Spec.CID,
		RangeCID: b.RangeProof.CID, Bytes: total, IPFS: where, Seconds: time.Since(start).Seconds(), Version: number,
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

// publishLine finds the model line a publish adds its version to: the line the local record
// names (published from here, or accepted with `model accept --model`), else the signer's
// own line for this name; nil means a new line is registered. A line the signer no longer
// owns is refused with who owns it (the old owner after a transfer).
func (s *session) publishLine(cc *chainConn, reg *anchor.Client, rec *modelRecord, salt common.Hash) (*anchor.Model, error) {
	owner := reg.From()
	var keys []common.Hash
	if p := rec.Published; p != nil && p.ModelRef != "" {
		if r, err := anchor.ParseRef(p.ModelRef); err == nil && r.ChainID == cc.chainID && r.Contract == reg.Address() {
			keys = append(keys, r.ID)
		}
	}
	keys = append(keys, anchor.ModelKey(owner, salt))
	for i, key := range keys {
		m, err := reg.Model(s.ctx, key)
		if errors.Is(err, anchor.ErrUnknownModel) {
			continue
		}
		if err != nil {
			return nil, classifyChainErr(s, cc, err)
		}
		if m.Owner == owner {
			return m, nil
		}
		if i == len(keys)-1 || m.Key == anchor.ModelKey(owner, salt) {
			// The signer's own line for this name belongs to someone else now.
			msg := fmt.Sprintf("you (%s) are not the owner of model line %s: owner is %s", owner.Hex(), reg.Ref(anchor.KindModel, key), m.Owner.Hex())
			if m.PendingOwner != (common.Address{}) {
				msg += fmt.Sprintf(" (transfer offered to %s)", m.PendingOwner.Hex())
			}
			return nil, badInputf("%s; publish from the owner's account, or import under another --name to start a new line", msg)
		}
	}
	return nil, nil
}

// sameLiveVersion returns the line's live version with exactly in's content (model id,
// commitment, spec and source digests), if there is one.
func sameLiveVersion(s *session, reg *anchor.Client, line common.Hash, in anchor.VersionInput) (*anchor.Version, error) {
	vs, err := reg.VersionsOfModel(s.ctx, line)
	if err != nil {
		return nil, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		if !v.Revoked && v.ModelID == in.ModelID && v.CommitmentDigest == in.CommitmentDigest &&
			v.SpecHash == in.SpecHash && v.SourceDigest == in.SourceDigest {
			return &v, nil
		}
	}
	return nil, nil
}

// reportExisting answers an idempotent re-publish: nothing is pinned or sent, the local record
// points at the existing version.
func reportExisting(s *session, reg *anchor.Client, rec *modelRecord, line *anchor.Model, v *anchor.Version, start time.Time) error {
	ref := reg.Ref(anchor.KindVersion, v.ID).String()
	modelRef := reg.Ref(anchor.KindModel, line.Key).String()
	if rec.Published == nil || rec.Published.Ref != ref {
		rec.Published = &publishRecord{ChainID: reg.ChainID(), Contract: reg.Address().Hex(), Ref: ref, Block: v.BlockNumber,
			VKCID: v.CommitmentCID, ModelRef: modelRef, Owner: line.Owner.Hex(), Version: v.Number}
		if err := s.dir.saveRecord(rec); err != nil {
			return err
		}
	}
	r := publishResult{
		Schema: schemaPrefix + "model-publish/v1", Name: rec.Name, ModelID: rec.Commitment.ModelID, Ref: ref,
		ModelRef: modelRef, ChainID: reg.ChainID(), Contract: reg.Address().Hex(), Block: v.BlockNumber,
		Owner: line.Owner.Hex(), VKCID: v.CommitmentCID, Existing: true, Version: v.Number,
		Seconds: time.Since(start).Seconds(),
	}
	return s.out.result(r, ref, func(w io.Writer) {
		fmt.Fprintf(w, "already published: %s is version %d of %s (block %d), live\n", rec.Name, v.Number, modelRef, v.BlockNumber)
		fmt.Fprintf(w, "  reference    %s\nnothing sent; to register the same content again as a new version: zkllm model publish --force\n", ref)
	})
}
