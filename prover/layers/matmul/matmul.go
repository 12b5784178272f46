package matmul

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Weight is one per-layer weight role of a fused layer matmul: layer ℓ's
// tensor is the weight-blob tensor layers.WeightName(ℓ, Role), LSB-first
// shape [In, Out].
type Weight struct {
	Role string
	Out  int
}

// Layer is a layer-stacked weight matmul sharing one input X of shape
// [In, T, L] (layers.Dims.Act): for each weight m, the virtual accumulator
// Y_m(o, t, ℓ) = Σ_i X(i, t, ℓ)·W_m,ℓ(i, o), shape [Out_m, T, L].
type Layer struct {
	X       string // the input tensor the returned claim is on
	In      int
	T, L    int
	Weights []Weight
}

// Model is a model-level (not layer-stacked) weight matmul: Y(o, g) =
// Σ_i X(i, g)·W(i, o) with X of shape [In, Rows] and the weight-blob tensor
// Weight of shape [In, Out] (lm_head: X = xf over the G selected positions,
// Weight "embed" when the classifier is shared, else "lm_head").
type Model struct {
	X      string
	In     int
	Rows   int
	Weight string
	Out    int
}

func (m Layer) logIn() int { return mle.Log2Ceil(m.In) }
func (m Layer) logT() int  { return mle.Log2Ceil(m.T) }
func (m Layer) logL() int  { return mle.Log2Ceil(m.L) }

// Names returns the weight-blob names of weight k, layer 0 first.
func (m Layer) Names(k int) []string {
	out := make([]string, m.L)
	for l := range out {
		out[l] = layers.WeightName(l, m.Weights[k].Role)
	}
	return out
}

// split checks the accumulator claims' points (u_o^m ‖ u_t ‖ u_ℓ) and returns
// the per-weight output points and the shared token and layer points.
func (m Layer) split(pts []claims.Point) (uo []claims.Point, ut, ul claims.Point, err error) {
	if len(m.Weights) == 0 || m.In < 1 || m.T < 1 || m.L < 1 {
		return nil, ut, ul, fmt.Errorf("%w: matmul %q: empty shape or no weight", layers.ErrGadget, m.X)
	}
	if len(pts) != len(m.Weights) {
		return nil, ut, ul, fmt.Errorf("%w: matmul %q: %d claims for %d weights", layers.ErrGadget, m.X, len(pts), len(m.Weights))
	}
	uo = make([]claims.Point, len(pts))
	for k, p := range pts {
		lo := mle.Log2Ceil(m.Weights[k].Out)
		if m.Weights[k].Out < 1 || p.Len() != lo+m.logT()+m.logL() {
			return nil, ut, ul, fmt.Errorf("%w: matmul %q: weight %s claimed at a %d-point, needs %d", layers.ErrGadget, m.X, m.Weights[k].Role, p.Len(), lo+m.logT()+m.logL())
		}
		uo[k] = p.Slice(0, lo)
		t, l := p.Slice(lo, lo+m.logT()), p.Slice(lo+m.logT(), p.Len())
		if k == 0 {
			ut, ul = t, l
		} else if !t.Equal(ut) || !l.Equal(ul) {
			return nil, ut, ul, fmt.Errorf("%w: matmul %q: weight %s claimed at another token/layer point", layers.ErrGadget, m.X, m.Weights[k].Role)
		}
	}
	return uo, ut, ul, nil
}

// mu draws the combination weights (none for a single weight: μ = 1).
func mu(n int, challenge func(string) fr.Element) []fr.Element {
	out := make([]fr.Element, n)
	if n == 1 {
		out[0].SetOne()
		return out
	}
	for k := range out {
		out[k] = challenge(transcript.LabelStackMu)
	}
	return out
}

// instance is Σ_{i,ℓ} eq(u_ℓ, ℓ)·X̃(i, ℓ)·W̃(i, ℓ): d = 3 (E, X̃ and W̃ all
// depend on the layer variables), d = 2 without a layer axis.
func (m Layer) instance(ul claims.Point) *sumcheck.Instance {
	in := &sumcheck.Instance{NumVars: m.logIn() + m.logL(), Public: []bool{false, false}}
	if ul.Len() > 0 {
		in.EqPoints = [][]fr.Element{ul.Coords()}
		in.Degree = 3
	}
	return in
}

// targets names the two final claims: X at (ρ_i ‖ u_t ‖ ρ_ℓ) and the
// combined weight factor at ρ.
func (m Layer) targets(ut claims.Point) []layers.Target {
	li := m.logIn()
	return []layers.Target{
		{Tensor: m.X, At: func(rho claims.Point) claims.Point {
			return claims.Concat(rho.Slice(0, li), ut, rho.Slice(li, rho.Len()))
		}},
		{Tensor: m.X + "·W (combined weights)"},
	}
}

