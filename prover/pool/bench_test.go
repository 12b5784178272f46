package pool

import (
	"context"
	"fmt"
	"runtime"
	"runtime/pprof"
	"syscall"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/internal/memprobe"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRED times RED alone (the claim binding, μ and the RED sumcheck
// of Settle; the opening is the same for any number of claims) on a 2^24
// blob of field elements (NewProver) of 64 tensors of 2^18 (2^16 and 2^10
// under -short): 64 claims, one per tensor, covering the whole blob,
// against 1 claim on one tensor, in the same run. Each case runs once to
// warm up, then twice, keeping the fastest. Reported: both times (wall and
// CPU) and x_red1, cpu_x_red1 = 64 claims / 1 claim (issue 18 asks ≤ 2).
// The timed RED runs carry the pprof label claims=1 or claims=64 (go tool
// pprof -tagfocus=claims=64).
func BenchmarkRED(b *testing.B) { benchRED(b, false) }

// BenchmarkSmallRED is BenchmarkRED on the same layout held as int16
// (NewProverSmall, how weights are held), plus one whole Settle with 64
// claims (RED and the opening, after the sampler and the peak reset):
// settle_ms, settle_cpu_ms, settle_peak_rss_mb (VmHWM rise over the RSS
// before it; left out where /proc/self/clear_refs is unavailable) and
// settle_peak_heap_mb (the largest in-use heap sampled every ms, over the
// heap before it). The peak reset also restarts the process's
// ru_maxrss, so /usr/bin/time reports no whole-run peak after it.
func BenchmarkSmallRED(b *testing.B) { benchRED(b, true) }

func benchRED(b *testing.B, small bool) {
	const logClaims = 6
	logBlob := 24
	if testing.Short() {
		logBlob = 16
	}
	logT := logBlob - logClaims
	specs := make([]pedersen.TensorSpec, 1<<logClaims)
	for i := range specs {
		specs[i] = pedersen.TensorSpec{Name: fmt.Sprintf("t%02d", i), Shape: []uint64{1 << logT}}
	}
	layout, err := pedersen.Place(specs)
	if err != nil {
		b.Fatal(err)
	}
	shape := Shape{Layout: layout, LogC: logBlob / 2}
	var values []fr.Element
	var ints []int16
	if small {
		ints = make([]int16, layout.Size())
		for i := range ints {
			ints[i] = int16(uint64(i) * 0x9e3779b97f4a7c15 >> 48)
		}
	} else {
		values = make([]fr.Element, layout.Size())
		field.Parallel(len(values), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				values[i].SetUint64(uint64(i)*0x9e3779b97f4a7c15 ^ 0x5bd1e995)
			}
		})
	}
	blinds := make([]fr.Element, 1<<(logBlob-shape.LogC)) // unused by RED
	gens, err := pedersen.Get(1 << shape.LogC)
	if err != nil {
		b.Fatal(err)
	}
	newPool := func() *Prover {
		var p *Prover
		var err error
		if small {
			p, err = NewProverSmall(shape, ints, blinds)
		} else {
			p, err = NewProver(shape, values, blinds)
		}
		if err != nil {
			b.Fatal(err)
		}
		return p
	}
	// Honest claims t(q) = y, one per tensor.
	type claim struct {
		name string
		q    []fr.Element
		y    sumcheck.Scalar
	}
	claims := make([]claim, len(specs))
	ref := newPool()
	for i, sp := range specs {
		t, _ := layout.Lookup(sp.Name)
		q := field.RandomScalars(logT)
		v, err := mle.Evaluate(ref.Entries(t.Offset, 1<<logT), q)
		if err != nil {
			b.Fatal(err)
		}
		y, _ := sumcheck.NewScalar(gens, v)
		claims[i] = claim{sp.Name, q, y}
	}
	withClaims := func(n int) (*Prover, *sumcheck.DLCProver) {
		p := newPool()
		for _, c := range claims[:n] {
			if err := p.Add(c.name, c.q, c.y); err != nil {
				b.Fatal(err)
			}
		}
		dlc, err := sumcheck.NewDLCProver(transcript.New())
		if err != nil {
			b.Fatal(err)
		}
		return p, dlc
	}
	red := func(n int) (wall, cpu time.Duration) {
		p, dlc := withClaims(n)
		runtime.GC() // no collection of earlier garbage inside the timing
		start, c0 := time.Now(), cpuTime()
		pprof.Do(context.Background(), pprof.Labels("claims", fmt.Sprint(n)), func(context.Context) {
			if _, _, err := p.reduce(dlc, gens); err != nil {
				b.Fatal(err)
			}
		})
		return time.Since(start), cpuTime() - c0
	}
	var one, all, oneCPU, allCPU time.Duration
	for b.Loop() {
		red(1) // warm-up: allocator, page faults
		one, all, oneCPU, allCPU = 1<<62, 1<<62, 1<<62, 1<<62
		for range 2 {
			w, c := red(1)
			one, oneCPU = min(one, w), min(oneCPU, c)
			w, c = red(len(claims))
			all, allCPU = min(all, w), min(allCPU, c)
		}
	}
	b.ReportMetric(float64(one.Milliseconds()), "red1_ms")
	b.ReportMetric(float64(all.Milliseconds()), "red64_ms")
	b.ReportMetric(float64(oneCPU.Milliseconds()), "red1_cpu_ms")
	b.ReportMetric(float64(allCPU.Milliseconds()), "red64_cpu_ms")
	b.ReportMetric(float64(all)/float64(one), "x_red1")
	b.ReportMetric(float64(allCPU)/float64(oneCPU), "cpu_x_red1")
	b.ReportMetric(float64(logBlob), "log_blob")
	if !small {
		return
	}
	p, dlc := withClaims(len(claims))
	var heap0 runtime.MemStats
	reset := memprobe.ResetPeak()
	runtime.ReadMemStats(&heap0)
	rss0 := memprobe.RSS()
	hs := memprobe.StartHeap(time.Millisecond)
	start, c0 := time.Now(), cpuTime()
	if _, err := p.Settle(dlc); err != nil {
		b.Fatal(err)
	}
	wall, cpu := time.Since(start), cpuTime()-c0
	heapPeak := hs.Stop()
	b.ReportMetric(float64(wall.Milliseconds()), "settle_ms")
	b.ReportMetric(float64(cpu.Milliseconds()), "settle_cpu_ms")
	if reset {
		b.ReportMetric(float64(max(memprobe.PeakRSS()-rss0, 0))/(1<<20), "settle_peak_rss_mb")
	}
	b.ReportMetric(float64(max(int64(heapPeak)-int64(heap0.HeapAlloc), 0))/(1<<20), "settle_peak_heap_mb")
}
