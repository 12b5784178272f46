package rmsnorm

import (
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
)

const selName = "hsel" // the selected rows, committed directly in these tests

// finalSetup builds the final norm on rows P−1…T−1 of R_L, the selected
// rows committed as a plain input tensor whose claims go to the pool.
func finalSetup(t testing.TB, q *quant.Model, w *fixed.Witness, P int) (layertest.Inputs, *Component, *Component, []int64, []int64) {
	t.Helper()
	T := len(w.Tokens)
	d, err := layers.DimsOf(q.Config, T, P)
	if err != nil {
		t.Fatal(err)
	}
	last := w.R[d.L]
	h := last[(P-1)*d.D:]
	gt, err := q.Tensor(FinalWeight)
	if err != nil {
		t.Fatal(err)
	}
	spec := FinalSpec(d, gt.Exp, params.Kappa(q.Config), selName)
	in := layertest.Inputs{{Name: selName, Shape: spec.Act(), Data: h}}
	n, err := NewProver(spec, h, [][]int64{widen(gt.Data)})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	pool := func(p *layers.Prover, c *claims.ProverClaim) error { return p.Pool(c) }
	poolV := func(v *layers.Verifier, c *claims.VerifierClaim) error { return v.Pool(c) }
	return in, &Component{Label: "final_norm", Norm: n, Prover: pool}, &Component{Label: "final_norm", Norm: pub, Verif: poolV},
		w.FinalRho[P-1:], w.XFinal[(P-1)*d.D:]
}

func TestFinalNormHonest(t *testing.T) {
	q, _, w := layertest.Stories(t, 8)
	in, pg, vg, rho, x := finalSetup(t, q, w, 5)
	if !slices.Equal(pg.Norm.Rho(), rho) || !slices.Equal(pg.Norm.X(), x) {
		t.Fatal("final norm ρ or x differs from prover/model/fixed")
	}
	weights := layertest.Weights(t, q)
	if _, err := layertest.Run(t, weights, []layers.ProverGadget{in, pg}, []layers.VerifierGadget{in.Public(), vg}); err != nil {
		t.Fatalf("honest final norm rejected: %v", err)
	}
	// A free reciprocal root on a selected row is rejected.
	pg.Norm.hooks.forgeRow, pg.Norm.hooks.forgeDelta = 1, 1
	recompute(t, pg.Norm, pg.Norm.w.g)
	proof, err := layertest.Prove(weights, []layers.ProverGadget{in, pg})
	if err != nil {
		t.Fatal(err)
	}
	if err := layertest.Verify(weights, []layers.VerifierGadget{in.Public(), vg}, proof); err == nil {
		t.Fatal("forged final-norm ρ accepted")
	}
}
