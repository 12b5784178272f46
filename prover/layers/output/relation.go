package output

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// relation is the output zero-check, built the same way on both sides:
// factor 0 is the mask V_V(v)·V_G(g); the others are committed tensors
// (with the claim target their final value becomes), the virtual m (the
// selected scores) or public tables the verifier evaluates itself.
type relation struct {
	g       *Gadget
	prover  bool
	public  []bool
	targets []layers.Target
	tables  [][]fr.Element                  // prover only
	evals   []func([]fr.Element) fr.Element // public factors (verifier)
	terms   []sumcheck.Term
	idx     map[string]int
}

func (g *Gadget) newRelation(prover bool) *relation {
	r := &relation{g: g, prover: prover, idx: map[string]int{}}
	sh := g.Shape()
	r.addPublic("mask", func() []fr.Element { return sh.Mask() }, func(x []fr.Element) fr.Element { return sh.MaskAt(x) })
	return r
}

func (r *relation) addPublic(name string, table func() []fr.Element, eval func([]fr.Element) fr.Element) {
	r.idx[name] = len(r.public)
	r.public = append(r.public, true)
	r.evals = append(r.evals, eval)
	if r.prover {
		r.tables = append(r.tables, table())
	} else {
		r.tables = append(r.tables, nil)
	}
}

func (r *relation) addCommitted(name string, t layers.Target, table func() ([]fr.Element, error)) error {
	r.idx[name] = len(r.public)
	r.public = append(r.public, false)
	r.targets = append(r.targets, t)
	r.evals = append(r.evals, nil)
	if !r.prover {
		r.tables = append(r.tables, nil)
		return nil
	}
	tab, err := table()
	if err != nil {
		return err
	}
	r.tables = append(r.tables, tab)
	return nil
}

// term adds coeff·mask·Π factors.
func (r *relation) term(coeff fr.Element, names ...string) {
	f := []int{0}
	for _, n := range names {
		k, ok := r.idx[n]
		if !ok {
			panic("output: relation term names an undeclared factor " + n) // programming error
		}
		f = append(f, k)
	}
	r.terms = append(r.terms, sumcheck.Term{Coeff: coeff, Factors: f})
}

func (r *relation) instance(w claims.Point, degree int) *sumcheck.Instance {
	return &sumcheck.Instance{NumVars: w.Len(), EqPoints: [][]fr.Element{w.Coords()}, Public: r.public, Terms: r.terms, Degree: degree}
}

func (r *relation) publicAt(x []fr.Element) ([]fr.Element, error) {
	out := make([]fr.Element, len(r.public))
	for k, ev := range r.evals {
		if ev != nil {
			out[k] = ev(x)
		}
	}
	return out, nil
}

// committedIndex returns the position of a committed factor among the
// sumcheck's final claims.
func (r *relation) committedIndex(name string) int {
	k := r.idx[name]
	n := 0
	for i := 0; i < k; i++ {
		if !r.public[i] {
			n++
		}
	}
	return n
}

