package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/ipfsstore"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// Size caps for what an auditor fetches (a 7B commitment is ≈1.2 MB).
const (
	maxVKBytes       = 1 << 30
	maxManifestBytes = 16 << 20
	maxSpecBytes     = 16 << 20
	maxRangeBytes    = 64 << 20
)

type checkItem struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

type checkFile struct {
	Name   string `json:"name"`
	CID    string `json:"cid"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

type checkResult struct {
	Schema    string      `json:"schema"`
	Verdict   string      `json:"verdict"` // "valid" or "invalid"
	Ref       string      `json:"ref"`
	ChainID   uint64      `json:"chain_id"`
	Contract  string      `json:"contract"`
	VersionID string      `json:"version_id"`
	Version   uint32      `json:"version"`
	ModelID   string      `json:"model_id"`
	Owner     string      `json:"owner,omitempty"`
	Block     uint64      `json:"block"`
	Revoked   bool        `json:"revoked"`
	Checks    []checkItem `json:"checks"`
	Files     []checkFile `json:"files"`
	IPFS      string      `json:"ipfs"`
	Seconds   float64     `json:"seconds"`
}

func (r *checkResult) add(name string, ok bool, format string, a ...any) bool {
	r.Checks = append(r.Checks, checkItem{Name: name, OK: ok, Detail: fmt.Sprintf(format, a...)})
	return ok
}

func (r *checkResult) valid() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return len(r.Checks) > 0
}

// modelCheck is the auditor's side: from a chain reference, a transaction
// hash or a model id alone, resolve the record, fetch everything by CID,
// check digests against the chain, decode strictly and verify the range
// proof. It trusts nothing in the local data directory.
func modelCheck(s *session) error {
	start := time.Now()
	arg := strings.TrimSpace(s.c.Args().First())
	if arg == "" {
		return badInputf("model check: give a chain reference, a transaction hash or a model id")
	}
	ref, err := anchor.ParseRef(arg)
	if err != nil {
		return badInputf("%v", err)
	}
	cc, err := s.openChain()
	if err != nil {
		return err
	}
	defer cc.close()
	if !ref.Bare() && ref.ChainID != cc.chainID {
		return badInputf("wrong chain: the reference is for chain %d but %s is chain %d", ref.ChainID, cc.describe(), cc.chainID)
	}
	addr, err := s.registryAddress(cc, ref.Contract, false)
	if err != nil {
		return err
	}
	reg, _, err := s.openRegistry(cc, addr, false, true)
	if err != nil {
		return err
	}
	v, err := resolveVersion(s, reg, ref)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	r := &checkResult{
		Schema: schemaPrefix + "model-check/v1", Ref: reg.Ref(anchor.KindVersion, v.ID).String(), ChainID: cc.chainID,
		Contract: addr.Hex(), VersionID: v.ID.Hex(), Version: v.Number, ModelID: v.ModelID.Hex(),
		Block: v.BlockNumber, Revoked: v.Revoked, Files: []checkFile{},
	}
	if m, err := reg.Model(s.ctx, v.ModelKey); err == nil {
		r.Owner = m.Owner.Hex()
	}
	r.add("registry code", true, "the code at %s is this build's registry (code hash %s)", addr.Hex(), anchor.RuntimeCodeHash().Hex())
	r.add("not revoked", !v.Revoked, "%s", map[bool]string{true: "the owner revoked this version", false: "the version is live"}[v.Revoked])

	getter, closeGetter, where, err := s.ipfsReader()
	if err != nil {
		return err
	}
	defer closeGetter()
	r.IPFS = where
	s.out.step("fetching from %s", where)
	work := s.dir.path("audit", strings.TrimPrefix(v.ID.Hex(), "0x"))
	if err := os.MkdirAll(work, 0o700); err != nil {
		return internalf("%v", err)
	}
	cleanTempFiles(work)
	lim := ipfsstore.Limits{Timeout: s.c.Duration(ipfsTimeoutFlag.Name), RequireProfile: &ipfsstore.UnixFSv1_2025}
	fetch := func(name, cidStr string, want []byte, max int64) ([]byte, error) {
		c, err := cid.Decode(cidStr)
		if err != nil {
			return nil, invalidf("%s: the published CID %q is malformed: %v", name, cidStr, err)
		}
		l := lim
		l.MaxSize = max
		if _, err := ipfsstore.GetFile(s.ctx, getter, c, filepath.Join(work, name), l, want); err != nil {
			return nil, fmt.Errorf("%s (%s): %w", name, cidStr, err)
		}
		b, err := os.ReadFile(filepath.Join(work, name))
		if err != nil {
			return nil, internalf("%v", err)
		}
		d := sha256.Sum256(b)
		r.Files = append(r.Files, checkFile{Name: name, CID: cidStr, SHA256: hex.EncodeToString(d[:]), Bytes: int64(len(b))})
		return b, nil
	}

	// The bundle is named by the chain (metadata URI); it names the rest.
	bundleCID, err := parseBundleURI(v.MetadataURI)
	if err != nil {
		r.add("bundle", false, "%v", err)
		return finishCheck(s, r, start)
	}
	bb, err := fetch("bundle.json", bundleCID, nil, maxBundleBytes)
	if err != nil {
		return err
	}
	b, err := parseBundle(bb)
	if !r.add("bundle", err == nil, "%s", errOr(err, "fetched by CID and decoded strictly")) {
		return finishCheck(s, r, start)
	}
	if !r.add("commitment CID", b.Commitment.CID == v.CommitmentCID, "bundle %s, chain %s", b.Commitment.CID, v.CommitmentCID) {
		return finishCheck(s, r, start)
	}
	vkBytes, err := fetch(vkFile, v.CommitmentCID, v.CommitmentDigest[:], maxVKBytes)
	if err != nil {
		return err
	}
	r.add("commitment digest", true, "SHA-256 %s equals the on-chain commitment digest", hex.EncodeToString(v.CommitmentDigest[:]))
	manifestBytes, err := fetch(manifestFile, b.Manifest.CID, v.SourceDigest[:], maxManifestBytes)
	if err != nil {
		return err
	}
	r.add("manifest digest", true, "SHA-256 %s equals the on-chain source digest", hex.EncodeToString(v.SourceDigest[:]))
	specBytes, err := fetch(specFile, b.Spec.CID, v.SpecHash[:], maxSpecBytes)
	if err != nil {
		return err
	}
	r.add("spec hash", true, "SHA-256 %s equals the on-chain spec_hash", hex.EncodeToString(v.SpecHash[:]))
	rangeWant, _ := hex.DecodeString(b.RangeProof.SHA256)
	rangeBytes, err := fetch(rangeFile, b.RangeProof.CID, rangeWant, maxRangeBytes)
	if err != nil {
		return err
	}

	vk, err := pedersen.UnmarshalVerifyingKey(vkBytes)
	if !r.add("commitment decodes", err == nil, "%s", errOr(err, fmt.Sprintf("%d rows of %d, generators v%d", len(vkRows(vk)), 1<<vkLogC(vk), vkGen(vk)))) {
		return finishCheck(s, r, start)
	}
	man, err := spec.UnmarshalManifest(manifestBytes)
	if !r.add("manifest decodes", err == nil, "%s", errOr(err, "canonical manifest")) {
		return finishCheck(s, r, start)
	}
	sp, err := spec.Unmarshal(specBytes)
	if !r.add("spec decodes", err == nil, "%s", errOr(err, "canonical spec")) {
		return finishCheck(s, r, start)
	}
	md := sha256.Sum256(manifestBytes)
	id := spec.ModelID(md, pedersen.Digest(vkBytes))
	r.add("model id", common.Hash(id) == v.ModelID, "SHA-256(manifest digest ‖ commitment digest) = %s, on-chain %s", common.Hash(id).Hex(), v.ModelID.Hex())
	r.add("spec matches manifest", reflect.DeepEqual(sp.Config, man.Config) && slices.Equal(sp.Exponents, man.Exponents),
		"architecture and quantization exponents agree")
	r.add("row length", sp.LogCW == vk.LogC && sp.GeneratorVersion == vk.GeneratorVersion,
		"spec c_W = 2^%d, generators v%d; commitment 2^%d, v%d", sp.LogCW, sp.GeneratorVersion, vk.LogC, vk.GeneratorVersion)
	r.add("layout", layoutMatches(vk.Layout, man.Config), "the commitment's tensor layout is the one the architecture implies")
	err = tlookup.VerifyBlobRange(vk, v.ModelID[:], rangeBytes)
	r.add("weight range proof", err == nil, "%s", errOr(err, "every committed weight is a 16-bit integer (LogUp proof bound to the model id verified)"))
	return finishCheck(s, r, start)
}

func vkRows(vk *pedersen.VerifyingKey) []any {
	if vk == nil {
		return nil
	}
	return make([]any, len(vk.Rows))
}
func vkLogC(vk *pedersen.VerifyingKey) int {
	if vk == nil {
		return 0
	}
	return vk.LogC
}
func vkGen(vk *pedersen.VerifyingKey) uint32 {
	if vk == nil {
		return 0
	}
	return vk.GeneratorVersion
}

func errOr(err error, ok string) string {
	if err != nil {
		return err.Error()
	}
	return ok
}

// layoutMatches checks that the committed layout is the placement of the
// tensors the architecture implies (shapes least significant axis first).
func layoutMatches(l *pedersen.Layout, c model.Config) bool {
	ts := model.TensorLayout(c)
	specs := make([]pedersen.TensorSpec, len(ts))
	for i, t := range ts {
		shape := make([]uint64, len(t.Shape))
		for a, d := range t.Shape {
			shape[len(t.Shape)-1-a] = uint64(d)
		}
		specs[i] = pedersen.TensorSpec{Name: t.Name, Shape: shape}
	}
	want, err := pedersen.Place(specs)
	if err != nil || len(want.Tensors) != len(l.Tensors) || want.LogSize != l.LogSize {
		return false
	}
	for i := range want.Tensors {
		a, b := want.Tensors[i], l.Tensors[i]
		if a.Name != b.Name || a.Offset != b.Offset || !slices.Equal(a.Shape, b.Shape) {
			return false
		}
	}
	return true
}

// resolveVersion turns a reference, transaction hash or model id into the
// model version to audit (the latest version for a model or model id).
func resolveVersion(s *session, reg *anchor.Client, ref anchor.Ref) (*anchor.Version, error) {
	latest := func(vs []anchor.Version, what string) (*anchor.Version, error) {
		if len(vs) == 0 {
			return nil, badInputf("no published version for %s on chain %d, registry %s", what, reg.ChainID(), reg.Address().Hex())
		}
		v := vs[len(vs)-1]
		return &v, nil
	}
	if ref.Bare() {
		// A bare 32-byte hash is a transaction hash or a model id.
		res, err := reg.ResolveTx(s.ctx, ref.ID)
		if err == nil {
			return versionOf(s, reg, res)
		}
		vs, err2 := reg.VersionsWithModelID(s.ctx, ref.ID)
		if err2 == nil && len(vs) > 0 {
			return latest(vs, "model id "+ref.ID.Hex())
		}
		return nil, badInputf("%s is neither a registry transaction nor a published model id on chain %d (%v)", ref.ID.Hex(), reg.ChainID(), err)
	}
	res, err := reg.Resolve(s.ctx, ref)
	if err != nil {
		return nil, err
	}
	return versionOf(s, reg, res)
}

func versionOf(s *session, reg *anchor.Client, res *anchor.Resolved) (*anchor.Version, error) {
	switch {
	case res.Version != nil:
		return res.Version, nil
	case res.Model != nil:
		vs, err := reg.VersionsOfModel(s.ctx, res.Model.Key)
		if err != nil {
			return nil, err
		}
		if len(vs) == 0 {
			return nil, badInputf("model %s has no version", res.Model.Key.Hex())
		}
		v := vs[len(vs)-1]
		return &v, nil
	case res.Proof != nil:
		return reg.Version(s.ctx, res.Proof.VersionID)
	}
	return nil, badInputf("the reference names no model version")
}

func finishCheck(s *session, r *checkResult, start time.Time) error {
	r.Seconds = time.Since(start).Seconds()
	r.Verdict = "invalid"
	if r.valid() {
		r.Verdict = "valid"
	}
	err := s.out.result(r, strings.ToUpper(r.Verdict), func(w io.Writer) {
		fmt.Fprintf(w, "%s  %s\n", strings.ToUpper(r.Verdict), r.Ref)
		fmt.Fprintf(w, "  model id %s (version %d, block %d, owner %s)\n", r.ModelID, r.Version, r.Block, r.Owner)
		for _, c := range r.Checks {
			mark := "ok  "
			if !c.OK {
				mark = "FAIL"
			}
			fmt.Fprintf(w, "  [%s] %-22s %s\n", mark, c.Name, c.Detail)
		}
		for _, f := range r.Files {
			fmt.Fprintf(w, "  fetched %-15s %8s  %s\n", f.Name, humanBytes(f.Bytes), f.CID)
		}
	})
	if err != nil {
		return err
	}
	if r.Verdict != "valid" {
		var reasons []string
		for _, c := range r.Checks {
			if !c.OK {
				reasons = append(reasons, c.Name+": "+c.Detail)
			}
		}
		return afterResult(ExitInvalid, fmt.Errorf("INVALID: %s", strings.Join(reasons, "; ")))
	}
	return nil
}
