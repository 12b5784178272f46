package head

import (
	"fmt"
	"math/big"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/matmul"
	"github.com/zkllm/zkllm/prover/layers/residual"
	"github.com/zkllm/zkllm/prover/layers/rmsnorm"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Params are the head's public parameters beyond the dims.
type Params struct {
	NormExp    int      // final_norm's exponent e_g
	Kappa      *big.Int // κ = round(d·ε·2^32)
	Classifier string   // weight-blob name of W_cls ([D, V])
	ClsExp     int      // its exponent: the logits rescale shift
}

// Gadget is the "head" gadget.
type Gadget struct {
	Dims   layers.Dims
	Params Params
	norm   *rmsnorm.Norm
	acc    []int64 // prover: dense [V, G] logit accumulators
	logits *rescale.RescaleWitness
}

// New returns the verifier's gadget.
func New(d layers.Dims, p Params) (*Gadget, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if p.ClsExp < 1 || p.ClsExp > rescale.MaxShift {
		return nil, fmt.Errorf("%w: classifier exponent %d", layers.ErrGadget, p.ClsExp)
	}
	n, err := rmsnorm.New(rmsnorm.FinalSpec(d, p.NormExp, p.Kappa, residual.SelectedName))
	if err != nil {
		return nil, err
	}
	return &Gadget{Dims: d, Params: p, norm: n}, nil
}

// NewProver returns the prover's gadget: hsel the selected rows of R_L
// (dense [D, G]: row g is R_L at position P−1+g), g the final norm weight
// (D values), acc the logit accumulators x_f·W_clsᵀ of the same rows (dense
// [V, G]) as prover/model/fixed computes them.
func NewProver(d layers.Dims, p Params, hsel, g, acc []int64) (*Gadget, error) {
	h, err := New(d, p)
	if err != nil {
		return nil, err
	}
	if h.norm, err = rmsnorm.NewProver(h.norm.Spec, hsel, [][]int64{g}); err != nil {
		return nil, err
	}
	if len(acc) != d.V*d.G() {
		return nil, fmt.Errorf("%w: %d logit accumulators for [V, G] = [%d, %d]", layers.ErrGadget, len(acc), d.V, d.G())
	}
	padded, err := d.Sel(d.V).Pad(acc)
	if err != nil {
		return nil, err
	}
	if h.logits, err = h.rescale().Witness(padded); err != nil {
		return nil, err
	}
	h.acc = acc
	return h, nil
}

func (h *Gadget) rescale() rescale.Rescale {
	return rescale.Rescale{Name: layers.TensorLogits, Shift: h.Params.ClsExp, Out: layers.FormatLogits, LogSize: h.Dims.Sel(h.Dims.V).LogSize()}
}

// Logits returns the committed logits' limb-checked view (the output
// binding settles its claims with it).
func (h *Gadget) Logits() rescale.Checked { return h.rescale().Quotient() }

func (h *Gadget) lmHead() matmul.Model {
	d := h.Dims
	return matmul.Model{X: layers.TensorXFinal, In: d.D, Rows: d.G(), Weight: h.Params.Classifier, Out: d.V}
}

// Name implements layers.Gadget.
func (h *Gadget) Name() string { return "head" }

// Tensors implements layers.Gadget.
func (h *Gadget) Tensors() ([]pedersen.TensorSpec, error) {
	ts, err := h.norm.Spec.Tensors()
	if err != nil {
		return nil, err
	}
	sel := h.Dims.Sel(h.Dims.V)
	r := h.rescale()
	for _, c := range []rescale.Checked{r.Quotient(), r.Remainder()} {
		for _, n := range c.LimbNames() {
			ts = append(ts, sel.Spec(n))
		}
	}
	return ts, nil
}

// Lookups implements layers.Gadget.
func (h *Gadget) Lookups() ([]tlookup.Lookup, error) {
	ls, err := h.norm.Spec.Lookups()
	if err != nil {
		return nil, err
	}
	r, err := h.rescale().Lookups()
	return append(ls, r...), err
}

// Witness implements layers.ProverGadget.
func (h *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	if h.logits == nil {
		return nil, nil, fmt.Errorf("%w: head: no witness", layers.ErrGadget)
	}
	vals, cols, err := h.norm.Witness()
	if err != nil {
		return nil, nil, err
	}
	r := h.rescale()
	for i, n := range r.Quotient().LimbNames() {
		vals[n] = h.logits.QLimbs[i]
	}
	for i, n := range r.Remainder().LimbNames() {
		vals[n] = h.logits.RLimbs[i]
	}
	return vals, append(cols, r.Columns(h.logits)...), nil
}

func (h *Gadget) logitsPoint(fresh func(string, int) claims.Point) claims.Point {
	return fresh(transcript.LabelPointU, h.Dims.Sel(h.Dims.V).LogSize())
}

// Prove implements layers.ProverGadget.
func (h *Gadget) Prove(p *layers.Prover) error {
	acc, q, err := p.RescaleAt(h.rescale(), h.logitsPoint(p.Fresh))
	if err != nil {
		return err
	}
	if err := p.Consume(q); err != nil {
		return err
	}
	xq := h.norm.Spec.Rescale().Quotient()
	xf, err := p.CheckedTable(xq)
	if err != nil {
		return err
	}
	xc, err := h.lmHead().Prove(p, xf, acc)
	if err != nil {
		return err
	}
	if err := p.SettleChecked(xq, xc); err != nil {
		return err
	}
	return h.norm.Prove(p, func(p *layers.Prover, c *claims.ProverClaim) error {
		return residual.ProveSelected(p, h.Dims, c)
	})
}

// Verify implements layers.VerifierGadget.
func (h *Gadget) Verify(v *layers.Verifier) error {
	acc, q, err := v.RescaleAt(h.rescale(), h.logitsPoint(v.Fresh))
	if err != nil {
		return err
	}
	if err := v.Consume(q); err != nil {
		return err
	}
	xc, err := h.lmHead().Verify(v, acc)
	if err != nil {
		return err
	}
	if err := v.SettleChecked(h.norm.Spec.Rescale().Quotient(), xc); err != nil {
		return err
	}
	return h.norm.Verify(v, func(v *layers.Verifier, c *claims.VerifierClaim) error {
		return residual.VerifySelected(v, h.Dims, c)
	})
}
