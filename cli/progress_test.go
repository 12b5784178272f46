package cli

import (
	"bytes"
	"strings"
	"testing"
)

// Issue 16: progress written to a non-terminal is plain lines (at most one per tenth), with
// no carriage-return frames.
func TestProgressOffTerminalIsLines(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "committing rows", 1000)
	for i := int64(0); i <= 1000; i++ {
		p.set(i)
	}
	p.finish()
	out := buf.String()
	if strings.ContainsRune(out, '\r') {
		t.Fatalf("carriage returns in non-terminal output: %q", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 11 || lines[10] != "committing rows: 1000/1000 (100%)" {
		t.Fatalf("lines: %q", lines)
	}
	var nilProgress *progress
	nilProgress.set(3) // quiet/JSON runs pass no progress
	nilProgress.finish()
}
