package attention

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// setup is one test scenario: dims, the fixed-point witness and the
// committed inputs Q_r, K_r, V (as the qkv gadget commits them: limbs).
type setup struct {
	d  layers.Dims
	lw []fixed.LayerWitness
	in layertest.Inputs
}

func inputsOf(t testing.TB, d layers.Dims, lw []fixed.LayerWitness) layertest.Inputs {
	t.Helper()
	stack := func(f func(l fixed.LayerWitness) []int64) []int64 {
		var out []int64
		for _, l := range lw {
			out = append(out, f(l)...)
		}
		return out
	}
	kv := d.Act(d.Dh * d.Hkv)
	in := layertest.CheckedInputs(t, layers.TensorQ, layers.FormatQK, d.Act(d.D), stack(func(l fixed.LayerWitness) []int64 { return l.QR }))
	in = append(in, layertest.CheckedInputs(t, layers.TensorK, layers.FormatQK, kv, stack(func(l fixed.LayerWitness) []int64 { return l.KR }))...)
	return append(in, layertest.CheckedInputs(t, layers.TensorV, layers.FormatV, kv, stack(func(l fixed.LayerWitness) []int64 { return l.V }))...)
}

var (
	storiesOnce sync.Once
	storiesS    setup
)

// stories is stories260K at T = 8 (GQA with a group of 2, 5 layers: padded
// layers), shared by the tests.
func stories(t testing.TB) setup {
	t.Helper()
	storiesOnce.Do(func() { storiesS = storiesSetup(t, 8) })
	if storiesS.lw == nil {
		t.Fatal("stories setup failed")
	}
	return storiesS
}

func storiesSetup(t testing.TB, T int) setup {
	t.Helper()
	q, _, w := layertest.Stories(t, T)
	d, err := layers.DimsOf(q.Config, T, 1)
	if err != nil {
		t.Fatal(err)
	}
	return setup{d: d, lw: w.Layers, in: inputsOf(t, d, w.Layers)}
}

func randomSetup(t testing.TB, cfg model.Config, T int, seed byte) setup {
	t.Helper()
	_, _, w := layertest.Random(t, cfg, T, seed)
	d, err := layers.DimsOf(cfg, T, 1)
	if err != nil {
		t.Fatal(err)
	}
	return setup{d: d, lw: w.Layers, in: inputsOf(t, d, w.Layers)}
}

// gqaConfig has a power-of-two group (4 heads over 2 KV heads) and 3 layers.
func gqaConfig() model.Config {
	return model.Config{Dim: 64, HiddenDim: 96, NLayers: 3, NHeads: 4, NKVHeads: 2, VocabSize: 37, SeqLen: 64, NormEps: 1e-5, RopeTheta: 10000}
}

// gadgets returns the prover's and the verifier's gadget with hooks.
func (s setup) gadgets(t testing.TB, ph, vh hooks) (*Gadget, *Gadget) {
	t.Helper()
	g, err := New(s.d)
	if err != nil {
		t.Fatal(err)
	}
	g.hooks = ph
	if g.w, err = g.buildWitness(s.lw); err != nil {
		t.Fatal(err)
	}
	pub, err := New(s.d)
	if err != nil {
		t.Fatal(err)
	}
	pub.hooks = vh
	return g, pub
}

// narrow returns h with a narrow INDC (both sides must agree): soundness
// tests do not need the 2^w_I-entry table, and the attacks do not touch x_2.
func narrow(h hooks) hooks {
	h.indcWidth = 8
	return h
}

// run proves with prover hooks ph and verifies with verifier hooks vh.
func (s setup) run(t testing.TB, ph, vh hooks) ([]byte, error) {
	t.Helper()
	g, pub := s.gadgets(t, ph, vh)
	return layertest.Run(t, nil, []layers.ProverGadget{s.in, g}, []layers.VerifierGadget{s.in.Public(), pub})
}

func TestAttentionHonest(t *testing.T) {
	cases := []struct {
		name string
		s    func(t *testing.T) setup
	}{
		{"stories260K", func(t *testing.T) setup { return stories(t) }},
		// Group of 2 (broadcast), 3 layers, T = 6: padded layers and positions.
		{"gqa-pow2", func(t *testing.T) setup { return randomSetup(t, gqaConfig(), 6, 3) }},
		// 3 heads over 1 KV head (selection), T = 5: padded heads too.
		{"gqa-3-heads", func(t *testing.T) setup { return randomSetup(t, layertest.SmallConfig(), 5, 4) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && c.name != "stories260K" {
				t.Skip("short")
			}
			// Random shapes use a narrow INDC (their w_I = 21 table would
			// dominate the test time); stories260K runs the real one.
			h := hooks{}
			if c.name != "stories260K" {
				h.indcWidth = 12
			}
			if _, err := c.s(t).run(t, h, h); err != nil {
				t.Fatalf("honest proof rejected: %v", err)
			}
		})
	}
}

