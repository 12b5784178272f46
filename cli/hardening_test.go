package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/zkllm/zkllm/anchor"
)

// run executes one command line in process and returns its code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(append([]string{"zkllm"}, args...), &out, &errb, BuildInfo{Version: "v9.9.9", Commit: "abc"})
	return code, out.String(), errb.String()
}

// Issue 16, command-line behaviour: unknown commands and subcommands are usage errors (3)
// with a suggestion; --version; `help <path>`; global options in --help; each command lists
// only the flags it uses; --rpc-url without a scheme is bad input.
func TestCommandLineBehaviour(t *testing.T) {
	d := t.TempDir()
	for _, tc := range []struct {
		args    []string
		code    int
		mention string
	}{
		{[]string{"modle", "--data-dir", d}, ExitBadInput, "did you mean `zkllm model`"},
		{[]string{"model", "chek", "x", "--data-dir", d}, ExitBadInput, "did you mean `zkllm model check`"},
		{[]string{"model", "--data-dir", d}, ExitBadInput, "needs a subcommand"},
		{[]string{"--version"}, ExitOK, "zkllm v9.9.9 (commit abc)"},
		{[]string{"--data-dir", d, "--version"}, ExitOK, "v9.9.9"},
		{[]string{"help", "model", "check"}, ExitOK, "zkllm model check - audit"},
		{[]string{"--help"}, ExitOK, "GLOBAL OPTIONS"},
		{[]string{"model", "check", "0x" + strings.Repeat("ab", 32), "--data-dir", d, "--rpc-url", "127.0.0.1:8545"}, ExitBadInput, "did you mean http://127.0.0.1:8545"},
		{[]string{"model", "check", "0x" + strings.Repeat("ab", 32), "--data-dir", d, "--rpc-url", "ftp://h:1"}, ExitBadInput, "scheme"},
		{[]string{"prove", "Once", "--data-dir", d, "--memory-limit", "lots"}, ExitBadInput, "--memory-limit"},
		{[]string{"model", "commit", "--data-dir", d, "--memory-limit", "120%"}, ExitBadInput, "percentage"},
	} {
		code, out, errs := run(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.mention) {
			t.Errorf("%v: exit %d (want %d), output lacks %q:\n%s%s", tc.args, code, tc.code, tc.mention, out, errs)
		}
	}
	_, help, _ := run(t, "--help")
	for _, g := range []string{"--data-dir", "--json", "--quiet", "--version"} {
		if !strings.Contains(help[strings.Index(help, "GLOBAL OPTIONS"):], g) {
			t.Errorf("zkllm --help lists no global %s", g)
		}
	}
	// each command lists only the flags it uses
	for _, tc := range []struct {
		path   []string
		absent []string
	}{
		{[]string{"model", "revoke"}, []string{"--gateway", "--ipfs-api", "--metadata-uri"}},
		{[]string{"model", "transfer"}, []string{"--gateway", "--ipfs-timeout"}},
		{[]string{"contract", "deploy"}, []string{"--contract", "--gateway", "--model"}},
		{[]string{"model", "list"}, []string{"--model", "--rpc-url"}},
		{[]string{"model", "check"}, []string{"--from", "--gas-price", "--model"}},
	} {
		_, h, _ := run(t, append(tc.path, "--help")...)
		for _, f := range tc.absent {
			if strings.Contains(h, f+" ") {
				t.Errorf("%v --help lists %s, which it does not use", tc.path, f)
			}
		}
	}
}

func TestEditDistanceAndSuggest(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"modle", "model", 1}, {"chek", "check", 1}, {"", "abc", 3}, {"same", "same", 0}, {"kitten", "sitting", 3}} {
		if got := editDistance(tc.a, tc.b); got != tc.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}

// Issue 16, data-directory lock: a writer is refused (exit 2, naming the holder) while
// another holds the lock; read-only commands are not; the lock is released after the run.
func TestDataDirLock(t *testing.T) {
	old := lockWait
	lockWait = 100 * 1e6 // 100 ms
	defer func() { lockWait = old }()
	d := t.TempDir()
	held, err := (dataDir{root: d}).lock("model commit")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range [][]string{{"model", "import", filepath.Join(d, "nothing.bin")}, {"model", "commit"}, {"model", "publish"}, {"key", "new"}} {
		code, _, errs := run(t, append(w, "--data-dir", d)...)
		if code != ExitUnavailable || !strings.Contains(errs, "in use by pid") || !strings.Contains(errs, "model commit") {
			t.Fatalf("%v while locked: exit %d: %s", w, code, errs)
		}
	}
	for _, ro := range [][]string{{"model", "list"}, {"version"}, {"key", "list"}} {
		if code, _, errs := run(t, append(ro, "--data-dir", d)...); code != ExitOK {
			t.Fatalf("%v while locked: exit %d: %s", ro, code, errs)
		}
	}
	held.release()
	// a writer that fails for its own reasons still releases the lock
	code, _, errs := run(t, "model", "import", filepath.Join(d, "nothing.bin"), "--data-dir", d)
	if code == ExitUnavailable {
		t.Fatalf("import after release: %s", errs)
	}
	again, err := (dataDir{root: d}).lock("test")
	if err != nil {
		t.Fatalf("lock not released after a run: %v", err)
	}
	again.release()
	if _, err := os.Stat(filepath.Join(d, lockFileName)); err != nil {
		t.Fatal(err)
	}
}

// Issue 16: reverts read as sentences, not raw custom errors.
func TestRevertSentences(t *testing.T) {
	s := &session{}
	key := [32]byte{1}
	caller := common.HexToAddress("0x00000000000000000000000000000000000000c0")
	for _, tc := range []struct {
		re   *anchor.RevertError
		want string
	}{
		{&anchor.RevertError{Name: "NotModelOwner", Args: []any{key, caller}}, "are not the owner of model"},
		{&anchor.RevertError{Name: "ModelExists", Args: []any{key}}, "already registered model"},
		{&anchor.RevertError{Name: "NotPendingOwner", Args: []any{key, caller}}, "has no transfer pending for you"},
		{&anchor.RevertError{Name: "VersionIsRevoked", Args: []any{key}}, "is revoked"},
		{&anchor.RevertError{Name: "ProofExists", Args: []any{key}}, "already anchored"},
	} {
		got := explainRevert(s, tc.re)
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.re.Name+"(") {
			t.Errorf("%s: %q", tc.re.Name, got)
		}
	}
	if !errors.Is(&anchor.RevertError{Name: "UnknownModel"}, anchor.ErrUnknownModel) {
		t.Fatal("sentinel")
	}
}

func TestCheckRPCURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"http://127.0.0.1:8545": true, "https://rpc.example": true, "ws://h:1": true,
		"127.0.0.1:8545": false, "localhost:8545": false, "ftp://h": false, "http://": false,
	} {
		if err := checkRPCURL(raw); (err == nil) != ok || (err != nil && ExitCode(err) != ExitBadInput) {
			t.Errorf("checkRPCURL(%q) = %v", raw, err)
		}
	}
}
