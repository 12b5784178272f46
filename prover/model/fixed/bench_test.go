package fixed

import (
	"testing"

	"github.com/zkllm/zkllm/prover/model/floatref"
)

// benchSeq tokens are consumed per iteration: a teacher-forced pass with the
// KV cache, positions 0..benchSeq−1 (what generation of benchSeq tokens costs).
const benchSeq = 256

func benchTokens(b *testing.B, i int) int { return (i*7 + 403) % 512 }

// BenchmarkInference reports tokens/s of the float reference and the
// fixed-point engine on stories260K in the same run, and their ratio.
func BenchmarkInference(b *testing.B) {
	m, q := stories(b)
	if _, err := New(q, 1, Options{}); err != nil { // build tables outside the timing
		b.Fatal(err)
	}
	var floatNs, fixedNs float64
	b.Run("float", func(b *testing.B) {
		for b.Loop() {
			e, _ := floatref.New(m, benchSeq)
			for i := range benchSeq {
				if _, err := e.Step(benchTokens(b, i)); err != nil {
					b.Fatal(err)
				}
			}
		}
		floatNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(float64(benchSeq)*1e9/floatNs, "tok/s")
	})
	b.Run("fixed", func(b *testing.B) {
		for b.Loop() {
			e, _ := New(q, benchSeq, Options{})
			for i := range benchSeq {
				if _, err := e.Step(benchTokens(b, i)); err != nil {
					b.Fatal(err)
				}
			}
		}
		fixedNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(float64(benchSeq)*1e9/fixedNs, "tok/s")
		if floatNs > 0 {
			b.ReportMetric(fixedNs/floatNs, "fixed/float")
		}
	})
	b.Run("fixed+witness", func(b *testing.B) {
		for b.Loop() {
			e, _ := New(q, benchSeq, Options{RecordWitness: true})
			for i := range benchSeq {
				if _, err := e.Step(benchTokens(b, i)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(benchSeq)*1e9/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "tok/s")
	})
}
