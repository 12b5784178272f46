package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/pedersen"
)

var tokenizerFlag = &ucli.StringFlag{
	Name: "tokenizer", Category: catModel,
	Usage: "llama2.c tokenizer file (default: the only tok*.bin beside the checkpoint)",
}

func modelCommand() *ucli.Command {
	local := flagsOf(baseFlags, []ucli.Flag{modelFlag})
	onChain := flagsOf(baseFlags, []ucli.Flag{modelFlag}, chainFlags, txFlags, ipfsFlags)
	ownerTx := flagsOf(baseFlags, []ucli.Flag{modelFlag}, chainFlags, txFlags) // chain writes, no IPFS
	return &ucli.Command{
		Name:  "model",
		Usage: "the model owner's journey: import, commit, publish; and the auditor's check",
		Subcommands: []*ucli.Command{
			{
				Name:      "import",
				Usage:     "validate, quantize and record a model (llama2.c checkpoint + tokenizer, or a Hugging Face folder)",
				ArgsUsage: "<checkpoint.bin | hf-folder>",
				Description: "Writes the canonical manifest and spec into the data directory.\n\nExamples:\n" +
					"  zkllm model import ./stories260K.bin --tokenizer ./tok512.bin\n" +
					"  zkllm model import ./Llama-2-7b-hf --name llama2-7b",
				Flags:  flagsOf(baseFlags, []ucli.Flag{nameFlag, tokenizerFlag, forceFlag}),
				Action: action(1, writes(modelImport)),
			},
			{
				Name:  "commit",
				Usage: "commit to the weights (Hyrax row commitments = the verifying key) and prove every weight is int16",
				Description: "Row blindings derive from the owner secret in the data directory (created on first use:\n" +
					"back it up with `zkllm model export-secret`). A killed commit resumes where it stopped.\n\n" +
					"Example:\n  zkllm model commit --model stories260K",
				Flags:  flagsOf(local, []ucli.Flag{noProgressFlag, memoryLimitFlag}),
				Action: action(0, writes(modelCommit)),
			},
			{
				Name:  "publish",
				Usage: "pin the commitment, manifest and range proof to IPFS and register the model version on-chain",
				Description: "Examples:\n  zkllm model publish                      # embedded dev chain + local IPFS store\n" +
					"  zkllm model publish --rpc-url http://127.0.0.1:8545 --contract 0x... --ipfs-api http://127.0.0.1:5001",
				Flags:  flagsOf(onChain, []ucli.Flag{metadataURIFlag, forceFlag}),
				Action: action(0, writes(modelPublish)),
			},
			{
				Name:      "check",
				Usage:     "audit a published model from the chain alone: fetch by CID, check digests, decode, verify the range proof",
				ArgsUsage: "<model id | chain reference | tx hash>",
				Description: "Exit code 0 when valid, 1 when invalid, 2 when data is unavailable (or not confirmed yet), 3 on bad\n" +
					"input or wrong chain. Anyone can register any model id: a model id registered by several\n" +
					"owners needs --owner (the verdict names the owner it is for).\n\n" +
					"Examples:\n  zkllm model check eip155:1337:0x.../model/0x...\n  zkllm model check 0x<tx hash> --rpc-url http://127.0.0.1:8545 --gateway http://127.0.0.1:8080",
				Flags:  flagsOf(baseFlags, chainFlags, []ucli.Flag{ownerFlag}, ipfsFlags),
				Action: action(1, modelCheck),
			},
			{
				Name:  "show",
				Usage: "show an imported model's record (digests, commitment, publication)",
				Description: "With --refresh, first re-reads the published version and its line from the chain\n" +
					"(revocation, owner, pending transfer) and updates the record.\n\n" +
					"Example:\n  zkllm model show --model stories260K --json\n  zkllm model show --refresh --rpc-url http://127.0.0.1:8545",
				Flags:  flagsOf(local, []ucli.Flag{refreshFlag, rpcURLFlag, chainIDFlag}),
				Action: action(0, modelShow),
			},
			{
				Name:        "list",
				Usage:       "list imported models",
				Description: "Example:\n  zkllm model list",
				Flags:       baseFlags,
				Action:      action(0, modelList),
			},
			{
				Name:      "revoke",
				Usage:     "revoke a published model version on-chain",
				ArgsUsage: "[model id | chain reference]",
				Description: "Without an argument, revokes the selected model's published version.\n\nExamples:\n" +
					"  zkllm model revoke --model stories260K\n  zkllm model revoke eip155:1337:0x.../version/0x...",
				Flags:  ownerTx,
				Action: action(1, writes(modelRevoke)),
			},
			{
				Name:        "transfer",
				Usage:       "offer a published model (its whole line) to another address, which accepts with `model accept`",
				ArgsUsage:   "<new owner address> [chain reference]",
				Description: "Without a reference, transfers the selected local model's line. The new owner must run\n`zkllm model accept <model ref>`; until then you keep every right.\n\nExamples:\n  zkllm model transfer 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --model stories260K\n  zkllm model transfer 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 eip155:1337:0x.../model/0x...",
				Flags:       ownerTx,
				Action:      action(2, writes(modelTransfer)),
			},
			{
				Name:      "accept",
				Usage:     "accept a model transfer offered to your account: you become the owner of its line",
				ArgsUsage: "<model reference>",
				Description: "With --model, the local model continues that line: its next `zkllm model publish`\n" +
					"adds a version to the accepted model instead of registering a new one.\n\nExample:\n" +
					"  zkllm model accept eip155:1337:0x.../model/0x... --model stories260K",
				Flags:  ownerTx,
				Action: action(1, writes(modelAccept)),
			},
			{
				Name:        "export-secret",
				Usage:       "write the owner secret (needed to prove outputs) to a file, mode 0600",
				Description: "Example:\n  zkllm model export-secret --out /safe/place/owner.secret",
				Flags:       flagsOf(baseFlags, []ucli.Flag{outFlag, forceFlag}),
				Action:      action(0, exportSecret),
			},
			{
				Name:        "import-secret",
				Usage:       "install an owner secret exported on another machine",
				Description: "Example:\n  zkllm model import-secret --in owner.secret",
				Flags:       flagsOf(baseFlags, []ucli.Flag{inFlag, forceFlag}),
				Action:      action(0, writes(importSecretCmd)),
			},
		},
	}
}

