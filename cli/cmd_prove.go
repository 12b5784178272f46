package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/ethereum/go-ethereum/common"
	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/prover/inference"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/proof"
	"github.com/zkllm/zkllm/prover/verifier"
)

var localOnlyFlag = &ucli.BoolFlag{
	Name: "local", Category: catModel,
	Usage: "write the proof file only: no IPFS pin, no on-chain anchor (verify it with `zkllm verify --file`)",
}

// proofsDirName holds the proofs a data directory made, named by their digest.
const proofsDirName = "proofs"

// sampledRows is how many weight rows prove re-commits to check the weights and the owner
// secret against the published commitment before proving.
const sampledRows = 4

func proveCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "prove",
		Usage:     "generate from a prompt and prove the whole inference; pin the proof to IPFS and anchor it on-chain",
		ArgsUsage: "<prompt>",
		Description: "Needs the model's weights (imported) and its owner secret (`zkllm model import-secret`), and, unless\n" +
			"--local, the model published (`zkllm model publish`). The proof file is written to --out (default\n" +
			"<data-dir>/proofs/<proof digest>.zkp); its digest, CID and statement digest go on-chain.\n\nExamples:\n" +
			"  zkllm prove --model stories260K --max-tokens 4 \"Once upon a time\"\n" +
			"  zkllm prove -m stories260K --local --out story.zkp \"Lily\"\n" +
			"  zkllm prove -m stories260K --temperature 0.8 --top-k 20 --json \"Tom\"",
		Flags:  flagsOf(baseFlags, genFlags, []ucli.Flag{outFlag, localOnlyFlag, noProgressFlag, memoryLimitFlag}, chainFlags, txFlags, ipfsFlags),
		Action: action(1, writes(prove)),
	}
}

type proveResult struct {
	Schema          string      `json:"schema"`
	Model           string      `json:"model"`
	ModelID         string      `json:"model_id"`
	Prompt          string      `json:"prompt"`
	Output          string      `json:"output"`
	Tokens          []int       `json:"tokens"`
	P               int         `json:"prompt_tokens"`
	Rule            ruleSummary `json:"rule"`
	File            string      `json:"file"`
	ProofBytes      int         `json:"proof_bytes"`
	ProofSHA256     string      `json:"proof_sha256"`
	StatementSHA256 string      `json:"statement_sha256"`
	ProveSeconds    float64     `json:"prove_seconds"`
	Steps           []stepJSON  `json:"steps"`
	// Set when the proof was pinned and anchored.
	ProofCID  string  `json:"proof_cid,omitempty"`
	BundleCID string  `json:"bundle_cid,omitempty"`
	Ref       string  `json:"ref,omitempty"`
	TxHash    string  `json:"tx_hash,omitempty"`
	Block     uint64  `json:"block,omitempty"`
	ModelRef  string  `json:"model_version,omitempty"`
	IPFS      string  `json:"ipfs,omitempty"`
	Seconds   float64 `json:"seconds"`
}

type stepJSON struct {
	Phase   string  `json:"phase"`
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
	// CPUSeconds is the process's CPU time during the step (all cores).
	CPUSeconds float64 `json:"cpu_seconds"`
	Bytes      int     `json:"bytes"`
}

func stepsJSON(rep *layers.Report) []stepJSON {
	out := []stepJSON{}
	if rep == nil {
		return out
	}
	for _, s := range rep.Steps {
		out = append(out, stepJSON{Phase: s.Phase, Name: s.Name, Seconds: s.Elapsed.Seconds(), CPUSeconds: s.CPU.Seconds(), Bytes: s.Bytes})
	}
	return out
}

// loadExistingSecret returns the data directory's owner secret (or the test-hook secret)
// without ever creating one: a prover needs the secret the model was committed with.
func loadExistingSecret(d dataDir) (ownerSecret, error) {
	if os.Getenv(insecureSecretEnv) != "" {
		s, _, err := loadOrCreateSecret(d)
		return s, err
	}
	s, err := readSecretFile(d.path(secretFileName))
	if errors.Is(err, os.ErrNotExist) {
		return s, badInputf("no owner secret in %s: proving needs the secret the model was committed with; install it with `zkllm model import-secret --in <file>`", d.root)
	}
	return s, err
}

