package residual

import (
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/layers/layertest"
)

// integerResidual recomputes what the gadget proves, as prover/model/fixed
// does: R_0 from the embedding rows, R_{ℓ+1} = R_ℓ + a_ℓ + f_ℓ.
func integerResidual(s *setup, emb []int16, a, f [][]int64) [][]int64 {
	d := s.dims
	out := make([][]int64, d.L+1)
	out[0] = make([]int64, d.T*d.D)
	for t, tok := range s.prover.Tokens {
		for j := 0; j < d.D; j++ {
			out[0][t*d.D+j] = int64(emb[tok*d.D+j]) << (16 - s.prover.EmbedExp)
		}
	}
	for l := 0; l < d.L; l++ {
		out[l+1] = make([]int64, d.T*d.D)
		for i := range out[l+1] {
			out[l+1][i] = out[l][i] + a[l][i] + f[l][i]
		}
	}
	return out
}

// BenchmarkGadgetResidual: the checkpoint gadget at stories260K shapes,
// T = 256 (-short: 64).
func BenchmarkGadgetResidual(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	q, _, w := layertest.Stories(b, T)
	s := newSetup(b, q, w.Tokens, w)
	emb, _ := q.Tensor(EmbedName)
	var a, f [][]int64
	for _, lw := range w.Layers {
		a, f = append(a, lw.A), append(f, lw.F)
	}
	for l, r := range integerResidual(s, emb.Data, a, f) {
		if !slices.Equal(r, w.R[l]) {
			b.Fatalf("the integer reference differs from the witness at slot %d", l)
		}
	}
	layertest.Bench(b, s.weights, s.inputs, s.prover, s.verifier, func() error {
		integerResidual(s, emb.Data, a, f)
		return nil
	})
}
