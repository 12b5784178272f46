package matmul_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/layers/matmul"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/synth"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// fused is a test gadget: Y_m = rescale(X·W_mᵀ, k_m) for the weights of
// m (all sharing X), X a plain committed input, each Y_m committed through
// its rescale limbs. It starts from fresh points (a shared token/layer
// point, one output point per weight), reduces the accumulators through
// the fused matmul and pools the claim on X.
type fused struct {
	m      matmul.Layer
	shifts []int
	x      []int64   // dense [In, T, L] (prover)
	accs   [][]int64 // dense [Out_m, T, L] (prover)
	hooks  hooks
}

type hooks struct {
	dropX   bool // verifier: leaves the X claim open
	padX    bool // prover: a nonzero padded entry of X
	wrongX  bool // prover: folds another X than the committed one
	skipMu  bool // verifier: only the first weight's claim (wrong μ-combination)
	spanOut *layertest.Span
}

func (g *fused) Name() string { return "fused" }

func (g *fused) xShape() layers.Shape { return layers.Shape{g.m.In, g.m.T, g.m.L} }

func (g *fused) out(k int) rescale.Rescale {
	s := layers.Shape{g.m.Weights[k].Out, g.m.T, g.m.L}
	return rescale.Rescale{Name: "y." + g.m.Weights[k].Role, Shift: g.shifts[k], Out: rescale.Signed(40), LogSize: s.LogSize()}
}

func (g *fused) Tensors() ([]pedersen.TensorSpec, error) {
	out := []pedersen.TensorSpec{g.xShape().Spec(g.m.X)}
	for k, w := range g.m.Weights {
		out = append(out, layers.RescaleSpecs(layers.Shape{w.Out, g.m.T, g.m.L}, g.out(k))...)
	}
	return out, nil
}

func (g *fused) Lookups() ([]tlookup.Lookup, error) {
	var out []tlookup.Lookup
	for k := range g.m.Weights {
		l, err := g.out(k).Lookups()
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	return out, nil
}

func (g *fused) Witness() (map[string][]int64, []tlookup.Column, error) {
	x, err := g.xShape().Pad(g.x)
	if err != nil {
		return nil, nil, err
	}
	if g.hooks.padX {
		x[len(x)-1] = 5
	}
	vals := map[string][]int64{g.m.X: x}
	var cols []tlookup.Column
	for k, w := range g.m.Weights {
		acc, err := layers.Shape{w.Out, g.m.T, g.m.L}.Pad(g.accs[k])
		if err != nil {
			return nil, nil, err
		}
		rw, err := g.out(k).Witness(acc)
		if err != nil {
			return nil, nil, err
		}
		cols = append(cols, layers.PutRescale(vals, g.out(k), rw)...)
	}
	return vals, cols, nil
}

func (g *fused) points(fresh func(string, int) claims.Point) []claims.Point {
	ut := fresh(transcript.LabelPointU, mle.Log2Ceil(g.m.T))
	ul := fresh(transcript.LabelPointV, mle.Log2Ceil(g.m.L))
	out := make([]claims.Point, len(g.m.Weights))
	for k, w := range g.m.Weights {
		out[k] = claims.Concat(fresh(transcript.LabelPointU, mle.Log2Ceil(w.Out)), ut, ul)
	}
	return out
}

func (g *fused) Prove(p *layers.Prover) error {
	var accs []*claims.ProverClaim
	for k, u := range g.points(p.Fresh) {
		acc, q, err := p.RescaleAt(g.out(k), u)
		if err != nil {
			return err
		}
		if err := p.Consume(q); err != nil {
			return err
		}
		accs = append(accs, acc)
	}
	x, err := p.Table(g.m.X)
	if err != nil {
		return err
	}
	if g.hooks.wrongX {
		x[0].Add(&x[0], new(fr.Element).SetOne())
	}
	xc, err := g.m.Prove(p, x, accs)
	if err != nil {
		return err
	}
	return p.Pool(xc)
}

func (g *fused) Verify(v *layers.Verifier) error {
	var accs []*claims.VerifierClaim
	for k, u := range g.points(v.Fresh) {
		acc, q, err := v.RescaleAt(g.out(k), u)
		if err != nil {
			return err
		}
		if err := v.Consume(q); err != nil {
			return err
		}
		accs = append(accs, acc)
	}
	xc, err := g.m.Verify(v, accs)
	if err != nil {
		return err
	}
	if g.hooks.dropX {
		return nil
	}
	return v.Pool(xc)
}

func (g *fused) public() *fused {
	return &fused{m: g.m, shifts: g.shifts, hooks: hooks{dropX: g.hooks.dropX}}
}

// randomCase builds a fused matmul over a small random model (GQA,
// non-power-of-two widths and layer count) with random inputs.
func randomCase(t testing.TB, seed uint64, T int) (*fused, *layers.WeightBlob) {
	return randomCaseL(t, seed, T, 3)
}

// randomCaseL is randomCase with L layers.
func randomCaseL(t testing.TB, seed uint64, T, L int) (*fused, *layers.WeightBlob) {
	t.Helper()
	cfg := model.Config{Dim: 24, HiddenDim: 40, NLayers: L, NHeads: 3, NKVHeads: 1, VocabSize: 50, SeqLen: 16, NormEps: 1e-5, RopeTheta: 10000}
	var s [32]byte
	s[0] = byte(seed)
	q, err := synth.QuantizedSeeded(cfg, s)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]int64, cfg.Dim*T*cfg.NLayers)
	for i := range x {
		x[i] = int64(rng.IntN(1<<17)) - 1<<16
	}
	g := &fused{
		m: matmul.Layer{X: "x", In: cfg.Dim, T: T, L: cfg.NLayers,
			Weights: []matmul.Weight{{Role: "wq", Out: cfg.Dim}, {Role: "wk", Out: cfg.KVDim()}, {Role: "w1", Out: 0}}},
		x: x,
	}
	// w1 is [d_ff, d]: another output width on the same input.
	g.m.Weights[2].Out = cfg.HiddenDim
	for _, w := range g.m.Weights {
		e, _ := q.Tensor(layers.WeightName(0, w.Role))
		g.shifts = append(g.shifts, e.Exp)
		acc, err := layertest.MatmulInt(q, w.Role, cfg.NLayers, T, x)
		if err != nil {
			t.Fatal(err)
		}
		g.accs = append(g.accs, acc)
	}
	return g, layertest.Weights(t, q)
}

