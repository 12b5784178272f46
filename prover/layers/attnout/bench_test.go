package attnout

import (
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/rescale"
)

// BenchmarkGadgetAttnOut proves "attn_out" (O committed as stand-in input
// in the same proof) at stories260K shapes and T = 256 (64 with -short);
// metrics as layertest.Bench: proof_B is the gadget's own messages (a's
// rescale opening, the stacked matmul sumcheck, W_o's per-layer values,
// O's limb openings); x_fixed divides prove_s by the integer O·W_oᵀ and
// its rescale as prover/model/fixed computes them from the witness O.
func BenchmarkGadgetAttnOut(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	q, _, wit := layertest.Stories(b, T)
	c := newCase(b, q, wit)
	g, pub := c.gadget(b, false), c.gadget(b, true)
	var o [][]int64
	for _, lw := range wit.Layers {
		o = append(o, lw.O)
	}
	x := layertest.Stack(o)
	integer := func() error {
		acc, err := layertest.MatmulInt(q, "wo", g.Dims.L, g.Dims.T, x)
		if err != nil {
			return err
		}
		_, _, err = rescale.RescaleTensor(layers.TensorA, acc, g.EO, layers.FormatAct)
		return err
	}
	layertest.Bench(b, c.w, c.in, g, pub, integer)
}
