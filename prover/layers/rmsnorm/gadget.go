package rmsnorm

import (
	"fmt"
	"math/big"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/trace"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// Kind selects one of the two layer norms.
type Kind int

const (
	// Attn is attn_norm: x1 = RMSNorm(R_ℓ; g_attn).
	Attn Kind = iota
	// FFN is ffn_norm: x2 = RMSNorm(h1 = R_ℓ + a; g_ffn).
	FFN
)

// Role returns the norm weight's role name ("attn_norm", "ffn_norm").
func (k Kind) Role() string {
	if k == FFN {
		return "ffn_norm"
	}
	return "attn_norm"
}

// H1Name names the virtual h1 = R_ℓ + a whose claims ffn_norm splits.
const H1Name = "h1"

// FinalWeight is the final norm's weight-blob name.
const FinalWeight = "final_norm"

// LayerSpec returns the public spec of a layer norm, stacked over layers:
// rows [T, L], g = layers.ℓ.<role>, one exponent gExp across layers.
func LayerSpec(k Kind, d layers.Dims, gExp int, kappa *big.Int) Spec {
	s := Spec{Width: d.D, Rows: d.Rows(), Layered: true, Weights: d.WeightNames(k.Role()), GExp: gExp, Kappa: kappa}
	if k == FFN {
		s.Rho, s.E1, s.E2, s.Out, s.Input = layers.TensorFFNRho, layers.TensorFFNE1, layers.TensorFFNE2, layers.TensorX2, H1Name
	} else {
		s.Rho, s.E1, s.E2, s.Out, s.Input = layers.TensorAttnRho, layers.TensorAttnE1, layers.TensorAttnE2, layers.TensorX1, d.Checkpoints().InName()
	}
	return s
}

// FinalSpec returns the public spec of the final norm on the G selected
// rows (§7.10): rows [G], g = final_norm, no layer axis; input names the
// caller's virtual tensor of the selected rows (its claims go to the
// caller's settle function).
func FinalSpec(d layers.Dims, gExp int, kappa *big.Int, input string) Spec {
	return Spec{Width: d.D, Rows: layers.Shape{d.G()}, Weights: []string{FinalWeight}, GExp: gExp, Kappa: kappa,
		Rho: layers.TensorFinalRho, E1: layers.TensorFinalE1, E2: layers.TensorFinalE2, Out: layers.TensorXFinal, Input: input}
}

// Gadget is the layer gadget "attn_norm" or "ffn_norm" (§7.4, §8.5 steps 1
// and 7): the Norm over [T, L] with h read from the checkpoints' In view
// (attn_norm) or h1 = R_ℓ + a (ffn_norm; a is committed by attn_out).
type Gadget struct {
	Kind Kind
	Dims layers.Dims
	Norm *Norm
}

// NewLayer returns the verifier's gadget from public dims, the norm
// weights' exponent and κ.
func NewLayer(k Kind, d layers.Dims, gExp int, kappa *big.Int) (*Gadget, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	n, err := New(LayerSpec(k, d, gExp, kappa))
	if err != nil {
		return nil, err
	}
	return &Gadget{Kind: k, Dims: d, Norm: n}, nil
}

// NewLayerProver returns the prover's gadget: the weights g from q and the
// inputs h from the fixed-point witness (R_ℓ, or h1 = R_ℓ + a).
func NewLayerProver(k Kind, d layers.Dims, q *quant.Model, w *trace.Witness) (*Gadget, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if len(w.Layers) != d.L || len(w.R) != d.L+1 {
		return nil, fmt.Errorf("%w: witness of %d layers for L = %d", layers.ErrGadget, len(w.Layers), d.L)
	}
	var h []int64
	g := make([][]int64, d.L)
	gExp := 0
	for l := 0; l < d.L; l++ {
		src := w.R[l]
		if k == FFN {
			src = w.Layers[l].H1
		}
		if len(src) != d.T*d.D {
			return nil, fmt.Errorf("%w: layer %d input of %d values for T·D = %d", layers.ErrGadget, l, len(src), d.T*d.D)
		}
		h = append(h, src...)
		t, err := q.Tensor(layers.WeightName(l, k.Role()))
		if err != nil {
			return nil, err
		}
		if l == 0 {
			gExp = t.Exp
		} else if t.Exp != gExp {
			return nil, fmt.Errorf("%w: %s exponents differ across layers (%d, %d)", layers.ErrGadget, k.Role(), gExp, t.Exp)
		}
		g[l] = widen(t.Data)
	}
	n, err := NewProver(LayerSpec(k, d, gExp, params.Kappa(q.Config)), h, g)
	if err != nil {
		return nil, err
	}
	return &Gadget{Kind: k, Dims: d, Norm: n}, nil
}

func widen(v []int16) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

// Name implements layers.Gadget.
func (g *Gadget) Name() string { return g.Kind.Role() }

// Tensors implements layers.Gadget.
func (g *Gadget) Tensors() ([]pedersen.TensorSpec, error) { return g.Norm.Tensors() }

// Lookups implements layers.Gadget.
func (g *Gadget) Lookups() ([]tlookup.Lookup, error) { return g.Norm.Lookups() }

// Witness implements layers.ProverGadget.
func (g *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) { return g.Norm.Witness() }

// Prove implements layers.ProverGadget.
func (g *Gadget) Prove(p *layers.Prover) error { return g.Norm.Prove(p, g.settleH) }

// Verify implements layers.VerifierGadget.
func (g *Gadget) Verify(v *layers.Verifier) error { return g.Norm.Verify(v, g.settleHV) }

// aChecked is attn_out's committed a (a rescale quotient, A32).
func (g *Gadget) aChecked() rescale.Checked {
	return rescale.Checked{Name: layers.TensorA, Format: layers.FormatAct, LogSize: g.Dims.Act(g.Dims.D).LogSize()}
}

// splitInner splits a point on [D, T, L] into the checkpoints' inner (D, T)
// coordinates and the layer coordinates.
func (g *Gadget) splitInner(at claims.Point) (u, v claims.Point) {
	k := g.Dims.Checkpoints().Inner.LogSize()
	return at.Slice(0, k), at.Slice(k, at.Len())
}

// settleH settles a claim on h: h = R_ℓ (the In view) for attn_norm; for
// ffn_norm h1(u) = R_ℓ(u) + a(u), with a opened through its limbs at u.
func (g *Gadget) settleH(p *layers.Prover, c *claims.ProverClaim) error {
	u, v := g.splitInner(c.At)
	in, out, err := p.SlotViews(g.Dims.Checkpoints(), u, v)
	if err != nil {
		return err
	}
	rhs := in.Value
	used := []*claims.ProverClaim{in, out}
	if g.Kind == FFN {
		a, err := p.CheckedAt(g.aChecked(), c.At)
		if err != nil {
			return err
		}
		rhs = rhs.Add(a.Value)
		used = append(used, a)
	}
	if err := p.Equate(c, rhs); err != nil {
		return err
	}
	return p.Consume(used...)
}

// settleHV mirrors settleH.
func (g *Gadget) settleHV(v *layers.Verifier, c *claims.VerifierClaim) error {
	u, lv := g.splitInner(c.At)
	in, out, err := v.SlotViews(g.Dims.Checkpoints(), u, lv)
	if err != nil {
		return err
	}
	rhs := in.Value
	used := []*claims.VerifierClaim{in, out}
	if g.Kind == FFN {
		a, err := v.CheckedAt(g.aChecked(), c.At)
		if err != nil {
			return err
		}
		rhs = sumcheck.AddPoints(rhs, a.Value)
		used = append(used, a)
	}
	if err := v.Equate(c, rhs); err != nil {
		return err
	}
	return v.Consume(used...)
}

// Component wraps a Norm as a layers gadget whose input claims are settled
// by the caller's functions: the final norm on the G selected rows (§7.10)
// takes the selection's settlement here. Label is the gadget name.
type Component struct {
	Label  string
	Norm   *Norm
	Prover ProverInput   // prover side
	Verif  VerifierInput // verifier side
}

// Name implements layers.Gadget.
func (c *Component) Name() string { return c.Label }

// Tensors implements layers.Gadget.
func (c *Component) Tensors() ([]pedersen.TensorSpec, error) { return c.Norm.Tensors() }

// Lookups implements layers.Gadget.
func (c *Component) Lookups() ([]tlookup.Lookup, error) { return c.Norm.Lookups() }

// Witness implements layers.ProverGadget.
func (c *Component) Witness() (map[string][]int64, []tlookup.Column, error) { return c.Norm.Witness() }

// Prove implements layers.ProverGadget.
func (c *Component) Prove(p *layers.Prover) error {
	if c.Prover == nil {
		return fmt.Errorf("%w: %s: no input settlement", layers.ErrGadget, c.Label)
	}
	return c.Norm.Prove(p, c.Prover)
}

// Verify implements layers.VerifierGadget.
func (c *Component) Verify(v *layers.Verifier) error {
	if c.Verif == nil {
		return fmt.Errorf("%w: %s: no input settlement", layers.ErrGadget, c.Label)
	}
	return c.Norm.Verify(v, c.Verif)
}