func run(t *testing.T, w *layers.WeightBlob, g, pub *fused) error {
	t.Helper()
	_, err := layertest.Run(t, w, []layers.ProverGadget{g}, []layers.VerifierGadget{pub})
	return err
}

func TestLayerRandomShapes(t *testing.T) {
	for _, T := range []int{5, 8} {
		g, w := randomCaseL(t, uint64(T), T, T-4) // 1 layer (no layer variable, d = 2), then 4
		if err := run(t, w, g, g.public()); err != nil {
			t.Fatalf("T = %d, L = %d: honest fused matmul rejected: %v", T, T-4, err)
		}
		g, w = randomCase(t, uint64(T), T)
		if err := run(t, w, g, g.public()); err != nil {
			t.Fatalf("T = %d: honest fused matmul rejected: %v", T, err)
		}
	}
}

func TestLayerSingleWeightStories(t *testing.T) {
	q, _, wit := layertest.Stories(t, 8)
	c := q.Config
	var x, acc [][]int64
	for _, lw := range wit.Layers {
		x, acc = append(x, lw.X1), append(acc, lw.VAcc)
	}
	e, _ := q.Tensor(layers.WeightName(0, "wv"))
	g := &fused{m: matmul.Layer{X: "x", In: c.Dim, T: 8, L: c.NLayers, Weights: []matmul.Weight{{Role: "wv", Out: c.KVDim()}}},
		shifts: []int{e.Exp + 4}, x: layertest.Stack(x), accs: [][]int64{layertest.Stack(acc)}}
	if err := run(t, layertest.Weights(t, q), g, g.public()); err != nil {
		t.Fatalf("stories260K x1·W_vᵀ rejected: %v", err)
	}
}

