package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/ipfsstore"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/proof"
	"github.com/zkllm/zkllm/prover/verifier"
)

// maxProofBytes bounds a proof file read or fetched (a stories260K proof is ≈120 kB; the
// proof grows with log T and the model, not linearly).
const maxProofBytes = 256 << 20

var (
	proofFileFlag = &ucli.StringFlag{
		Name: "file", Aliases: []string{"f"}, Category: catModel,
		Usage: "verify a local proof `FILE` against an imported model (--model) instead of a chain reference",
	}
	attestFlag = &ucli.BoolFlag{
		Name: "attest", Category: catChain,
		Usage: "record the verdict on-chain (ERC-8004 validation response) from the signing account",
	}
)

func verifyCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "verify",
		Usage:     "verify an anchored proof from its chain reference alone (or a local proof file)",
		ArgsUsage: "<proof reference | tx hash>",
		Description: "Resolves the proof record on-chain, fetches the model commitment and the proof by CID, checks every\n" +
			"digest and CID, that the model version is live, the proof, and the prompt and output texts. Exit code 0\n" +
			"when valid, 1 when invalid, 2 when data is unavailable, 3 on bad input (as `zkllm model check`).\n\nExamples:\n" +
			"  zkllm verify eip155:1337:0x.../proof/0x...\n" +
			"  zkllm verify 0x<tx hash> --rpc-url http://127.0.0.1:8545 --gateway http://127.0.0.1:8080 --attest\n" +
			"  zkllm verify --file story.zkp --model stories260K",
		Flags:  flagsOf(baseFlags, []ucli.Flag{proofFileFlag, modelFlag, attestFlag, validatorFlag}, chainFlags, txFlags, ipfsFlags),
		Action: action(1, verify),
	}
}

type verifyResult struct {
	Schema     string `json:"schema"`
	Verdict    string `json:"verdict"` // valid, invalid or unavailable
	Reason     string `json:"reason,omitempty"`
	FailedStep string `json:"failed_step,omitempty"`
	// Chain side (empty for --file).
	Ref          string `json:"ref,omitempty"`
	ChainID      uint64 `json:"chain_id,omitempty"`
	Contract     string `json:"contract,omitempty"`
	ModelVersion string `json:"model_version,omitempty"`
	Submitter    string `json:"submitter,omitempty"`
	Block        uint64 `json:"block,omitempty"`
	// What was proven.
	Model           string      `json:"model,omitempty"` // local model name (--file)
	ModelID         string      `json:"model_id,omitempty"`
	Prompt          string      `json:"prompt"`
	Output          string      `json:"output"`
	Tokens          []int       `json:"tokens"`
	P               int         `json:"prompt_tokens"`
	Rule            ruleSummary `json:"rule"`
	ProofSHA256     string      `json:"proof_sha256,omitempty"`
	StatementSHA256 string      `json:"statement_sha256,omitempty"`
	ProofBytes      int         `json:"proof_bytes"`
	Checks          []checkItem `json:"checks"`
	Files           []checkFile `json:"files"`
	IPFS            string      `json:"ipfs,omitempty"`
	VerifySeconds   float64     `json:"verify_seconds"`
	Seconds         float64     `json:"seconds"`
	AttestTx        string      `json:"attest_tx,omitempty"`
	// Attestations: the proof record's on-chain verdicts, counted only for --validator.
	Attestations *attestationSummary `json:"attestations,omitempty"`
}

func (r *verifyResult) add(name string, ok bool, format string, a ...any) bool {
	r.Checks = append(r.Checks, checkItem{Name: name, OK: ok, Detail: fmt.Sprintf(format, a...)})
	return ok
}

func (r *verifyResult) valid() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return len(r.Checks) > 0
}

func verify(s *session) error {
	if f := s.c.String(proofFileFlag.Name); f != "" {
		if s.c.NArg() > 0 {
			return badInputf("verify: give either --file or a chain reference, not both")
		}
		if s.c.Bool(attestFlag.Name) {
			return badInputf("verify: --attest needs a chain reference (a local file has no on-chain record)")
		}
		return verifyFile(s, f, finishVerify)
	}
	return verifyRef(s, strings.TrimSpace(s.c.Args().First()), finishVerify)
}