// The witness reproduces the fixed-point pass exactly (Y and O are checked
// entry by entry in buildWitness); a forged ẑ is caught there too.
func TestWitnessMatchesFixed(t *testing.T) {
	s := stories(t)
	g, err := New(s.d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.buildWitness(s.lw); err != nil {
		t.Fatal(err)
	}
	lw := slices.Clone(s.lw)
	lw[1].ZHat = slices.Clone(lw[1].ZHat)
	lw[1].ZHat[5] += 1 << 20
	if _, err := g.buildWitness(lw); !errors.Is(err, layers.ErrGadget) {
		t.Fatalf("a witness off the fixed pass was accepted: %v", err)
	}
}

var (
	narrowOnce  sync.Once
	narrowProof []byte
	narrowSpan  layertest.Span
)

// honestNarrow is one honest stories260K proof with the narrow INDC and the
// span of this gadget's bytes in it, shared by the tests that only verify.
func honestNarrow(t *testing.T) ([]byte, layertest.Span) {
	t.Helper()
	s := stories(t)
	narrowOnce.Do(func() {
		g, pub := s.gadgets(t, narrow(hooks{}), narrow(hooks{}))
		span := &layertest.Span{}
		proof, err := layertest.Run(t, nil, []layers.ProverGadget{s.in, layertest.Recorder{ProverGadget: g, Span: span}}, []layers.VerifierGadget{s.in.Public(), pub})
		if err != nil {
			t.Fatalf("control proof rejected: %v", err)
		}
		narrowProof, narrowSpan = proof, *span
	})
	if narrowProof == nil {
		t.Fatal("control proof failed")
	}
	return narrowProof, narrowSpan
}

// verifyNarrow verifies proof with verifier hooks vh (narrowed).
func verifyNarrow(t *testing.T, proof []byte, vh hooks) error {
	t.Helper()
	s := stories(t)
	pub, err := New(s.d)
	if err != nil {
		t.Fatal(err)
	}
	pub.hooks = narrow(vh)
	return layertest.Verify(nil, []layers.VerifierGadget{s.in.Public(), pub}, proof)
}

func TestAttentionDroppedClaim(t *testing.T) {
	proof, _ := honestNarrow(t)
	err := verifyNarrow(t, proof, hooks{dropClaim: true})
	if !errors.Is(err, claims.ErrUnsettled) || !errors.Is(err, layers.ErrReject) {
		t.Fatalf("dropped ẑ claim: %v", err)
	}
}

// Attack 11: ẑ raised by δ on a row; every digit, ȳ, ῑ, Y and O follow the
// raised ẑ honestly, so the row sums to less than θ − E and only the band
// can object. Without the band (control) the forgery is accepted.
func TestSoftmaxRowSumForgery(t *testing.T) {
	s := stories(t)
	forge := narrow(hooks{zhatRaise: 16 << public(s).k0})
	if _, err := s.run(t, forge, narrow(hooks{})); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("row-sum forgery (ẑ + δ) accepted or failed oddly: %v", err)
	}
	if testing.Short() {
		return
	}
	forge.noBand = true
	if _, err := s.run(t, forge, narrow(hooks{noBand: true})); err != nil {
		t.Fatalf("control without the band should accept the forgery (the band is what rejects it): %v", err)
	}
}

func public(s setup) *Gadget {
	g, err := New(s.d)
	if err != nil {
		panic(err)
	}
	return g
}

// Attack 12: half of a row's mass moved to a future key (Y nonzero at
// j > i), O computed from it; the causal mask in Y's producer rejects it.
func TestAttentionToFutureTokenRejected(t *testing.T) {
	if _, err := stories(t).run(t, narrow(hooks{futureY: true}), narrow(hooks{})); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("attention to a future token accepted or failed oddly: %v", err)
	}
}

// One committed value changed (lookups still satisfied): each is rejected.
func TestTamperedAdviceRejected(t *testing.T) {
	s := stories(t)
	g := public(s)
	off := g.offsets()
	scoreAt := idx(off.scores, 1, 3, 2, 1) // key 1, query 3, head 2, layer 1
	rowAt := idx(off.rows, 3, 2, 1, 0)
	actAt := idx(off.act, 5, 1, 4, 2)
	bump := func(v []int64, i int, hi int64) {
		if v[i]+1 < hi {
			v[i]++
		} else {
			v[i]--
		}
	}
	cases := []struct {
		name   string
		tamper func(map[string][]int64)
	}{
		{"output O", func(m map[string][]int64) { bump(m[layers.TensorO+"#l0"], actAt, 1<<16) }},
		{"intermediate x0", func(m map[string][]int64) { bump(m[TensorX0], scoreAt, 1<<g.k0) }},
		{"intermediate zhat", func(m map[string][]int64) { m[TensorZHat][rowAt]++ }},
		{"band e", func(m map[string][]int64) { bump(m[TensorE], rowAt, 1<<g.logE) }},
		// Layer 6 is a padded layer (L = 5): the engine's padding check.
		{"padded x0", func(m map[string][]int64) { m[TensorX0][idx(off.scores, 0, 0, 0, 6)] = 1 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			switch {
			case testing.Short() && c.name != "intermediate zhat":
				t.Skip("short")
			case !layertest.Sweep() && (c.name == "intermediate x0" || c.name == "band e"):
				t.Skip("one case per category; all with ZKLLM_GADGET_SWEEP=1")
			}
			if _, err := s.run(t, narrow(hooks{tamper: c.tamper}), narrow(hooks{})); !errors.Is(err, layers.ErrReject) {
				t.Fatalf("accepted or failed oddly: %v", err)
			}
		})
	}
}

