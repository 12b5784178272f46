package output

import (
	"testing"
	"time"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/sample"
)

// BenchmarkGadgetOutput proves the output binding over stories260K logits
// (V = 512) for G = T − 4 bound tokens, T = 256 (64 with -short), per rule.
// Metrics: prove_s and verify_s for the whole layers.Prove/Verify run (the
// stand-in logits' commitment included), proof_B = the gadget's own bytes
// (zero-check, selection sumcheck(s), limb openings), total_B = the whole
// proof, x_fixed = prove_s / the time of the same integer computation
// (sample.Rule.Choose on every row, noise included when sampling).
func BenchmarkGadgetOutput(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	q, _, w := layertest.Stories(b, T)
	V := q.Config.VocabSize
	logits := selected(w, V, 5)
	for _, c := range []struct {
		name string
		rule sample.Rule
	}{{"greedy", greedy()}, {"gumbel", gumbel(seedA)}, {"topk", topK(seedA, 40)}} {
		b.Run(c.name, func(b *testing.B) {
			tokens := choose(b, c.rule, logits)
			s := newSetup(b, V, logits, c.rule, tokens)
			span := &layertest.Span{}
			ps := []layers.ProverGadget{s.inputs, layertest.Recorder{ProverGadget: s.prover, Span: span}}
			vs := []layers.VerifierGadget{s.inputs.Public(), s.public}
			var prove, verify, integer time.Duration
			var size int
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s.public.noise = nil // the verifier computes N itself every time
				t0 := time.Now()
				proof, err := layertest.Prove(nil, ps)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := layertest.Verify(nil, vs, proof); err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				choose(b, c.rule, logits)
				prove, verify, integer = prove+t1.Sub(t0), verify+t2.Sub(t1), integer+time.Since(t2)
				size = len(proof)
			}
			N := float64(b.N)
			b.ReportMetric(prove.Seconds()/N, "prove_s")
			b.ReportMetric(verify.Seconds()/N, "verify_s")
			b.ReportMetric(float64(span.Hi-span.Lo), "proof_B")
			b.ReportMetric(float64(size), "total_B")
			b.ReportMetric(prove.Seconds()/integer.Seconds(), "x_fixed")
		})
	}
}
