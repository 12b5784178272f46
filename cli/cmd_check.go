package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
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
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
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
	Schema  string `json:"schema"`
	Verdict string `json:"verdict"` // "valid", "invalid" or "unavailable"
	// Reason and FailedStep say why a verdict is not valid (the first failed step).
	Reason     string      `json:"reason,omitempty"`
	FailedStep string      `json:"failed_step,omitempty"`
	ModelRef   string      `json:"model_ref,omitempty"`
	Publisher  string      `json:"publisher,omitempty"`
	Ref        string      `json:"ref"`
	ChainID    uint64      `json:"chain_id"`
	Contract   string      `json:"contract"`
	VersionID  string      `json:"version_id"`
	Version    uint32      `json:"version"`
	ModelID    string      `json:"model_id"`
	Owner      string      `json:"owner,omitempty"`
	Block      uint64      `json:"block"`
	Revoked    bool        `json:"revoked"`
	Checks     []checkItem `json:"checks"`
	Files      []checkFile `json:"files"`
	IPFS       string      `json:"ipfs"`
	Seconds    float64     `json:"seconds"`
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
		return notConfirmedYet(s, cc, addr, ref, err)
	}
	v, err := resolveVersion(s, reg, ref)
	if err != nil {
		return notConfirmedYet(s, cc, addr, ref, classifyChainErr(s, cc, err))
	}
	r := &checkResult{
		Schema: schemaPrefix + "model-check/v1", Ref: reg.Ref(anchor.KindVersion, v.ID).String(), ChainID: cc.chainID,
		Contract: addr.Hex(), VersionID: v.ID.Hex(), Version: v.Number, ModelID: v.ModelID.Hex(),
		Block: v.BlockNumber, Revoked: v.Revoked, Files: []checkFile{},
	}
	if m, err := reg.Model(s.ctx, v.ModelKey); err == nil {
		r.Owner = m.Owner.Hex()
	}
	r.ModelRef = reg.Ref(anchor.KindModel, v.ModelKey).String()
	r.Publisher = v.Publisher.Hex()
	r.add("registry code", true, "the code at %s is this build's registry (code hash %s)", addr.Hex(), anchor.RuntimeCodeHash().Hex())
	r.add("not revoked", !v.Revoked, "%s", map[bool]string{true: "the owner revoked this version", false: "the version is live"}[v.Revoked])

	getter, closeGetter, where, err := s.ipfsReader()
	if err != nil {
		return failCheck(s, r, start, "open IPFS", err)
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
		return failCheck(s, r, start, "fetch "+"bundle.json", err)
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
		return failCheck(s, r, start, "fetch "+vkFile, err)
	}
	r.add("commitment digest", true, "SHA-256 %s equals the on-chain commitment digest", hex.EncodeToString(v.CommitmentDigest[:]))
	manifestBytes, err := fetch(manifestFile, b.Manifest.CID, v.SourceDigest[:], maxManifestBytes)
	if err != nil {
		return failCheck(s, r, start, "fetch "+manifestFile, err)
	}
	r.add("manifest digest", true, "SHA-256 %s equals the on-chain source digest", hex.EncodeToString(v.SourceDigest[:]))
	specBytes, err := fetch(specFile, b.Spec.CID, v.SpecHash[:], maxSpecBytes)
	if err != nil {
		return failCheck(s, r, start, "fetch "+specFile, err)
	}
	r.add("spec hash", true, "SHA-256 %s equals the on-chain spec_hash", hex.EncodeToString(v.SpecHash[:]))
	rangeWant, _ := hex.DecodeString(b.RangeProof.SHA256)
	rangeBytes, err := fetch(rangeFile, b.RangeProof.CID, rangeWant, maxRangeBytes)
	if err != nil {
		return failCheck(s, r, start, "fetch "+rangeFile, err)
	}

	man, err := spec.UnmarshalManifest(manifestBytes)
	if !r.add("manifest decodes", err == nil, "%s", errOr(err, "canonical manifest")) {
		return finishCheck(s, r, start)
	}
	sp, err := spec.Unmarshal(specBytes)
	if !r.add("spec decodes", err == nil, "%s", errOr(err, "canonical spec")) {
		return finishCheck(s, r, start)
	}
	if !r.add("spec matches manifest", reflect.DeepEqual(sp.Config, man.Config) && slices.Equal(sp.Exponents, man.Exponents),
		"architecture and quantization exponents agree") {
		return finishCheck(s, r, start)
	}
	// Every size (layout, c_W, rows, file lengths) comes from the spec and
	// manifest before the commitment is read (PROTOCOL §4.3, prover/owner).
	key, err := owner.ParseVerifierKey(manifestBytes, specBytes, vkBytes)
	if !r.add("commitment decodes", err == nil, "%s", errOr(err, fmt.Sprintf("%d rows of %d, generators v%d, in the layout the architecture implies", len(vkRowsOf(key)), 1<<vkLogCOf(key), pedersen.GeneratorVersion))) {
		return finishCheck(s, r, start)
	}
	if !r.add("model id", common.Hash(key.ModelID) == v.ModelID, "SHA-256(manifest digest ‖ commitment digest) = %s, on-chain %s", common.Hash(key.ModelID).Hex(), v.ModelID.Hex()) {
		return finishCheck(s, r, start)
	}
	err = key.VerifyWeightProof(rangeBytes)
	r.add("weight range proof", err == nil, "%s", errOr(err, "every committed weight is a 16-bit integer and every padded entry zero (weight proof v2, bound to the model id and the commitment file, verified)"))
	return finishCheck(s, r, start)
}

