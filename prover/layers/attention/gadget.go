package attention

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/trace"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// Advice tensors committed by the gadget (all stacked over heads and layers).
const (
	TensorZHat = "attn.zhat" // ẑ, [T, H, L]
	TensorX0   = "attn.x0"   // digit x_0 ∈ RANGE_k0, [T, T, H, L]
	TensorX1   = "attn.x1"   // digit x_1, EXPC input
	TensorYBar = "attn.ybar" // ȳ, EXPC output
	TensorIBar = "attn.ibar" // ῑ, INDC output
	TensorE    = "attn.e"    // band slack e ∈ RANGE_(log E), [T, H, L]
	// ColumnX2 is the INDC input column x_2: virtual (not committed); its
	// lookup leaf claim is reduced by the gadget.
	ColumnX2 = "attn.x2"
)

// Virtual tensors (claim names only).
const (
	virtualZ = "attn.Z" // scores
	virtualY = "attn.Y" // softmax output
)

// Gadget is the layer gadget "attention" (PROTOCOL §7.6–7.7, §8.5 steps
// 4–5), stacked over heads and layers. The verifier's copy holds the dims
// only; the prover's also holds the witness.
type Gadget struct {
	d     layers.Dims
	k0    int // truncated digit width
	wI    int // INDC width
	logE  int // band width log E
	g     int // log2 of the group size when it is a power of two, else −1
	expc  *tables.Table
	w     *witness // prover only
	hooks hooks
}

// hooks are test-only deviations (both sides unless noted).
type hooks struct {
	noBand    bool                     // both: drop the row-sum band (control for attack 11)
	zhatRaise int64                    // prover: raise ẑ of row (i, h, ℓ) = (0, 0, 0), e kept in range (attack 11)
	futureY   bool                     // prover: move half of row 0's mass to key 1 > 0 (attack 12)
	tamper    func(map[string][]int64) // prover: alter committed advice after the witness
	dropClaim bool                     // verifier: leave the claim on ẑ unsettled
	// both: a narrower INDC (x_2 < 2^indcWidth) so that soundness tests do
	// not pay for the 2^20-entry table; the relations are unchanged.
	indcWidth int
}

// indc returns the INDC width in use (w_I unless a test narrows it).
func (g *Gadget) indc() int {
	if g.hooks.indcWidth != 0 {
		return g.hooks.indcWidth
	}
	return g.wI
}

// New returns the public side of the gadget for dims d.
func New(d layers.Dims) (*Gadget, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	expc, err := tables.ExpC(d.Dh)
	if err != nil {
		return nil, fmt.Errorf("%w: attention: %v", layers.ErrGadget, err)
	}
	g := &Gadget{d: d, k0: params.K0(d.Dh), wI: params.WI(d.Dh), expc: expc, g: -1}
	if G := d.Group(); G&(G-1) == 0 {
		g.g = mle.Log2Ceil(G)
	}
	// E: the least power of two ≥ 2^-11·θ + T_pad + 8 (§7.7).
	g.logE = mle.Log2Ceil(tables.Theta>>11 + 1<<d.LogT() + 8)
	return g, nil
}

// NewProver returns the prover's side: the witness is derived from the
// fixed-point forward pass (one LayerWitness per layer, position-major) and
// checked against it (Y and O must match exactly).
func NewProver(d layers.Dims, lw []trace.LayerWitness) (*Gadget, error) {
	g, err := New(d)
	if err != nil {
		return nil, err
	}
	g.w, err = g.buildWitness(lw)
	return g, err
}

// Name implements layers.Gadget.
func (g *Gadget) Name() string { return "attention" }

// Shapes.
func (g *Gadget) scores() layers.Shape { return g.d.Scores() }
func (g *Gadget) rows() layers.Shape   { return g.d.ScoreRows() }
func (g *Gadget) act() layers.Shape    { return g.d.Act(g.d.D) }
func (g *Gadget) kvAct() layers.Shape  { return g.d.Act(g.d.Dh * g.d.Hkv) }

// Axis logs: key/query positions, heads, KV heads, head size, layers.
func (g *Gadget) lT() int   { return g.d.LogT() }
func (g *Gadget) lH() int   { return mle.Log2Ceil(g.d.H) }
func (g *Gadget) lHkv() int { return mle.Log2Ceil(g.d.Hkv) }
func (g *Gadget) lD() int   { return mle.Log2Ceil(g.d.Dh) }
func (g *Gadget) lL() int   { return g.d.LogL() }

// Limb-committed inputs (committed by the qkv gadget) and the output O.
func (g *Gadget) qChecked() rescale.Checked {
	return rescale.Checked{Name: layers.TensorQ, Format: layers.FormatQK, LogSize: g.act().LogSize()}
}

func (g *Gadget) kChecked() rescale.Checked {
	return rescale.Checked{Name: layers.TensorK, Format: layers.FormatQK, LogSize: g.kvAct().LogSize()}
}

func (g *Gadget) vChecked() rescale.Checked {
	return rescale.Checked{Name: layers.TensorV, Format: layers.FormatV, LogSize: g.kvAct().LogSize()}
}

func (g *Gadget) oRescale() rescale.Rescale {
	return rescale.Rescale{Name: layers.TensorO, Shift: params.OShift, Out: layers.FormatAct, LogSize: g.act().LogSize()}
}

// Tensors implements layers.Gadget.
func (g *Gadget) Tensors() ([]pedersen.TensorSpec, error) {
	out := []pedersen.TensorSpec{g.rows().Spec(TensorZHat)}
	for _, n := range []string{TensorX0, TensorX1, TensorYBar, TensorIBar} {
		out = append(out, g.scores().Spec(n))
	}
	out = append(out, g.rows().Spec(TensorE))
	o := g.oRescale()
	for _, c := range []rescale.Checked{o.Quotient(), o.Remainder()} {
		for _, n := range c.LimbNames() {
			out = append(out, g.act().Spec(n))
		}
	}
	return out, nil
}

// Lookups implements layers.Gadget: x_0 ∈ RANGE_k0, (x_1, ȳ) ∈ EXPC,
// (x_2, ῑ) ∈ INDC_wI with x_2 virtual, e ∈ RANGE_logE, then O's rescale.
func (g *Gadget) Lookups() ([]tlookup.Lookup, error) {
	n := g.scores().LogSize()
	r0, err := tables.Range(g.k0)
	if err != nil {
		return nil, err
	}
	ind, err := tables.Indicator(g.indc())
	if err != nil {
		return nil, err
	}
	re, err := tables.Range(g.logE)
	if err != nil {
		return nil, err
	}
	out := []tlookup.Lookup{
		{Name: TensorX0, Table: r0, LogSize: n},
		{Name: TensorX1, OutName: TensorYBar, Table: g.expc, LogSize: n},
		{Name: ColumnX2, OutName: TensorIBar, Table: ind, LogSize: n},
		{Name: TensorE, Table: re, LogSize: g.rows().LogSize()},
	}
	o, err := g.oRescale().Lookups()
	return append(out, o...), err
}

// Public constants as field elements.
func elem(v int64) fr.Element {
	var e fr.Element
	e.SetInt64(v)
	return e
}

func pow2(k int) fr.Element {
	var e fr.Element
	e.SetOne()
	var two fr.Element
	two.SetUint64(2)
	for range k {
		e.Mul(&e, &two)
	}
	return e
}
