package attention

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Prove implements layers.ProverGadget: chain (a) from the x_2 leaf, then
// O's matmul, the band and chain (b) (see the package doc).
func (g *Gadget) Prove(p *layers.Prover) error {
	if g.w == nil {
		return fmt.Errorf("%w: attention: verifier copy has no witness", layers.ErrGadget)
	}
	if err := g.proveDigits(p); err != nil {
		return err
	}
	y, err := g.proveO(p)
	if err != nil {
		return err
	}
	return g.proveY(p, y)
}

// proveDigits reduces the leaf claim on x_2 to v, then v to ẑ and Z, then Z
// to Q_r and K_r.
func (g *Gadget) proveDigits(p *layers.Prover) error {
	c2, err := p.Leaf(ColumnX2)
	if err != nil {
		return err
	}
	r := c2.At
	xs, err := p.EvalAll([]string{TensorX0, TensorX1}, r.Coords())
	if err != nil {
		return err
	}
	sent, err := p.Send(transcript.LabelAttnDigits, []layers.Target{{Tensor: TensorX0}, {Tensor: TensorX1}}, r, xs)
	if err != nil {
		return err
	}
	v := c2.Value.Scale(pow2(g.k0 + 16)).Add(sent[0].Value).Add(sent[1].Value.Scale(pow2(g.k0)))
	if err := p.Pool(sent...); err != nil {
		return err
	}
	if err := p.Consume(c2); err != nil {
		return err
	}
	k := newVKernel(r.Coords(), g.causalTable(), g.w.zhat, g.w.z, g.lT())
	_, fin, err := p.SumcheckKernel(g.vInstance(r), k, v, g.vTargets())
	if err != nil {
		return err
	}
	if err := p.Pool(fin[0]); err != nil {
		return err
	}
	return g.proveScores(p, fin[1])
}

func (g *Gadget) vTargets() []layers.Target {
	lT := g.lT()
	return []layers.Target{
		{Tensor: TensorZHat, At: func(rho claims.Point) claims.Point { return rho.Slice(lT, rho.Len()) }},
		{Tensor: virtualZ},
	}
}

// scoresSplit splits a point on Z into (ρ_j, ρ_i, top = (ρ_h, ρ_ℓ)).
func (g *Gadget) scoresSplit(at claims.Point) (j, i, top claims.Point) {
	lT := g.lT()
	return at.Slice(0, lT), at.Slice(lT, 2*lT), at.Slice(2*lT, at.Len())
}

// scoresTargets: Q_r at (ρ'_k, ρ'_h, ρ_i, ρ'_ℓ) and the expanded keys K̃ at ρ'.
func (g *Gadget) scoresTargets(i claims.Point) []layers.Target {
	lDH := g.lD() + g.lH()
	return []layers.Target{
		{Tensor: layers.TensorQ, At: func(rho claims.Point) claims.Point {
			return claims.Concat(rho.Slice(0, lDH), i, rho.Slice(lDH, rho.Len()))
		}},
		{Tensor: layers.TensorK + "~"},
	}
}

func (g *Gadget) proveScores(p *layers.Prover, zc *claims.ProverClaim) error {
	j, i, top := g.scoresSplit(zc.At)
	lD, lH := g.lD(), g.lH()
	q := partialMiddle(g.w.q, lD+lH, i)
	k := g.expandHeads(partialMiddle(g.w.k, lD+g.lHkv(), j), lD)
	rho, fin, err := p.Sumcheck(g.scoresInstance(top), [][]fr.Element{q, k}, zc.Value, g.scoresTargets(i))
	if err != nil {
		return err
	}
	if err := p.Consume(zc); err != nil {
		return err
	}
	if err := p.SettleChecked(g.qChecked(), fin[0]); err != nil {
		return err
	}
	return g.proveHeads(p, g.kChecked(), rho.Slice(0, lD), rho.Slice(lD, lD+lH), claims.Concat(j, rho.Slice(lD+lH, rho.Len())), fin[1])
}

// proveHeads settles a claim on a KV tensor expanded over query heads,
// X̃(pre, ρ_h, post) with X̃(·, h, ·) = X(·, h/G, ·). A power-of-two group is
// a broadcast over the low log G bits of h (identity (b)): the claim is
// X(pre, ρ_h[log G:], post). Otherwise the prover sends ⟦y_h'⟧ = ⟦X(pre, h',
// post)⟧ for every KV head h', the DLC checks X̃ = Σ_h' a(h')·y_h' with the
// public selection a(h') = Σ_{h/G = h'} eq(ρ_h, h), and a fresh point v′
// folds the y_h' into one claim X(pre, v′, post) = Σ_h' eq(v′, h')·y_h'
// (padded KV heads are zero).
func (g *Gadget) proveHeads(p *layers.Prover, c rescale.Checked, pre, rhoH, post claims.Point, cl *claims.ProverClaim) error {
	if g.g >= 0 {
		real := claims.New(p.Ledger, c.Name, claims.Concat(pre, rhoH.Slice(g.g, rhoH.Len()), post), cl.Value)
		if err := p.Consume(cl); err != nil {
			return err
		}
		return p.SettleChecked(c, real)
	}
	lHkv := g.lHkv()
	ys := make([]fr.Element, g.d.Hkv)
	targets := make([]layers.Target, g.d.Hkv)
	for h := range ys {
		at := append(append(pre.Coords(), boolPoint(h, lHkv)...), post.Coords()...)
		for li, n := range c.LimbNames() {
			v, err := p.Eval(n, at)
			if err != nil {
				return err
			}
			w := pow2(16 * li)
			v.Mul(&v, &w)
			ys[h].Add(&ys[h], &v)
		}
		targets[h] = layers.Target{Tensor: c.Name + "@head"}
	}
	sent, err := p.Send(transcript.LabelAttnKV, targets, cl.At, ys)
	if err != nil {
		return err
	}
	opens := make([]sumcheck.Scalar, len(sent))
	for h, s := range sent {
		opens[h] = s.Value
	}
	if err := p.Equate(cl, sumcheck.Combine(g.headWeights(rhoH), opens)); err != nil {
		return err
	}
	vp := p.Fresh(transcript.LabelAttnKVFold, lHkv)
	fold := claims.New(p.Ledger, c.Name, claims.Concat(pre, vp, post), sumcheck.Combine(mle.EqTable(vp.Coords())[:g.d.Hkv], opens))
	if err := p.Consume(sent...); err != nil {
		return err
	}
	return p.SettleChecked(c, fold)
}