// notConfirmedYet turns a lookup that failed under --confirmations N into "not confirmed
// yet" (exit 2, with the blocks still to wait) when the record exists at the chain head but
// is younger than N blocks: a retry loop should wait, not give up as on bad input.
func notConfirmedYet(s *session, cc *chainConn, addr common.Address, ref anchor.Ref, lookupErr error) error {
	need := s.c.Uint64(confirmationsFlag.Name)
	if need == 0 || (ExitCode(lookupErr) != ExitBadInput && !errors.Is(lookupErr, anchor.ErrNotConfirmed)) {
		return lookupErr
	}
	head, err := anchor.Open(s.ctx, cc.client, addr, anchor.Options{ChainID: cc.chainID, Read: anchor.ReadLatest})
	if err != nil {
		return lookupErr
	}
	saved := s.reg
	v, err := resolveVersion(s, head, ref)
	s.reg = saved
	if err != nil {
		return lookupErr
	}
	latest, err := head.ReadBlock(s.ctx)
	if err != nil {
		return lookupErr
	}
	block := v.BlockNumber
	if ref.Kind == anchor.KindTx || ref.Bare() {
		if rc, err := cc.client.TransactionReceipt(s.ctx, ref.ID); err == nil {
			block = rc.BlockNumber.Uint64()
		}
	}
	have := uint64(0)
	if latest >= block {
		have = latest - block
	}
	if have >= need {
		return lookupErr
	}
	return unavailablef("not confirmed yet: %s is in block %d, %d blocks deep; --confirmations %d needs %d more block(s)",
		arg0(s), block, have, need, need-have)
}

func arg0(s *session) string { return strings.TrimSpace(s.c.Args().First()) }

func vkRowsOf(k *owner.VerifierKey) []any {
	if k == nil {
		return nil
	}
	return make([]any, len(k.Rows()))
}
func vkLogCOf(k *owner.VerifierKey) int {
	if k == nil {
		return 0
	}
	return k.Blob.LogC
}

func errOr(err error, ok string) string {
	if err != nil {
		return err.Error()
	}
	return ok
}

// resolveVersion turns a reference, transaction hash or model id into the
// model version to audit (the latest version for a model or model id).
func resolveVersion(s *session, reg *anchor.Client, ref anchor.Ref) (*anchor.Version, error) {
	if ref.Bare() {
		// A bare 32-byte hash is a transaction hash or a model id.
		res, err := reg.ResolveTx(s.ctx, ref.ID)
		if err == nil {
			return versionOf(s, reg, res)
		}
		vs, err2 := reg.VersionsWithModelID(s.ctx, ref.ID)
		if err2 == nil && len(vs) > 0 {
			return versionByModelID(s, reg, ref.ID, vs)
		}
		return nil, badInputf("%s is neither a registry transaction nor a published model id on chain %d (%v)", ref.ID.Hex(), reg.ChainID(), err)
	}
	res, err := reg.Resolve(s.ctx, ref)
	if err != nil {
		return nil, err
	}
	return versionOf(s, reg, res)
}