// proverModel opens an imported, committed model for proving: weights, owner secret, the
// verifier key from the local commitment files, and a check that the weights and the secret
// reproduce the committed rows (so a wrong secret or changed weights fail before proving).
func proverModel(s *session, tm *textModel) (*inference.Model, error) {
	rec := tm.rec
	if rec.Commitment == nil {
		return nil, badInputf("model %q is not committed: run `zkllm model commit --model %s` (as its owner)", rec.Name, rec.Name)
	}
	manifest, err := readLocalFile(s, rec, manifestFile, rec.ManifestSHA256)
	if err != nil {
		return nil, err
	}
	specBytes, err := readLocalFile(s, rec, specFile, rec.SpecSHA256)
	if err != nil {
		return nil, err
	}
	vkBytes, err := readLocalFile(s, rec, vkFile, rec.Commitment.VKSHA256)
	if err != nil {
		return nil, err
	}
	key, err := owner.ParseVerifierKey(manifest, specBytes, vkBytes)
	if err != nil {
		return nil, internalf("model %q: commitment files: %v", rec.Name, err)
	}
	sec, err := loadExistingSecret(s.dir)
	if err != nil {
		return nil, err
	}
	osec := owner.Secret(sec.key)
	op, err := owner.OpenProver(&osec, key.ManifestDigest, tm.q)
	if err != nil {
		return nil, badInputf("model %q: the weights do not fit the committed layout: %v", rec.Name, err)
	}
	if err := checkCommittedRows(key, op, &osec); err != nil {
		return nil, fmt.Errorf("model %q: %w", rec.Name, err)
	}
	return &inference.Model{Quant: tm.q, Weights: op, Key: key, Tokenizer: tm.tok}, nil
}

// checkCommittedRows re-commits a few present rows (the first, the last, two between) with
// the secret and compares them with the verifier key: a different secret changes every row's
// blinding, different weights the rows they sit in.
func checkCommittedRows(key *owner.VerifierKey, op *owner.Prover, sec *owner.Secret) error {
	present, err := key.Blob.PresentRows()
	if err != nil {
		return internalf("weight blob: %v", err)
	}
	var rows []int
	for k, ok := range present {
		if ok {
			rows = append(rows, k)
		}
	}
	if len(rows) == 0 {
		return internalf("weight blob has no rows")
	}
	pick := map[int]bool{}
	for i := 0; i < sampledRows; i++ {
		pick[rows[i*(len(rows)-1)/(sampledRows-1)]] = true
	}
	want := key.Rows()
	for k := range pick {
		got, err := key.Blob.CommitRows(op.Values(), sec, key.ManifestDigest, k, k+1)
		if err != nil {
			return internalf("re-committing row %d: %v", k, err)
		}
		if !sameRow(got[0], want[k]) {
			return badInputf("the weights and owner secret here do not reproduce the published commitment (row %d differs): "+
				"import the owner secret the model was committed with (`zkllm model import-secret`) and the exact weights it was imported from", k)
		}
	}
	return nil
}

func sameRow(a, b bls12381.G1Affine) bool { return a.Equal(&b) }

// proveProgress prints each proof step as it ends, with an estimate of the time left from
// the steps done so far (the step count is fixed: phases A, B, C per gadget, E, F).
type proveProgress struct {
	s     *session
	start time.Time
	total int
	done  int
}

func newProveProgress(s *session) *proveProgress {
	if s.out.quiet || s.out.json || s.c.Bool(noProgressFlag.Name) {
		return nil
	}
	// A advice, B lookups, C padding + one step per gadget, E advice + weights, F dlc.
	return &proveProgress{s: s, start: time.Now(), total: 6 + len(verifier.GadgetNames)}
}

func (p *proveProgress) step(st layers.Step) {
	if p == nil {
		return
	}
	if !st.Done {
		fmt.Fprintf(p.s.out.stderr, "  proving %s/%-10s …\n", st.Phase, st.Name)
		return
	}
	p.done++
	el := time.Since(p.start)
	eta := "—"
	if left := p.total - p.done; left > 0 {
		eta = "≈" + (el / time.Duration(p.done) * time.Duration(left)).Round(time.Second).String()
	} else {
		eta = "0s"
	}
	fmt.Fprintf(p.s.out.stderr, "  [%2d/%d] %s/%-10s %7.2fs %9s   elapsed %s, left %s\n", p.done, p.total, st.Phase, st.Name,
		st.Elapsed.Seconds(), humanBytes(int64(st.Bytes)), el.Round(time.Second), eta)
}