// build assembles the zero-check (§7.11) for challenges μ (top-k):
//
//	R1: Δ − b·(κ·m − κ·ℓ + N_o − N − LT) = 0     (b ≡ 1 without top-k)
//	R2: A − b·(key − τ) = 0,  key = V_pad·ℓ + V_pad − 1 − I(v)
//	R3: B − (1−b)·(τ − 1 − key) = 0
//
// P = R1 + μ·R2 + μ²·R3, masked by V_V·V_G; m(g) = ℓ[g][o_g] is virtual
// (a claim for the selection sumcheck), N_o(g) = N[g][o_g], N, LT = [v < o_g]
// and I(v) = v are public.
func (g *Gadget) build(r *relation, p *layers.Prover, mu fr.Element) error {
	sh := g.Shape()
	n, logV := sh.LogSize(), g.logV()
	rowPt := func(x claims.Point) claims.Point { return x.Slice(logV, n) }
	committed := func(c rescale.Checked) func() ([]fr.Element, error) {
		return func() ([]fr.Element, error) { return p.CheckedTable(c) }
	}
	if err := r.addCommitted("delta", layers.Target{Tensor: TensorDelta}, committed(g.deltaChecked())); err != nil {
		return err
	}
	if err := r.addCommitted("m", layers.Target{Tensor: mName, At: rowPt}, func() ([]fr.Element, error) {
		return g.rowTable(func(gi int) int64 { return g.logits[gi][g.Tokens[gi]] }), nil
	}); err != nil {
		return err
	}
	if err := r.addCommitted("l", layers.Target{Tensor: layers.TensorLogits}, committed(g.LogitsChecked())); err != nil {
		return err
	}
	r.addPublic("lt", g.ltTable, g.ltAt)
	kap := scalar(g.kappa())
	if g.sampling() {
		noise := g.Noise()
		r.addPublic("N", func() []fr.Element { return g.fieldTable(func(gi, v int) int64 { return noise[gi][v] }) },
			func(x []fr.Element) fr.Element { v, _ := g.noiseAt(x); return v })
		no := func(gi int) int64 { return noise[gi][g.Tokens[gi]] }
		r.addPublic("No", func() []fr.Element { return g.rowTable(no) },
			func(x []fr.Element) fr.Element { return g.rowAt(x[logV:], no) })
	}
	// R1 = Δ − b·S with S = κ·m − κ·ℓ + N_o − N − LT.
	bf := []string{}
	if g.topK() {
		if err := r.addCommitted("b", layers.Target{Tensor: TensorBits}, committed(g.bitsChecked())); err != nil {
			return err
		}
		bf = []string{"b"}
	}
	with := func(names ...string) []string { return append(append([]string{}, bf...), names...) }
	r.term(one(), "delta")
	r.term(neg(kap), with("m")...)
	r.term(kap, with("l")...)
	r.term(one(), with("lt")...)
	if g.sampling() {
		r.term(neg(one()), with("No")...)
		r.term(one(), with("N")...)
	}
	if !g.topK() {
		return nil
	}
	// R2, R3 with key = V_pad·ℓ + (V_pad − 1) − I.
	if err := r.addCommitted("tau", layers.Target{Tensor: TensorTau, At: rowPt}, func() ([]fr.Element, error) {
		t, err := p.CheckedTable(g.tauChecked())
		return mle.BroadcastLow(t, logV), err
	}); err != nil {
		return err
	}
	for _, t := range []string{TensorAbove, TensorBelow} {
		if err := r.addCommitted(t, layers.Target{Tensor: t}, committed(g.keyChecked(t))); err != nil {
			return err
		}
	}
	r.addPublic("I", func() []fr.Element { return indexTable(sh) }, func(x []fr.Element) fr.Element { return indexAt(x[:logV]) })
	var mu2 fr.Element
	mu2.Square(&mu)
	vpad := scalar(int64(1) << logV)
	c := scalar(int64(1)<<logV - 1) // V_pad − 1
	mul := func(a, b fr.Element) fr.Element { a.Mul(&a, &b); return a }
	// μ·(A − b·V_pad·ℓ − b·(V_pad−1) + b·I + b·τ)
	r.term(mu, TensorAbove)
	r.term(neg(mul(mu, vpad)), "b", "l")
	r.term(neg(mul(mu, c)), "b")
	r.term(mu, "b", "I")
	r.term(mu, "b", "tau")
	// μ²·(B − (1−b)(τ − 1 − key)) with τ − 1 − key = τ − V_pad·ℓ − V_pad + I:
	// B − τ + V_pad·ℓ + V_pad − I + b·τ − b·V_pad·ℓ − b·V_pad + b·I.
	r.term(mu2, TensorBelow)
	r.term(neg(mu2), "tau")
	r.term(mul(mu2, vpad), "l")
	r.term(mul(mu2, vpad)) // constant (times the mask)
	r.term(neg(mu2), "I")
	r.term(mu2, "b", "tau")
	r.term(neg(mul(mu2, vpad)), "b", "l")
	r.term(neg(mul(mu2, vpad)), "b")
	r.term(mu2, "b", "I")
	return nil
}

