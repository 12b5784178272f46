package rmsnorm

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Spec is the public side of one RMSNorm x = rescale(h ⊙ (ρ ⊗ g), 16 + e_g)
// over rows (PROTOCOL §7.4): the input h and the output x have shape
// [Width, Rows…]; ρ, e_1, e_2 have shape Rows. With Layered, the last row
// axis is the layer axis and g varies per layer (Weights[ℓ] is layer ℓ's
// norm weight); otherwise Weights holds the one weight.
type Spec struct {
	Width       int
	Rows        layers.Shape
	Layered     bool
	Rho, E1, E2 string // committed per-row tensors (limbs)
	Out         string // x: a rescale quotient, FormatAct
	Input       string // the name of h's claims (a virtual tensor)
	Weights     []string
	GExp        int      // e_g, one exponent for every weight
	Kappa       *big.Int // κ = round(d·ε·2^32)
}

// Validate checks the spec's structure.
func (s *Spec) Validate() error {
	switch {
	case s.Width < 1 || len(s.Rows) == 0 || s.Rows.Len() < 1:
		return fmt.Errorf("%w: rmsnorm %q: empty shape", layers.ErrGadget, s.Out)
	case s.Layered && len(s.Weights) != s.Rows[len(s.Rows)-1]:
		return fmt.Errorf("%w: rmsnorm %q: %d weights for %d layers", layers.ErrGadget, s.Out, len(s.Weights), s.Rows[len(s.Rows)-1])
	case !s.Layered && len(s.Weights) != 1:
		return fmt.Errorf("%w: rmsnorm %q: %d weights, want 1", layers.ErrGadget, s.Out, len(s.Weights))
	case s.GExp < quant.MinExp || s.GExp > quant.MaxExp:
		return fmt.Errorf("%w: rmsnorm %q: weight exponent %d outside [%d, %d]", layers.ErrGadget, s.Out, s.GExp, quant.MinExp, quant.MaxExp)
	case s.Kappa == nil || s.Kappa.Sign() <= 0 || s.Kappa.BitLen() > 64:
		return fmt.Errorf("%w: rmsnorm %q: κ must be in [1, 2^64)", layers.ErrGadget, s.Out)
	}
	return nil
}

// Act returns the shape of h and x: [Width, Rows…].
func (s *Spec) Act() layers.Shape { return append(layers.Shape{s.Width}, s.Rows...) }

// K returns the public K = d·2^64.
func (s *Spec) K() *big.Int { return new(big.Int).Lsh(big.NewInt(int64(s.Width)), 64) }

// RhoChecked, E1Checked, E2Checked and Rescale name the committed tensors.
func (s *Spec) RhoChecked() rescale.Checked {
	return rescale.Checked{Name: s.Rho, Format: layers.FormatRho, LogSize: s.Rows.LogSize()}
}
func (s *Spec) E1Checked() rescale.Checked {
	return rescale.Checked{Name: s.E1, Format: layers.FormatNormE, LogSize: s.Rows.LogSize()}
}
func (s *Spec) E2Checked() rescale.Checked {
	return rescale.Checked{Name: s.E2, Format: layers.FormatNormE, LogSize: s.Rows.LogSize()}
}
func (s *Spec) Rescale() rescale.Rescale {
	return rescale.Rescale{Name: s.Out, Shift: 16 + s.GExp, Out: layers.FormatAct, LogSize: s.Act().LogSize()}
}

func (s *Spec) checked() []rescale.Checked {
	r := s.Rescale()
	return []rescale.Checked{s.RhoChecked(), s.E1Checked(), s.E2Checked(), r.Quotient(), r.Remainder()}
}

// Tensors returns the committed limb tensors: ρ, e_1, e_2 (shape Rows),
// then x's quotient and remainder limbs (shape [Width, Rows…]).
func (s *Spec) Tensors() ([]pedersen.TensorSpec, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var out []pedersen.TensorSpec
	for i, c := range s.checked() {
		sh := s.Rows
		if i >= 3 {
			sh = s.Act()
		}
		for _, n := range c.LimbNames() {
			out = append(out, sh.Spec(n))
		}
	}
	return out, nil
}