// versionByModelID picks the version a model id names. Anyone can register any model id (it
// is a hash of public files), so the id alone never picks among owners: with --owner the
// latest version of that owner's line is audited; without it the id must belong to a single
// line, else the command lists every registration and refuses to choose.
func versionByModelID(s *session, reg *anchor.Client, id common.Hash, vs []anchor.Version) (*anchor.Version, error) {
	type line struct {
		owner  common.Address
		latest anchor.Version
	}
	var order []common.Hash
	lines := map[common.Hash]*line{}
	for _, v := range vs {
		l, ok := lines[v.ModelKey]
		if !ok {
			m, err := reg.Model(s.ctx, v.ModelKey)
			if err != nil {
				return nil, err
			}
			l = &line{owner: m.Owner}
			lines[v.ModelKey] = l
			order = append(order, v.ModelKey)
		}
		l.latest = v
	}
	if o := s.c.String(ownerFlag.Name); o != "" {
		if !common.IsHexAddress(o) {
			return nil, badInputf("--owner %q is not an address", o)
		}
		var pick *anchor.Version
		for _, k := range order {
			if l := lines[k]; l.owner == common.HexToAddress(o) && (pick == nil || l.latest.BlockNumber >= pick.BlockNumber) {
				v := l.latest
				pick = &v
			}
		}
		if pick == nil {
			return nil, badInputf("model id %s has no line owned by %s on chain %d (owners: %s)", id.Hex(), common.HexToAddress(o).Hex(), reg.ChainID(), ownersOf(order, func(k common.Hash) common.Address { return lines[k].owner }))
		}
		return pick, nil
	}
	if len(order) == 1 {
		v := lines[order[0]].latest
		return &v, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "model id %s is registered by %d model lines; anyone can register any model id, so name the owner you trust with --owner (or check a chain reference):", id.Hex(), len(order))
	for _, k := range order {
		l := lines[k]
		state := "live"
		if l.latest.Revoked {
			state = "revoked"
		}
		fmt.Fprintf(&b, "\n  owner %s  line %s  latest version %d (%s)", l.owner.Hex(), reg.Ref(anchor.KindModel, k), l.latest.Number, state)
	}
	return nil, badInputf("%s", b.String())
}

func ownersOf(keys []common.Hash, owner func(common.Hash) common.Address) string {
	var out []string
	for _, k := range keys {
		out = append(out, owner(k).Hex())
	}
	return strings.Join(out, ", ")
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
	return failCheck(s, r, start, "", nil)
}

// failCheck ends a check: valid when every check passed and nothing failed; otherwise the
// verdict block (and the --json model-check object) names the reason and the failed step.
// A fetch that failed for lack of data is "unavailable" (exit 2), a failed check "invalid"
// (exit 1); other errors (bad input, internal) are not verdicts and pass through.
func failCheck(s *session, r *checkResult, start time.Time, step string, cause error) error {
	r.Seconds = time.Since(start).Seconds()
	code := ExitOK
	switch {
	case cause != nil:
		code = ExitCode(cause)
		if code != ExitInvalid && code != ExitUnavailable {
			return cause
		}
		r.add(step, false, "%v", cause)
	case !r.valid():
		code = ExitInvalid
	}
	r.Verdict = map[int]string{ExitOK: "valid", ExitInvalid: "invalid", ExitUnavailable: "unavailable"}[code]
	for _, c := range r.Checks {
		if !c.OK {
			r.FailedStep, r.Reason = c.Name, c.Detail
			break
		}
	}
	err := s.out.result(r, strings.ToUpper(r.Verdict), func(w io.Writer) {
		fmt.Fprintf(w, "%s  %s\n", strings.ToUpper(r.Verdict), r.Ref)
		fmt.Fprintf(w, "  for owner %s (model line %s)\n", r.Owner, r.ModelRef)
		fmt.Fprintf(w, "  model id %s (version %d, block %d, published by %s)\n", r.ModelID, r.Version, r.Block, r.Publisher)
		if r.FailedStep != "" {
			fmt.Fprintf(w, "  reason      %s\n  failed step %s\n", r.Reason, r.FailedStep)
		}
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
	if code != ExitOK {
		return afterResult(code, fmt.Errorf("%s: %s: %s", strings.ToUpper(r.Verdict), r.FailedStep, r.Reason))
	}
	return nil
}