func prove(s *session) error {
	start := time.Now()
	r, err := rule(s)
	if err != nil {
		return err
	}
	tm, err := loadTextModel(s)
	if err != nil {
		return err
	}
	local := s.c.Bool(localOnlyFlag.Name)
	if !local && (tm.rec.Published == nil || tm.rec.Published.Ref == "") {
		return badInputf("model %q is not published from this data directory: run `zkllm model publish --model %s`, or prove with --local", tm.rec.Name, tm.rec.Name)
	}
	m, err := proverModel(s, tm)
	if err != nil {
		return err
	}
	prompt, tokens, p, err := tm.run(s, r)
	if err != nil {
		return err
	}
	st, err := m.Statement(prompt, tokens, p, r)
	if err != nil {
		return internalf("statement: %v", err)
	}
	s.out.step("proving %d positions (%d prompt + %d new tokens)", st.T(), p, len(tokens)-p)
	pp := newProveProgress(s)
	ckpt := s.dir.path(proofsDirName, "phase-a.partial")
	if err := os.MkdirAll(filepath.Dir(ckpt), 0o700); err != nil {
		return internalf("%v", err)
	}
	t0 := time.Now()
	file, rep, err := inference.Prove(m, st, inference.Options{Progress: pp.step, Checkpoint: ckpt})
	if err != nil {
		if s.ctx.Err() != nil {
			return s.ctx.Err()
		}
		return internalf("proving: %v", err)
	}
	proveSecs := time.Since(t0).Seconds()
	pd := proof.Digest(file)
	sd, err := st.Digest()
	if err != nil {
		return internalf("statement digest: %v", err)
	}
	path := s.c.String(outFlag.Name)
	if path == "" {
		path = s.dir.path(proofsDirName, hex.EncodeToString(pd[:])+".zkp")
	}
	if err := atomicfile.Write(path, file, 0o644); err != nil {
		return internalf("writing the proof: %v", err)
	}
	res := proveResult{
		Schema: schemaPrefix + "prove/v1", Model: tm.rec.Name, ModelID: "0x" + hex.EncodeToString(m.Key.ModelID[:]),
		Prompt: prompt, Output: st.Output, Tokens: tokens, P: p, Rule: summarizeRule(r), File: path,
		ProofBytes: len(file), ProofSHA256: hex.EncodeToString(pd[:]), StatementSHA256: hex.EncodeToString(sd[:]),
		ProveSeconds: proveSecs, Steps: stepsJSON(rep),
	}
	if !local {
		if err := pinAndAnchor(s, tm, file, pd, sd, &res); err != nil {
			return err
		}
	}
	res.Seconds = time.Since(start).Seconds()
	// The prover's measurements, kept beside the proofs for `zkllm report` (a proof file
	// carries no timings).
	if rb, err := json.MarshalIndent(res, "", "  "); err == nil {
		if err := atomicfile.Write(proveRecordPath(s.dir, res.ProofSHA256), append(rb, '\n'), 0o644); err != nil {
			return internalf("writing the prove record: %v", err)
		}
	}
	essential := res.Ref
	if essential == "" {
		essential = res.File
	}
	return s.out.result(res, essential, func(w io.Writer) {
		fmt.Fprintf(w, "%s%s\n", res.Prompt, res.Output)
		fmt.Fprintf(w, "proved in %.2fs (%d prompt + %d new tokens, %s)\n", res.ProveSeconds, p, len(tokens)-p, res.Rule)
		fmt.Fprintf(w, "  model id      %s\n", res.ModelID)
		fmt.Fprintf(w, "  proof         %s (%s)\n", res.File, humanBytes(int64(res.ProofBytes)))
		fmt.Fprintf(w, "  proof digest  %s\n  statement     %s\n", res.ProofSHA256, res.StatementSHA256)
		if res.Ref != "" {
			fmt.Fprintf(w, "  proof CID     %s\n  bundle CID    %s (pinned to %s)\n", res.ProofCID, res.BundleCID, res.IPFS)
			fmt.Fprintf(w, "  transaction   %s (block %d)\n  reference     %s\n", res.TxHash, res.Block, res.Ref)
			fmt.Fprintf(w, "anyone can now verify it: zkllm verify %s\n", res.Ref)
		} else {
			fmt.Fprintf(w, "verify it: zkllm verify --file %s --model %s\n", res.File, res.Model)
		}
	})
}

