package ffn

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/matmul"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/trace"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Gadget is "ffn" (PROTOCOL §7.3, §8.5 step 8), stacked over layers:
//
//	u  = rescale(x2·W_1ᵀ, e_1+6)   (A20 at 2^10; bounded by the SILU table)
//	s  = SILU(u)                   (lookup (u, s) ∈ SILU)
//	up = rescale(x2·W_3ᵀ, e_3)     (A32)
//	p  = rescale(s ⊙ up, 16)       (A32)
//	f  = rescale(p·W_2ᵀ, e_2)      (A32)
//
// x2 (layers.TensorX2, FormatAct) is committed by the FFN RMSNorm gadget.
type Gadget struct {
	Dims       layers.Dims
	E1, E2, E3 int // exponents of W_1 (gate), W_2 (down), W_3 (up)
	wit        *trace.Witness
	hooks      hooks
}

// hooks are test-only deviations.
type hooks struct {
	tamper func(vals map[string][]int64) // prover: edit the committed witness
	noSiLU bool                          // both: omit the SILU lookup
	dropP  bool                          // verifier: leave the last claim on p open
}

// New returns the gadget for a quantized model at T positions (prompt P);
// w is the fixed-point witness (nil on the verifier's side).
func New(q *quant.Model, T, P int, w *trace.Witness) (*Gadget, error) {
	d, err := layers.DimsOf(q.Config, T, P)
	if err != nil {
		return nil, err
	}
	g := &Gadget{Dims: d, wit: w}
	for _, e := range []struct {
		role string
		dst  *int
	}{{"w1", &g.E1}, {"w2", &g.E2}, {"w3", &g.E3}} {
		t, err := q.Tensor(layers.WeightName(0, e.role))
		if err != nil {
			return nil, err
		}
		*e.dst = t.Exp
	}
	if w != nil && (len(w.Layers) != d.L || len(w.Tokens) != d.T) {
		return nil, fmt.Errorf("%w: ffn: witness of %d layers / %d positions for %d / %d", layers.ErrGadget, len(w.Layers), len(w.Tokens), d.L, d.T)
	}
	return g, nil
}

// Name implements layers.Gadget.
func (g *Gadget) Name() string { return "ffn" }

func (g *Gadget) hidden() layers.Shape { return g.Dims.Act(g.Dims.F) }

// Rescales returns the gadget's four committed rescales. Only the gate's
// has QuotientByTable: this constructor is the one place that builds it,
// and Lookups always pairs it with the SILU lookup on its quotient.
func (g *Gadget) Rescales() (u, up, p, f rescale.Rescale) {
	h, o := g.hidden().LogSize(), g.Dims.Act(g.Dims.D).LogSize()
	return rescale.Rescale{Name: layers.TensorU, Shift: g.E1 + params.GateShift, Out: layers.FormatSiLUIn, LogSize: h, QuotientByTable: true},
		rescale.Rescale{Name: layers.TensorUp, Shift: g.E3, Out: layers.FormatAct, LogSize: h},
		rescale.Rescale{Name: layers.TensorP, Shift: params.HadShift, Out: layers.FormatAct, LogSize: h},
		rescale.Rescale{Name: layers.TensorF, Shift: g.E2, Out: layers.FormatAct, LogSize: o}
}

func (g *Gadget) silu() rescale.SiLU {
	return rescale.SiLU{In: layers.TensorU, Out: layers.TensorS, LogSize: g.hidden().LogSize()}
}

// X2 is the committed input.
func (g *Gadget) X2() rescale.Checked {
	return rescale.Checked{Name: layers.TensorX2, Format: layers.FormatAct, LogSize: g.Dims.Act(g.Dims.D).LogSize()}
}

func (g *Gadget) all() []rescale.Rescale {
	u, up, p, f := g.Rescales()
	return []rescale.Rescale{u, up, p, f}
}

// Tensors implements layers.Gadget.
func (g *Gadget) Tensors() ([]pedersen.TensorSpec, error) {
	var out []pedersen.TensorSpec
	for _, r := range g.all() {
		sh := g.hidden()
		if r.Name == layers.TensorF {
			sh = g.Dims.Act(g.Dims.D)
		}
		out = append(out, layers.RescaleSpecs(sh, r)...)
	}
	return append(out, g.hidden().Spec(layers.TensorS)), nil
}

