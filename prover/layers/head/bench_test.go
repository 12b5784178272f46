package head

import (
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/rescale"
)

// integerLogits recomputes the head's lm_head as prover/model/fixed does:
// logits = rescale(x_f·W_clsᵀ, e) for the selected rows (the final norm's
// integer cost is the rmsnorm benchmark's).
func integerLogits(xf []int64, w []int16, d layers.Dims, shift int) []int64 {
	out := make([]int64, 0, d.G()*d.V)
	for g := 0; g < d.G(); g++ {
		x := xf[g*d.D : (g+1)*d.D]
		for v := 0; v < d.V; v++ {
			var acc int64
			row := w[v*d.D : (v+1)*d.D]
			for i, xi := range x {
				acc += xi * int64(row[i])
			}
			q, _, _ := rescale.RoundShift(acc, shift)
			out = append(out, q)
		}
	}
	return out
}

// BenchmarkGadgetHead: final norm + lm_head at stories260K shapes, T = 256
// (-short: 64), a 16-token prompt.
func BenchmarkGadgetHead(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	q, _, w := layertest.Stories(b, T)
	s := newSetup(b, q, w, min(16, T))
	d := s.prover.Dims
	cls, _ := q.Classifier()
	xf := w.XFinal[(d.P-1)*d.D:]
	if !slices.Equal(integerLogits(xf, cls.Data, d, cls.Exp), w.Logits[(d.P-1)*d.V:]) {
		b.Fatal("the integer reference differs from the witness")
	}
	layertest.Bench(b, s.weights, s.inputs, s.prover, s.verifier, func() error {
		integerLogits(xf, cls.Data, d, cls.Exp)
		return nil
	})
}
