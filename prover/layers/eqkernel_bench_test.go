package layers

import (
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/internal/cputime"
	"github.com/zkllm/zkllm/internal/memprobe"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// BenchmarkPaddingCheck: the advice padding zero-check (Σ eq(w,x)·Pad(x)·A(x)
// = 0) on NewEqMaskSmallKernel over a 2^24 int32 blob (2^18 with -short),
// two thirds real entries in runs, the rest padding and zero, as phase C
// proves it. Reported: wall and CPU ms and the peak Go heap during the
// proof, per entry (the first field tables of the kernel dominate it).
func BenchmarkPaddingCheck(b *testing.B) {
	n := 24
	if testing.Short() {
		n = 18
	}
	size := 1 << n
	mask := make([]bool, size)
	v := make([]int32, size)
	for x := range size {
		if mask[x] = x%3 == 2; !mask[x] {
			v[x] = int32(x*2654435761) >> 8
		}
	}
	w := field.RandomScalars(n)
	one := fr.One()
	in := sumcheck.ZeroCheck(w, 1, []sumcheck.Term{{Coeff: one, Factors: []int{1}}})
	var zero sumcheck.Scalar
	prove := func() {
		dlc, err := sumcheck.NewDLCProver(transcript.New())
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := in.ProveKernel(dlc, NewEqMaskSmallKernel(w, mask, v), zero); err != nil {
			b.Fatal(err)
		}
	}
	prove() // warm-up: generators, scratch
	var wall, cpu time.Duration
	var heap uint64
	for b.Loop() {
		memprobe.ResetPeak()
		s := memprobe.StartHeap(5 * time.Millisecond)
		start, c0 := time.Now(), cputime.Process()
		prove()
		wall, cpu = wall+time.Since(start), cpu+cputime.Process()-c0
		heap = max(heap, s.Stop())
	}
	b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "prove_ms")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "prove_cpu_ms")
	b.ReportMetric(float64(heap)/float64(size), "peak_heap_B/entry")
}
