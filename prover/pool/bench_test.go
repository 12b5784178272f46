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
// blob of 64 tensors of 2^18 (2^16 and 2^10 under -short): 64 claims, one
// per tensor, covering the whole blob, against 1 claim on one tensor, in
// the same run. Each case runs once to warm up, then twice, keeping the
// fastest. Reported: both times (wall and CPU) and x_red1, cpu_x_red1 =
// 64 claims / 1 claim (issue 18 asks ≤ 2). The timed RED runs carry the
// pprof label claims=1 or claims=64 (go tool pprof -tagfocus=claims=64).
func BenchmarkRED(b *testing.B) {
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
	values := make([]fr.Element, layout.Size())
	field.Parallel(len(values), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			values[i].SetUint64(uint64(i)*0x9e3779b97f4a7c15 ^ 0x5bd1e995)
		}
	})
	blinds := make([]fr.Element, 1<<(logBlob-shape.LogC)) // unused by RED
	gens, err := pedersen.Get(1 << shape.LogC)
	if err != nil {
		b.Fatal(err)
	}
	// Honest claims t(q) = y, one per tensor.
	type claim struct {
		name string
		q    []fr.Element
		y    sumcheck.Scalar
	}
	claims := make([]claim, len(specs))
	for i, sp := range specs {
		t, _ := layout.Lookup(sp.Name)
		q := field.RandomScalars(logT)
		v, err := mle.Evaluate(values[t.Offset:t.Offset+(1<<logT)], q)
		if err != nil {
			b.Fatal(err)
		}
		y, _ := sumcheck.NewScalar(gens, v)
		claims[i] = claim{sp.Name, q, y}
	}
	red := func(n int) (wall, cpu time.Duration) {
		p, err := NewProver(shape, values, blinds)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range claims[:n] {
			if err := p.Add(c.name, c.q, c.y); err != nil {
				b.Fatal(err)
			}
		}
		dlc, err := sumcheck.NewDLCProver(transcript.New())
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // no collection of earlier garbage inside the timing
		start, c0 := time.Now(), cpuTime()
		pprof.Do(context.Background(), pprof.Labels("claims", fmt.Sprint(n)), func(context.Context) {
			if _, _, err := p.reduce(dlc, gens, values); err != nil {
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
}