// One committed input changed (this gadget reads no weights; K_r stands
// for "one weight"): the prover's scores no longer match the commitment.
func TestTamperedInputRejected(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	s := stories(t)
	in := slices.Clone(s.in)
	for i := range in {
		if in[i].Name == layers.TensorK+"#l0" {
			in[i].Data = slices.Clone(in[i].Data)
			in[i].Data[3] ^= 1
		}
	}
	g, pub := s.gadgets(t, narrow(hooks{}), narrow(hooks{}))
	if _, err := layertest.Run(t, nil, []layers.ProverGadget{in, g}, []layers.VerifierGadget{in.Public(), pub}); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("changed K_r accepted or failed oddly: %v", err)
	}
}

// Proof elements of this gadget's messages (layertest.Tamper: a random bit
// flip per 48-byte chunk and, where it decodes, the point plus G), every
// chunk with ZKLLM_GADGET_SWEEP=1, else about 16 spread over the span.
func TestProofElementsRejected(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	proof, span := honestNarrow(t)
	step := layertest.Step(max(1, (span.Hi-span.Lo)/field.PointSize/16))
	n := layertest.Tamper(t, proof, span, step, func(b []byte) error { return verifyNarrow(t, b, hooks{}) })
	t.Logf("%d forgeries over the gadget's %d bytes rejected", n, span.Hi-span.Lo)
}

// The forms' degrees follow the per-variable rule: one less is refused.
func TestDegreesTooLowRefused(t *testing.T) {
	g := public(stories(t))
	n := g.scores().LogSize()
	r := claims.FromLeaf(field.RandomScalars(n))
	w := claims.FromLeaf(field.RandomScalars(n - g.lT()))
	for name, in := range map[string]*sumcheck.Instance{
		"v":      g.vInstance(r),
		"Y+band": g.yInstance(r, &w, field.RandomScalar()),
	} {
		if _, err := in.Form(); err != nil {
			t.Fatalf("%s: honest form refused: %v", name, err)
		}
		in.Degree--
		if _, err := in.Form(); !errors.Is(err, sumcheck.ErrForm) {
			t.Fatalf("%s: degree %d accepted: %v", name, in.Degree, err)
		}
	}
}

// The verifier's public factors equal the MLEs of the prover's tables.
func TestPublicFactorsMatchTables(t *testing.T) {
	for _, d := range []layers.Dims{
		{D: 48, F: 1, H: 3, Hkv: 1, Dh: 16, L: 3, V: 2, T: 5, P: 1},
		{D: 64, F: 1, H: 8, Hkv: 4, Dh: 8, L: 5, V: 2, T: 8, P: 1},
	} {
		g, err := New(d)
		if err != nil {
			t.Fatal(err)
		}
		pt := field.RandomScalars(g.scores().LogSize())
		for name, c := range map[string]struct {
			table []fr.Element
			eval  func([]fr.Element) ([]fr.Element, error)
		}{"M": {g.causalTable(), g.vPublic}, "P": {g.validTable(), g.yPublic}} {
			want, err := mle.Evaluate(c.table, pt)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := c.eval(pt)
			if !got[0].Equal(&want) {
				t.Fatalf("%+v: public factor %s differs from its table", d, name)
			}
		}
	}
}

// H/H_kv = 3 (head selection): a changed committed V is rejected too.
func TestHeadSelectionBindsInput(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	s := randomSetup(t, layertest.SmallConfig(), 5, 4)
	in := slices.Clone(s.in)
	for i := range in {
		if in[i].Name == layers.TensorV+"#l0" {
			in[i].Data = slices.Clone(in[i].Data)
			in[i].Data[7] ^= 1
		}
	}
	g, pub := s.gadgets(t, narrow(hooks{}), narrow(hooks{}))
	if _, err := layertest.Run(t, nil, []layers.ProverGadget{in, g}, []layers.VerifierGadget{in.Public(), pub}); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("changed V under head selection accepted or failed oddly: %v", err)
	}
}
