package cli

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeArgs(t *testing.T) {
	app := NewApp(&runState{out: &output{stdout: io.Discard, stderr: io.Discard}}, io.Discard, io.Discard)
	cases := []struct{ in, want string }{
		// shared flags before the subcommand move to the leaf
		{"zkllm --data-dir d demo", "zkllm demo --data-dir d"},
		{"zkllm --json --data-dir=d model --quiet list", "zkllm model list --json --data-dir=d --quiet"},
		// flags after positional arguments move before them
		{"zkllm model check 0xabc --json --rpc-url http://x", "zkllm model check --json --rpc-url http://x 0xabc"},
		{"zkllm model check --json 0xabc", "zkllm model check --json 0xabc"},
		// a value that looks like a command word stays a value
		{"zkllm model import --name model ./m.bin", "zkllm model import --name model ./m.bin"},
		// after "--" everything is positional; a dash-led positional keeps its "--"
		{"zkllm model import -- -odd.bin --json", "zkllm model import -- -odd.bin --json"},
		{"zkllm", "zkllm"},
		{"zkllm --help", "zkllm --help"},
		{"zkllm model check --help", "zkllm model check --help"},
	}
	for _, c := range cases {
		got := strings.Join(NormalizeArgs(app, strings.Fields(c.in)), " ")
		if got != c.want {
			t.Errorf("NormalizeArgs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEveryFlagNameHasOneArity(t *testing.T) {
	// NormalizeArgs relies on a flag name meaning the same everywhere.
	app := NewApp(&runState{out: &output{stdout: io.Discard, stderr: io.Discard}}, io.Discard, io.Discard)
	seen := map[string]string{}
	for _, leaf := range leaves(app.Commands, "") {
		for _, f := range leaf.cmd.Flags {
			kind := strings.TrimPrefix(strings.Split(typeName(f), ".")[1], "*")
			for _, n := range f.Names() {
				if k, ok := seen[n]; ok && k != kind {
					t.Errorf("flag %q is %s in one command and %s in %s", n, k, kind, leaf.path)
				}
				seen[n] = kind
			}
		}
		if !slices.ContainsFunc(leaf.cmd.Flags, func(f ucliFlag) bool { return f.Names()[0] == "data-dir" }) {
			t.Errorf("%s lacks --data-dir", leaf.path)
		}
	}
	if len(seen) < 10 {
		t.Fatalf("only %d flags seen", len(seen))
	}
}

func TestEveryCommandHelpHasAnExample(t *testing.T) {
	app := NewApp(&runState{out: &output{stdout: io.Discard, stderr: io.Discard}}, io.Discard, io.Discard)
	for _, l := range leaves(app.Commands, "zkllm") {
		if !strings.Contains(l.cmd.Description, "Example") {
			t.Errorf("%s: --help has no example", l.path)
		}
	}
}
