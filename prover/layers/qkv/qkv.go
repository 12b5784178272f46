package qkv

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/matmul"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/rope"
	"github.com/zkllm/zkllm/prover/model/trace"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Params are the public parameters of the gadget: the shapes, the RoPE
// convention and tables' parameters, and the per-role weight exponents
// (one per role across layers, quant.CheckStackable).
type Params struct {
	Dims       layers.Dims
	PairBit    int
	Theta      float64
	Scaling    model.RopeScaling
	EQ, EK, EV int
}

// ParamsOf returns the gadget parameters of a quantized model for T
// positions with a prompt of P tokens.
func ParamsOf(q *quant.Model, T, P int) (Params, error) {
	d, err := layers.DimsOf(q.Config, T, P)
	if err != nil {
		return Params{}, err
	}
	p := Params{Dims: d, PairBit: q.Config.RopePairBit, Theta: q.Config.RopeTheta, Scaling: q.Config.RopeScaling}
	for _, e := range []struct {
		role string
		dst  *int
	}{{"wq", &p.EQ}, {"wk", &p.EK}, {"wv", &p.EV}} {
		t, err := q.Tensor(layers.WeightName(0, e.role))
		if err != nil {
			return Params{}, err
		}
		*e.dst = t.Exp
	}
	return p, nil
}

// Gadget is "qkv": Q_r, K_r (RoPE'd and rescaled by e+18, FormatQK) and V
// (rescaled by e+4, FormatV) from x1, stacked over layers (PROTOCOL §7.5,
// §8.5 steps 2–3). The prover side holds the fixed-point witness.
type Gadget struct {
	P     Params
	wit   *trace.Witness
	tab   *rope.Tables
	hooks hooks
}

// hooks are test-only deviations (set by the package's tests).
type hooks struct {
	tamper func(vals map[string][]int64) // prover: edit the committed witness
	dropX1 bool                          // verifier: leave k's x1 claim open
}

// New returns the gadget; w is the fixed-point witness (nil on the
// verifier's side).
func New(p Params, w *trace.Witness) (*Gadget, error) {
	d := p.Dims
	if err := d.Validate(); err != nil {
		return nil, err
	}
	tab, err := rope.GetScaled(d.Dh, p.Theta, p.Scaling, d.T)
	if err != nil {
		return nil, err
	}
	g := &Gadget{P: p, wit: w, tab: tab}
	if err := g.rope(layers.TensorQ).check(); err != nil {
		return nil, err
	}
	if w != nil && (len(w.Layers) != d.L || len(w.Tokens) != d.T) {
		return nil, fmt.Errorf("%w: qkv: witness of %d layers / %d positions for %d / %d", layers.ErrGadget, len(w.Layers), len(w.Tokens), d.L, d.T)
	}
	return g, nil
}

// Name implements layers.Gadget.
func (g *Gadget) Name() string { return "qkv" }

func (g *Gadget) kv() int { return g.P.Dims.Dh * g.P.Dims.Hkv }

func (g *Gadget) shape(name string) layers.Shape {
	if name == layers.TensorQ {
		return g.P.Dims.Act(g.P.Dims.D)
	}
	return g.P.Dims.Act(g.kv())
}

// Rescales returns the three committed rescales (Q_r, K_r, V).
func (g *Gadget) Rescales() (q, k, v rescale.Rescale) {
	mk := func(name string, shift int, f rescale.Format) rescale.Rescale {
		return rescale.Rescale{Name: name, Shift: shift, Out: f, LogSize: g.shape(name).LogSize()}
	}
	return mk(layers.TensorQ, g.P.EQ+params.QKShift, layers.FormatQK),
		mk(layers.TensorK, g.P.EK+params.QKShift, layers.FormatQK),
		mk(layers.TensorV, g.P.EV+params.VShift, layers.FormatV)
}

// X1 is the committed input (the attention RMSNorm's output).
func (g *Gadget) X1() rescale.Checked {
	return rescale.Checked{Name: layers.TensorX1, Format: layers.FormatAct, LogSize: g.P.Dims.Act(g.P.Dims.D).LogSize()}
}

func (g *Gadget) rope(name string) Rope {
	d := g.P.Dims
	return Rope{Name: name + "_acc", Width: g.shape(name)[0], Dh: d.Dh, T: d.T, L: d.L, PairBit: g.P.PairBit, Tables: g.tab}
}

func (g *Gadget) matmul(ws ...matmul.Weight) matmul.Layer {
	d := g.P.Dims
	return matmul.Layer{X: layers.TensorX1, In: d.D, T: d.T, L: d.L, Weights: ws}
}

// Tensors implements layers.Gadget.
func (g *Gadget) Tensors() ([]pedersen.TensorSpec, error) {
	var out []pedersen.TensorSpec
	q, k, v := g.Rescales()
	for _, r := range []rescale.Rescale{q, k, v} {
		out = append(out, layers.RescaleSpecs(g.shape(r.Name), r)...)
	}
	return out, nil
}

