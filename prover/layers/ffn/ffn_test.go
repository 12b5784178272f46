package ffn

import (
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/tlookup"
)

type tc struct {
	q   *quant.Model
	wit *fixed.Witness
	w   *layers.WeightBlob
	in  layertest.Inputs // x2, committed through its limbs
}

func newCase(t testing.TB, q *quant.Model, wit *fixed.Witness) *tc {
	t.Helper()
	c := &tc{q: q, wit: wit, w: layertest.Weights(t, q)}
	var x2 [][]int64
	for _, lw := range wit.Layers {
		x2 = append(x2, lw.X2)
	}
	d := c.gadget(t, false).Dims
	c.in = layertest.CheckedInputs(t, layers.TensorX2, layers.FormatAct, d.Act(d.D), layertest.Stack(x2))
	return c
}

func randomCase(t testing.TB, seed byte) *tc {
	t.Helper()
	q, _, wit := layertest.Random(t, layertest.SmallConfig(), 5, seed)
	return newCase(t, q, wit)
}

func (c *tc) gadget(t testing.TB, public bool) *Gadget {
	t.Helper()
	w := c.wit
	if public {
		w = nil
	}
	g, err := New(c.q, len(c.wit.Tokens), 1, w)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func (c *tc) run(t testing.TB, p, v *Gadget) error {
	t.Helper()
	_, err := layertest.Run(t, c.w, []layers.ProverGadget{c.in, p}, []layers.VerifierGadget{c.in.Public(), v})
	return err
}

// The committed u, s, up, p, f equal prover/model/fixed's.
func checkAgainstFixed(t *testing.T, g *Gadget) {
	t.Helper()
	vals, _, err := g.Witness()
	if err != nil {
		t.Fatal(err)
	}
	value := func(c rescale.Checked, i int) int64 {
		var v int64
		for k, n := range c.LimbNames() {
			v += vals[n][i] << (16 * k)
		}
		return v
	}
	ru, rup, rp, rf := g.Rescales()
	s := rescale.Checked{Name: layers.TensorS, Format: rescale.Signed(20), Unchecked: true}
	for _, c := range []struct {
		c   rescale.Checked
		sh  layers.Shape
		get func(*fixed.LayerWitness) []int64
	}{
		{ru.Quotient(), g.hidden(), func(l *fixed.LayerWitness) []int64 { return l.U }},
		{s, g.hidden(), func(l *fixed.LayerWitness) []int64 { return l.S }},
		{rup.Quotient(), g.hidden(), func(l *fixed.LayerWitness) []int64 { return l.Up }},
		{rp.Quotient(), g.hidden(), func(l *fixed.LayerWitness) []int64 { return l.P }},
		{rf.Quotient(), g.Dims.Act(g.Dims.D), func(l *fixed.LayerWitness) []int64 { return l.F }},
	} {
		want, err := g.stacked(c.sh, c.get)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got := value(c.c, i); got != want[i] {
				t.Fatalf("%s[%d] = %d, fixed has %d", c.c.Name, i, got, want[i])
			}
		}
	}
}

func TestHonest(t *testing.T) {
	q, _, wit := layertest.Stories(t, 8)
	for name, c := range map[string]*tc{"stories260K": newCase(t, q, wit), "random": randomCase(t, 1)} {
		g := c.gadget(t, false)
		checkAgainstFixed(t, g)
		if err := c.run(t, g, c.gadget(t, true)); err != nil {
			t.Fatalf("%s: honest ffn rejected: %v", name, err)
		}
	}
}