// proveRecordPath is where prove keeps its result for a proof digest (hex).
func proveRecordPath(d dataDir, proofSHA256 string) string {
	return d.path(proofsDirName, proofSHA256+".json")
}

// pinAndAnchor pins the proof, the tokenizer and the proof bundle, then anchors the proof's
// digest, the bundle's CID and the statement digest under the model version the data
// directory published.
func pinAndAnchor(s *session, tm *textModel, file []byte, pd, sd [32]byte, res *proveResult) error {
	pub := tm.rec.Published
	vref, err := anchor.ParseRef(pub.Ref)
	if err != nil || vref.Kind != anchor.KindVersion {
		return internalf("model %q: published reference %q is not a model version", tm.rec.Name, pub.Ref)
	}
	tok, ok := tm.tok.(*tokenizer.Tokenizer)
	if !ok {
		return badInputf("model %q: anchoring proofs of models with a Hugging Face tokenizer is not supported yet; use --local", tm.rec.Name)
	}
	tokBytes := tok.MarshalLlama2c()
	cc, err := s.openChain()
	if err != nil {
		return err
	}
	defer cc.close()
	if cc.chainID != vref.ChainID {
		return badInputf("wrong chain: model %q is published on chain %d, but %s is chain %d", tm.rec.Name, vref.ChainID, cc.describe(), cc.chainID)
	}
	addr, err := s.registryAddress(cc, vref.Contract, true)
	if err != nil {
		return err
	}
	reg, keySource, err := s.openRegistry(cc, addr, true, true)
	if err != nil {
		return err
	}
	v, err := reg.Version(s.ctx, vref.ID)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if v.Revoked {
		return invalidf("model version %s is revoked on-chain: its owner withdrew it, so no proof can be anchored to it", pub.Ref)
	}
	if common.Hash(tm.rec.commitModelID()) != v.ModelID {
		return badInputf("model %q was re-committed since it was published (model id %s, on-chain %s): publish it again", tm.rec.Name, tm.rec.Commitment.ModelID, v.ModelID.Hex())
	}

	store, closeStore, where, err := s.ipfsWriter()
	if err != nil {
		return err
	}
	defer closeStore()
	s.out.step("pinning the proof to %s", where)
	pin := func(b []byte) (bundleFile, error) {
		c, err := pinBytes(s.ctx, store, b)
		if err != nil {
			return bundleFile{}, err
		}
		d := sha256.Sum256(b)
		return bundleFile{CID: c.String(), SHA256: hex.EncodeToString(d[:]), Bytes: int64(len(b))}, nil
	}
	pb := &proofBundle{Schema: proofBundleSchema, TokenizerFormat: tokenizerLlama2c, ModelVersion: pub.Ref}
	if pb.Proof, err = pin(file); err != nil {
		return err
	}
	if pb.Tokenizer, err = pin(tokBytes); err != nil {
		return err
	}
	bf, err := pin(pb.marshal())
	if err != nil {
		return err
	}
	s.out.step("anchoring on chain %d, registry %s%s", cc.chainID, vref.Contract.Hex(), describeKey(keySource))
	key, rc, err := reg.AnchorProof(s.ctx, vref.ID, sd, pd, bf.CID)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := s.afterWrite(cc, rc.BlockNumber); err != nil {
		return err
	}
	res.ProofCID, res.BundleCID, res.IPFS = pb.Proof.CID, bf.CID, where
	res.Ref = reg.Ref(anchor.KindProof, key).String()
	res.TxHash, res.Block, res.ModelRef = rc.TxHash.Hex(), rc.BlockNumber, pub.Ref
	return nil
}

// commitModelID is the record's model id as 32 bytes (zero when malformed).
func (r *modelRecord) commitModelID() [32]byte {
	var id [32]byte
	if r.Commitment != nil {
		copy(id[:], common.FromHex(r.Commitment.ModelID))
	}
	return id
}
