package qkv

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/rope"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// tc is one test case: the model, its witness and the committed x1.
type tc struct {
	q   *quant.Model
	wit *fixed.Witness
	w   *layers.WeightBlob
	in  layertest.Inputs
}

func storiesCase(t testing.TB, T int) *tc {
	q, _, wit := layertest.Stories(t, T)
	return newCase(t, q, wit)
}

// randomCase: layertest.SmallConfig (GQA, non-power-of-two widths, padded
// layers) with RoPE pairing bit b, at T = 5 positions.
func randomCase(t testing.TB, seed byte, b int) *tc {
	t.Helper()
	cfg := layertest.SmallConfig()
	cfg.RopePairBit = b
	q, _, wit := layertest.Random(t, cfg, 5, seed+byte(b))
	return newCase(t, q, wit)
}

func newCase(t testing.TB, q *quant.Model, wit *fixed.Witness) *tc {
	t.Helper()
	c := &tc{q: q, wit: wit, w: layertest.Weights(t, q)}
	g := c.gadget(t, false)
	var x1 [][]int64
	for _, lw := range wit.Layers {
		x1 = append(x1, lw.X1)
	}
	c.in = layertest.CheckedInputs(t, layers.TensorX1, layers.FormatAct, g.P.Dims.Act(g.P.Dims.D), layertest.Stack(x1))
	return c
}

func (c *tc) gadget(t testing.TB, public bool) *Gadget {
	t.Helper()
	p, err := ParamsOf(c.q, len(c.wit.Tokens), 1)
	if err != nil {
		t.Fatal(err)
	}
	w := c.wit
	if public {
		w = nil
	}
	g, err := New(p, w)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func (c *tc) run(t testing.TB, prover, verifier *Gadget) ([]byte, error) {
	t.Helper()
	return layertest.Run(t, c.w, []layers.ProverGadget{c.in, prover}, []layers.VerifierGadget{c.in.Public(), verifier})
}

// The committed Q_r, K_r, V equal prover/model/fixed's (completeness
// against the fixed-point model, not only self-consistency).
func checkAgainstFixed(t *testing.T, g *Gadget) {
	t.Helper()
	vals, _, err := g.Witness()
	if err != nil {
		t.Fatal(err)
	}
	rq, rk, rv := g.Rescales()
	for _, c := range []struct {
		name string
		get  func(fixed.LayerWitness) []int64
	}{{rq.Name, func(l fixed.LayerWitness) []int64 { return l.QR }}, {rk.Name, func(l fixed.LayerWitness) []int64 { return l.KR }}, {rv.Name, func(l fixed.LayerWitness) []int64 { return l.V }}} {
		var per [][]int64
		for _, lw := range g.wit.Layers {
			per = append(per, c.get(lw))
		}
		want, _ := g.shape(c.name).Pad(layertest.Stack(per))
		lo, hi := vals[c.name+"#l0"], vals[c.name+"#l1"]
		for i := range want {
			if got := lo[i] + hi[i]<<16; got != want[i] {
				t.Fatalf("%s[%d] = %d, fixed has %d", c.name, i, got, want[i])
			}
		}
	}
}

func TestStoriesHonest(t *testing.T) {
	c := storiesCase(t, 8)
	g := c.gadget(t, false)
	checkAgainstFixed(t, g)
	if _, err := c.run(t, g, c.gadget(t, true)); err != nil {
		t.Fatalf("stories260K qkv rejected: %v", err)
	}
}

func TestRandomShapesHonest(t *testing.T) {
	for _, b := range []int{0, 3} { // llama2.c pairs; HF rotate_half (Dh = 16)
		c := randomCase(t, 1, b)
		g := c.gadget(t, false)
		checkAgainstFixed(t, g)
		if _, err := c.run(t, g, c.gadget(t, true)); err != nil {
			t.Fatalf("pairing bit %d: honest proof rejected: %v", b, err)
		}
	}
}

// shifted returns RoPE tables for positions 1…T (a prover rotating by the
// wrong position).
func shifted(t testing.TB, tab *rope.Tables) *rope.Tables {
	more, err := rope.GetScaled(tab.HeadSize, tab.Theta, tab.Scaling, tab.T+1)
	if err != nil {
		t.Fatal(err)
	}
	half := tab.HeadSize / 2
	out := *tab
	out.Cos, out.Sin = more.Cos[half:], more.Sin[half:]
	return &out
}

func TestSoundness(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(t testing.TB, c *tc, g *Gadget)
		sweep bool // only in layertest.Sweep()
	}{
		{"output element of Q_r", func(_ testing.TB, _ *tc, g *Gadget) {
			g.hooks.tamper = func(v map[string][]int64) { v["q#l0"][3]++ }
		}, false},
		{"output element of V", func(_ testing.TB, _ *tc, g *Gadget) {
			g.hooks.tamper = func(v map[string][]int64) { v["v#l0"][1]-- }
		}, true},
		{"intermediate (k accumulator)", func(_ testing.TB, _ *tc, g *Gadget) {
			g.wit = cloneWitness(g.wit)
			g.wit.Layers[1].KAcc[2] += 1 << 12
		}, false},
		{"one weight (wk, layer 2)", func(_ testing.TB, c *tc, _ *Gadget) {
			p, _ := c.w.Layout.Lookup(layers.WeightName(2, "wk"))
			c.w.Values[p.Offset+1].Add(&c.w.Values[p.Offset+1], new(fr.Element).SetOne())
		}, false},
		{"padded entry of K_r", func(_ testing.TB, _ *tc, g *Gadget) {
			g.hooks.tamper = func(v map[string][]int64) { k := v["k#l0"]; k[len(k)-1] = 1 }
		}, false},
		{"RoPE at another position (attack 14)", func(t testing.TB, _ *tc, g *Gadget) { g.tab = shifted(t, g.tab) }, false},
		{"RoPE with another pairing bit (attack 14)", func(_ testing.TB, _ *tc, g *Gadget) { g.P.PairBit = 3 }, false},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			if cs.sweep && !layertest.Sweep() {
				t.Skip("ZKLLM_GADGET_SWEEP=1 runs it")
			}
			c := randomCase(t, 3, 0)
			g := c.gadget(t, false)
			cs.edit(t, c, g)
			if _, err := c.run(t, g, c.gadget(t, true)); !errors.Is(err, layers.ErrReject) {
				t.Fatalf("forgery not rejected: %v", err)
			}
		})
	}
}

