package output

import (
	"fmt"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// Committed tensor names of this gadget.
const (
	TensorDelta = "out.delta" // Δ[g][v] ≥ 0, [V, G]
	TensorBits  = "out.b"     // top-k candidate bits b[g][v] ∈ {0,1}, [V, G]
	TensorTau   = "out.tau"   // top-k threshold τ_g, [G]
	TensorAbove = "out.above" // b·(key − τ) ≥ 0, [V, G]
	TensorBelow = "out.below" // (1−b)·(τ − 1 − key) ≥ 0, [V, G]
)

// noiseSpan bounds max N − min N + 1: −ln(−ln U) ∈ (−3.2, 22.9) for
// U ∈ [2^-33, 1 − 2^-33], so the span is < 26·2^24 < 2^29.
const noiseSpanLog = 29

// Gadget is the output binding of PROTOCOL §7.11 over the committed logits
// ℓ [V, G] (layers.TensorLogits, A24 limbs): each bound token o_g is the
// first maximizer of score = κ·ℓ + N (greedy: κ = 1, N = 0) among the
// candidates (all ids, or the top-k keys with TopK). Tokens are public
// (o_g = s_{P+g}); so is the rule (κ, k_top, seed).
type Gadget struct {
	V      int
	Rule   sample.Rule
	Tokens []int // o_g, g < G

	logits [][]int64 // prover: per g, the V logits
	noise  [][]int64 // N[g][v] (both sides; computed once)
	w      *witness
	hooks  hooks
}

// hooks are test-only deviations of the prover.
type hooks struct {
	tamper         func(vals map[string][]int64)
	wrap           bool // commit negative Δ (A, B) reduced mod 2^bits
	forceCandidate bool // top-k: put o_g into the candidate set
	dropClaims     bool // verifier: leave the final claims unsettled
}

// New returns the verifier's gadget.
func New(v int, rule sample.Rule, tokens []int) (*Gadget, error) {
	if err := rule.Validate(v); err != nil {
		return nil, err
	}
	if v < 2 || len(tokens) == 0 {
		return nil, fmt.Errorf("%w: output binding of %d tokens over %d ids", layers.ErrGadget, len(tokens), v)
	}
	for g, o := range tokens {
		if o < 0 || o >= v {
			return nil, fmt.Errorf("%w: token %d = %d outside the vocabulary of %d", layers.ErrGadget, g, o, v)
		}
	}
	return &Gadget{V: v, Rule: rule, Tokens: tokens}, nil
}

// NewProver returns the prover's gadget; logits[g] are the V logits of
// selected position g (the rows the final-head gadget commits).
func NewProver(v int, rule sample.Rule, tokens []int, logits [][]int64) (*Gadget, error) {
	g, err := New(v, rule, tokens)
	if err != nil {
		return nil, err
	}
	if len(logits) != len(tokens) {
		return nil, fmt.Errorf("%w: %d logit rows for %d tokens", layers.ErrGadget, len(logits), len(tokens))
	}
	for i, row := range logits {
		if len(row) != v {
			return nil, fmt.Errorf("%w: logit row %d has %d values for V = %d", layers.ErrGadget, i, len(row), v)
		}
	}
	g.logits = logits
	return g, g.compute()
}

// G returns the number of bound tokens.
func (g *Gadget) G() int { return len(g.Tokens) }

// Shape is [V, G].
func (g *Gadget) Shape() layers.Shape { return layers.Shape{g.V, g.G()} }

func (g *Gadget) sampling() bool { return g.Rule.Kind == sample.Sample }

// topK reports whether a top-k candidate set is proved.
func (g *Gadget) topK() bool { return g.Rule.TopK != 0 && g.Rule.TopK < g.V }

func (g *Gadget) kappa() int64 {
	if g.sampling() {
		return g.Rule.Kappa
	}
	return 1
}

// DeltaFormat is Δ's range: Δ < κ·2^24 + 2^29 (2 limbs for greedy, 3 for
// typical temperatures).
func (g *Gadget) DeltaFormat() rescale.Format {
	if !g.sampling() {
		return rescale.Unsigned(25)
	}
	return rescale.Unsigned(bits.Len64(uint64(g.Rule.Kappa)<<24 + 1<<noiseSpanLog))
}

func (g *Gadget) checked(name string, f rescale.Format) rescale.Checked {
	return rescale.Checked{Name: name, Format: f, LogSize: g.Shape().LogSize()}
}

func (g *Gadget) deltaChecked() rescale.Checked { return g.checked(TensorDelta, g.DeltaFormat()) }

// LogitsChecked is the committed logits tensor [V, G].
func (g *Gadget) LogitsChecked() rescale.Checked {
	return g.checked(layers.TensorLogits, layers.FormatLogits)
}

func (g *Gadget) committed() []rescale.Checked {
	out := []rescale.Checked{g.deltaChecked()}
	if g.topK() {
		out = append(out, g.bitsChecked(), g.tauChecked(), g.keyChecked(TensorAbove), g.keyChecked(TensorBelow))
	}
	return out
}

// Name implements layers.Gadget.
func (g *Gadget) Name() string { return "output" }

// Tensors implements layers.Gadget.
func (g *Gadget) Tensors() ([]pedersen.TensorSpec, error) {
	var out []pedersen.TensorSpec
	for _, c := range g.committed() {
		sh := g.Shape()
		if c.Name == TensorTau {
			sh = layers.Shape{g.G()}
		}
		for _, n := range c.LimbNames() {
			out = append(out, sh.Spec(n))
		}
	}
	return out, nil
}

// Lookups implements layers.Gadget.
func (g *Gadget) Lookups() ([]tlookup.Lookup, error) {
	var out []tlookup.Lookup
	for _, c := range g.committed() {
		l, err := c.Lookups()
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	return out, nil
}

// Noise returns N[g][v] (zero for greedy), computed once.
func (g *Gadget) Noise() [][]int64 {
	if g.noise == nil {
		g.noise = make([][]int64, g.G())
		for i := range g.noise {
			if g.sampling() {
				g.noise[i] = sample.NoiseRow(g.Rule.Seed, i, g.V)
			} else {
				g.noise[i] = make([]int64, g.V)
			}
		}
	}
	return g.noise
}

// score returns κ·ℓ + N for row gi, id v.
func (g *Gadget) score(gi, v int) int64 {
	return g.kappa()*g.logits[gi][v] + g.Noise()[gi][v]
}

// Choose returns the token the rule emits for logit row gi (sample.Rule.Choose).
func (g *Gadget) Choose(gi int) (int, error) { return g.Rule.Choose(gi, g.logits[gi]) }

// fieldTable lays a [G][V] int64 matrix out as a padded [V, G] table.
func (g *Gadget) fieldTable(f func(gi, v int) int64) []fr.Element {
	sh := g.Shape()
	out := make([]fr.Element, sh.Size())
	for gi := 0; gi < g.G(); gi++ {
		for v := 0; v < g.V; v++ {
			out[sh.Index(v, gi)].SetInt64(f(gi, v))
		}
	}
	return out
}

// rowTable lays a per-g value out broadcast over v: [V, G] padded, zero on
// padded g (and, with realV, on padded v too).
func (g *Gadget) rowTable(f func(gi int) int64) []fr.Element {
	sh := g.Shape()
	logV := mle.Log2Ceil(g.V)
	out := make([]fr.Element, sh.Size())
	for gi := 0; gi < g.G(); gi++ {
		var x fr.Element
		x.SetInt64(f(gi))
		for v := 0; v < 1<<logV; v++ {
			out[sh.Index(v, gi)] = x
		}
	}
	return out
}

// ltTable is LT[g][v] = [v < o_g] over the padded [V, G] (zero for g ≥ G).
func (g *Gadget) ltTable() []fr.Element {
	sh := g.Shape()
	out := make([]fr.Element, sh.Size())
	for gi, o := range g.Tokens {
		for v := 0; v < o; v++ {
			out[sh.Index(v, gi)].SetOne()
		}
	}
	return out
}

func (g *Gadget) logV() int { return mle.Log2Ceil(g.V) }
func (g *Gadget) logG() int { return mle.Log2Ceil(g.G()) }

// ltAt is LT's MLE at r = (r_v, r_g): Σ_g eq(r_g,g)·LTc(r_v; o_g), O(G log V).
func (g *Gadget) ltAt(r []fr.Element) fr.Element {
	rv, rg := r[:g.logV()], r[g.logV():]
	var acc, t fr.Element
	for gi, o := range g.Tokens {
		t = mle.LessThan(rv, uint64(o))
		e := mle.EqAt(rg, uint64(gi))
		t.Mul(&t, &e)
		acc.Add(&acc, &t)
	}
	return acc
}

// rowAt evaluates a per-g value broadcast over v at r_g: Σ_g eq(r_g,g)·f(g).
func (g *Gadget) rowAt(rg []fr.Element, f func(gi int) int64) fr.Element {
	var acc, t fr.Element
	for gi := range g.Tokens {
		t.SetInt64(f(gi))
		e := mle.EqAt(rg, uint64(gi))
		t.Mul(&t, &e)
		acc.Add(&acc, &t)
	}
	return acc
}

// noiseAt is N's MLE at r, O(G·V) (the verifier's own evaluation, §7.11).
func (g *Gadget) noiseAt(r []fr.Element) (fr.Element, error) {
	n := g.Noise()
	return mle.Evaluate(g.fieldTable(func(gi, v int) int64 { return n[gi][v] }), r)
}

// selector is a(v,g) = eq(r_g, g)·[v = o_g] for g < G (the sparse
// selection of m_g = ℓ[g][o_g], §7.11).
func (g *Gadget) selector(rg claims.Point) []fr.Element {
	sh := g.Shape()
	out := make([]fr.Element, sh.Size())
	for gi, o := range g.Tokens {
		out[sh.Index(o, gi)] = mle.EqAt(rg.Coords(), uint64(gi))
	}
	return out
}

// selectorAt is a(ρ) = Σ_g eq(r_g,g)·eq(ρ_g,g)·eq(ρ_v,o_g), O(G log V).
func (g *Gadget) selectorAt(rg claims.Point, rho []fr.Element) fr.Element {
	rv, pg := rho[:g.logV()], rho[g.logV():]
	var acc fr.Element
	for gi, o := range g.Tokens {
		a := mle.EqAt(rg.Coords(), uint64(gi))
		b := mle.EqAt(pg, uint64(gi))
		c := mle.EqAt(rv, uint64(o))
		a.Mul(&a, &b)
		a.Mul(&a, &c)
		acc.Add(&acc, &a)
	}
	return acc
}

func one() fr.Element { var x fr.Element; x.SetOne(); return x }

func neg(x fr.Element) fr.Element {
	x.Neg(&x)
	return x
}

func scalar(v int64) fr.Element {
	var x fr.Element
	x.SetInt64(v)
	return x
}

// Prove implements layers.ProverGadget.
func (g *Gadget) Prove(p *layers.Prover) error {
	if g.w == nil {
		return fmt.Errorf("%w: output: no witness", layers.ErrGadget)
	}
	return g.prove(p)
}

// Verify implements layers.VerifierGadget.
func (g *Gadget) Verify(v *layers.Verifier) error { return g.verify(v) }
