package rmsnorm

import (
	"errors"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// setup is one proof's gadgets: the committed inputs (checkpoints R and
// attn_out's a) and both layer norms.
type setup struct {
	d       layers.Dims
	q       *quant.Model
	w       *fixed.Witness
	weights *layers.WeightBlob
	inputs  layertest.Inputs
	attn    *Gadget
	ffn     *Gadget
	attnPub *Gadget
	ffnPub  *Gadget
	// only, when set, proves one of the two norms (soundness tests).
	only *Kind
}

func (s *setup) gadgets() ([]layers.ProverGadget, []layers.VerifierGadget) {
	ps := []layers.ProverGadget{s.inputs}
	vs := []layers.VerifierGadget{s.inputs.Public()}
	if s.only == nil || *s.only == Attn {
		ps, vs = append(ps, s.attn), append(vs, s.attnPub)
	}
	if s.only == nil || *s.only == FFN {
		ps, vs = append(ps, s.ffn), append(vs, s.ffnPub)
	}
	return ps, vs
}

func newSetup(t testing.TB, q *quant.Model, w *fixed.Witness) *setup {
	t.Helper()
	T := len(w.Tokens)
	d, err := layers.DimsOf(q.Config, T, T)
	if err != nil {
		t.Fatal(err)
	}
	s := &setup{d: d, q: q, w: w, weights: layertest.Weights(t, q)}
	ck := d.Checkpoints()
	s.inputs = layertest.Inputs{{Name: ck.Name, Shape: ck.Shape(), Data: layertest.Stack(w.R)}}
	var as [][]int64
	for _, lw := range w.Layers {
		as = append(as, lw.A)
	}
	s.inputs = append(s.inputs, layertest.CheckedInputs(t, layers.TensorA, layers.FormatAct, d.Act(d.D), layertest.Stack(as))...)
	if s.attn, err = NewLayerProver(Attn, d, q, w); err != nil {
		t.Fatal(err)
	}
	if s.ffn, err = NewLayerProver(FFN, d, q, w); err != nil {
		t.Fatal(err)
	}
	s.attnPub = s.public(t, Attn)
	s.ffnPub = s.public(t, FFN)
	return s
}

func (s *setup) public(t testing.TB, k Kind) *Gadget {
	t.Helper()
	wt, err := s.q.Tensor(layers.WeightName(0, k.Role()))
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewLayer(k, s.d, wt.Exp, params.Kappa(s.q.Config))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func (s *setup) run(t testing.TB) ([]byte, error) {
	t.Helper()
	ps, vs := s.gadgets()
	return layertest.Run(t, s.weights, ps, vs)
}

// proveVerify proves (a prover error counts as a refusal) and verifies.
func (s *setup) proveVerify(t testing.TB) (proof []byte, proveErr, verifyErr error) {
	ps, vs := s.gadgets()
	proof, proveErr = layertest.Prove(s.weights, ps)
	if proveErr != nil {
		return nil, proveErr, nil
	}
	return proof, nil, layertest.Verify(s.weights, vs, proof)
}

func (s *setup) mustReject(t *testing.T, what string) {
	t.Helper()
	_, pe, ve := s.proveVerify(t)
	if pe == nil && ve == nil {
		t.Fatalf("%s: accepted", what)
	}
	if pe == nil && !errors.Is(ve, layers.ErrReject) {
		t.Fatalf("%s: rejected without ErrReject: %v", what, ve)
	}
}

// checkAgainstFixed compares the gadgets' witnesses with the fixed-point
// forward pass: ρ per row and x = x1 / x2 per entry.
func (s *setup) checkAgainstFixed(t *testing.T) {
	t.Helper()
	for _, c := range []struct {
		g       *Gadget
		rho, x  func(fixed.LayerWitness) []int64
		context string
	}{
		{s.attn, func(l fixed.LayerWitness) []int64 { return l.AttnRho }, func(l fixed.LayerWitness) []int64 { return l.X1 }, "attn"},
		{s.ffn, func(l fixed.LayerWitness) []int64 { return l.FFNRho }, func(l fixed.LayerWitness) []int64 { return l.X2 }, "ffn"},
	} {
		var rho, x [][]int64
		for _, lw := range s.w.Layers {
			rho, x = append(rho, c.rho(lw)), append(x, c.x(lw))
		}
		if !slices.Equal(c.g.Norm.Rho(), layertest.Stack(rho)) || !slices.Equal(c.g.Norm.X(), layertest.Stack(x)) {
			t.Fatalf("%s: ρ or x differs from prover/model/fixed", c.context)
		}
	}
}

func TestStoriesHonest(t *testing.T) {
	q, _, w := layertest.Stories(t, 8)
	s := newSetup(t, q, w)
	s.checkAgainstFixed(t)
	if _, err := s.run(t); err != nil {
		t.Fatalf("honest stories260K norms rejected: %v", err)
	}
}

func TestRandomShapesHonest(t *testing.T) {
	cfg := layertest.SmallConfig() // GQA, D = 48, L = 3 (padded to 4)
	for _, T := range []int{5, 3} {
		q, _, w := layertest.Random(t, cfg, T, byte(T))
		s := newSetup(t, q, w)
		s.checkAgainstFixed(t)
		if _, err := s.run(t); err != nil {
			t.Fatalf("T = %d: honest random-shape norms rejected: %v", T, err)
		}
	}
	// One layer: the layer axis has no variables (the Hadamard at d = 3).
	cfg.NLayers = 1
	q, _, w := layertest.Random(t, cfg, 4, 1)
	s := newSetup(t, q, w)
	s.checkAgainstFixed(t)
	if _, err := s.run(t); err != nil {
		t.Fatalf("L = 1: honest norms rejected: %v", err)
	}
}

// smallSetup proves only the norm of kind k on the small random shape.
func smallSetup(t *testing.T, k Kind) *setup {
	t.Helper()
	q, _, w := layertest.Random(t, layertest.SmallConfig(), 5, 9)
	s := newSetup(t, q, w)
	s.only = &k
	return s
}

// A free reciprocal root (attack 13): ρ off by ±1 or chosen freely, e_1
// and e_2 adjusted to the forged ρ and wrapped into [0, 2^96), x following
// the forged ρ — the floor-sqrt zero-check rejects it.
func TestFreeReciprocalRootRejected(t *testing.T) {
	for _, c := range []struct {
		row   int
		delta int64
	}{{0, 1}, {0, -1}, {7, 5}, {2, -1000}} {
		if testing.Short() && c.row != 0 {
			continue
		}
		k := FFN
		if c.row == 7 {
			k = Attn
		}
		s := smallSetup(t, k)
		g := s.ffn
		if k == Attn {
			g = s.attn
		}
		g.Norm.hooks.forgeRow, g.Norm.hooks.forgeDelta = c.row, c.delta
		recompute(t, g.Norm, g.Norm.w.g)
		if slices.Equal(g.Norm.X(), honestX(t, s, g.Kind)) && c.delta != 0 {
			t.Logf("row %d δ %d: forged x equals the honest one", c.row, c.delta)
		}
		s.mustReject(t, "forged ρ")
	}
}

// recompute rebuilds n's witness from its inputs with weights g.
func recompute(t *testing.T, n *Norm, g [][]int64) {
	t.Helper()
	h := n.w.hd
	n.w = &witness{}
	if err := n.compute(h, g); err != nil {
		t.Fatal(err)
	}
}

func weightsOf(t *testing.T, q *quant.Model, k Kind, d layers.Dims) [][]int64 {
	t.Helper()
	out := make([][]int64, d.L)
	for l := range out {
		wt, err := q.Tensor(layers.WeightName(l, k.Role()))
		if err != nil {
			t.Fatal(err)
		}
		out[l] = widen(wt.Data)
	}
	return out
}

func honestX(t *testing.T, s *setup, k Kind) []int64 {
	var x [][]int64
	for _, lw := range s.w.Layers {
		if k == FFN {
			x = append(x, lw.X2)
		} else {
			x = append(x, lw.X1)
		}
	}
	return layertest.Stack(x)
}

// Changed committed values: one output element, one intermediate (ρ, e_1,
// e_2, the rescale remainder), one padded entry — all rejected.
func TestTamperedValuesRejected(t *testing.T) {
	s0 := smallSetup(t, Attn)
	padRow := s0.d.Rows().Index(s0.d.T, 0) // t = T is padding
	for _, c := range []struct {
		name   string
		tensor string
		idx    int
	}{
		{"output x1", layers.TensorX1 + "#l0", 3},
		{"intermediate ρ", layers.TensorAttnRho + "#l0", 1},
		{"intermediate e_1", layers.TensorAttnE1 + "#l0", 2},
		{"intermediate e_2", layers.TensorAttnE2 + "#l1", 0},
		{"remainder", layers.TensorX1 + "#rem#l0", 5},
		{"padded ρ", layers.TensorAttnRho + "#l0", padRow},
	} {
		if testing.Short() && c.name != "output x1" && c.name != "padded ρ" {
			continue
		}
		s := smallSetup(t, Attn)
		s.attn.Norm.hooks.tamper = func(vals map[string][]int64) {
			v, ok := vals[c.tensor]
			if !ok {
				t.Fatalf("no tensor %q", c.tensor)
			}
			v[c.idx] = v[c.idx] ^ 1
		}
		s.mustReject(t, c.name)
	}
}

// A weight the prover used that is not the committed one is rejected.
func TestChangedWeightRejected(t *testing.T) {
	s := smallSetup(t, FFN)
	gs := weightsOf(t, s.q, FFN, s.d)
	gs[1][4] += 3
	recompute(t, s.ffn.Norm, gs)
	s.mustReject(t, "changed weight")
}

// A verifier gadget that forgets its claims on h fails at the ledger.
func TestDroppedClaimRejected(t *testing.T) {
	s := smallSetup(t, FFN)
	s.ffnPub.Norm.hooks.dropH = true
	_, pe, ve := s.proveVerify(t)
	if pe != nil || !errors.Is(ve, claims.ErrUnsettled) {
		t.Fatalf("dropped h claims: prove %v, verify %v", pe, ve)
	}
}

// The zero-check's degree is the form's: a prover at d = 4 (< 5) is
// refused before any byte.
func TestZeroCheckDegreeFixed(t *testing.T) {
	s := smallSetup(t, Attn)
	s.attn.Norm.hooks.zeroCheckDegree = 4
	if _, pe, _ := s.proveVerify(t); !errors.Is(pe, sumcheck.ErrForm) {
		t.Fatalf("zero-check at degree 4: %v", pe)
	}
}

// Every proof element of the gadget (a bit flip, and +G on each point, at
// every step-th 48-byte chunk of its bytes) is rejected.
func TestProofElementsRejected(t *testing.T) {
	s := smallSetup(t, FFN)
	step := 6
	if testing.Short() {
		step = 30
	}
	tried, n := layertest.ProofElements(t, s.weights, s.inputs, s.ffn, s.ffnPub, step)
	t.Logf("%d forgeries over %d gadget bytes", tried, n)
}

// The instances' shapes are the protocol's: the zero-check at d = 5 with
// exactly the products ρ·ρ, ρ²·u, ρ·u; the output Hadamard (batched with
// the sum of squares) at d = 3 with four factors on one layer (the final
// norm) and d = 4 stacked, with the products h·ρ, hρ·g, h·h.
func TestInstanceShapes(t *testing.T) {
	d := layers.Dims{D: 48, F: 72, H: 3, Hkv: 1, Dh: 16, L: 3, V: 37, T: 5, P: 2}
	kappa := params.Kappa(layertest.SmallConfig())
	for _, c := range []struct {
		spec Spec
		had  int
	}{{LayerSpec(Attn, d, 12, kappa), 4}, {FinalSpec(d, 12, kappa, "h"), 3}} {
		w := claims.Point{}
		zc := c.spec.zeroCheck(w, fr.One())
		zc.NumVars = c.spec.logRows()
		zc.EqPoints = [][]fr.Element{make([]fr.Element, c.spec.logRows())}
		form, err := zc.Form()
		if err != nil {
			t.Fatal(err)
		}
		if form.Degree != 5 || form.NumProducts() != 3 || form.NumFinals() != 4 {
			t.Fatalf("zero-check: d = %d, %d products, %d finals", form.Degree, form.NumProducts(), form.NumFinals())
		}
		u := claims.FromLeaf(make([]fr.Element, c.spec.Act().LogSize()))
		rz := claims.FromLeaf(make([]fr.Element, c.spec.logRows()))
		in := c.spec.batched(u, rz, fr.One())
		hf, err := in.Form()
		if err != nil {
			t.Fatal(err)
		}
		if hf.Degree != c.had || len(hf.Terms[0].Factors) != 4 || hf.VariableDegree() != c.had || hf.NumProducts() != 3 {
			t.Fatalf("Hadamard: d = %d (per-variable %d) with %d factors, %d products; want d = %d", hf.Degree, hf.VariableDegree(), len(hf.Terms[0].Factors), hf.NumProducts(), c.had)
		}
		// One degree less is refused by the form (§5.4).
		in.Degree--
		if _, err := in.Form(); !errors.Is(err, sumcheck.ErrForm) {
			t.Fatalf("Hadamard at d = %d: %v", in.Degree, err)
		}
	}
}
