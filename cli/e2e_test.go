package cli_test

// End-to-end tests: they build the zkllm binary once and drive it as
// separate processes, the way users and scripts do.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model/hf"
	"github.com/zkllm/zkllm/prover/model/llama2c"
)

var zkllmBin string

func TestMain(m *testing.M) {
	if fuzzing() {
		// A fuzz run (coordinator or worker) needs no binary: building one in
		// every worker would eat the whole fuzz budget.
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "zkllm-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	zkllmBin = filepath.Join(dir, "zkllm")
	build := exec.Command("go", "build", "-o", zkllmBin, "github.com/zkllm/zkllm/cmd/zkllm")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building zkllm:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fuzzing reports whether this test binary runs as a fuzz coordinator or
// worker (-test.fuzz or -test.fuzzworker on the command line).
func fuzzing() bool {
	for _, a := range os.Args[1:] {
		if strings.HasPrefix(a, "-test.fuzz=") || strings.HasPrefix(a, "-test.fuzzworker") || strings.HasPrefix(a, "--test.fuzz") {
			return true
		}
	}
	return false
}

type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// zk runs the binary with args and extra environment entries.
func zk(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(zkllmBin, args...)
	cmd.Env = append(cleanEnv(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Stdin = strings.NewReader("")
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running zkllm: %v", err)
	}
	return result{code, out.String(), errb.String()}
}

// cleanEnv drops every ZKLLM_* variable of the test's environment.
func cleanEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "ZKLLM_") {
			env = append(env, e)
		}
	}
	return env
}

func wantCode(t *testing.T, r result, code int, mention string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("want exit %d, got %s", code, r)
	}
	if mention != "" && !strings.Contains(strings.ToLower(r.stderr+r.stdout), strings.ToLower(mention)) {
		t.Fatalf("output does not mention %q:\n%s", mention, r)
	}
}

func decodeJSON(t *testing.T, r result, schema string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, r)
	}
	if m["schema"] != schema {
		t.Fatalf("schema %v, want %s", m["schema"], schema)
	}
	return m
}

func TestUsageErrorsAndFlagPositions(t *testing.T) {
	d := t.TempDir()
	// shared flags before and after the subcommand, and after positionals
	for _, args := range [][]string{
		{"--data-dir", d, "--json", "version"},
		{"version", "--data-dir", d, "--json"},
		{"--json", "key", "list", "--data-dir", d},
	} {
		r := zk(t, nil, args...)
		wantCode(t, r, 0, "")
		var m map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &m); err != nil || !strings.HasPrefix(m["schema"].(string), "zkllm/") {
			t.Fatalf("%v: %s", args, r)
		}
	}
	// environment and config file supply flags
	r := zk(t, []string{"ZKLLM_DATA_DIR=" + d, "ZKLLM_JSON=1"}, "version")
	decodeJSON(t, r, "zkllm/version/v1")
	os.WriteFile(filepath.Join(d, "config.json"), []byte(`{"json": true}`), 0o600)
	decodeJSON(t, zk(t, nil, "version", "--data-dir", d), "zkllm/version/v1")
	os.WriteFile(filepath.Join(d, "config.json"), []byte(`{"jsn": true}`), 0o600)
	wantCode(t, zk(t, nil, "version", "--data-dir", d), 3, "unknown or unsupported key")
	os.Remove(filepath.Join(d, "config.json"))

	wantCode(t, zk(t, nil, "version", "--data-dir", d, "--no-such-flag"), 3, "flag provided but not defined")
	wantCode(t, zk(t, nil, "no-such-command", "--data-dir", d), 3, "")
	wantCode(t, zk(t, nil, "version", "extra", "--data-dir", d), 3, "unexpected argument")
	r = zk(t, nil, "model", "import", "--data-dir", d, "--json")
	wantCode(t, r, 3, "give the model path")
	if m := decodeJSON(t, r, "zkllm/error/v1"); m["code"].(float64) != 3 {
		t.Fatalf("JSON error code %v", m["code"])
	}
	// help works everywhere and exits 0
	for _, args := range [][]string{{"--help"}, {"model", "--help"}, {"model", "check", "--help"}, {"help", "model"}} {
		r := zk(t, nil, args...)
		wantCode(t, r, 0, "")
		if !strings.Contains(r.stdout, "USAGE") {
			t.Fatalf("%v: no usage text\n%s", args, r)
		}
	}
	if r := zk(t, nil, "model", "commit", "--help"); !strings.Contains(r.stdout, "Example") {
		t.Fatalf("commit help has no example:\n%s", r)
	}
}

func TestImportRejectsMalformedModel(t *testing.T) {
	d := t.TempDir()
	src := t.TempDir()
	ck := filepath.Join(src, "bad.bin")
	os.WriteFile(ck, []byte("this is not a llama2.c checkpoint at all"), 0o644)
	os.WriteFile(filepath.Join(src, "tok.bin"), []byte("nope"), 0o644)
	wantCode(t, zk(t, nil, "model", "import", ck, "--data-dir", d), 3, "malformed llama2.c checkpoint")
	wantCode(t, zk(t, nil, "model", "import", filepath.Join(src, "missing.bin"), "--data-dir", d), 3, "no such file")
	if _, err := os.Stat(filepath.Join(d, "models", "bad")); err == nil {
		t.Fatal("a failed import left a model directory behind")
	}
}