// verdictSink ends a verification: it receives the result so far and, when a step failed
// with an error rather than a check, that step and its cause.
type verdictSink func(s *session, r *verifyResult, start time.Time, step string, cause error) error

// checkProof verifies a proof file against the key and records the result in r; want, when
// set, is the statement digest the proof must be about (the chain's). It is safe to call
// concurrently: it only reads the key.
func checkProof(r *verifyResult, key *verifier.Key, file []byte, want *[32]byte) {
	t0 := time.Now()
	pd := proof.Digest(file)
	r.ProofSHA256, r.ProofBytes = hex.EncodeToString(pd[:]), len(file)
	st, err := verifier.Verify(key, file)
	r.VerifySeconds = time.Since(t0).Seconds()
	if st != nil {
		r.Prompt, r.Output, r.Tokens, r.P, r.Rule = st.Prompt, st.Output, st.Tokens, st.P, summarizeRule(st.Rule)
		if r.ModelID == "" {
			r.ModelID = common.Hash(st.ModelID).Hex()
		}
		if sd, derr := st.Digest(); derr == nil {
			r.StatementSHA256 = hex.EncodeToString(sd[:])
			if want != nil && !r.add("statement digest", sd == *want, "SHA-256 of the statement %x, on-chain %x", sd, *want) {
				return
			}
		}
	}
	switch {
	case err == nil:
		r.add("proof", true, "the whole-model proof verifies (%d positions, %d prompt + %d new tokens)", st.T(), st.P, st.T()+1-st.P)
		r.add("texts", true, "prompt and output text are the tokenizer's decoding of the proven tokens")
	case errors.Is(err, proof.ErrText):
		r.add("texts", false, "%v", err)
	case errors.Is(err, verifier.ErrModel):
		r.add("model", false, "%v", err)
	default:
		r.add("proof", false, "%v", err)
	}
}

// verifyFile checks a local proof file against an imported model's commitment files.
func verifyFile(s *session, path string, done verdictSink) error {
	start := time.Now()
	r := &verifyResult{Schema: schemaPrefix + "verify/v1", Files: []checkFile{}, Checks: []checkItem{}}
	file, err := readBounded(path, maxProofBytes)
	if err != nil {
		return err
	}
	rec, err := s.selectModel()
	if err != nil {
		return err
	}
	if rec.Commitment == nil {
		return badInputf("model %q is not committed: there is no verifier key to check against", rec.Name)
	}
	r.Model, r.ModelID = rec.Name, rec.Commitment.ModelID
	var b [4][]byte
	for i, f := range []struct{ name, sha string }{{manifestFile, rec.ManifestSHA256}, {specFile, rec.SpecSHA256},
		{vkFile, rec.Commitment.VKSHA256}, {rangeFile, rec.Commitment.RangeProofSHA256}} {
		if b[i], err = readLocalFile(s, rec, f.name, f.sha); err != nil {
			return err
		}
	}
	ok, err := owner.LoadVerifierKey(b[0], b[1], b[2], b[3])
	if !r.add("model key", err == nil, "%s", errOr(err, "the local commitment files decode and the weight proof verifies")) {
		return done(s, r, start, "", nil)
	}
	lm, err := loadModelExponents(rec.Format, rec.Sources)
	if err != nil {
		return err
	}
	tok, ok2 := lm.tokenizer.(proof.Tokenizer)
	if !ok2 {
		return internalf("model %q: tokenizer of type %T cannot decode texts", rec.Name, lm.tokenizer)
	}
	checkProof(r, &verifier.Key{Owner: ok, Tokenizer: tok}, file, nil)
	return done(s, r, start, "", nil)
}

func readBounded(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, badInputf("%v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, badInputf("%s: %v", path, err)
	}
	if int64(len(b)) > max {
		return nil, badInputf("%s is larger than %s", path, humanBytes(max))
	}
	return b, nil
}

// casFetcher fetches files by CID into a work directory, checking each against its
// expected SHA-256 and recording what it fetched.
type casFetcher struct {
	s      *session
	getter ipfsstore.Getter
	work   string
	lim    ipfsstore.Limits
	files  *[]checkFile
}

