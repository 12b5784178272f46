package synth

import (
	"testing"

	"github.com/zkllm/zkllm/prover/model/fixed"
)

// BenchmarkFixed7BLayer: fixed-point inference with the KV cache through one
// LLaMA-2-7B-shaped layer plus the 32000-token classifier (about 1 GB of int16
// weights), 16 positions per iteration.
func BenchmarkFixed7BLayer(b *testing.B) {
	var seed [32]byte
	q, err := QuantizedSeeded(Config7B(1), seed)
	if err != nil {
		b.Fatal(err)
	}
	const positions = 16
	for b.Loop() {
		e, err := fixed.New(q, positions, fixed.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range positions {
			if _, err := e.Step(i * 997 % 32000); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(positions*b.N)/b.Elapsed().Seconds(), "tok/s")
}
