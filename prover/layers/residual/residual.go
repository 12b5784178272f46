package residual

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// EmbedName is the weight-blob name of the token embedding E ([D, V]).
const EmbedName = "embed"

// Gadget is the checkpoint gadget. Tokens are public (the statement's
// s_0…s_{T−1}); EmbedExp is the embedding's public exponent e_E ≤ 16.
type Gadget struct {
	Dims     layers.Dims
	Tokens   []int
	EmbedExp int
	// R is the prover's witness: slot s is R_s, position-major [T][D]
	// (nil on the verifier's side).
	R [][]int64

	hooks hooks
}

// hooks are test-only deviations (prover side).
type hooks struct {
	skipResidual bool // omit a_ℓ from the residual relation's prover values
}

// New returns the gadget for public dims and tokens.
func New(d layers.Dims, tokens []int, embedExp int) (*Gadget, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if len(tokens) != d.T {
		return nil, fmt.Errorf("%w: %d tokens for T = %d", layers.ErrGadget, len(tokens), d.T)
	}
	for i, s := range tokens {
		if s < 0 || s >= d.V {
			return nil, fmt.Errorf("%w: token %d = %d outside the vocabulary of %d", layers.ErrGadget, i, s, d.V)
		}
	}
	if embedExp < 0 || embedExp > 16 {
		return nil, fmt.Errorf("%w: embedding exponent %d outside [0, 16]", layers.ErrGadget, embedExp)
	}
	return &Gadget{Dims: d, Tokens: tokens, EmbedExp: embedExp}, nil
}

// Name implements layers.Gadget.
func (g *Gadget) Name() string { return "residual" }

// Tensors implements layers.Gadget: R, committed without limbs.
func (g *Gadget) Tensors() ([]pedersen.TensorSpec, error) {
	s := g.Dims.Checkpoints()
	return []pedersen.TensorSpec{s.Shape().Spec(s.Name)}, nil
}

// Lookups implements layers.Gadget: none (see the package doc).
func (g *Gadget) Lookups() ([]tlookup.Lookup, error) { return nil, nil }

// Witness implements layers.ProverGadget.
func (g *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	s := g.Dims.Checkpoints()
	if len(g.R) != s.Count {
		return nil, nil, fmt.Errorf("%w: %d checkpoint slots, want %d", layers.ErrGadget, len(g.R), s.Count)
	}
	var dense []int64
	for _, r := range g.R {
		if len(r) != g.Dims.T*g.Dims.D {
			return nil, nil, fmt.Errorf("%w: checkpoint slot of %d values, want T·D = %d", layers.ErrGadget, len(r), g.Dims.T*g.Dims.D)
		}
		dense = append(dense, r...)
	}
	pad, err := s.Shape().Pad(dense)
	if err != nil {
		return nil, nil, err
	}
	return map[string][]int64{s.Name: pad}, nil, nil
}

// act returns the Checked view of a layer-stacked A32 activation.
func (g *Gadget) act(name string) rescale.Checked {
	return rescale.Checked{Name: name, Format: layers.FormatAct, LogSize: g.Dims.Act(g.Dims.D).LogSize()}
}

// residualPoint squeezes the residual relation's point (u inner, v layers).
func (g *Gadget) residualPoint(fresh func(string, int) claims.Point) (u, v claims.Point) {
	s := g.Dims.Checkpoints()
	return fresh(transcript.LabelPointU, s.Inner.LogSize()), fresh(transcript.LabelPointV, g.Dims.LogL())
}

// Prove implements layers.ProverGadget.
func (g *Gadget) Prove(p *layers.Prover) error {
	s := g.Dims.Checkpoints()
	u, v := g.residualPoint(p.Fresh)
	in, out, err := p.SlotViews(s, u, v)
	if err != nil {
		return err
	}
	at := claims.Concat(u, v)
	a, err := p.CheckedAt(g.act(layers.TensorA), at)
	if err != nil {
		return err
	}
	f, err := p.CheckedAt(g.act(layers.TensorF), at)
	if err != nil {
		return err
	}
	rel := out.Value.Sub(in.Value).Sub(f.Value)
	if !g.hooks.skipResidual {
		rel = rel.Sub(a.Value)
	}
	if err := p.Zero(rel); err != nil {
		return err
	}
	if err := p.Consume(in, out, a, f); err != nil {
		return err
	}
	return g.proveEmbedding(p, s)
}

