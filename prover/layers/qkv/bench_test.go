package qkv

import (
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/rescale"
)

// BenchmarkGadgetQKV proves "qkv" (x1 committed as stand-in input in the
// same proof) at stories260K shapes and T = 256 (64 with -short); metrics
// as layertest.Bench: proof_B is the gadget's own messages (three rescale
// openings, two RoPE Hadamards with a_0/a_1, two fused matmul sumchecks,
// the per-layer weight values and x1's limb openings); x_fixed divides
// prove_s by the integer computation of prover/model/fixed (x1·W_qᵀ,
// x1·W_kᵀ, x1·W_vᵀ, RoPE and the three rescales from the witness x1).
func BenchmarkGadgetQKV(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	c := storiesCase(b, T)
	g, pub := c.gadget(b, false), c.gadget(b, true)
	d := g.P.Dims
	var x1 [][]int64
	for _, lw := range c.wit.Layers {
		x1 = append(x1, lw.X1)
	}
	x := layertest.Stack(x1)
	rq, rk, rv := g.Rescales()
	integer := func() error {
		acc := map[string][]int64{}
		for _, role := range []string{"wq", "wk", "wv"} {
			a, err := layertest.MatmulInt(c.q, role, d.L, d.T, x)
			if err != nil {
				return err
			}
			acc[role] = a
		}
		if _, err := g.rope(rq.Name).Witness(rq, acc["wq"]); err != nil {
			return err
		}
		if _, err := g.rope(rk.Name).Witness(rk, acc["wk"]); err != nil {
			return err
		}
		_, _, err := rescale.RescaleTensor(rv.Name, acc["wv"], rv.Shift, layers.FormatV)
		return err
	}
	layertest.Bench(b, c.w, c.in, g, pub, integer)
}
