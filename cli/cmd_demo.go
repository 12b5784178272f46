package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/anchor/devchain"
	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/ipfsstore"
	"github.com/zkllm/zkllm/models"
)

var (
	keepFlag      = &ucli.BoolFlag{Name: "keep", Category: catOutput, Usage: "keep the temporary data directories"}
	ownerOnlyFlag = &ucli.BoolFlag{Name: "owner-only", Category: catOutput,
		Usage: "run the owner's journey and the model check only: no proof (skips the proof: about 8 s of the demo's 10 s on 2 cores)"}
)

func demoCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "demo",
		Usage: "run the whole story on embedded defaults with the shipped stories260K model: owner, user, auditor",
		Description: "import → commit → publish → prove (a user generates, proves, pins and anchors) → an\n" +
			"independent check of the model and verification of the proof from the chain references alone (a\n" +
			"fresh data directory that shares only the chain and IPFS endpoints), printing each step\n" +
			"with sizes and timings. Runs in a fresh temporary data directory unless --data-dir is given.\n\n" +
			"Example:\n  zkllm demo",
		Flags:  flagsOf(baseFlags, []ucli.Flag{keepFlag, ownerOnlyFlag, memoryLimitFlag}),
		Action: demo,
	}
}

type demoStep struct {
	Name    string         `json:"name"`
	Seconds float64        `json:"seconds"`
	Result  map[string]any `json:"result"`
}

type demoResult struct {
	Schema       string     `json:"schema"`
	DataDir      string     `json:"data_dir"`
	AuditorDir   string     `json:"auditor_data_dir"`
	Ref          string     `json:"ref"`
	ProofRef     string     `json:"proof_ref,omitempty"`
	ProofVerdict string     `json:"proof_verdict,omitempty"`
	Verdict      string     `json:"verdict"`
	Steps        []demoStep `json:"steps"`
	TotalSeconds float64    `json:"total_seconds"`
}