func (f *casFetcher) get(name, cidStr string, want []byte, max int64) ([]byte, error) {
	c, err := cid.Decode(cidStr)
	if err != nil {
		return nil, invalidf("%s: the published CID %q is malformed: %v", name, cidStr, err)
	}
	l := f.lim
	l.MaxSize = max
	dst := filepath.Join(f.work, name)
	if _, err := ipfsstore.GetFile(f.s.ctx, f.getter, c, dst, l, want); err != nil {
		return nil, fmt.Errorf("%s (%s): %w", name, cidStr, err)
	}
	b, err := os.ReadFile(dst)
	if err != nil {
		return nil, internalf("%v", err)
	}
	d := sha256.Sum256(b)
	*f.files = append(*f.files, checkFile{Name: name, CID: cidStr, SHA256: hex.EncodeToString(d[:]), Bytes: int64(len(b))})
	return b, nil
}

// verifyRef is the auditor: from a proof reference or transaction hash alone.
func verifyRef(s *session, arg string, done verdictSink) error {
	start := time.Now()
	if arg == "" {
		return badInputf("verify: give a proof reference or transaction hash (or --file with --model)")
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
	contract := ref.Contract
	if ref.Bare() && s.c.String(contractFlag.Name) == "" {
		// A bare transaction hash names the contract it called; its code hash is checked below
		// like any registry's, so a transaction to something else fails as "no registry".
		if tx, _, err := cc.client.TransactionByHash(s.ctx, ref.ID); err == nil && tx.To() != nil {
			contract = *tx.To()
		}
	}
	addr, err := s.registryAddress(cc, contract, false)
	if err != nil {
		return err
	}
	reg, _, err := s.openRegistry(cc, addr, false, true)
	if err != nil {
		return err
	}
	var res *anchor.Resolved
	if ref.Bare() {
		res, err = reg.ResolveTx(s.ctx, ref.ID)
	} else {
		res, err = reg.Resolve(s.ctx, ref)
	}
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if res.Proof == nil {
		return badInputf("%s names a model or version, not a proof: audit models with `zkllm model check %s`", arg, arg)
	}
	p := res.Proof
	r := &verifyResult{
		Schema: schemaPrefix + "verify/v1", Ref: reg.Ref(anchor.KindProof, p.Key).String(), ChainID: cc.chainID,
		Contract: addr.Hex(), ModelVersion: reg.Ref(anchor.KindVersion, p.VersionID).String(),
		Submitter: p.Submitter.Hex(), Block: p.BlockNumber, Files: []checkFile{}, Checks: []checkItem{},
	}
	r.add("registry code", true, "the code at %s is this build's registry", addr.Hex())
	v, err := reg.Version(s.ctx, p.VersionID)
	if err != nil {
		return done(s, r, start, "model version", classifyChainErr(s, cc, err))
	}
	r.ModelID = v.ModelID.Hex()
	if r.Attestations, err = summarizeAttestations(s.ctx, reg, p.Key, s.c.StringSlice(validatorFlag.Name), v.RevokedBlock); err != nil {
		return classifyChainErr(s, cc, err)
	}
	if !r.add("model version live", !v.Revoked, "%s", map[bool]string{true: "the owner revoked model version " + r.ModelVersion, false: "model version " + r.ModelVersion + " is live"}[v.Revoked]) {
		return done(s, r, start, "", nil)
	}
	getter, closeGetter, where, err := s.ipfsReader()
	if err != nil {
		return done(s, r, start, "open IPFS", err)
	}
	defer closeGetter()
	r.IPFS = where
	s.out.step("fetching from %s", where)
	work := s.dir.path("audit", "proof-"+strings.TrimPrefix(p.Key.Hex(), "0x"))
	if err := os.MkdirAll(work, 0o700); err != nil {
		return internalf("%v", err)
	}
	cleanTempFiles(work)
	f := &casFetcher{s: s, getter: getter, work: work, files: &r.Files,
		lim: ipfsstore.Limits{Timeout: s.c.Duration(ipfsTimeoutFlag.Name), RequireProfile: &ipfsstore.UnixFSv1_2025}}

	// The model: the version's bundle names the commitment files (as `model check`).
	bundleCID, err := parseBundleURI(v.MetadataURI)
	if !r.add("model bundle", err == nil, "%s", errOr(err, "the version's metadata URI names its bundle")) {
		return done(s, r, start, "", nil)
	}
	bb, err := f.get("bundle.json", bundleCID, nil, maxBundleBytes)
	if err != nil {
		return done(s, r, start, "fetch bundle.json", err)
	}
	mb, err := parseBundle(bb)
	if !r.add("model bundle decodes", err == nil, "%s", errOr(err, "fetched by CID and decoded strictly")) {
		return done(s, r, start, "", nil)
	}
	if !r.add("commitment CID", mb.Commitment.CID == v.CommitmentCID, "bundle %s, chain %s", mb.Commitment.CID, v.CommitmentCID) {
		return done(s, r, start, "", nil)
	}
	rangeWant, _ := hex.DecodeString(mb.RangeProof.SHA256)
	var files [4][]byte
	for i, e := range []struct {
		name, cid string
		want      []byte
		max       int64
	}{{vkFile, v.CommitmentCID, v.CommitmentDigest[:], maxVKBytes}, {manifestFile, mb.Manifest.CID, v.SourceDigest[:], maxManifestBytes},
		{specFile, mb.Spec.CID, v.SpecHash[:], maxSpecBytes}, {rangeFile, mb.RangeProof.CID, rangeWant, maxRangeBytes}} {
		if files[i], err = f.get(e.name, e.cid, e.want, e.max); err != nil {
			return done(s, r, start, "fetch "+e.name, err)
		}
	}
	r.add("model files", true, "commitment, manifest, spec and weight proof match the on-chain digests")
	key, err := owner.LoadVerifierKey(files[1], files[2], files[0], files[3])
	if !r.add("model key", err == nil, "%s", errOr(err, "the commitment decodes in the manifest's layout and the owner's weight proof verifies")) {
		return done(s, r, start, "", nil)
	}
	if !r.add("model id", common.Hash(key.ModelID) == v.ModelID, "SHA-256(manifest digest ‖ commitment digest) = %s, on-chain %s", common.Hash(key.ModelID).Hex(), v.ModelID.Hex()) {
		return done(s, r, start, "", nil)
	}

	// The proof: the on-chain CID names the proof bundle, which names the proof and tokenizer.
	pbBytes, err := f.get("proof-bundle.json", p.CID, nil, maxProofBundleBytes)
	if err != nil {
		return done(s, r, start, "fetch proof-bundle.json", err)
	}
	pb, err := parseProofBundle(pbBytes)
	if !r.add("proof bundle", err == nil, "%s", errOr(err, "fetched by the on-chain CID and decoded strictly")) {
		return done(s, r, start, "", nil)
	}
	if !r.add("proof digest", pb.Proof.SHA256 == hex.EncodeToString(p.Digest[:]), "bundle %s, on-chain %x", pb.Proof.SHA256, p.Digest) {
		return done(s, r, start, "", nil)
	}
	file, err := f.get("proof.zkp", pb.Proof.CID, p.Digest[:], maxProofBytes)
	if err != nil {
		return done(s, r, start, "fetch proof.zkp", err)
	}
	tokWant, _ := hex.DecodeString(pb.Tokenizer.SHA256)
	tokBytes, err := f.get("tokenizer.bin", pb.Tokenizer.CID, tokWant, maxTokenizerBytes)
	if err != nil {
		return done(s, r, start, "fetch tokenizer.bin", err)
	}
	tok, err := llama2c.DecodeTokenizer(tokBytes, key.Manifest.Config.VocabSize)
	if err == nil && tok.Digest() != key.Manifest.TokenizerDigest {
		err = fmt.Errorf("tokenizer digest %x, the manifest binds %x", tok.Digest(), key.Manifest.TokenizerDigest)
	}
	if !r.add("tokenizer", err == nil, "%s", errOr(err, "decodes and its digest is the one the manifest binds")) {
		return done(s, r, start, "", nil)
	}
	want := [32]byte(p.StatementDigest)
	checkProof(r, &verifier.Key{Owner: key, Tokenizer: tok}, file, &want)
	return done(s, r, start, "", nil)
}

// finishVerify prints the verdict block (or the verify/v1 JSON object) and returns the exit
// code as `model check` does: a failed fetch is "unavailable" (2), a failed check "invalid"
// (1); other errors are not verdicts and pass through. With --attest the verdict (valid or
// invalid; never unavailable) is recorded on-chain first.
func finishVerify(s *session, r *verifyResult, start time.Time, step string, cause error) error {
	code, err := settleVerdict(r, step, cause)
	if err != nil {
		return err
	}
	if s.c.Bool(attestFlag.Name) && code != ExitUnavailable {
		if err := attestVerdict(s, r); err != nil {
			return err
		}
	}
	r.Seconds = time.Since(start).Seconds()
	if err := s.out.result(r, strings.ToUpper(r.Verdict), func(w io.Writer) { printVerdict(w, r) }); err != nil {
		return err
	}
	return verdictErr(code, r)
}

// settleVerdict sets the verdict as `model check` does: a failed fetch is "unavailable"
// (exit 2), a failed check "invalid" (exit 1); other errors are not verdicts and are returned.
func settleVerdict(r *verifyResult, step string, cause error) (int, error) {
	code := ExitOK
	switch {
	case cause != nil:
		code = ExitCode(cause)
		if code != ExitInvalid && code != ExitUnavailable {
			return 0, cause
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
	return code, nil
}

// verdictErr is the command's error for a printed verdict (nil when valid).
func verdictErr(code int, r *verifyResult) error {
	if code == ExitOK {
		return nil
	}
	return afterResult(code, fmt.Errorf("%s: %s: %s", strings.ToUpper(r.Verdict), r.FailedStep, r.Reason))
}

func printVerdict(w io.Writer, r *verifyResult) {
	head := r.Ref
	if head == "" {
		head = "proof " + r.ProofSHA256 + " against model " + r.Model
	}
	fmt.Fprintf(w, "%s  %s\n", strings.ToUpper(r.Verdict), head)
	if r.ModelVersion != "" {
		fmt.Fprintf(w, "  model version %s (model id %s)\n  anchored by %s in block %d\n", r.ModelVersion, r.ModelID, r.Submitter, r.Block)
	}
	if r.Tokens != nil {
		fmt.Fprintf(w, "  prompt  %q\n  output  %q\n  (%d prompt + %d new tokens, %s)\n", r.Prompt, r.Output, r.P, len(r.Tokens)-r.P, r.Rule)
	}
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
		fmt.Fprintf(w, "  fetched %-17s %8s  %s\n", f.Name, humanBytes(f.Bytes), f.CID)
	}
	if r.ProofBytes > 0 {
		fmt.Fprintf(w, "  proof %s, verified in %.2fs\n", humanBytes(int64(r.ProofBytes)), r.VerifySeconds)
	}
	if r.AttestTx != "" {
		fmt.Fprintf(w, "  verdict recorded on-chain: %s\n", r.AttestTx)
	}
	r.Attestations.print(w)
}

// attestTag labels zkllm's verdicts among ERC-8004 validation responses.
var attestTag = common.Hash(sha256.Sum256([]byte("zkllm/verify/v1")))

// attestVerdict records the verdict on the proof record; the response hash is the SHA-256
// of the verdict's checks as JSON, so the on-chain verdict names its reasons.
func attestVerdict(s *session, r *verifyResult) error {
	ref, err := anchor.ParseRef(r.Ref)
	if err != nil {
		return internalf("proof reference %q: %v", r.Ref, err)
	}
	cc, err := s.openChain()
	if err != nil {
		return err
	}
	defer cc.close()
	reg, _, err := s.openRegistry(cc, ref.Contract, true, true)
	if err != nil {
		return err
	}
	checks, _ := json.Marshal(r.Checks)
	// The response URI carries the verdict and its first failed step as a data: URI (an auditor
	// may hold no IPFS node to pin a longer response to); the response hash binds every check.
	uri := "data:text/plain," + url.PathEscape(strings.TrimSpace("zkllm verify/v1 "+r.Verdict+" "+r.FailedStep))
	rc, err := reg.Attest(s.ctx, ref.ID, r.Verdict == "valid", uri, common.Hash(sha256.Sum256(checks)), attestTag)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	r.AttestTx = rc.TxHash.Hex()
	return nil
}
