package ffn

import (
	"fmt"
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tables"
)

// BenchmarkGadgetFFN proves "ffn" (x2 committed as stand-in input in the
// same proof; the SILU table's 2^20 multiplicities are part of its
// advice) at stories260K shapes and T = 256 (64 with -short); metrics as
// layertest.Bench: proof_B is the gadget's own messages (four rescale
// openings, the fused gate/up matmul, the s⊙up Hadamard, the down matmul,
// the per-layer weight values, limb openings of x2, up and p); x_fixed
// divides prove_s by the integer SwiGLU of prover/model/fixed (three
// matmuls, four rescales, the SILU lookups) from the witness x2.
func BenchmarkGadgetFFN(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	q, _, wit := layertest.Stories(b, T)
	c := newCase(b, q, wit)
	g, pub := c.gadget(b, false), c.gadget(b, true)
	d := g.Dims
	var x2 [][]int64
	for _, lw := range wit.Layers {
		x2 = append(x2, lw.X2)
	}
	x := layertest.Stack(x2)
	silu, err := tables.SiLU()
	if err != nil {
		b.Fatal(err)
	}
	integer := func() error {
		gate, err := layertest.MatmulInt(q, "w1", d.L, d.T, x)
		if err != nil {
			return err
		}
		upAcc, err := layertest.MatmulInt(q, "w3", d.L, d.T, x)
		if err != nil {
			return err
		}
		u, _, err := rescale.RescaleTensor(layers.TensorU, gate, g.E1+params.GateShift, layers.FormatSiLUIn)
		if err != nil {
			return err
		}
		up, _, err := rescale.RescaleTensor(layers.TensorUp, upAcc, g.E3, layers.FormatAct)
		if err != nil {
			return err
		}
		prod := make([]int64, len(u))
		for i, v := range u {
			s, ok := silu.Lookup(v)
			if !ok {
				return fmt.Errorf("u[%d] = %d outside SILU", i, v)
			}
			prod[i] = s * up[i]
		}
		p, _, err := rescale.RescaleTensor(layers.TensorP, prod, params.HadShift, layers.FormatAct)
		if err != nil {
			return err
		}
		down, err := layertest.MatmulInt(q, "w2", d.L, d.T, p)
		if err != nil {
			return err
		}
		_, _, err = rescale.RescaleTensor(layers.TensorF, down, g.E2, layers.FormatAct)
		return err
	}
	layertest.Bench(b, c.w, c.in, g, pub, integer)
}