// oSplit splits a point on O into (u_k, u_h, u_i, u_ℓ).
func (g *Gadget) oSplit(u claims.Point) (k, h, i, l claims.Point) {
	lD, lH, lT := g.lD(), g.lH(), g.lT()
	return u.Slice(0, lD), u.Slice(lD, lD+lH), u.Slice(lD+lH, lD+lH+lT), u.Slice(lD+lH+lT, u.Len())
}

// oTargets: Y at (ρ_j, u_i, ρ_h, ρ_ℓ) and the expanded values Ṽ at ρ.
func (g *Gadget) oTargets(i claims.Point) []layers.Target {
	lT := g.lT()
	return []layers.Target{
		{Tensor: virtualY, At: func(rho claims.Point) claims.Point {
			return claims.Concat(rho.Slice(0, lT), i, rho.Slice(lT, rho.Len()))
		}},
		{Tensor: layers.TensorV + "~"},
	}
}

// proveO proves O = rescale(Y·V, 18) at a fresh point and returns the claim
// on Y it leaves.
func (g *Gadget) proveO(p *layers.Prover) (*claims.ProverClaim, error) {
	u := p.Fresh(transcript.LabelPointU, g.act().LogSize())
	acc, q, err := p.RescaleAt(g.oRescale(), u)
	if err != nil {
		return nil, err
	}
	if err := p.Consume(q); err != nil {
		return nil, err
	}
	uk, uh, ui, ul := g.oSplit(u)
	lT, lH := g.lT(), g.lH()
	y := partialMiddle(g.w.y, lT, ui)
	vk, err := mle.PartialEvalLow(toField(g.w.v), uk.Coords())
	if err != nil {
		return nil, err
	}
	// (h', t, ℓ) → (t, h, ℓ): the key axis lowest, then the query heads.
	v := g.expandHeads(g.swapLow(vk), lT)
	rho, fin, err := p.Sumcheck(g.oInstance(claims.Concat(uh, ul)), [][]fr.Element{y, v}, acc.Value, g.oTargets(ui))
	if err != nil {
		return nil, err
	}
	if err := p.Consume(acc); err != nil {
		return nil, err
	}
	err = g.proveHeads(p, g.vChecked(), uk, rho.Slice(lT, lT+lH), claims.Concat(rho.Slice(0, lT), rho.Slice(lT+lH, rho.Len())), fin[1])
	return fin[0], err
}

// swapLow reorders a table over (h', t, ℓ) into (t, h', ℓ).
func (g *Gadget) swapLow(f []fr.Element) []fr.Element {
	lHkv, lT := g.lHkv(), g.lT()
	out := make([]fr.Element, len(f))
	blk := 1 << (lHkv + lT)
	for base := 0; base < len(f); base += blk {
		for t := range 1 << lT {
			for h := range 1 << lHkv {
				out[base+t|h<<lT] = f[base+h|t<<lHkv]
			}
		}
	}
	return out
}

// proveY proves the Y Hadamard for O's claim on Y and the band
// Σ_j Y(j, w) = θ·V(w) − e(w) at a fresh w.
func (g *Gadget) proveY(p *layers.Prover, yc *claims.ProverClaim) error {
	claim := yc.Value
	var wp *claims.Point
	var mu fr.Element
	if !g.hooks.noBand {
		w := p.Fresh(transcript.LabelAttnBandW, g.rows().LogSize())
		ew, err := p.Eval(TensorE, w.Coords())
		if err != nil {
			return err
		}
		ec, err := p.Send(transcript.LabelAttnBandE, []layers.Target{{Tensor: TensorE}}, w, []fr.Element{ew})
		if err != nil {
			return err
		}
		mu = p.Challenge(transcript.LabelAttnMu)
		tv := g.validRows(w.Coords())
		theta := elem(tables.Theta)
		tv.Mul(&tv, &theta)
		claim = claim.Add(sumcheck.Public(tv).Sub(ec[0].Value).Scale(mu))
		if err := p.Pool(ec...); err != nil {
			return err
		}
		wp = &w
	}
	in := g.yInstance(yc.At, wp, mu)
	k := newYKernel(in, g.validTable(), g.w.ybar, g.w.ibar, elem(tables.Theta))
	_, fin, err := p.SumcheckKernel(in, k, claim, []layers.Target{{Tensor: TensorYBar}, {Tensor: TensorIBar}})
	if err != nil {
		return err
	}
	if err := p.Consume(yc); err != nil {
		return err
	}
	return p.Pool(fin...)
}