func TestKeysNeverFromFlags(t *testing.T) {
	d := t.TempDir()
	env := []string{"ZKLLM_KEYSTORE_PASSWORD=pw"}
	keyFile := filepath.Join(t.TempDir(), "k")
	os.WriteFile(keyFile, []byte("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d\n"), 0o600)
	r := zk(t, env, "key", "import", keyFile, "--data-dir", d, "--json")
	wantCode(t, r, 0, "")
	m := decodeJSON(t, r, "zkllm/key-import/v1")
	if m["address"] != "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" {
		t.Fatalf("imported address %v", m["address"])
	}
	r = zk(t, nil, "key", "list", "--data-dir", d, "--quiet")
	wantCode(t, r, 0, "")
	if strings.TrimSpace(r.stdout) != "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" {
		t.Fatalf("key list --quiet: %s", r)
	}
	// there is no flag taking a key
	wantCode(t, zk(t, nil, "key", "import", "--private-key", "0x01", "--data-dir", d), 3, "flag provided but not defined")
	// no password and no terminal: a clear error, not a hang
	wantCode(t, zk(t, nil, "key", "new", "--data-dir", d), 3, "ZKLLM_KEYSTORE_PASSWORD")
}

// startServe runs a long-lived `zkllm ... serve` and returns its URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(zkllmBin, append(args, "--quiet")...)
	cmd.Env = cleanEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			lines <- sc.Text()
		}
		io.Copy(io.Discard, out)
		cmd.Wait()
		close(done)
	}()
	select {
	case url := <-lines:
		return strings.TrimSpace(url)
	case <-done:
		t.Fatalf("%v exited early: %s", args, errb.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("%v did not start", args)
	}
	return ""
}

// writeStories260K puts the shipped model files into a directory and
// returns the checkpoint path.
func writeStories260K(t *testing.T) string {
	t.Helper()
	ck, tok, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "stories260K.bin")
	if err := os.WriteFile(p, ck.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tok512.bin"), tok.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const testSecret = "ZKLLM_INSECURE_TEST_SECRET=5a6b7c8d5a6b7c8d5a6b7c8d5a6b7c8d5a6b7c8d5a6b7c8d5a6b7c8d5a6b7c8d"

func TestCommitKill9ThenResumeGivesSameDigest(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a model")
	}
	src := writeStories260K(t)
	crashed, fresh := t.TempDir(), t.TempDir()
	for _, d := range []string{crashed, fresh} {
		wantCode(t, zk(t, nil, "model", "import", src, "--data-dir", d, "--quiet"), 0, "")
	}
	// The crash hook SIGKILLs the process right after row block 3 is synced.
	r := zk(t, []string{testSecret, "ZKLLM_TEST_CRASH_AFTER_BLOCK=3"}, "model", "commit", "--data-dir", crashed, "--no-progress")
	if r.code != -1 {
		t.Fatalf("crash hook did not kill the commit: %s", r)
	}
	mdir := filepath.Join(crashed, "models", "stories260K")
	if _, err := os.Stat(filepath.Join(mdir, "commitment.vk")); err == nil {
		t.Fatal("a killed commit left a commitment file")
	}
	if _, err := os.Stat(filepath.Join(mdir, "commit.partial")); err != nil {
		t.Fatal("no partial file to resume from")
	}
	r = zk(t, []string{testSecret}, "model", "commit", "--data-dir", crashed, "--json")
	wantCode(t, r, 0, "")
	resumed := decodeJSON(t, r, "zkllm/model-commit/v1")
	if resumed["resumed_rows"].(float64) != 4*32 {
		t.Fatalf("resumed after %v rows, want 128", resumed["resumed_rows"])
	}
	if resumed["insecure"] != true {
		t.Fatal("test-hook secret not marked insecure")
	}
	r = zk(t, []string{testSecret}, "model", "commit", "--data-dir", fresh, "--json")
	wantCode(t, r, 0, "")
	whole := decodeJSON(t, r, "zkllm/model-commit/v1")
	for _, k := range []string{"vk_sha256", "model_id"} {
		if resumed[k] != whole[k] {
			t.Fatalf("%s: resumed %v, uninterrupted %v", k, resumed[k], whole[k])
		}
	}
	a, _ := os.ReadFile(filepath.Join(mdir, "commitment.vk"))
	b, _ := os.ReadFile(filepath.Join(fresh, "models", "stories260K", "commitment.vk"))
	if !bytes.Equal(a, b) || len(a) == 0 {
		t.Fatal("commitment files differ")
	}
	if _, err := os.Stat(filepath.Join(mdir, "commit.partial")); err == nil {
		t.Fatal("partial file left after a finished commit")
	}
}

func TestInterruptedCommitLeavesNoPartialOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a model")
	}
	d := t.TempDir()
	wantCode(t, zk(t, nil, "model", "import", writeStories260K(t), "--data-dir", d, "--quiet"), 0, "")
	cmd := exec.Command(zkllmBin, "model", "commit", "--data-dir", d, "--no-progress")
	cmd.Env = append(cleanEnv(), testSecret, "ZKLLM_TEST_BLOCK_ROWS=4")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	partial := filepath.Join(d, "models", "stories260K", "commit.partial")
	deadline := time.Now().Add(60 * time.Second)
	for { // interrupt once some row blocks are done
		if st, err := os.Stat(partial); err == nil && st.Size() > 2000 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("commit made no progress: %s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 130 {
		t.Fatalf("interrupted commit: %v\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "interrupted") {
		t.Fatalf("no message on interrupt: %s", errb.String())
	}
	ents, _ := os.ReadDir(filepath.Join(d, "models", "stories260K"))
	for _, e := range ents {
		switch n := e.Name(); {
		case n == "commitment.vk" || n == "range.proof":
			t.Fatalf("interrupted commit wrote %s", n)
		case strings.Contains(n, ".tmp-"):
			t.Fatalf("temp file %s left behind", n)
		}
	}
	// and it resumes
	r := zk(t, []string{testSecret, "ZKLLM_TEST_BLOCK_ROWS=4"}, "model", "commit", "--data-dir", d, "--json")
	wantCode(t, r, 0, "")
	if m := decodeJSON(t, r, "zkllm/model-commit/v1"); m["resumed_rows"].(float64) == 0 {
		t.Fatal("did not resume")
	}
}

func TestDemoRunsTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	d := t.TempDir()
	// The whole story (owner, user proving and anchoring, auditor), then the owner's journey
	// again in the same data directory.
	for i, extra := range [][]string{nil, {"--owner-only"}} {
		r := zk(t, nil, append([]string{"--data-dir", d, "demo", "--json"}, extra...)...)
		wantCode(t, r, 0, "")
		m := decodeJSON(t, r, "zkllm/demo/v1")
		want := map[int]int{0: 6, 1: 4}[i]
		if m["verdict"] != "valid" || len(m["steps"].([]any)) != want || (i == 0 && m["proof_verdict"] != "valid") {
			t.Fatalf("demo run %d: %s", i, r)
		}
	}
}

func TestImportHuggingFaceFolder(t *testing.T) {
	ck, tok, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := llama2c.Decode(ck.Data)
	if err != nil {
		t.Fatal(err)
	}
	tk, err := llama2c.DecodeTokenizer(tok.Data, m.Config.VocabSize)
	if err != nil {
		t.Fatal(err)
	}
	files, err := hf.Convert(m, tk)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "stories260K-hf")
	if err := hf.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	d := t.TempDir()
	r := zk(t, nil, "model", "import", dir, "--data-dir", d, "--json")
	wantCode(t, r, 0, "")
	im := decodeJSON(t, r, "zkllm/model-import/v1")
	if im["format"] != "hf" || im["name"] != "stories260K-hf" || im["tensors"].(float64) != 47 {
		t.Fatalf("import: %s", r)
	}
	// the source files are recorded with their digests
	if n := len(im["sources"].([]any)); n < 4 {
		t.Fatalf("%d sources recorded", n)
	}
	// a broken config is bad input
	os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"model_type": "gpt2"}`), 0o644)
	wantCode(t, zk(t, nil, "model", "import", dir, "--data-dir", d, "--name", "other"), 3, "malformed Hugging Face model")
	// a folder without config.json is not a model
	wantCode(t, zk(t, nil, "model", "import", t.TempDir(), "--data-dir", d), 3, "without config.json")
}

func TestServeWritesEndpointAndStopsCleanly(t *testing.T) {
	for _, kind := range []string{"chain", "ipfs"} {
		d := t.TempDir()
		cmd := exec.Command(zkllmBin, kind, "serve", "--data-dir", d, "--json")
		cmd.Env = cleanEnv()
		out, _ := cmd.StdoutPipe()
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(out)
		var m map[string]any
		if err := dec.Decode(&m); err != nil || m["schema"] != "zkllm/"+kind+"-serve/v1" {
			cmd.Process.Kill()
			t.Fatalf("%s serve: %v %v %s", kind, m, err, errb.String())
		}
		ep := filepath.Join(d, kind+".endpoint")
		b, err := os.ReadFile(ep)
		if err != nil || !strings.Contains(string(b), m["url"].(string)) {
			t.Fatalf("%s endpoint file: %s %v", kind, b, err)
		}
		if kind == "chain" { // a second process on the same data directory goes through the endpoint
			wantCode(t, zk(t, nil, "contract", "deploy", "--data-dir", d), 0, "")
		}
		cmd.Process.Signal(os.Interrupt)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("%s serve after Ctrl-C: %v\n%s", kind, err, errb.String())
		}
		if _, err := os.Stat(ep); err == nil {
			t.Fatalf("%s endpoint file left after a clean stop", kind)
		}
	}
}