// ---- import ----

type importResult struct {
	Schema         string       `json:"schema"`
	Name           string       `json:"name"`
	Format         string       `json:"format"`
	Params         uint64       `json:"params"`
	Tensors        int          `json:"tensors"`
	ManifestSHA256 string       `json:"manifest_sha256"`
	SpecSHA256     string       `json:"spec_sha256"`
	Sources        []sourceFile `json:"sources"`
	Seconds        float64      `json:"seconds"`
}

func modelImport(s *session) error {
	path := s.c.Args().First()
	if path == "" {
		return badInputf("model import: give the model path (a llama2.c checkpoint or a Hugging Face folder)")
	}
	start := time.Now()
	name := s.c.String(nameFlag.Name)
	if name == "" {
		name = defaultModelName(path)
	}
	if err := validModelName(name); err != nil {
		return err
	}
	if _, err := os.Stat(s.dir.path(modelsDirName, name, recordFile)); err == nil && !s.c.Bool(forceFlag.Name) {
		return badInputf("a model named %q is already imported (use --name, or --force to replace it)", name)
	}
	format, files, err := locateSources(path, s.c.String(tokenizerFlag.Name))
	if err != nil {
		return err
	}
	lm, err := loadModelExponents(format, files)
	if err != nil {
		return err
	}
	manifest, spec, err := encodeManifestAndSpec(lm)
	if err != nil {
		return err
	}
	if err := s.ctx.Err(); err != nil {
		return err
	}
	dir := s.dir.modelDir(name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return internalf("%v", err)
	}
	cleanTempFiles(dir)
	// A re-import invalidates any commitment of the old files.
	for _, f := range []string{vkFile, rangeFile, partialFile} {
		os.Remove(s.dir.path(modelsDirName, name, f))
	}
	if err := atomicfile.Write(s.dir.path(modelsDirName, name, manifestFile), manifest, 0o644); err != nil {
		return internalf("%v", err)
	}
	if err := atomicfile.Write(s.dir.path(modelsDirName, name, specFile), spec, 0o644); err != nil {
		return internalf("%v", err)
	}
	md, sd := sha256.Sum256(manifest), sha256.Sum256(spec)
	rec := &modelRecord{
		Name: name, Format: format, Sources: lm.sources,
		ManifestSHA256: hex.EncodeToString(md[:]), SpecSHA256: hex.EncodeToString(sd[:]),
		Params: lm.quant.Config.ParamCount(), Tensors: len(lm.quant.Tensors),
	}
	if err := s.dir.saveRecord(rec); err != nil {
		return err
	}
	r := importResult{
		Schema: schemaPrefix + "model-import/v1", Name: name, Format: format, Params: rec.Params,
		Tensors: rec.Tensors, ManifestSHA256: rec.ManifestSHA256, SpecSHA256: rec.SpecSHA256,
		Sources: rec.Sources, Seconds: time.Since(start).Seconds(),
	}
	return s.out.result(r, name, func(w io.Writer) {
		fmt.Fprintf(w, "imported %s (%s, %s parameters, %d tensors)\n", name, format, fmtParams(r.Params), r.Tensors)
		fmt.Fprintf(w, "  manifest sha256  %s\n  spec sha256      %s\n", r.ManifestSHA256, r.SpecSHA256)
		fmt.Fprintf(w, "next: zkllm model commit --model %s\n", name)
	})
}

