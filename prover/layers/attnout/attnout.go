package attnout

import (
	"fmt"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/matmul"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/trace"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Gadget is "attn_out": a = rescale(O·W_oᵀ, e_o) (FormatAct), stacked over
// layers. O (layers.TensorO) is committed by the attention gadget.
type Gadget struct {
	Dims  layers.Dims
	EO    int // W_o's exponent (one per role across layers)
	wit   *trace.Witness
	hooks hooks
}

// hooks are test-only deviations.
type hooks struct {
	tamper func(vals map[string][]int64) // prover: edit the committed witness
	dropO  bool                          // verifier: leave the claim on O open
}

// New returns the gadget for a quantized model at T positions (prompt P);
// w is the fixed-point witness (nil on the verifier's side).
func New(q *quant.Model, T, P int, w *trace.Witness) (*Gadget, error) {
	d, err := layers.DimsOf(q.Config, T, P)
	if err != nil {
		return nil, err
	}
	wo, err := q.Tensor(layers.WeightName(0, "wo"))
	if err != nil {
		return nil, err
	}
	if w != nil && (len(w.Layers) != d.L || len(w.Tokens) != d.T) {
		return nil, fmt.Errorf("%w: attn_out: witness of %d layers / %d positions for %d / %d", layers.ErrGadget, len(w.Layers), len(w.Tokens), d.L, d.T)
	}
	return &Gadget{Dims: d, EO: wo.Exp, wit: w}, nil
}

// Name implements layers.Gadget.
func (g *Gadget) Name() string { return "attn_out" }

// Out is the committed rescale producing a.
func (g *Gadget) Out() rescale.Rescale {
	return rescale.Rescale{Name: layers.TensorA, Shift: g.EO, Out: layers.FormatAct, LogSize: g.Dims.Act(g.Dims.D).LogSize()}
}

// O is the committed input (the attention output, a rescale quotient).
func (g *Gadget) O() rescale.Checked {
	return rescale.Checked{Name: layers.TensorO, Format: layers.FormatAct, LogSize: g.Dims.Act(g.Dims.D).LogSize()}
}

func (g *Gadget) matmul() matmul.Layer {
	d := g.Dims
	return matmul.Layer{X: layers.TensorO, In: d.D, T: d.T, L: d.L, Weights: []matmul.Weight{{Role: "wo", Out: d.D}}}
}

// Tensors implements layers.Gadget.
func (g *Gadget) Tensors() ([]pedersen.TensorSpec, error) {
	return layers.RescaleSpecs(g.Dims.Act(g.Dims.D), g.Out()), nil
}

// Lookups implements layers.Gadget.
func (g *Gadget) Lookups() ([]tlookup.Lookup, error) { return g.Out().Lookups() }

// Witness implements layers.ProverGadget.
func (g *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	if g.wit == nil {
		return nil, nil, fmt.Errorf("%w: attn_out: no witness (verifier side)", layers.ErrGadget)
	}
	var acc []int64
	for _, lw := range g.wit.Layers {
		acc = append(acc, lw.AAcc...)
	}
	padded, err := g.Dims.Act(g.Dims.D).Pad(acc)
	if err != nil {
		return nil, nil, err
	}
	w, err := g.Out().Witness(padded)
	if err != nil {
		return nil, nil, err
	}
	vals := map[string][]int64{}
	cols := layers.PutRescale(vals, g.Out(), w)
	if g.hooks.tamper != nil {
		g.hooks.tamper(vals)
	}
	return vals, cols, nil
}

// Prove implements layers.ProverGadget: a fresh point on a, its rescale,
// the matmul to O and W_o, O's claim settled through its limbs.
func (g *Gadget) Prove(p *layers.Prover) error {
	u := p.Fresh(transcript.LabelPointU, g.Out().LogSize)
	acc, q, err := p.RescaleAt(g.Out(), u)
	if err != nil {
		return err
	}
	if err := p.Consume(q); err != nil {
		return err
	}
	o, err := p.CheckedTable(g.O())
	if err != nil {
		return err
	}
	oc, err := g.matmul().Prove(p, o, []*claims.ProverClaim{acc})
	if err != nil {
		return err
	}
	return p.SettleChecked(g.O(), oc)
}

// Verify implements layers.VerifierGadget.
func (g *Gadget) Verify(v *layers.Verifier) error {
	u := v.Fresh(transcript.LabelPointU, g.Out().LogSize)
	acc, q, err := v.RescaleAt(g.Out(), u)
	if err != nil {
		return err
	}
	if err := v.Consume(q); err != nil {
		return err
	}
	oc, err := g.matmul().Verify(v, []*claims.VerifierClaim{acc})
	if err != nil || g.hooks.dropO {
		return err
	}
	return v.SettleChecked(g.O(), oc)
}