// demo runs the journey through the same command code users run (Run), so
// what it shows is what the commands do.
func demo(c *ucli.Context) error {
	start := time.Now()
	st := stateOf(c)
	out := st.out
	out.json, out.quiet = c.Bool(jsonFlag.Name), c.Bool(quietFlag.Name)
	keep := c.Bool(keepFlag.Name)
	ownerOnly := c.Bool(ownerOnlyFlag.Name)
	total := demoSteps
	if ownerOnly {
		total = demoSteps - 2
	}

	dir := c.String(dataDirFlag.Name)
	temporary := dir == "" && !keep // the demo deletes its data directory at the end
	if dir == "" {
		d, err := os.MkdirTemp("", "zkllm-demo-")
		if err != nil {
			return internalf("%v", err)
		}
		dir = d
		if !keep {
			defer os.RemoveAll(d)
		}
	}
	dir, _ = filepath.Abs(dir)
	auditor, err := os.MkdirTemp("", "zkllm-demo-auditor-")
	if err != nil {
		return internalf("%v", err)
	}
	if !keep {
		defer os.RemoveAll(auditor)
	}
	// The demo runs on embedded defaults: settings meant for real nodes (or
	// test hooks) in the environment must not leak into its steps.
	var ignored []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "ZKLLM_") {
			ignored = append(ignored, k)
			os.Unsetenv(k)
		}
	}
	if len(ignored) > 0 {
		out.warn("the demo runs on embedded defaults and ignores %s", strings.Join(ignored, ", "))
	}
	res := demoResult{Schema: schemaPrefix + "demo/v1", DataDir: dir, AuditorDir: auditor}
	say := func(format string, a ...any) {
		if !out.json && !out.quiet {
			fmt.Fprintf(out.stdout, format+"\n", a...)
		}
	}
	say("zkllm demo: the owner's, the user's and the auditor's journeys on embedded defaults")
	say("  data directory  %s", dir)

	// The shipped model, written out as a user's files would be.
	ck, tok, err := models.Stories260K()
	if err != nil {
		return internalf("shipped model: %v", err)
	}
	src := filepath.Join(dir, "source")
	if err := atomicfile.Write(filepath.Join(src, ck.Name), ck.Data, 0o644); err != nil {
		return internalf("%v", err)
	}
	if err := atomicfile.Write(filepath.Join(src, tok.Name), tok.Data, 0o644); err != nil {
		return internalf("%v", err)
	}

	step := func(n int, name string, args ...string) (map[string]any, error) {
		var buf bytes.Buffer
		t0 := time.Now()
		errOut := out.stderr
		if out.quiet {
			errOut = io.Discard
		}
		code := Run(append([]string{"zkllm"}, append(args, "--json")...), &buf, errOut, st.build)
		secs := time.Since(t0).Seconds()
		var m map[string]any
		if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
			return nil, internalf("demo step %s: unreadable output: %v", name, err)
		}
		if code != ExitOK {
			return nil, withCode(code, fmt.Errorf("demo step %s failed: %v", name, m["error"]))
		}
		res.Steps = append(res.Steps, demoStep{Name: name, Seconds: secs, Result: m})
		say("\n[%d/%d] %-8s %6.2fs", n, total, name, secs)
		return m, nil
	}
	ckPath := filepath.Join(src, ck.Name)
	im, err := step(1, "import", "model", "import", ckPath, "--tokenizer", filepath.Join(src, tok.Name), "--name", "stories260K", "--force", "--data-dir", dir)
	if err != nil {
		return err
	}
	ckSum := sha256.Sum256(ck.Data)
	say("  %s parameters, %v tensors, checkpoint %s (sha256 %.16s…)", fmtParams(uint64(num(im["params"]))), im["tensors"], humanBytes(int64(len(ck.Data))), hex.EncodeToString(ckSum[:]))
	say("  manifest sha256 %s\n  spec sha256     %s", str(im["manifest_sha256"]), str(im["spec_sha256"]))

	commitArgs := []string{"model", "commit", "--model", "stories260K", "--data-dir", dir}
	if temporary {
		commitArgs = append(commitArgs, "--quiet") // no "back up your secret" warning for a throwaway one
	}
	cm, err := step(2, "commit", commitArgs...)
	if err != nil {
		return err
	}
	say("  weight commitment %s: %v Hyrax rows of %v (sha256 %s)", humanBytes(int64(num(cm["vk_bytes"]))), cm["rows"], cm["row_length"], str(cm["vk_sha256"]))
	say("  weight range proof %s: every weight is a 16-bit integer", humanBytes(int64(num(cm["range_proof_bytes"]))))
	say("  model id %s", str(cm["model_id"]))
	say("  %s", demoSecretLine(filepath.Join(dir, secretFileName), temporary))

	pm, err := step(3, "publish", "model", "publish", "--model", "stories260K", "--data-dir", dir)
	if err != nil {
		return err
	}
	res.Ref = str(pm["ref"])
	say("  pinned %s to the local IPFS store (commitment %s)", humanBytes(int64(num(pm["bytes_pinned"]))), str(pm["commitment_cid"]))
	say("  registered on chain %.0f at %s", num(pm["chain_id"]), str(pm["contract"]))
	say("  transaction %s, block %.0f, %.0f gas", str(pm["tx_hash"]), num(pm["block"]), num(pm["gas_used"]))
	say("  reference %s", res.Ref)

	if !ownerOnly {
		// The user: generates, proves, pins and anchors (a prover holds the weights and the owner
		// secret, here the owner's data directory).
		say("\n  a user proves %q (the lookup tables make most of the prover's work) …", demoPrompt)
		pr, err := step(4, "prove", "prove", "--model", "stories260K", "--max-tokens", "2", demoPrompt, "--data-dir", dir)
		if err != nil {
			return err
		}
		res.ProofRef = str(pr["ref"])
		say("  %q → %q (%.0f prompt + %d new tokens, greedy)", str(pr["prompt"]), str(pr["output"]), num(pr["prompt_tokens"]), demoNewTokens(pr))
		say("  proof %s in %.2fs over %d steps, digest %s", humanBytes(int64(num(pr["proof_bytes"]))), num(pr["prove_seconds"]), demoLen(pr["steps"]), str(pr["proof_sha256"]))
		say("  pinned: proof %s, bundle %s", str(pr["proof_cid"]), str(pr["bundle_cid"]))
		say("  anchored: transaction %s, block %.0f", str(pr["tx_hash"]), num(pr["block"]))
		say("  reference %s", res.ProofRef)
	}

	// The auditor shares nothing with the owner but the endpoints.
	chainURL, stopChain, err := demoServeChain(dir)
	if err != nil {
		return err
	}
	defer stopChain()
	gwURL, stopGW, err := demoServeGateway(dir)
	if err != nil {
		return err
	}
	defer stopGW()
	ch, err := step(total-boolInt(!ownerOnly), "check", "model", "check", res.Ref, "--data-dir", auditor, "--rpc-url", chainURL, "--gateway", gwURL)
	if err != nil {
		return err
	}
	res.Verdict = str(ch["verdict"])
	say("  fresh data directory %s, chain %s, gateway %s", auditor, chainURL, gwURL)
	if checks, ok := ch["checks"].([]any); ok {
		for _, x := range checks {
			if m, ok := x.(map[string]any); ok {
				mark := "ok"
				if m["ok"] != true {
					mark = "FAIL"
				}
				say("  [%s] %s", mark, str(m["name"]))
			}
		}
	}
	if !ownerOnly {
		vr, err := step(6, "verify", "verify", res.ProofRef, "--data-dir", auditor, "--rpc-url", chainURL, "--gateway", gwURL)
		if err != nil {
			return err
		}
		res.ProofVerdict = str(vr["verdict"])
		say("  the proof from its reference alone: %s in %.2fs (proof verified in %.2fs)", res.ProofVerdict, num(vr["seconds"]), num(vr["verify_seconds"]))
		if files, ok := vr["files"].([]any); ok {
			for _, x := range files {
				if m, ok := x.(map[string]any); ok {
					say("  fetched %-17s %9s  %s", str(m["name"]), humanBytes(int64(num(m["bytes"]))), str(m["cid"]))
				}
			}
		}
	}
	res.TotalSeconds = time.Since(start).Seconds()
	ess := fmt.Sprintf("%s %s", res.Verdict, res.Ref)
	if !ownerOnly {
		ess += fmt.Sprintf("\n%s %s", res.ProofVerdict, res.ProofRef)
	}
	if out.json {
		return out.result(res, ess, nil)
	}
	if out.quiet {
		fmt.Fprintln(out.stdout, ess)
		return nil
	}
	if ownerOnly {
		say("\nverdict: %s   (owner's journey and model check %.2fs)", res.Verdict, res.TotalSeconds)
	} else {
		overall := "valid"
		if res.Verdict != "valid" || res.ProofVerdict != "valid" {
			overall = "invalid"
		}
		say("\nverdict: %s   (model %s, proof %s; whole story %.2fs)", overall, res.Verdict, res.ProofVerdict, res.TotalSeconds)
	}
	if keep || c.String(dataDirFlag.Name) != "" {
		say("data kept in %s (auditor: %s)", dir, auditor)
	}
	if res.Verdict != "valid" || (!ownerOnly && res.ProofVerdict != "valid") {
		return withCode(ExitInvalid, errors.New("the independent check or verification did not pass"))
	}
	return nil
}