// ---- commit ----

type commitResult struct {
	Schema           string  `json:"schema"`
	Name             string  `json:"name"`
	ModelID          string  `json:"model_id"`
	VKSHA256         string  `json:"vk_sha256"`
	VKBytes          int64   `json:"vk_bytes"`
	Rows             int     `json:"rows"`
	RowLength        int     `json:"row_length"`
	ResumedRows      int     `json:"resumed_rows"`
	RangeProofSHA256 string  `json:"range_proof_sha256"`
	RangeProofBytes  int64   `json:"range_proof_bytes"`
	Insecure         bool    `json:"insecure"`
	Seconds          float64 `json:"seconds"`
}

func modelCommit(s *session) error {
	rec, err := s.selectModel()
	if err != nil {
		return err
	}
	start := time.Now()
	secret, created, err := loadOrCreateSecret(s.dir)
	if err != nil {
		return err
	}
	if created {
		s.out.warn(lossWarning, s.dir.path(secretFileName))
	}
	if secret.insecure {
		s.out.warn("INSECURE test secret from %s: this commitment can only be published on a dev chain", insecureSecretEnv)
	}
	manifest, err := os.ReadFile(s.dir.path(modelsDirName, rec.Name, manifestFile))
	if err != nil {
		return internalf("manifest of %q: %v", rec.Name, err)
	}
	md := sha256.Sum256(manifest)
	if hex.EncodeToString(md[:]) != rec.ManifestSHA256 {
		return internalf("manifest of %q does not match its record; re-import the model", rec.Name)
	}
	s.out.step("loading %s from its source files", rec.Name)
	lm, err := loadModel(rec.Format, rec.Sources)
	if err != nil {
		return err
	}
	layout, blob, err := weightBlob(lm.quantTensors())
	if err != nil {
		return internalf("weight blob: %v", err)
	}
	specBytes, err := os.ReadFile(s.dir.path(modelsDirName, rec.Name, specFile))
	if err != nil {
		return internalf("spec of %q: %v", rec.Name, err)
	}
	sp, err := spec.Unmarshal(specBytes)
	if err != nil {
		return internalf("spec of %q: %v", rec.Name, err)
	}
	logC := sp.LogCW
	dir := s.dir.modelDir(rec.Name)
	cleanTempFiles(dir)
	job := &commitJob{
		layout: layout, blob: blob, logC: logC, secret: secret, modelKey: md[:],
		partialPath: s.dir.path(modelsDirName, rec.Name, partialFile),
	}
	var prog *progress
	if !s.out.quiet && !s.out.json && !s.c.Bool(noProgressFlag.Name) {
		prog = newProgress(s.out.stderr, "committing rows", int64(layout.NumRows(logC)))
		job.progress = func(done, total int) { prog.set(int64(done)) }
	}
	rows, resumed, err := job.run(s.ctx)
	prog.finish()
	if err != nil {
		return err
	}
	if resumed > 0 {
		s.out.step("resumed after %d finished rows", resumed)
	}
	vk := &pedersen.VerifyingKey{GeneratorVersion: pedersen.GeneratorVersion, LogC: logC, Layout: layout, Rows: rows}
	vkBytes, err := vk.Marshal()
	if err != nil {
		return internalf("verifying key: %v", err)
	}
	vkDigest := pedersen.Digest(vkBytes)
	id, err := modelID(md, vkDigest)
	if err != nil {
		return err
	}
	s.out.step("proving every committed weight is a 16-bit integer (range proof)")
	rangeProof, err := proveWeightRange(s, job, vk, id)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(s.dir.path(modelsDirName, rec.Name, vkFile), vkBytes, 0o644); err != nil {
		return internalf("%v", err)
	}
	if err := atomicfile.Write(s.dir.path(modelsDirName, rec.Name, rangeFile), rangeProof, 0o644); err != nil {
		return internalf("%v", err)
	}
	rd := sha256.Sum256(rangeProof)
	rec.Commitment = &commitRecord{
		VKSHA256: hex.EncodeToString(vkDigest[:]), ModelID: "0x" + hex.EncodeToString(id[:]),
		VKBytes: int64(len(vkBytes)), Rows: len(rows), RowLength: 1 << logC,
		RangeProofSHA256: hex.EncodeToString(rd[:]), RangeProofBytes: int64(len(rangeProof)),
		Insecure: secret.insecure, Seconds: time.Since(start).Seconds(),
	}
	rec.Published = nil
	if err := s.dir.saveRecord(rec); err != nil {
		return err
	}
	os.Remove(job.partialPath)
	r := commitResult{
		Schema: schemaPrefix + "model-commit/v1", Name: rec.Name, ModelID: rec.Commitment.ModelID,
		VKSHA256: rec.Commitment.VKSHA256, VKBytes: rec.Commitment.VKBytes, Rows: len(rows),
		RowLength: 1 << logC, ResumedRows: resumed, RangeProofSHA256: rec.Commitment.RangeProofSHA256,
		RangeProofBytes: rec.Commitment.RangeProofBytes, Insecure: secret.insecure, Seconds: rec.Commitment.Seconds,
	}
	return s.out.result(r, r.ModelID, func(w io.Writer) {
		fmt.Fprintf(w, "committed %s in %.2fs\n", rec.Name, r.Seconds)
		fmt.Fprintf(w, "  model id          %s\n", r.ModelID)
		fmt.Fprintf(w, "  commitment        %s (%s, %d rows of %d)\n", r.VKSHA256, humanBytes(r.VKBytes), r.Rows, r.RowLength)
		fmt.Fprintf(w, "  range proof       %s (%s)\n", r.RangeProofSHA256, humanBytes(r.RangeProofBytes))
		if r.Insecure {
			fmt.Fprintln(w, "  INSECURE: made with the test-hook secret; publishable on dev chains only")
		}
		fmt.Fprintf(w, "next: zkllm model publish --model %s\n", rec.Name)
	})
}

