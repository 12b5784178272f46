package attnout

import (
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
)

type tc struct {
	q   *quant.Model
	wit *fixed.Witness
	w   *layers.WeightBlob
	in  layertest.Inputs // O, committed through its limbs
}

func newCase(t testing.TB, q *quant.Model, wit *fixed.Witness) *tc {
	t.Helper()
	c := &tc{q: q, wit: wit, w: layertest.Weights(t, q)}
	var o [][]int64
	for _, lw := range wit.Layers {
		o = append(o, lw.O)
	}
	d := c.gadget(t, false).Dims
	c.in = layertest.CheckedInputs(t, layers.TensorO, layers.FormatAct, d.Act(d.D), layertest.Stack(o))
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

// The committed a equals prover/model/fixed's.
func checkAgainstFixed(t *testing.T, g *Gadget) {
	t.Helper()
	vals, _, err := g.Witness()
	if err != nil {
		t.Fatal(err)
	}
	var per [][]int64
	for _, lw := range g.wit.Layers {
		per = append(per, lw.A)
	}
	want, _ := g.Dims.Act(g.Dims.D).Pad(layertest.Stack(per))
	names := g.Out().Quotient().LimbNames()
	for i := range want {
		if got := vals[names[0]][i] + vals[names[1]][i]<<16; got != want[i] {
			t.Fatalf("a[%d] = %d, fixed has %d", i, got, want[i])
		}
	}
}

func TestHonest(t *testing.T) {
	q, _, wit := layertest.Stories(t, 8)
	for name, c := range map[string]*tc{"stories260K": newCase(t, q, wit), "random": randomCase(t, 1)} {
		g := c.gadget(t, false)
		checkAgainstFixed(t, g)
		if err := c.run(t, g, c.gadget(t, true)); err != nil {
			t.Fatalf("%s: honest attn_out rejected: %v", name, err)
		}
	}
}

func TestSoundness(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *tc, g *Gadget)
	}{
		{"output element", func(_ *tc, g *Gadget) { g.hooks.tamper = func(v map[string][]int64) { v["a#l0"][4]++ } }},
		{"remainder (intermediate)", func(_ *tc, g *Gadget) { g.hooks.tamper = func(v map[string][]int64) { v["a#rem"][9]-- } }},
		{"one weight", func(c *tc, _ *Gadget) {
			p, _ := c.w.Layout.Lookup(layers.WeightName(1, "wo"))
			c.w.Values[p.Offset+7].Add(&c.w.Values[p.Offset+7], new(fr.Element).SetOne())
		}},
		{"padded entry", func(_ *tc, g *Gadget) {
			g.hooks.tamper = func(v map[string][]int64) { a := v["a#l1"]; a[len(a)-1] = 1 }
		}},
		{"input O", func(c *tc, _ *Gadget) { c.in[0].Data = append([]int64{c.in[0].Data[0] + 1}, c.in[0].Data[1:]...) }},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			c := randomCase(t, 2)
			g := c.gadget(t, false)
			cs.edit(c, g)
			if err := c.run(t, g, c.gadget(t, true)); !errors.Is(err, layers.ErrReject) {
				t.Fatalf("forgery not rejected: %v", err)
			}
		})
	}
}

func TestDroppedClaimRejected(t *testing.T) {
	c := randomCase(t, 3)
	pub := c.gadget(t, true)
	pub.hooks.dropO = true
	if err := c.run(t, c.gadget(t, false), pub); !errors.Is(err, claims.ErrUnsettled) || !errors.Is(err, layers.ErrReject) {
		t.Fatalf("dropped O claim: %v", err)
	}
}

func TestProofElementsRejected(t *testing.T) {
	c := randomCase(t, 4)
	step := layertest.Step(3)
	n, size := layertest.ProofElements(t, c.w, c.in, c.gadget(t, false), c.gadget(t, true), step)
	t.Logf("%d forgeries over %d gadget bytes rejected", n, size)
}