func TestSoundness(t *testing.T) {
	bump := func(name string, i int, d int64) func(*tc, *Gadget) {
		return func(_ *tc, g *Gadget) { g.hooks.tamper = func(v map[string][]int64) { v[name][i] += d } }
	}
	cases := []struct {
		name  string
		edit  func(c *tc, g *Gadget)
		sweep bool // only in layertest.Sweep()
	}{
		{"output element f", bump("f#l0", 4, 1), false},
		{"intermediate p", bump("p#l0", 11, -1), true},
		{"intermediate up", bump("up#l0", 2, 1), true},
		{"SILU output s", bump("s", 6, 1), true},
		{"gate u (another SILU entry)", bump("u", 6, 1), true},
		{"gate u and s moved together along SILU", func(_ *tc, g *Gadget) {
			g.hooks.tamper = func(v map[string][]int64) {
				silu, _ := tables.SiLU()
				v["u"][6]++
				v["s"][6], _ = silu.Lookup(v["u"][6])
			}
		}, false},
		{"gate remainder", bump("u#rem#l0", 0, 1), true},
		{"one weight (w3)", func(c *tc, _ *Gadget) {
			p, _ := c.w.Layout.Lookup(layers.WeightName(2, "w3"))
			c.w.Values[p.Offset+5].Add(&c.w.Values[p.Offset+5], new(fr.Element).SetOne())
		}, true},
		{"one weight (w2)", func(c *tc, _ *Gadget) {
			p, _ := c.w.Layout.Lookup(layers.WeightName(0, "w2"))
			c.w.Values[p.Offset].Sub(&c.w.Values[p.Offset], new(fr.Element).SetOne())
		}, false},
		{"padded entry of up", func(_ *tc, g *Gadget) {
			g.hooks.tamper = func(v map[string][]int64) { s := v["up#l0"]; s[len(s)-1] = 1 }
		}, false},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			if cs.sweep && !layertest.Sweep() {
				t.Skip("ZKLLM_GADGET_SWEEP=1 runs it")
			}
			c := randomCase(t, 2)
			g := c.gadget(t, false)
			cs.edit(c, g)
			proof, err := layertest.Prove(c.w, []layers.ProverGadget{c.in, g})
			if err != nil {
				// A pair outside SILU cannot even be proven (tlookup refuses
				// the witness): as good as a rejection.
				t.Logf("prover refused: %v", err)
				return
			}
			if err := layertest.Verify(c.w, []layers.VerifierGadget{c.in.Public(), c.gadget(t, true)}, proof); !errors.Is(err, layers.ErrReject) {
				t.Fatalf("forgery not rejected: %v", err)
			}
		})
	}
}

// QuotientByTable without the SILU lookup on the same tensor cannot be
// planned: Lookups fails, and so does the proof (issue 13 obligation).
func TestQuotientByTableNeedsSiLU(t *testing.T) {
	c := randomCase(t, 3)
	g := c.gadget(t, false)
	g.hooks.noSiLU = true
	if _, err := g.Lookups(); !errors.Is(err, layers.ErrGadget) {
		t.Fatalf("QuotientByTable without SILU: %v", err)
	}
	if _, err := layertest.Prove(c.w, []layers.ProverGadget{c.in, g}); !errors.Is(err, layers.ErrGadget) {
		t.Fatalf("proof planned with an unbounded gate quotient: %v", err)
	}
	ru, _, _, _ := g.Rescales()
	lk, _ := g.silu().Lookup()
	lk.Name = "other"
	if err := CheckTableBounded([]rescale.Rescale{ru}, []tlookup.Lookup{lk}); err == nil {
		t.Fatal("a SILU lookup on another tensor accepted as u's bound")
	}
}

func TestDroppedClaimRejected(t *testing.T) {
	c := randomCase(t, 4)
	pub := c.gadget(t, true)
	pub.hooks.dropP = true
	if err := c.run(t, c.gadget(t, false), pub); !errors.Is(err, claims.ErrUnsettled) || !errors.Is(err, layers.ErrReject) {
		t.Fatalf("dropped p claim: %v", err)
	}
}

func TestProofElementsRejected(t *testing.T) {
	c := randomCase(t, 5)
	step := layertest.Step(12)
	n, size := layertest.ProofElements(t, c.w, c.in, c.gadget(t, false), c.gadget(t, true), step)
	t.Logf("%d forgeries over %d gadget bytes rejected", n, size)
}
