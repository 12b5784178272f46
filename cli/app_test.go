package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/zkllm/zkllm/internal/atomicfile"
)

func TestPanicBecomesInternalError(t *testing.T) {
	testPanicHook = func() { panic("boom") }
	defer func() { testPanicHook = nil }()
	var out, errb bytes.Buffer
	code := Run([]string{"zkllm", "version", "--data-dir", t.TempDir()}, &out, &errb, BuildInfo{})
	if code != ExitInternal || !strings.Contains(errb.String(), "boom") {
		t.Fatalf("code %d, stderr %q", code, errb.String())
	}
}

func TestExitCodeMapping(t *testing.T) {
	cases := map[error]int{
		nil:                           ExitOK,
		badInputf("x"):                ExitBadInput,
		invalidf("x"):                 ExitInvalid,
		unavailablef("x"):             ExitUnavailable,
		errors.New("unclassified"):    ExitInternal,
		errNotYetAvailable("a thing"): ExitInternal,
		afterResult(ExitInvalid, nil): ExitInvalid,
	}
	for err, want := range cases {
		if got := ExitCode(err); got != want {
			t.Errorf("ExitCode(%v) = %d, want %d", err, got, want)
		}
	}
}

func TestConfigPrecedence(t *testing.T) {
	d := t.TempDir()
	if err := atomicfile.Write(d+"/config.json", []byte(`{"quiet": true, "json": false}`), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		var out, errb bytes.Buffer
		if code := Run(append([]string{"zkllm"}, args...), &out, &errb, BuildInfo{Version: "v-test"}); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	// config says quiet: only the essential line
	if got := run("version", "--data-dir", d); got != "v-test\n" {
		t.Fatalf("config quiet: %q", got)
	}
	// the command line beats the config file
	if got := run("version", "--data-dir", d, "--quiet=false"); !strings.Contains(got, "protocol") {
		t.Fatalf("flag over config: %q", got)
	}
	// the environment beats the config file
	t.Setenv("ZKLLM_QUIET", "false")
	if got := run("version", "--data-dir", d); !strings.Contains(got, "protocol") {
		t.Fatalf("env over config: %q", got)
	}
}