func TestLayerSoundness(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(g *fused, w *layers.WeightBlob)
	}{
		{"output element", func(g *fused, _ *layers.WeightBlob) { g.accs[1][3] += 1 << 20 }},
		{"intermediate (X folded)", func(g *fused, _ *layers.WeightBlob) { g.hooks.wrongX = true }},
		{"one weight", func(_ *fused, w *layers.WeightBlob) {
			p, _ := w.Layout.Lookup(layers.WeightName(1, "wk"))
			w.Values[p.Offset+2].Add(&w.Values[p.Offset+2], new(fr.Element).SetOne())
		}},
		{"padded entry", func(g *fused, _ *layers.WeightBlob) { g.hooks.padX = true }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, w := randomCase(t, 3, 5)
			pub := g.public()
			c.tamper(g, w)
			if err := run(t, w, g, pub); !errors.Is(err, layers.ErrReject) {
				t.Fatalf("forgery not rejected: %v", err)
			}
		})
	}
}

func TestLayerDroppedClaimRejected(t *testing.T) {
	g, w := randomCase(t, 4, 5)
	pub := g.public()
	pub.hooks.dropX = true
	err := run(t, w, g, pub)
	if !errors.Is(err, claims.ErrUnsettled) || !errors.Is(err, layers.ErrReject) {
		t.Fatalf("verifier that dropped the X claim: %v", err)
	}
}

func TestLayerProofElementsRejected(t *testing.T) {
	g, w := randomCase(t, 5, 5)
	span := &layertest.Span{}
	proof, err := layertest.Run(t, w, []layers.ProverGadget{layertest.Recorder{ProverGadget: g, Span: span}}, []layers.VerifierGadget{g.public()})
	if err != nil {
		t.Fatal(err)
	}
	step := layertest.Step(4)
	verify := func(b []byte) error { return layertest.Verify(w, []layers.VerifierGadget{g.public()}, b) }
	n := layertest.Tamper(t, proof, *span, step, verify)
	t.Logf("%d forgeries over %d gadget bytes rejected", n, span.Hi-span.Lo)
}

func TestLayerClaimsAtOtherTokenPointRefused(t *testing.T) {
	g, _ := randomCase(t, 6, 5)
	tr := transcript.New()
	a := claims.Squeeze(tr, "a", 1+3+2)
	b := claims.Squeeze(tr, "b", 5+3+2)
	l := claims.NewLedger()
	ys := []*claims.VerifierClaim{claims.New(l, "y", a, sumcheck.Point{}), claims.New(l, "y", b, sumcheck.Point{})}
	m := g.m
	m.Weights = m.Weights[:2]
	if _, err := m.Verify(&layers.Verifier{Ledger: l}, ys); !errors.Is(err, layers.ErrGadget) {
		t.Fatalf("claims at different token points: %v", err)
	}
}

// TestLayerDegree: the stacked instance needs d = 3 (E, X̃ and W̃ all depend
// on the layer variables); a form at d = 2 is refused.
func TestLayerDegree(t *testing.T) {
	var one fr.Element
	one.SetOne()
	in := &sumcheck.Instance{NumVars: 4, EqPoints: [][]fr.Element{{one}}, Public: []bool{false, false}, Degree: 2}
	if _, err := in.Form(); !errors.Is(err, sumcheck.ErrForm) {
		t.Fatalf("stacked matmul at d = 2 accepted: %v", err)
	}
}

func TestPartialEvalMiddle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, dims := range [][3]int{{3, 2, 2}, {0, 3, 1}, {2, 0, 3}, {4, 4, 0}, {5, 6, 2}} {
		n := dims[0] + dims[1] + dims[2]
		f := make([]fr.Element, 1<<n)
		for i := range f {
			if rng.IntN(4) > 0 {
				f[i].SetUint64(rng.Uint64())
			}
		}
		pt := make([]fr.Element, n)
		for i := range pt {
			pt[i].SetUint64(rng.Uint64())
		}
		mid := pt[dims[0] : dims[0]+dims[1]]
		rest := append(append([]fr.Element{}, pt[:dims[0]]...), pt[dims[0]+dims[1]:]...)
		got, err := mle.Evaluate(matmul.PartialEvalMiddle(f, dims[0], mid), rest)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := mle.Evaluate(f, pt)
		if !got.Equal(&want) {
			t.Fatalf("dims %v: middle partial evaluation disagrees with the full MLE", dims)
		}
	}
}