func cloneWitness(w *fixed.Witness) *fixed.Witness {
	out := *w
	out.Layers = slices.Clone(w.Layers)
	for l := range out.Layers {
		out.Layers[l].KAcc = slices.Clone(w.Layers[l].KAcc)
	}
	return &out
}

func TestDroppedClaimRejected(t *testing.T) {
	c := randomCase(t, 4, 0)
	pub := c.gadget(t, true)
	pub.hooks.dropX1 = true
	if _, err := c.run(t, c.gadget(t, false), pub); !errors.Is(err, claims.ErrUnsettled) || !errors.Is(err, layers.ErrReject) {
		t.Fatalf("dropped x1 claim: %v", err)
	}
}

func TestProofElementsRejected(t *testing.T) {
	c := randomCase(t, 5, 0)
	step := layertest.Step(4)
	n, size := layertest.ProofElements(t, c.w, c.in, c.gadget(t, false), c.gadget(t, true), step)
	t.Logf("%d forgeries over %d gadget bytes rejected", n, size)
}

// The verifier's O(T·Dh/2) evaluation of C and S equals the MLE of the
// prover's tables, for both pairing conventions and padded heads.
func TestRopePublicEvaluation(t *testing.T) {
	tab, err := rope.Get(8, 10000, 6)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for _, b := range []int{0, 2} {
		r := Rope{Name: "q_acc", Width: 24, Dh: 8, T: 5, L: 3, PairBit: b, Tables: tab}
		c, s := r.tables()
		pt := make([]fr.Element, r.shape().LogSize())
		for i := range pt {
			pt[i].SetUint64(rng.Uint64())
		}
		gc, gs := r.PublicAt(pt)
		wc, _ := mle.Evaluate(c, pt)
		ws, _ := mle.Evaluate(s, pt)
		if !gc.Equal(&wc) || !gs.Equal(&ws) {
			t.Fatalf("pairing bit %d: public C/S evaluation disagrees with the tables", b)
		}
	}
}

// The RoPE Hadamard needs d = 3 (E, C and q_acc share the feature and
// position variables): the instance at d = 2 is refused.
func TestRopeDegree(t *testing.T) {
	tab, err := rope.Get(8, 10000, 4)
	if err != nil {
		t.Fatal(err)
	}
	r := Rope{Name: "q_acc", Width: 16, Dh: 8, T: 4, L: 2, PairBit: 0, Tables: tab}
	in := r.instance(claims.Squeeze(transcript.New(), "u", r.shape().LogSize()))
	if _, err := in.Form(); err != nil {
		t.Fatalf("d = 3: %v", err)
	}
	in.Degree = 2
	if _, err := in.Form(); !errors.Is(err, sumcheck.ErrForm) {
		t.Fatalf("RoPE Hadamard at d = 2 accepted: %v", err)
	}
}