// Verify implements layers.VerifierGadget.
func (g *Gadget) Verify(vf *layers.Verifier) error {
	s := g.Dims.Checkpoints()
	u, v := g.residualPoint(vf.Fresh)
	in, out, err := vf.SlotViews(s, u, v)
	if err != nil {
		return err
	}
	at := claims.Concat(u, v)
	a, err := vf.CheckedAt(g.act(layers.TensorA), at)
	if err != nil {
		return err
	}
	f, err := vf.CheckedAt(g.act(layers.TensorF), at)
	if err != nil {
		return err
	}
	var m1 fr.Element
	m1.SetOne()
	m1.Neg(&m1)
	rel := sumcheck.CombinePoints([]fr.Element{fr.One(), m1, m1, m1}, []sumcheck.Point{out.Value, in.Value, a.Value, f.Value})
	if err := vf.Zero(rel); err != nil {
		return err
	}
	if err := vf.Consume(in, out, a, f); err != nil {
		return err
	}
	return g.verifyEmbedding(vf, s)
}

// embedScale returns 2^−(16−e_E), the factor from R_0 to E's scale.
func (g *Gadget) embedScale() fr.Element {
	var s fr.Element
	s.SetUint64(1 << (16 - g.EmbedExp))
	s.Inverse(&s)
	return s
}

func (g *Gadget) embedPoints(fresh func(string, int) claims.Point) (uj, ut claims.Point) {
	return fresh(transcript.LabelPointU, mle.Log2Ceil(g.Dims.D)), fresh(transcript.LabelPointU, g.Dims.LogT())
}

func (g *Gadget) logV() int { return mle.Log2Ceil(g.Dims.V) }

// selector returns the prover's table a(v) = Σ_t eq(u_t,t)·[s_t = v].
func (g *Gadget) selector(ut claims.Point) []fr.Element {
	eq := mle.EqTable(ut.Coords())
	a := make([]fr.Element, 1<<g.logV())
	for t, s := range g.Tokens {
		a[s].Add(&a[s], &eq[t])
	}
	return a
}

// selectorAt is the verifier's a(ρ) = Σ_t eq(u_t,t)·eq(ρ, s_t).
func (g *Gadget) selectorAt(ut claims.Point, rho []fr.Element) fr.Element {
	eq := mle.EqTable(ut.Coords())
	var acc fr.Element
	for t, s := range g.Tokens {
		e := mle.EqAt(rho, uint64(s))
		e.Mul(&e, &eq[t])
		acc.Add(&acc, &e)
	}
	return acc
}

func (g *Gadget) embedTarget(uj claims.Point) []layers.Target {
	return []layers.Target{{Tensor: EmbedName, At: func(rho claims.Point) claims.Point { return claims.Concat(uj, rho) }}}
}

func (g *Gadget) proveEmbedding(p *layers.Prover, s layers.Slots) error {
	uj, ut := g.embedPoints(p.Fresh)
	ys, err := p.SlotValues(s, claims.Concat(uj, ut))
	if err != nil {
		return err
	}
	emb, err := p.Table(EmbedName)
	if err != nil {
		return err
	}
	ej, err := mle.PartialEvalLow(emb, uj.Coords())
	if err != nil {
		return err
	}
	_, fin, err := p.Sumcheck(sumcheck.Selection(g.logV()), [][]fr.Element{g.selector(ut), ej}, ys[0].Scale(g.embedScale()), g.embedTarget(uj))
	if err != nil {
		return err
	}
	return p.Pool(fin...)
}

func (g *Gadget) verifyEmbedding(vf *layers.Verifier, s layers.Slots) error {
	uj, ut := g.embedPoints(vf.Fresh)
	ys, err := vf.SlotValues(s, claims.Concat(uj, ut))
	if err != nil {
		return err
	}
	public := func(rho []fr.Element) ([]fr.Element, error) {
		return []fr.Element{g.selectorAt(ut, rho), {}}, nil
	}
	_, fin, err := vf.Sumcheck(sumcheck.Selection(g.logV()), sumcheck.ScalePoint(ys[0], g.embedScale()), g.embedTarget(uj), public)
	if err != nil {
		return err
	}
	return vf.Pool(fin...)
}