// head is the test gadget of the model-level matmul: logits-like
// Y = rescale(X·Wᵀ, e) over G rows, X plain committed.
type head struct {
	m     matmul.Model
	shift int
	x     []int64 // dense [In, Rows]
	acc   []int64 // dense [Out, Rows]
	drop  bool
}

func (g *head) Name() string { return "head" }
func (g *head) out() rescale.Rescale {
	return rescale.Rescale{Name: "logits", Shift: g.shift, Out: rescale.Signed(40), LogSize: layers.Shape{g.m.Out, g.m.Rows}.LogSize()}
}
func (g *head) Tensors() ([]pedersen.TensorSpec, error) {
	return append([]pedersen.TensorSpec{layers.Shape{g.m.In, g.m.Rows}.Spec(g.m.X)}, layers.RescaleSpecs(layers.Shape{g.m.Out, g.m.Rows}, g.out())...), nil
}
func (g *head) Lookups() ([]tlookup.Lookup, error) { return g.out().Lookups() }
func (g *head) Witness() (map[string][]int64, []tlookup.Column, error) {
	x, err := layers.Shape{g.m.In, g.m.Rows}.Pad(g.x)
	if err != nil {
		return nil, nil, err
	}
	acc, err := layers.Shape{g.m.Out, g.m.Rows}.Pad(g.acc)
	if err != nil {
		return nil, nil, err
	}
	rw, err := g.out().Witness(acc)
	if err != nil {
		return nil, nil, err
	}
	vals := map[string][]int64{g.m.X: x}
	return vals, layers.PutRescale(vals, g.out(), rw), nil
}
func (g *head) Prove(p *layers.Prover) error {
	u := p.Fresh(transcript.LabelPointU, layers.Shape{g.m.Out, g.m.Rows}.LogSize())
	acc, q, err := p.RescaleAt(g.out(), u)
	if err != nil {
		return err
	}
	if err := p.Consume(q); err != nil {
		return err
	}
	x, err := p.Table(g.m.X)
	if err != nil {
		return err
	}
	xc, err := g.m.Prove(p, x, acc)
	if err != nil {
		return err
	}
	return p.Pool(xc)
}
func (g *head) Verify(v *layers.Verifier) error {
	u := v.Fresh(transcript.LabelPointU, layers.Shape{g.m.Out, g.m.Rows}.LogSize())
	acc, q, err := v.RescaleAt(g.out(), u)
	if err != nil {
		return err
	}
	if err := v.Consume(q); err != nil {
		return err
	}
	xc, err := g.m.Verify(v, acc)
	if err != nil || g.drop {
		return err
	}
	return v.Pool(xc)
}

func TestModelStoriesHead(t *testing.T) {
	const T, P = 8, 3
	q, _, wit := layertest.Stories(t, T)
	c := q.Config
	cls, err := q.Classifier()
	if err != nil {
		t.Fatal(err)
	}
	G := T - P + 1
	g := &head{m: matmul.Model{X: "xf", In: c.Dim, Rows: G, Weight: cls.Name, Out: c.VocabSize}, shift: cls.Exp,
		x: wit.XFinal[(P-1)*c.Dim:], acc: wit.LogitAcc[(P-1)*c.VocabSize:]}
	w := layertest.Weights(t, q)
	pub := &head{m: g.m, shift: g.shift}
	if _, err := layertest.Run(t, w, []layers.ProverGadget{g}, []layers.VerifierGadget{pub}); err != nil {
		t.Fatalf("stories260K lm_head over %d rows rejected: %v", G, err)
	}
	bad := *g
	bad.acc = append([]int64(nil), g.acc...)
	bad.acc[7]++
	if _, err := layertest.Run(t, w, []layers.ProverGadget{&bad}, []layers.VerifierGadget{pub}); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("a changed logit accumulator: %v", err)
	}
	drop := &head{m: g.m, shift: g.shift, drop: true}
	if _, err := layertest.Run(t, w, []layers.ProverGadget{g}, []layers.VerifierGadget{drop}); !errors.Is(err, claims.ErrUnsettled) {
		t.Fatalf("dropped X claim: %v", err)
	}
}
