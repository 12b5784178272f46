package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestProcessCountsWork spins for 50 ms of wall time and expects the CPU
// clock to advance by a good part of that (on platforms that have one).
func TestProcessCountsWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no getrusage")
	}
	c0 := Process()
	x := 1
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x = x*31 + 7
	}
	if d := Process() - c0; d < 10*time.Millisecond {
		t.Fatalf("CPU clock advanced %v over 50 ms of spinning (x=%d)", d, x)
	}
}
