package layertest

import (
	"testing"
	"time"

	"github.com/zkllm/zkllm/internal/cputime"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/quant"
)

// Bench proves g (with the committed stand-in inputs in, which may be
// empty) and verifies it b.N times, and times integer — the same operation
// on integers as prover/model/fixed computes it — after each run. It
// reports prove_s and verify_s (the whole layers.Prove/Verify run, the
// inputs' commitment included), proof_B (g's own messages in the proof
// stream), total_B (the whole proof: advice rows, GKR, padding check,
// every gadget's messages, pool settlements, DLC proof), x_fixed =
// prove_s / the integer time, and prove_cpu_s: the process CPU time (all
// threads) spent proving, a figure that a loaded shared machine distorts
// less than wall time.
func Bench(b *testing.B, w *layers.WeightBlob, in Inputs, g layers.ProverGadget, pub layers.VerifierGadget, integer func() error) {
	b.Helper()
	span := &Span{}
	ps := []layers.ProverGadget{in, Recorder{ProverGadget: g, Span: span}}
	vs := []layers.VerifierGadget{in.Public(), pub}
	if len(in) == 0 {
		ps, vs = ps[1:], vs[1:]
	}
	var prove, verify, ints, cpu time.Duration
	var size int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c0 := cputime.Process()
		t0 := time.Now()
		proof, err := Prove(w, ps)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		cpu += cputime.Process() - c0
		if err := Verify(w, vs, proof); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if err := integer(); err != nil {
			b.Fatal(err)
		}
		prove, verify, ints = prove+t1.Sub(t0), verify+t2.Sub(t1), ints+time.Since(t2)
		size = len(proof)
	}
	n := float64(b.N)
	b.ReportMetric(prove.Seconds()/n, "prove_s")
	b.ReportMetric(verify.Seconds()/n, "verify_s")
	b.ReportMetric(float64(span.Hi-span.Lo), "proof_B")
	b.ReportMetric(float64(size), "total_B")
	b.ReportMetric(prove.Seconds()/ints.Seconds(), "x_fixed")
	b.ReportMetric(cpu.Seconds()/n, "prove_cpu_s")
}

// MatmulInt computes Σ_i W_ℓ[o][i]·x[ℓ][t][i] for every layer ℓ < L and
// position t < T in int64 as prover/model/fixed does (weights row-major
// [out][in] int16, layer ℓ's tensor layers.WeightName(ℓ, role)); x and the
// result are dense [width, T, L] (axis 0 fastest).
func MatmulInt(q *quant.Model, role string, L, T int, x []int64) ([]int64, error) {
	var out []int64
	for l := 0; l < L; l++ {
		w, err := q.Tensor(layers.WeightName(l, role))
		if err != nil {
			return nil, err
		}
		nOut, in := w.Shape[0], w.Shape[1]
		for t := 0; t < T; t++ {
			row := x[(l*T+t)*in : (l*T+t+1)*in]
			for o := 0; o < nOut; o++ {
				wr := w.Data[o*in : (o+1)*in]
				var s int64
				for i, xv := range row {
					s += int64(wr[i]) * xv
				}
				out = append(out, s)
			}
		}
	}
	return out, nil
}