// mName names the virtual m (the selected scores' logit part).
const mName = "out.m"

// indexTable is I(v, g) = v over the padded [V, G].
func indexTable(sh layers.Shape) []fr.Element {
	out := make([]fr.Element, sh.Size())
	low := 1 << mle.Log2Ceil(sh[0])
	for i := range out {
		out[i].SetUint64(uint64(i % low))
	}
	return out
}

// indexAt is I's MLE at r_v: Σ_i 2^i·r_i.
func indexAt(rv []fr.Element) fr.Element {
	var acc, p fr.Element
	p.SetOne()
	for _, x := range rv {
		var t fr.Element
		t.Mul(&x, &p)
		acc.Add(&acc, &t)
		p.Double(&p)
	}
	return acc
}

func (g *Gadget) degree() int {
	if g.topK() {
		return 4
	}
	return 3
}

// prove runs: w ← zc/w (and μ ← out/mu with top-k); the zero-check; the
// selection sumcheck of m (and, with top-k, the candidate-count and b(o_g)
// sumcheck at a fresh row point); then settles every claim.
func (g *Gadget) prove(p *layers.Prover) error {
	sh := g.Shape()
	w := p.Fresh(transcript.LabelZeroCheckW, sh.LogSize())
	var mu fr.Element
	if g.topK() {
		mu = p.Challenge(transcript.LabelOutputMu)
	}
	r := g.newRelation(true)
	if err := g.build(r, p, mu); err != nil {
		return err
	}
	var zero sumcheck.Scalar
	_, fin, err := p.Sumcheck(r.instance(w, g.degree()), r.tables, zero, r.targets)
	if err != nil {
		return err
	}
	m := fin[r.committedIndex("m")]
	if err := p.Consume(m); err != nil {
		return err
	}
	lt := r.tables[r.idx["l"]]
	_, sel, err := p.Sumcheck(sumcheck.Selection(sh.LogSize()), [][]fr.Element{g.selector(m.At), lt}, m.Value, []layers.Target{{Tensor: layers.TensorLogits}})
	if err != nil {
		return err
	}
	settle := []*claims.ProverClaim{fin[r.committedIndex("delta")], fin[r.committedIndex("l")], sel[0]}
	kinds := []rescale.Checked{g.deltaChecked(), g.LogitsChecked(), g.LogitsChecked()}
	if g.topK() {
		rg := p.Fresh(transcript.LabelPointU, g.logG())
		mu1, mu2 := p.Challenge(transcript.LabelOutputMu), p.Challenge(transcript.LabelOutputMu)
		_, cnt, err := p.Sumcheck(sumcheck.Selection(sh.LogSize()), [][]fr.Element{g.countSelector(rg, mu1, mu2), r.tables[r.idx["b"]]},
			sumcheck.Public(g.countClaim(rg, mu1, mu2)), []layers.Target{{Tensor: TensorBits}})
		if err != nil {
			return err
		}
		settle = append(settle, fin[r.committedIndex("b")], cnt[0], fin[r.committedIndex("tau")], fin[r.committedIndex(TensorAbove)], fin[r.committedIndex(TensorBelow)])
		kinds = append(kinds, g.bitsChecked(), g.bitsChecked(), g.tauChecked(), g.keyChecked(TensorAbove), g.keyChecked(TensorBelow))
	}
	for i, c := range settle {
		if err := p.SettleChecked(kinds[i], c); err != nil {
			return err
		}
	}
	return nil
}