// Lookups returns one range lookup per limb, in the order of Tensors.
func (s *Spec) Lookups() ([]tlookup.Lookup, error) {
	var out []tlookup.Lookup
	for i, c := range s.checked() {
		var l []tlookup.Lookup
		var err error
		if i == 3 {
			l, err = s.Rescale().Lookups()
		} else if i < 3 {
			l, err = c.Lookups()
		}
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	return out, nil
}

func (s *Spec) logW() int    { return mle.Log2Ceil(s.Width) }
func (s *Spec) logRows() int { return s.Rows.LogSize() }
func (s *Spec) logLayer() int {
	if !s.Layered {
		return 0
	}
	return mle.Log2Ceil(s.Rows[len(s.Rows)-1])
}

// batched is the output Hadamard and the sum of squares as one instance
// over [D, Rows…] (claim X(u) + β·S(r_z)):
//
//	Σ_x eq(u,x)·h(x)·ρ(rows)·g(col, ℓ) + β·eq(r_z, rows)·h(x)²
//
// with both eq's public factors. ρ is broadcast over the columns, g over the
// non-layer rows, eq(r_z,·) over the columns, so the per-variable degree is
// 3 — four factors at d = 3 — and 4 on the layer variables when stacked
// (E, h, ρ and g all depend on ℓ, §5.4). Products: h·ρ, hρ·g, h·h.
func (s *Spec) batched(u, rz claims.Point, beta fr.Element) *sumcheck.Instance {
	n, nw, nr := s.Act().LogSize(), s.logW(), s.logRows()
	d := 3
	if s.logLayer() > 0 {
		d = 4
	}
	full, rows := sumcheck.RangeSupport(0, n), sumcheck.TopSupport(n, nr)
	var one fr.Element
	one.SetOne()
	return &sumcheck.Instance{NumVars: n, Public: []bool{true, true, false, false, false}, Degree: d,
		Terms:   []sumcheck.Term{{Coeff: one, Factors: []int{0, 2, 3, 4}}, {Coeff: beta, Factors: []int{1, 2, 2}}},
		Support: []uint64{full, rows, full, rows, sumcheck.RangeSupport(0, nw) | sumcheck.TopSupport(n, s.logLayer())}}
}

// batchedPublic evaluates the two eq factors at ρ (the verifier's own).
func (s *Spec) batchedPublic(u, rz claims.Point) sumcheck.PublicEvaluator {
	nw := s.logW()
	return func(r []fr.Element) ([]fr.Element, error) {
		return []fr.Element{mle.Eq(u.Coords(), r), mle.Eq(rz.Coords(), r[nw:]), {}, {}, {}}, nil
	}
}

// hadamardTargets are the batched sumcheck's committed factors: h at ρ,
// ρ at ρ's row coordinates, g at (column ‖ layer).
func (s *Spec) hadamardTargets() []layers.Target {
	nw, n, nl := s.logW(), s.Act().LogSize(), s.logLayer()
	return []layers.Target{
		{Tensor: s.Input},
		{Tensor: s.Rho, At: func(r claims.Point) claims.Point { return r.Slice(nw, n) }},
		{Tensor: s.weightTensor(), At: func(r claims.Point) claims.Point {
			return claims.Concat(r.Slice(0, nw), r.Slice(n-nl, n))
		}},
	}
}

// weightTensor names g's claim: the weight itself when not stacked, else the
// layer-stacked virtual view (settled by SettleLayers).
func (s *Spec) weightTensor() string {
	if s.Layered {
		return s.Weights[0] + "#stacked"
	}
	return s.Weights[0]
}

// zeroCheck is the floor-sqrt zero-check over the rows (§7.4), factors
// [V, e_1, e_2, ρ, u] with u = S + κ and P = e_1 + ρ²u − K +
// μ(e_2 − (ρ+1)²u + K + 1) expanded:
//
//	e_1 + μ·e_2 + (1−μ)·ρ·ρ·u − 2μ·ρ·u − μ·u + (μ − (1−μ)·K),
//
// so the final products are ρ·ρ, ρ²·u and ρ·u (d = 5).
func (s *Spec) zeroCheck(w claims.Point, mu fr.Element) *sumcheck.Instance {
	var one, oneMinus, k, t fr.Element
	one.SetOne()
	oneMinus.Sub(&one, &mu)
	k.SetBigInt(s.K())
	var twoMu, negMu, c fr.Element
	twoMu.Double(&mu)
	twoMu.Neg(&twoMu)
	negMu.Neg(&mu)
	t.Mul(&oneMinus, &k)
	c.Sub(&mu, &t)
	return sumcheck.ZeroCheck(w.Coords(), 4, []sumcheck.Term{
		{Coeff: one, Factors: []int{1}},
		{Coeff: mu, Factors: []int{2}},
		{Coeff: oneMinus, Factors: []int{3, 3, 4}},
		{Coeff: twoMu, Factors: []int{3, 4}},
		{Coeff: negMu, Factors: []int{4}},
		{Coeff: c, Factors: nil},
	})
}

func (s *Spec) zeroCheckTargets() []layers.Target {
	return []layers.Target{{Tensor: s.E1}, {Tensor: s.E2}, {Tensor: s.Rho}, {Tensor: s.sumName()}}
}

func (s *Spec) sumName() string { return s.Out + "#sumsq" }

func (s *Spec) kappa() fr.Element {
	var k fr.Element
	k.SetBigInt(s.Kappa)
	return k
}

// ProverInput settles the prover's claims on h (e.g. checkpoint views).
type ProverInput func(p *layers.Prover, c *claims.ProverClaim) error

// VerifierInput mirrors ProverInput.
type VerifierInput func(v *layers.Verifier, c *claims.VerifierClaim) error

// Prove proves the norm (the protocol order is in the package doc) from the
// witness (h as given to NewProver) and the committed ρ, e_1, e_2, g;
// settleH settles the one claim on h (the caller's input tensor).
func (n *Norm) Prove(p *layers.Prover, settleH ProverInput) error {
	s := &n.Spec
	if n.w == nil {
		return fmt.Errorf("%w: rmsnorm %q: no witness", layers.ErrGadget, s.Out)
	}
	hTab := layers.ToField(n.w.h)
	// 1. The output rescale at a fresh point: ⟦X(u)⟧, X = h·ρ·g.
	u := p.Fresh(transcript.LabelPointU, s.Act().LogSize())
	acc, q, err := p.RescaleAt(s.Rescale(), u)
	if err != nil {
		return err
	}
	if err := p.Consume(q, acc); err != nil {
		return err
	}
	// 2. The floor-sqrt zero-check at a fresh w with a fresh μ.
	w := p.Fresh(transcript.LabelZeroCheckW, s.logRows())
	mu := p.Challenge(transcript.LabelRMSNormMu)
	rhoTab, err := p.CheckedTable(s.RhoChecked())
	if err != nil {
		return err
	}
	e1, err := p.CheckedTable(s.E1Checked())
	if err != nil {
		return err
	}
	e2, err := p.CheckedTable(s.E2Checked())
	if err != nil {
		return err
	}
	uTab := sumSquares(hTab, s.logW())
	kap := s.kappa()
	for i := range uTab {
		uTab[i].Add(&uTab[i], &kap)
	}
	var zero sumcheck.Scalar
	zc := s.zeroCheck(w, mu)
	if n.hooks.zeroCheckDegree > 0 {
		zc.Degree = n.hooks.zeroCheckDegree
	}
	rz, fin, err := p.Sumcheck(zc, [][]fr.Element{s.Rows.Mask(), e1, e2, rhoTab, uTab}, zero, s.zeroCheckTargets())
	if err != nil {
		return err
	}
	// 3. X(u) + β·S(r_z), S(r_z) = u(r_z) − κ, in one instance → h, ρ, g.
	sClaim := fin[3]
	if err := p.Consume(sClaim); err != nil {
		return err
	}
	beta := p.Challenge(transcript.LabelRMSNormMu)
	gTab, err := n.gTable(p)
	if err != nil {
		return err
	}
	eqRows := mle.BroadcastLow(mle.EqTable(rz.Coords()), s.logW())
	claim := acc.Value.Add(sClaim.Value.Sub(sumcheck.Public(kap)).Scale(beta))
	_, had, err := p.Sumcheck(s.batched(u, rz, beta), [][]fr.Element{layers.EqTable(u), eqRows, hTab, mle.BroadcastLow(rhoTab, s.logW()), gTab}, claim, s.hadamardTargets())
	if err != nil {
		return err
	}
	// 4. Settle: e_1, e_2, ρ (twice) through their limbs; g; h.
	for i, c := range []rescale.Checked{s.E1Checked(), s.E2Checked(), s.RhoChecked()} {
		if err := p.SettleChecked(c, fin[i]); err != nil {
			return err
		}
	}
	if err := p.SettleChecked(s.RhoChecked(), had[1]); err != nil {
		return err
	}
	if err := n.settleG(p, had[2]); err != nil {
		return err
	}
	return settleH(p, had[0])
}

// Verify mirrors Prove.
func (n *Norm) Verify(v *layers.Verifier, settleH VerifierInput) error {
	s := &n.Spec
	u := v.Fresh(transcript.LabelPointU, s.Act().LogSize())
	acc, q, err := v.RescaleAt(s.Rescale(), u)
	if err != nil {
		return err
	}
	if err := v.Consume(q, acc); err != nil {
		return err
	}
	w := v.Fresh(transcript.LabelZeroCheckW, s.logRows())
	mu := v.Challenge(transcript.LabelRMSNormMu)
	rz, fin, err := v.Sumcheck(s.zeroCheck(w, mu), sumcheck.Point{}, s.zeroCheckTargets(), func(r []fr.Element) ([]fr.Element, error) {
		return []fr.Element{s.Rows.MaskAt(r), {}, {}, {}, {}}, nil
	})
	if err != nil {
		return err
	}
	sClaim := fin[3]
	if err := v.Consume(sClaim); err != nil {
		return err
	}
	beta := v.Challenge(transcript.LabelRMSNormMu)
	gens, err := v.DLC.Generators(0)
	if err != nil {
		return err
	}
	kap := s.kappa()
	kap.Neg(&kap)
	sVal := sumcheck.AddPoints(sClaim.Value, sumcheck.PublicPoint(gens, kap))
	claim := sumcheck.AddPoints(acc.Value, sumcheck.ScalePoint(sVal, beta))
	_, had, err := v.Sumcheck(s.batched(u, rz, beta), claim, s.hadamardTargets(), s.batchedPublic(u, rz))
	if err != nil {
		return err
	}
	for i, c := range []rescale.Checked{s.E1Checked(), s.E2Checked(), s.RhoChecked()} {
		if err := v.SettleChecked(c, fin[i]); err != nil {
			return err
		}
	}
	if err := v.SettleChecked(s.RhoChecked(), had[1]); err != nil {
		return err
	}
	if err := n.settleGV(v, had[2]); err != nil {
		return err
	}
	if n.hooks.dropH {
		return nil
	}
	return settleH(v, had[0])
}

// gTable returns g broadcast over the non-layer row axes: [Width, Rows…].
func (n *Norm) gTable(p *layers.Prover) ([]fr.Element, error) {
	s := &n.Spec
	var g []fr.Element
	var err error
	if s.Layered {
		g, err = p.StackedTable(s.Weights)
	} else {
		g, err = p.Table(s.Weights[0])
	}
	if err != nil {
		return nil, err
	}
	return broadcastMiddle(g, s.logW(), s.logRows()-s.logLayer()), nil
}

// broadcastMiddle inserts nMid variables between the low nLow variables of
// f and the rest: out[x + 2^nLow·(m + 2^nMid·y)] = f[x + 2^nLow·y].
func broadcastMiddle(f []fr.Element, nLow, nMid int) []fr.Element {
	low, mid := 1<<nLow, 1<<nMid
	out := make([]fr.Element, len(f)*mid)
	for y := 0; y < len(f)/low; y++ {
		src := f[y*low : (y+1)*low]
		for m := 0; m < mid; m++ {
			copy(out[(y*mid+m)*low:], src)
		}
	}
	return out
}

// sumSquares returns S(rows) = Σ_j h(j, rows)² over the padded rows.
func sumSquares(h []fr.Element, nLow int) []fr.Element {
	low := 1 << nLow
	out := make([]fr.Element, len(h)/low)
	var t fr.Element
	for r := range out {
		for _, v := range h[r*low : (r+1)*low] {
			t.Square(&v)
			out[r].Add(&out[r], &t)
		}
	}
	return out
}

func (n *Norm) settleG(p *layers.Prover, c *claims.ProverClaim) error {
	if n.Spec.Layered {
		return p.SettleLayers(c, n.Spec.Weights)
	}
	return p.Pool(c)
}

func (n *Norm) settleGV(v *layers.Verifier, c *claims.VerifierClaim) error {
	if n.Spec.Layered {
		return v.SettleLayers(c, n.Spec.Weights)
	}
	return v.Pool(c)
}