// Lookups implements layers.Gadget.
func (g *Gadget) Lookups() ([]tlookup.Lookup, error) {
	var out []tlookup.Lookup
	q, k, v := g.Rescales()
	for _, r := range []rescale.Rescale{q, k, v} {
		l, err := r.Lookups()
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	return out, nil
}

// accs returns the stacked dense accumulators of the witness.
func (g *Gadget) accs() (q, k, v []int64) {
	var qs, ks, vs [][]int64
	for _, lw := range g.wit.Layers {
		qs, ks, vs = append(qs, lw.QAcc), append(ks, lw.KAcc), append(vs, lw.VAcc)
	}
	return stack(qs), stack(ks), stack(vs)
}

// Witness implements layers.ProverGadget.
func (g *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	if g.wit == nil {
		return nil, nil, fmt.Errorf("%w: qkv: no witness (verifier side)", layers.ErrGadget)
	}
	qa, ka, va := g.accs()
	rq, rk, rv := g.Rescales()
	vals := map[string][]int64{}
	var cols []tlookup.Column
	for _, c := range []struct {
		r   rescale.Rescale
		acc []int64
	}{{rq, qa}, {rk, ka}} {
		w, err := g.rope(c.r.Name).Witness(c.r, c.acc)
		if err != nil {
			return nil, nil, err
		}
		cols = append(cols, layers.PutRescale(vals, c.r, w)...)
	}
	acc, err := g.shape(layers.TensorV).Pad(va)
	if err != nil {
		return nil, nil, err
	}
	w, err := rv.Witness(acc)
	if err != nil {
		return nil, nil, err
	}
	cols = append(cols, layers.PutRescale(vals, rv, w)...)
	if g.hooks.tamper != nil {
		g.hooks.tamper(vals)
	}
	return vals, cols, nil
}

func padField(sh layers.Shape, dense []int64) ([]fr.Element, error) {
	p, err := sh.Pad(dense)
	if err != nil {
		return nil, err
	}
	return layers.ToField(p), nil
}

// Prove implements layers.ProverGadget (transcript order in doc.go).
func (g *Gadget) Prove(p *layers.Prover) error {
	rq, rk, rv := g.Rescales()
	qa, ka, _ := g.accs()
	x1, err := p.CheckedTable(g.X1())
	if err != nil {
		return err
	}
	// Q: fresh point, rescale, RoPE → claim on q_acc.
	qacc, err := padField(g.shape(layers.TensorQ), qa)
	if err != nil {
		return err
	}
	yq, err := g.proveRoped(p, rq, qacc)
	if err != nil {
		return err
	}
	// V at (fresh u_o ‖ q's token/layer point), fused with q on x1.
	d := g.P.Dims
	uv := p.Fresh(transcript.LabelPointU, g.shape(layers.TensorV).Logs()[0])
	yv, qv, err := p.RescaleAt(rv, claims.Concat(uv, yq.At.Slice(d.Act(d.D).Logs()[0], yq.At.Len())))
	if err != nil {
		return err
	}
	if err := p.Consume(qv); err != nil {
		return err
	}
	xc, err := g.matmul(matmul.Weight{Role: "wq", Out: d.D}, matmul.Weight{Role: "wv", Out: g.kv()}).Prove(p, x1, []*claims.ProverClaim{yq, yv})
	if err != nil {
		return err
	}
	if err := p.SettleChecked(g.X1(), xc); err != nil {
		return err
	}
	// K: its own fresh point; RoPE binds its token coordinates differently.
	kacc, err := padField(g.shape(layers.TensorK), ka)
	if err != nil {
		return err
	}
	yk, err := g.proveRoped(p, rk, kacc)
	if err != nil {
		return err
	}
	xc, err = g.matmul(matmul.Weight{Role: "wk", Out: g.kv()}).Prove(p, x1, []*claims.ProverClaim{yk})
	if err != nil {
		return err
	}
	return p.SettleChecked(g.X1(), xc)
}

func (g *Gadget) proveRoped(p *layers.Prover, r rescale.Rescale, acc []fr.Element) (*claims.ProverClaim, error) {
	u := p.Fresh(transcript.LabelPointU, r.LogSize)
	x, q, err := p.RescaleAt(r, u)
	if err != nil {
		return nil, err
	}
	if err := p.Consume(q); err != nil {
		return nil, err
	}
	return g.rope(r.Name).ProveAt(p, x, acc)
}

// Verify implements layers.VerifierGadget.
func (g *Gadget) Verify(v *layers.Verifier) error {
	rq, rk, rv := g.Rescales()
	d := g.P.Dims
	yq, err := g.verifyRoped(v, rq)
	if err != nil {
		return err
	}
	uv := v.Fresh(transcript.LabelPointU, g.shape(layers.TensorV).Logs()[0])
	yv, qv, err := v.RescaleAt(rv, claims.Concat(uv, yq.At.Slice(d.Act(d.D).Logs()[0], yq.At.Len())))
	if err != nil {
		return err
	}
	if err := v.Consume(qv); err != nil {
		return err
	}
	xc, err := g.matmul(matmul.Weight{Role: "wq", Out: d.D}, matmul.Weight{Role: "wv", Out: g.kv()}).Verify(v, []*claims.VerifierClaim{yq, yv})
	if err != nil {
		return err
	}
	if err := v.SettleChecked(g.X1(), xc); err != nil {
		return err
	}
	yk, err := g.verifyRoped(v, rk)
	if err != nil {
		return err
	}
	xc, err = g.matmul(matmul.Weight{Role: "wk", Out: g.kv()}).Verify(v, []*claims.VerifierClaim{yk})
	if err != nil || g.hooks.dropX1 {
		return err
	}
	return v.SettleChecked(g.X1(), xc)
}

func (g *Gadget) verifyRoped(v *layers.Verifier, r rescale.Rescale) (*claims.VerifierClaim, error) {
	u := v.Fresh(transcript.LabelPointU, r.LogSize)
	x, q, err := v.RescaleAt(r, u)
	if err != nil {
		return nil, err
	}
	if err := v.Consume(q); err != nil {
		return nil, err
	}
	return g.rope(r.Name).VerifyAt(v, x)
}

// stack concatenates per-layer position-major tensors into the dense
// [width, T, L] order (axis 0 fastest).
func stack(perLayer [][]int64) []int64 {
	var out []int64
	for _, l := range perLayer {
		out = append(out, l...)
	}
	return out
}