// weightTargets names the per-weight claims W_m(ρ_i, u_o^m, ρ_ℓ) on the
// layer-stacked weights.
func (m Layer) weightTargets(uo []claims.Point) []layers.Target {
	li := m.logIn()
	out := make([]layers.Target, len(m.Weights))
	for k, w := range m.Weights {
		u := uo[k]
		out[k] = layers.Target{Tensor: "layers.*." + w.Role, At: func(rho claims.Point) claims.Point {
			return claims.Concat(rho.Slice(0, li), u, rho.Slice(li, rho.Len()))
		}}
	}
	return out
}

// Prove reduces the claims ys (one per weight, on the virtual accumulators
// Y_m at (u_o^m ‖ u_t ‖ u_ℓ), settled here) to one claim on X at
// (ρ_i ‖ u_t ‖ ρ_ℓ), returned for the caller to settle. x is X's padded
// table [In, T, L]. Every weight claim is settled (SettleLayers).
func (m Layer) Prove(p *layers.Prover, x []fr.Element, ys []*claims.ProverClaim) (*claims.ProverClaim, error) {
	pts := make([]claims.Point, len(ys))
	for k, y := range ys {
		pts[k] = y.At
	}
	uo, ut, ul, err := m.split(pts)
	if err != nil {
		return nil, err
	}
	if len(x) != 1<<(m.logIn()+m.logT()+m.logL()) {
		return nil, fmt.Errorf("%w: matmul %q: X table of %d entries for [%d, %d, %d]", layers.ErrGadget, m.X, len(x), m.In, m.T, m.L)
	}
	mus := mu(len(ys), p.Challenge)
	opens := make([]sumcheck.Scalar, len(ys))
	for k, y := range ys {
		opens[k] = y.Value
	}
	claim := sumcheck.Combine(mus, opens)
	if err := p.Consume(ys...); err != nil {
		return nil, err
	}
	xt := PartialEvalMiddle(x, m.logIn(), ut.Coords())
	per := make([][]fr.Element, len(m.Weights))
	for k := range m.Weights {
		if per[k], err = m.weightTable(p, k, uo[k]); err != nil {
			return nil, err
		}
	}
	wc := combine(mus, per)
	rho, fin, err := p.Sumcheck(m.instance(ul), [][]fr.Element{xt, wc}, claim, m.targets(ut))
	if err != nil {
		return nil, err
	}
	// W̃_k at ρ_i gives every layer's W_k,ℓ(ρ_i, u_o) (reused by
	// SettleLayersWith), and those at ρ_ℓ give W̃_k(ρ).
	li := m.logIn()
	vals := make([]fr.Element, len(m.Weights))
	byLayer := make([][]fr.Element, len(m.Weights))
	for k := range m.Weights {
		if byLayer[k], err = mle.PartialEvalLow(per[k], rho.Slice(0, li).Coords()); err != nil {
			return nil, err
		}
		if vals[k], err = mle.Evaluate(byLayer[k], rho.Slice(li, rho.Len()).Coords()); err != nil {
			return nil, err
		}
	}
	ws, err := p.Send(transcript.LabelMatmulW, m.weightTargets(uo), rho, vals)
	if err != nil {
		return nil, err
	}
	wopen := make([]sumcheck.Scalar, len(ws))
	for k, w := range ws {
		wopen[k] = w.Value
	}
	if err := p.Equate(fin[1], sumcheck.Combine(mus, wopen)); err != nil {
		return nil, err
	}
	for k, w := range ws {
		if err := p.SettleLayersWith(w, m.Names(k), byLayer[k][:m.L]); err != nil {
			return nil, err
		}
	}
	return fin[0], nil
}

// Verify mirrors Prove.
func (m Layer) Verify(v *layers.Verifier, ys []*claims.VerifierClaim) (*claims.VerifierClaim, error) {
	pts := make([]claims.Point, len(ys))
	for k, y := range ys {
		pts[k] = y.At
	}
	uo, ut, ul, err := m.split(pts)
	if err != nil {
		return nil, err
	}
	mus := mu(len(ys), v.Challenge)
	vals := make([]sumcheck.Point, len(ys))
	for k, y := range ys {
		vals[k] = y.Value
	}
	claim := sumcheck.CombinePoints(mus, vals)
	if err := v.Consume(ys...); err != nil {
		return nil, err
	}
	rho, fin, err := v.Sumcheck(m.instance(ul), claim, m.targets(ut), nil)
	if err != nil {
		return nil, err
	}
	ws, err := v.Receive(transcript.LabelMatmulW, m.weightTargets(uo), rho)
	if err != nil {
		return nil, err
	}
	wpts := make([]sumcheck.Point, len(ws))
	for k, w := range ws {
		wpts[k] = w.Value
	}
	if err := v.Equate(fin[1], sumcheck.CombinePoints(mus, wpts)); err != nil {
		return nil, err
	}
	for k, w := range ws {
		if err := v.SettleLayers(w, m.Names(k)); err != nil {
			return nil, err
		}
	}
	return fin[0], nil
}