// demoSecretLine says what the demo's owner secret is: a throwaway demo secret when its
// directory is deleted at the end (nothing to back up), else one to keep.
func demoSecretLine(path string, temporary bool) string {
	if temporary {
		return "demo owner secret " + path + " (a throwaway secret in a temporary directory deleted at the end; " +
			"your own models get theirs from `zkllm model commit`)"
	}
	return "owner secret " + path + " (kept: back it up, losing it means the model can never be proven)"
}

// demoServeChain serves the data directory's chain over loopback HTTP (or
// reuses a `zkllm chain serve` already running for it).
func demoServeChain(dir string) (string, func(), error) {
	d := dataDir{root: dir}
	if url, ok := devchain.ReadLiveEndpoint(bgCtx(), d.path(chainEndpointFile), devchain.ProbeChain); ok {
		return url, func() {}, nil
	}
	ch, err := devchain.Open(d.path(chainDirName), devchain.Options{HTTP: true})
	if err != nil {
		return "", nil, internalf("serving the demo chain: %v", err)
	}
	return ch.HTTPEndpoint(), func() { ch.Close() }, nil
}

// demoServeGateway serves the data directory's IPFS store as a trustless
// gateway on loopback.
func demoServeGateway(dir string) (string, func(), error) {
	d := dataDir{root: dir}
	if url, ok := devchain.ReadLiveEndpoint(bgCtx(), d.path(ipfsEndpointFile), probeGateway); ok {
		return url, func() {}, nil
	}
	fs, err := ipfsstore.OpenFlatfs(d.path(ipfsDirName))
	if err != nil {
		return "", nil, internalf("%v", err)
	}
	h, err := localGateway(fs.Blockstore())
	if err != nil {
		fs.Close()
		return "", nil, internalf("%v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fs.Close()
		return "", nil, internalf("%v", err)
	}
	ctx, cancel := contextWithCancel()
	done := make(chan struct{})
	go func() { ipfsstore.ServeGateway(ctx, ln, h); close(done) }()
	return "http://" + ln.Addr().String(), func() { cancel(); <-done; fs.Close() }, nil
}

// The demo's user step: a short greedy generation (the prover's cost is mostly fixed: the
// lookup tables, not the tokens).
const (
	demoSteps  = 6
	demoPrompt = "Once upon a time"
)

func demoNewTokens(m map[string]any) int {
	toks, _ := m["tokens"].([]any)
	return len(toks) - int(num(m["prompt_tokens"]))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func demoLen(v any) int {
	a, _ := v.([]any)
	return len(a)
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
