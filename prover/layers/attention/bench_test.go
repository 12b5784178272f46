package attention

import (
	"testing"
	"time"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
)

// BenchmarkGadgetAttention proves the attention gadget (with the stand-in
// inputs Q_r, K_r, V committed in the same proof) at stories260K shapes and
// T = 256 (64 with -short). Metrics: prove_s and verify_s for the whole
// layers.Prove/Verify run (the inputs' commitment included), proof_B = the
// gadget's own proof bytes (its messages in the stream: digit openings,
// four sumchecks with their final values and product proofs, limb openings
// of O, Q_r, K_r, V, the band value; not the shared advice rows, GKR,
// padding check, pool settlement and DLC proof), total_B = the whole
// proof, x_fixed = prove_s / the time of the same integer computation as
// prover/model/fixed (scores, digits, Y from EXPC, the row sums and
// O = rescale(Y·V, 18) for every head, row and layer, from the witness
// inputs and ẑ).
func BenchmarkGadgetAttention(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	s := storiesSetup(b, T)
	g, pub := s.gadgets(b, hooks{}, hooks{})
	span := &layertest.Span{}
	ps := []layers.ProverGadget{s.in, layertest.Recorder{ProverGadget: g, Span: span}}
	vs := []layers.VerifierGadget{s.in.Public(), pub}
	var prove, verify, integer time.Duration
	var size int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
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
		if _, err := g.buildWitness(s.lw); err != nil {
			b.Fatal(err)
		}
		prove, verify, integer = prove+t1.Sub(t0), verify+t2.Sub(t1), integer+time.Since(t2)
		size = len(proof)
	}
	N := float64(b.N)
	b.ReportMetric(prove.Seconds()/N, "prove_s")
	b.ReportMetric(verify.Seconds()/N, "verify_s")
	b.ReportMetric(float64(span.Hi-span.Lo), "proof_B")
	b.ReportMetric(float64(size), "total_B")
	b.ReportMetric(prove.Seconds()/integer.Seconds(), "x_fixed")
}
