package fixed

import (
	"crypto/sha256"
	"testing"

	"github.com/zkllm/zkllm/internal/cputime"
	"github.com/zkllm/zkllm/prover/model/floatref"
)

// benchSeq tokens are consumed per iteration: a teacher-forced pass with the
// KV cache, positions 0..benchSeq−1 (what generation of benchSeq tokens costs).
const benchSeq = 256

func benchTokens(b *testing.B, i int) int { return (i*7 + 403) % 512 }

// loopTokens runs f b.N times and reports wall and CPU tokens/s; it returns
// CPU ns per iteration.
func loopTokens(b *testing.B, f func()) float64 {
	c0 := cputime.Process()
	for b.Loop() {
		f()
	}
	cpu := float64((cputime.Process() - c0).Nanoseconds()) / float64(b.N)
	b.ReportMetric(float64(benchSeq)*1e9/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "tok/s")
	b.ReportMetric(float64(benchSeq)*1e9/cpu, "cpu-tok/s")
	return cpu
}

// BenchmarkInference reports tokens/s of the float reference and the
// fixed-point engine on stories260K in the same run, and their ratio.
//
// On a shared machine, instruction counts are the stable figure:
//
//	go test -c -o /tmp/fixed.test ./prover/model/fixed
//	GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind \
//	  --toggle-collect='github.com/zkllm/zkllm/prover/model/fixed.(*Engine).Step' \
//	  /tmp/fixed.test -test.run XXX -test.bench 'Inference/fixed$' -test.benchtime 1x
//
// (divide "Collected" by 256 tokens; use floatref.(*Engine).Step and
// 'Inference/float$' for the reference).
func BenchmarkInference(b *testing.B) {
	m, q := stories(b)
	if _, err := New(q, 1, Options{}); err != nil { // build tables outside the timing
		b.Fatal(err)
	}
	var floatNs, fixedNs float64
	// A machine-speed yardstick in the same run (TOOLCHAIN.md quotes SHA-256 at
	// about 1.8 GB/s on an idle core of this machine kind): on a busy machine
	// the tokens/s figures scale down by the same factor.
	b.Run("sha256-yardstick", func(b *testing.B) {
		buf := make([]byte, 1<<20)
		b.SetBytes(int64(len(buf)))
		for b.Loop() {
			sha256.Sum256(buf)
		}
	})
	b.Run("float", func(b *testing.B) {
		floatNs = loopTokens(b, func() {
			e, _ := floatref.New(m, benchSeq)
			for i := range benchSeq {
				if _, err := e.Step(benchTokens(b, i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("fixed", func(b *testing.B) {
		fixedNs = loopTokens(b, func() {
			e, _ := New(q, benchSeq, Options{})
			for i := range benchSeq {
				if _, err := e.Step(benchTokens(b, i)); err != nil {
					b.Fatal(err)
				}
			}
		})
		if floatNs > 0 {
			b.ReportMetric(fixedNs/floatNs, "fixed/float-cpu")
		}
	})
	b.Run("fixed+witness", func(b *testing.B) {
		loopTokens(b, func() {
			e, _ := New(q, benchSeq, Options{RecordWitness: true})
			for i := range benchSeq {
				if _, err := e.Step(benchTokens(b, i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