// ---- show / list ----

type showResult struct {
	Schema string `json:"schema"`
	*modelRecord
}

func modelShow(s *session) error {
	rec, err := s.selectModel()
	if err != nil {
		return err
	}
	if s.c.Bool(refreshFlag.Name) && rec.Published != nil {
		if rec, err = s.refreshRecord(rec); err != nil {
			return err
		}
	}
	r := showResult{Schema: schemaPrefix + "model-show/v1", modelRecord: rec}
	ess := rec.Name
	if rec.Commitment != nil {
		ess = rec.Commitment.ModelID
	}
	return s.out.result(r, ess, func(w io.Writer) { printRecord(w, rec) })
}

func printRecord(w io.Writer, rec *modelRecord) {
	fmt.Fprintf(w, "model %s (%s, %s parameters, %d tensors)\n", rec.Name, rec.Format, fmtParams(rec.Params), rec.Tensors)
	for _, f := range rec.Sources {
		fmt.Fprintf(w, "  %-10s %s (%s, sha256 %s)\n", f.Role, f.Path, humanBytes(f.Size), f.SHA256)
	}
	fmt.Fprintf(w, "  manifest   %s\n  spec       %s\n", rec.ManifestSHA256, rec.SpecSHA256)
	if c := rec.Commitment; c != nil {
		fmt.Fprintf(w, "  model id   %s\n  commitment %s (%s)\n", c.ModelID, c.VKSHA256, humanBytes(c.VKBytes))
		if c.Insecure {
			fmt.Fprintln(w, "  INSECURE test-hook secret")
		}
	} else {
		fmt.Fprintln(w, "  not committed yet")
	}
	if p := rec.Published; p != nil {
		fmt.Fprintf(w, "  %s\n", p.state())
		if p.TxHash != "" {
			fmt.Fprintf(w, "             tx %s (block %d)\n", p.TxHash, p.Block)
		}
		if p.ModelRef != "" {
			fmt.Fprintf(w, "  line       %s (owner %s)\n", p.ModelRef, p.Owner)
		}
	}
}

