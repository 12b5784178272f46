package tlookup

import (
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/zkllm/zkllm/internal/memprobe"
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

// BenchmarkProveGKRMemory measures phase B's memory for 2^n leaves
// (n = ZKLLM_TLOOKUP_LOG, default 20): a RANGE_16 lookup of 2^(n−1) inputs
// and an INDC_16 lookup (with outputs) of 2^(n−2), as the model's lookups
// are shaped. Reported: the peak RSS rise over the state before Prove
// (VmHWM after a clear_refs reset), the peak in-use Go heap sampled every
// millisecond (the caller's witness, 8 B per leaf, included), both also per
// leaf, and CPU time. With
// ZKLLM_TLOOKUP_HEAPPROF=file a heap profile is written at the top layer's
// start (after a GC), where the prover's memory peaks.
func BenchmarkProveGKRMemory(b *testing.B) {
	n := 20
	if s := os.Getenv("ZKLLM_TLOOKUP_LOG"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 19 || v > 26 {
			b.Fatalf("ZKLLM_TLOOKUP_LOG=%q: want 19..26", s)
		}
		n = v
	}
	// ZKLLM_TLOOKUP_GEN=1, 2 or 3 forces the number of generated tree
	// layers (generatedLayers; default: by size).
	if s := os.Getenv("ZKLLM_TLOOKUP_GEN"); s != "" {
		g, err := strconv.Atoi(s)
		if err != nil || g < 1 || g > 3 {
			b.Fatalf("ZKLLM_TLOOKUP_GEN=%q: want 1, 2 or 3", s)
		}
		defer setForceGenLayers(g)()
	}
	rangeT, indT := mustTable(tables.Range(16)), mustTable(tables.Indicator(16))
	l, err := NewLayout(Spec{Lookups: []Lookup{
		{Name: "x", Table: rangeT, LogSize: n - 1},
		{Name: "y", OutName: "y.out", Table: indT, LogSize: n - 2},
	}})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	w := &Witness{Columns: []Column{randomColumn(rng, rangeT, 1<<(n-1), false), randomColumn(rng, indT, 1<<(n-2), true)}}
	mult := mustMult(b, l, w)
	if path := os.Getenv("ZKLLM_TLOOKUP_HEAPPROF"); path != "" {
		testHookTopLayer = func() { writeHeapProfile(b, path) }
		defer func() { testHookTopLayer = nil }()
	}
	var cpu time.Duration
	var peakRSS, peakHeap uint64
	for b.Loop() {
		dlc, _ := newTestProver(b, nil)
		if !memprobe.ResetPeak() {
			b.Log("VmHWM reset unavailable: the RSS peak includes the setup")
		}
		base := memprobe.RSS()
		hs := memprobe.StartHeap(time.Millisecond)
		c0 := benchCPU()
		if _, _, err := Prove(dlc, l, w, mult); err != nil {
			b.Fatal(err)
		}
		cpu += benchCPU() - c0
		peakHeap = max(peakHeap, hs.Stop())
		peakRSS = max(peakRSS, uint64(max(memprobe.PeakRSS()-base, 0)))
	}
	leaves := float64(uint64(1) << l.LogLeaves)
	b.ReportMetric(float64(l.LogLeaves), "log_leaves")
	b.ReportMetric(float64(generatedLayers(l.LogLeaves)), "gen_layers")
	b.ReportMetric(float64(peakRSS)/(1<<20), "rss_rise_MB")
	b.ReportMetric(float64(peakRSS)/leaves, "rss_B/leaf")
	b.ReportMetric(float64(peakHeap)/(1<<20), "heap_peak_MB")
	b.ReportMetric(float64(peakHeap)/leaves, "heap_B/leaf")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "prove_cpu_s")
}

// writeHeapProfile writes the in-use heap (after a GC) to path.
func writeHeapProfile(b *testing.B, path string) {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}