// Lookups implements layers.Gadget: the range lookups of the four rescales
// (none for u's quotient), then SILU on (u, s). It fails when a rescale
// with QuotientByTable lacks the SILU lookup on its quotient.
func (g *Gadget) Lookups() ([]tlookup.Lookup, error) {
	var out []tlookup.Lookup
	for _, r := range g.all() {
		l, err := r.Lookups()
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	if !g.hooks.noSiLU {
		s, err := g.silu().Lookup()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, CheckTableBounded(g.all(), out)
}

// CheckTableBounded enforces the issue-13 obligation on QuotientByTable:
// every rescale whose quotient is not range-checked by limbs must have a
// SILU lookup whose input column is that quotient among lookups.
func CheckTableBounded(rs []rescale.Rescale, lookups []tlookup.Lookup) error {
	for _, r := range rs {
		if !r.QuotientByTable {
			continue
		}
		ok := false
		for _, l := range lookups {
			if l.Name == r.Name && l.OutName != "" && l.Table != nil && l.Table.Kind() == tables.KindSiLU && l.LogSize == r.LogSize {
				ok = true
			}
		}
		if !ok {
			return fmt.Errorf("%w: rescale %q drops its quotient's range check (QuotientByTable) without a SILU lookup on it", layers.ErrGadget, r.Name)
		}
	}
	return nil
}

// Prove implements layers.ProverGadget (transcript order in doc.go).
func (g *Gadget) Prove(p *layers.Prover) error {
	ru, rup, rp, rf := g.Rescales()
	// gate/up at one fresh point, fused on x2.
	w := p.Fresh(transcript.LabelPointU, ru.LogSize)
	accs := make([]*claims.ProverClaim, 2)
	for i, r := range []rescale.Rescale{ru, rup} {
		acc, q, err := p.RescaleAt(r, w)
		if err != nil {
			return err
		}
		if err := p.Consume(q); err != nil {
			return err
		}
		accs[i] = acc
	}
	x2, err := p.CheckedTable(g.X2())
	if err != nil {
		return err
	}
	xc, err := g.gateUp().Prove(p, x2, accs)
	if err != nil {
		return err
	}
	if err := p.SettleChecked(g.X2(), xc); err != nil {
		return err
	}
	// p = rescale(s ⊙ up, 16): Hadamard d = 3 → s (pool), up (limbs).
	acc, q, err := p.RescaleAt(rp, p.Fresh(transcript.LabelPointU, rp.LogSize))
	if err != nil {
		return err
	}
	if err := p.Consume(q); err != nil {
		return err
	}
	s, err := p.Table(layers.TensorS)
	if err != nil {
		return err
	}
	upT, err := p.CheckedTable(rup.Quotient())
	if err != nil {
		return err
	}
	if err := p.Consume(acc); err != nil {
		return err
	}
	_, fin, err := p.Sumcheck(hadamard(acc.At), [][]fr.Element{s, upT}, acc.Value, hadamardTargets())
	if err != nil {
		return err
	}
	if err := p.Pool(fin[0]); err != nil {
		return err
	}
	if err := p.SettleChecked(rup.Quotient(), fin[1]); err != nil {
		return err
	}
	// f = rescale(p·W_2ᵀ, e_2), matmul on p.
	acc, q, err = p.RescaleAt(rf, p.Fresh(transcript.LabelPointU, rf.LogSize))
	if err != nil {
		return err
	}
	if err := p.Consume(q); err != nil {
		return err
	}
	pt, err := p.CheckedTable(rp.Quotient())
	if err != nil {
		return err
	}
	pc, err := g.down().Prove(p, pt, []*claims.ProverClaim{acc})
	if err != nil {
		return err
	}
	return p.SettleChecked(rp.Quotient(), pc)
}

// Verify implements layers.VerifierGadget.
func (g *Gadget) Verify(v *layers.Verifier) error {
	ru, rup, rp, rf := g.Rescales()
	w := v.Fresh(transcript.LabelPointU, ru.LogSize)
	accs := make([]*claims.VerifierClaim, 2)
	for i, r := range []rescale.Rescale{ru, rup} {
		acc, q, err := v.RescaleAt(r, w)
		if err != nil {
			return err
		}
		if err := v.Consume(q); err != nil {
			return err
		}
		accs[i] = acc
	}
	xc, err := g.gateUp().Verify(v, accs)
	if err != nil {
		return err
	}
	if err := v.SettleChecked(g.X2(), xc); err != nil {
		return err
	}
	acc, q, err := v.RescaleAt(rp, v.Fresh(transcript.LabelPointU, rp.LogSize))
	if err != nil {
		return err
	}
	if err := v.Consume(q, acc); err != nil {
		return err
	}
	_, fin, err := v.Sumcheck(hadamard(acc.At), acc.Value, hadamardTargets(), nil)
	if err != nil {
		return err
	}
	if err := v.Pool(fin[0]); err != nil {
		return err
	}
	if err := v.SettleChecked(rup.Quotient(), fin[1]); err != nil {
		return err
	}
	acc, q, err = v.RescaleAt(rf, v.Fresh(transcript.LabelPointU, rf.LogSize))
	if err != nil {
		return err
	}
	if err := v.Consume(q); err != nil {
		return err
	}
	pc, err := g.down().Verify(v, []*claims.VerifierClaim{acc})
	if err != nil || g.hooks.dropP {
		return err
	}
	return v.SettleChecked(rp.Quotient(), pc)
}

func (g *Gadget) gateUp() matmul.Layer {
	d := g.Dims
	return matmul.Layer{X: layers.TensorX2, In: d.D, T: d.T, L: d.L, Weights: []matmul.Weight{{Role: "w1", Out: d.F}, {Role: "w3", Out: d.F}}}
}

func (g *Gadget) down() matmul.Layer {
	d := g.Dims
	return matmul.Layer{X: layers.TensorP, In: d.F, T: d.T, L: d.L, Weights: []matmul.Weight{{Role: "w2", Out: d.D}}}
}

// hadamard is Σ_x eq(u, x)·s(x)·up(x), d = 3.
func hadamard(u claims.Point) *sumcheck.Instance {
	return sumcheck.Hadamard(u.Len(), [][]fr.Element{u.Coords()}, nil, []bool{false, false})
}

func hadamardTargets() []layers.Target {
	return []layers.Target{{Tensor: layers.TensorS}, {Tensor: layers.TensorUp}}
}