type listResult struct {
	Schema string         `json:"schema"`
	Models []*modelRecord `json:"models"`
}

func modelList(s *session) error {
	names, err := s.dir.modelNames()
	if err != nil {
		return err
	}
	r := listResult{Schema: schemaPrefix + "model-list/v1", Models: []*modelRecord{}}
	ess := ""
	for _, n := range names {
		rec, err := s.dir.loadRecord(n)
		if err != nil {
			return err
		}
		r.Models = append(r.Models, rec)
		ess += n + "\n"
	}
	if ess != "" {
		ess = ess[:len(ess)-1]
	}
	return s.out.result(r, ess, func(w io.Writer) {
		if len(r.Models) == 0 {
			fmt.Fprintln(w, "no models (import one with `zkllm model import <path>`)")
		}
		for _, m := range r.Models {
			state := "imported"
			if m.Commitment != nil {
				state = "committed " + m.Commitment.ModelID
			}
			if m.Published != nil {
				state = m.Published.state()
			}
			fmt.Fprintf(w, "%-20s %8s  %s\n", m.Name, fmtParams(m.Params), state)
		}
	})
}

// ---- secrets ----

type secretResult struct {
	Schema string `json:"schema"`
	Path   string `json:"path"`
}

func exportSecret(s *session) error {
	sec, err := readSecretFile(s.dir.path(secretFileName))
	if err != nil {
		if os.IsNotExist(err) {
			return badInputf("no owner secret in %s (it is created by the first `zkllm model commit`)", s.dir.root)
		}
		return err
	}
	out := s.c.String(outFlag.Name)
	if out == "" || out == "-" {
		_, err := s.out.stdout.Write(encodeSecret(sec.key))
		return err
	}
	if _, err := os.Stat(out); err == nil && !s.c.Bool(forceFlag.Name) {
		return badInputf("%s exists (use --force to overwrite)", out)
	}
	if err := atomicfile.Write(out, encodeSecret(sec.key), 0o600); err != nil {
		return badInputf("export: %v", err)
	}
	r := secretResult{Schema: schemaPrefix + "model-export-secret/v1", Path: out}
	return s.out.result(r, out, func(w io.Writer) {
		fmt.Fprintf(w, "owner secret written to %s (mode 0600). Whoever holds it and the weights can prove outputs.\n", out)
	})
}

func importSecretCmd(s *session) error {
	in := s.c.String(inFlag.Name)
	var b []byte
	var err error
	if in == "" || in == "-" {
		b, err = io.ReadAll(io.LimitReader(os.Stdin, 4096))
	} else {
		b, err = os.ReadFile(in)
	}
	if err != nil {
		return badInputf("import-secret: %v", err)
	}
	key, err := decodeSecret(b)
	if err != nil {
		return badInputf("import-secret: %v", err)
	}
	if err := importSecret(s.dir, key, s.c.Bool(forceFlag.Name)); err != nil {
		return err
	}
	r := secretResult{Schema: schemaPrefix + "model-import-secret/v1", Path: s.dir.path(secretFileName)}
	return s.out.result(r, r.Path, func(w io.Writer) {
		fmt.Fprintf(w, "owner secret installed in %s\n", r.Path)
	})
}
