package tlookup

import (
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/zkllm/zkllm/prover/tables"
)

// BenchmarkProveGKR times phase B alone (leaves, tree, root, every GKR layer
// sumcheck, leaf commitments) for a range lookup of 2^logIn inputs into a
// 2^logTab table: 2^(logIn+1) leaves. Reported: wall and process CPU time
// (user+system, so a loaded machine shows in wall only).
func BenchmarkProveGKR(b *testing.B) {
	logTab, logIn := 18, 19
	if testing.Short() {
		logTab, logIn = 12, 13
	}
	tab := mustTable(tables.Range(logTab))
	l, err := NewLayout(Spec{Lookups: []Lookup{{Name: "x", Table: tab, LogSize: logIn}}})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	w := &Witness{Columns: []Column{randomColumn(rng, tab, 1<<logIn, false)}}
	mult := mustMult(b, l, w)
	var wall, cpu time.Duration
	for b.Loop() {
		dlc, _ := newTestProver(b, nil)
		t0, c0 := time.Now(), benchCPU()
		if _, _, err := Prove(dlc, l, w, mult); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(t0)
		cpu += benchCPU() - c0
	}
	b.ReportMetric(float64(l.LogLeaves), "log_leaves")
	b.ReportMetric(wall.Seconds()/float64(b.N), "prove_s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "prove_cpu_s")
}

// benchCPU is the process's user+system CPU time.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