// weightTable returns W̃_k(i, ℓ) = W_k,ℓ(i, u_o) over [In_pad, L_pad], zero
// on padded layers.
func (m Layer) weightTable(p *layers.Prover, k int, uo claims.Point) ([]fr.Element, error) {
	inPad := 1 << m.logIn()
	out := make([]fr.Element, inPad<<m.logL())
	for l, name := range m.Names(k) {
		r, err := p.PartialEvalHigh(name, uo.Coords())
		if err != nil {
			return nil, err
		}
		if len(r) != inPad {
			return nil, fmt.Errorf("%w: weight %q folds to %d entries at a %d-point, want %d ([%d, %d] padded)", layers.ErrGadget, name, len(r), uo.Len(), inPad, m.In, m.Weights[k].Out)
		}
		copy(out[l*inPad:], r)
	}
	return out, nil
}

// combine returns Σ_k μ_k·t_k.
func combine(mus []fr.Element, ts [][]fr.Element) []fr.Element {
	if len(ts) == 1 && mus[0].IsOne() {
		return ts[0]
	}
	out := make([]fr.Element, len(ts[0]))
	var t fr.Element
	for k, tab := range ts {
		for i := range out {
			t.Mul(&tab[i], &mus[k])
			out[i].Add(&out[i], &t)
		}
	}
	return out
}

func (m Model) logIn() int { return mle.Log2Ceil(m.In) }

func (m Model) check(at claims.Point) (uo, ug claims.Point, err error) {
	lo, lg := mle.Log2Ceil(m.Out), mle.Log2Ceil(m.Rows)
	if m.In < 1 || m.Out < 1 || m.Rows < 1 || at.Len() != lo+lg {
		return uo, ug, fmt.Errorf("%w: matmul %q·%q: claim at a %d-point for [%d, %d]", layers.ErrGadget, m.X, m.Weight, at.Len(), m.Out, m.Rows)
	}
	return at.Slice(0, lo), at.Slice(lo, at.Len()), nil
}

// targets: X at (ρ ‖ u_g) (returned) and W at (ρ ‖ u_o) (pooled).
func (m Model) targets(uo, ug claims.Point) []layers.Target {
	return []layers.Target{
		{Tensor: m.X, At: func(rho claims.Point) claims.Point { return claims.Concat(rho, ug) }},
		{Tensor: m.Weight, At: func(rho claims.Point) claims.Point { return claims.Concat(rho, uo) }},
	}
}

// Prove reduces the claim y on Y at (u_o ‖ u_g) (settled here) by the inner
// product Σ_i X(i, u_g)·W(i, u_o) (d = 2): the weight claim goes to the
// weight pool, the claim on X at (ρ ‖ u_g) is returned. x is X's padded
// table [In, Rows].
func (m Model) Prove(p *layers.Prover, x []fr.Element, y *claims.ProverClaim) (*claims.ProverClaim, error) {
	uo, ug, err := m.check(y.At)
	if err != nil {
		return nil, err
	}
	if len(x) != 1<<(m.logIn()+ug.Len()) {
		return nil, fmt.Errorf("%w: matmul %q: X table of %d entries for [%d, %d]", layers.ErrGadget, m.X, len(x), m.In, m.Rows)
	}
	if err := p.Consume(y); err != nil {
		return nil, err
	}
	xt, err := mle.PartialEvalHigh(x, ug.Coords())
	if err != nil {
		return nil, err
	}
	wt, err := p.PartialEvalHigh(m.Weight, uo.Coords())
	if err != nil {
		return nil, err
	}
	if len(wt) != 1<<m.logIn() {
		return nil, fmt.Errorf("%w: weight %q folds to %d entries at a %d-point, want [%d, %d] padded", layers.ErrGadget, m.Weight, len(wt), uo.Len(), m.In, m.Out)
	}
	_, fin, err := p.Sumcheck(sumcheck.InnerProduct(m.logIn()), [][]fr.Element{xt, wt}, y.Value, m.targets(uo, ug))
	if err != nil {
		return nil, err
	}
	return fin[0], p.Pool(fin[1])
}

// Verify mirrors Prove.
func (m Model) Verify(v *layers.Verifier, y *claims.VerifierClaim) (*claims.VerifierClaim, error) {
	uo, ug, err := m.check(y.At)
	if err != nil {
		return nil, err
	}
	if err := v.Consume(y); err != nil {
		return nil, err
	}
	_, fin, err := v.Sumcheck(sumcheck.InnerProduct(m.logIn()), y.Value, m.targets(uo, ug), nil)
	if err != nil {
		return nil, err
	}
	return fin[0], v.Pool(fin[1])
}