// verify mirrors prove.
func (g *Gadget) verify(v *layers.Verifier) error {
	sh := g.Shape()
	w := v.Fresh(transcript.LabelZeroCheckW, sh.LogSize())
	var mu fr.Element
	if g.topK() {
		mu = v.Challenge(transcript.LabelOutputMu)
	}
	r := g.newRelation(false)
	if err := g.build(r, nil, mu); err != nil {
		return err
	}
	_, fin, err := v.Sumcheck(r.instance(w, g.degree()), sumcheck.Point{}, r.targets, r.publicAt)
	if err != nil {
		return err
	}
	m := fin[r.committedIndex("m")]
	if err := v.Consume(m); err != nil {
		return err
	}
	_, sel, err := v.Sumcheck(sumcheck.Selection(sh.LogSize()), m.Value, []layers.Target{{Tensor: layers.TensorLogits}}, func(x []fr.Element) ([]fr.Element, error) {
		return []fr.Element{g.selectorAt(m.At, x), {}}, nil
	})
	if err != nil {
		return err
	}
	settle := []*claims.VerifierClaim{fin[r.committedIndex("delta")], fin[r.committedIndex("l")], sel[0]}
	kinds := []rescale.Checked{g.deltaChecked(), g.LogitsChecked(), g.LogitsChecked()}
	if g.topK() {
		rg := v.Fresh(transcript.LabelPointU, g.logG())
		mu1, mu2 := v.Challenge(transcript.LabelOutputMu), v.Challenge(transcript.LabelOutputMu)
		gens, err := v.DLC.Generators(0)
		if err != nil {
			return err
		}
		_, cnt, err := v.Sumcheck(sumcheck.Selection(sh.LogSize()), sumcheck.PublicPoint(gens, g.countClaim(rg, mu1, mu2)), []layers.Target{{Tensor: TensorBits}},
			func(x []fr.Element) ([]fr.Element, error) {
				return []fr.Element{g.countSelectorAt(rg, mu1, mu2, x), {}}, nil
			})
		if err != nil {
			return err
		}
		settle = append(settle, fin[r.committedIndex("b")], cnt[0], fin[r.committedIndex("tau")], fin[r.committedIndex(TensorAbove)], fin[r.committedIndex(TensorBelow)])
		kinds = append(kinds, g.bitsChecked(), g.bitsChecked(), g.tauChecked(), g.keyChecked(TensorAbove), g.keyChecked(TensorBelow))
	}
	if g.hooks.dropClaims {
		return nil
	}
	for i, c := range settle {
		if err := v.SettleChecked(kinds[i], c); err != nil {
			return err
		}
	}
	return nil
}

// countSelector is a'(v,g) = eq(r_g,g)·(μ1 + μ2·[v = o_g, g < G]) over the
// padded [V, G]: Σ a'·b = (μ1·k + μ2)·V_G(r_g) proves Σ_v b = k per real
// row and b(o_g) = 1 (b is zero on padded ids and rows: engine padding).
func (g *Gadget) countSelector(rg claims.Point, mu1, mu2 fr.Element) []fr.Element {
	sh := g.Shape()
	out := make([]fr.Element, sh.Size())
	eq := mle.EqTable(rg.Coords())
	logV := g.logV()
	for gi := 0; gi < 1<<g.logG(); gi++ {
		var base fr.Element
		base.Mul(&eq[gi], &mu1)
		for v := 0; v < 1<<logV; v++ {
			out[sh.Index(v, gi)] = base
		}
		if gi < g.G() {
			var t fr.Element
			t.Mul(&eq[gi], &mu2)
			i := sh.Index(g.Tokens[gi], gi)
			out[i].Add(&out[i], &t)
		}
	}
	return out
}

// countSelectorAt is a'(ρ) = μ1·eq(r_g, ρ_g) + μ2·Σ_{g<G} eq(r_g,g)·eq(ρ_g,g)·eq(ρ_v,o_g).
func (g *Gadget) countSelectorAt(rg claims.Point, mu1, mu2 fr.Element, x []fr.Element) fr.Element {
	a := mle.Eq(rg.Coords(), x[g.logV():])
	a.Mul(&a, &mu1)
	s := g.selectorAt(rg, x)
	s.Mul(&s, &mu2)
	a.Add(&a, &s)
	return a
}

// countClaim is (μ1·k + μ2)·V_G(r_g).
func (g *Gadget) countClaim(rg claims.Point, mu1, mu2 fr.Element) fr.Element {
	k := scalar(int64(g.Rule.TopK))
	k.Mul(&k, &mu1)
	k.Add(&k, &mu2)
	m := mle.PrefixMask(rg.Coords(), uint64(g.G()))
	k.Mul(&k, &m)
	return k
}
