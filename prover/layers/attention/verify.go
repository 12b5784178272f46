package attention

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Verify implements layers.VerifierGadget; it mirrors Prove step by step.
func (g *Gadget) Verify(v *layers.Verifier) error {
	if err := g.verifyDigits(v); err != nil {
		return err
	}
	y, err := g.verifyO(v)
	if err != nil {
		return err
	}
	return g.verifyY(v, y)
}

func (g *Gadget) verifyDigits(v *layers.Verifier) error {
	c2, err := v.Leaf(ColumnX2)
	if err != nil {
		return err
	}
	r := c2.At
	sent, err := v.Receive(transcript.LabelAttnDigits, []layers.Target{{Tensor: TensorX0}, {Tensor: TensorX1}}, r)
	if err != nil {
		return err
	}
	val := sumcheck.CombinePoints([]fr.Element{pow2(g.k0 + 16), fr.One(), pow2(g.k0)}, []sumcheck.Point{c2.Value, sent[0].Value, sent[1].Value})
	if err := v.Pool(sent...); err != nil {
		return err
	}
	if err := v.Consume(c2); err != nil {
		return err
	}
	_, fin, err := v.Sumcheck(g.vInstance(r), val, g.vTargets(), g.vPublic)
	if err != nil {
		return err
	}
	if !g.hooks.dropClaim {
		if err := v.Pool(fin[0]); err != nil {
			return err
		}
	}
	return g.verifyScores(v, fin[1])
}

func (g *Gadget) verifyScores(v *layers.Verifier, zc *claims.VerifierClaim) error {
	j, i, top := g.scoresSplit(zc.At)
	lD, lH := g.lD(), g.lH()
	rho, fin, err := v.Sumcheck(g.scoresInstance(top), zc.Value, g.scoresTargets(i), nil)
	if err != nil {
		return err
	}
	if err := v.Consume(zc); err != nil {
		return err
	}
	if err := v.SettleChecked(g.qChecked(), fin[0]); err != nil {
		return err
	}
	return g.verifyHeads(v, g.kChecked(), rho.Slice(0, lD), rho.Slice(lD, lD+lH), claims.Concat(j, rho.Slice(lD+lH, rho.Len())), fin[1])
}

// verifyHeads mirrors proveHeads.
func (g *Gadget) verifyHeads(v *layers.Verifier, c rescale.Checked, pre, rhoH, post claims.Point, cl *claims.VerifierClaim) error {
	if g.g >= 0 {
		real := claims.New(v.Ledger, c.Name, claims.Concat(pre, rhoH.Slice(g.g, rhoH.Len()), post), cl.Value)
		if err := v.Consume(cl); err != nil {
			return err
		}
		return v.SettleChecked(c, real)
	}
	targets := make([]layers.Target, g.d.Hkv)
	for h := range targets {
		targets[h] = layers.Target{Tensor: c.Name + "@head"}
	}
	sent, err := v.Receive(transcript.LabelAttnKV, targets, cl.At)
	if err != nil {
		return err
	}
	pts := make([]sumcheck.Point, len(sent))
	for h, s := range sent {
		pts[h] = s.Value
	}
	if err := v.Equate(cl, sumcheck.CombinePoints(g.headWeights(rhoH), pts)); err != nil {
		return err
	}
	vp := v.Fresh(transcript.LabelAttnKVFold, g.lHkv())
	fold := claims.New(v.Ledger, c.Name, claims.Concat(pre, vp, post), sumcheck.CombinePoints(mle.EqTable(vp.Coords())[:g.d.Hkv], pts))
	if err := v.Consume(sent...); err != nil {
		return err
	}
	return v.SettleChecked(c, fold)
}

func (g *Gadget) verifyO(v *layers.Verifier) (*claims.VerifierClaim, error) {
	u := v.Fresh(transcript.LabelPointU, g.act().LogSize())
	acc, q, err := v.RescaleAt(g.oRescale(), u)
	if err != nil {
		return nil, err
	}
	if err := v.Consume(q); err != nil {
		return nil, err
	}
	uk, uh, ui, ul := g.oSplit(u)
	lT, lH := g.lT(), g.lH()
	rho, fin, err := v.Sumcheck(g.oInstance(claims.Concat(uh, ul)), acc.Value, g.oTargets(ui), nil)
	if err != nil {
		return nil, err
	}
	if err := v.Consume(acc); err != nil {
		return nil, err
	}
	err = g.verifyHeads(v, g.vChecked(), uk, rho.Slice(lT, lT+lH), claims.Concat(rho.Slice(0, lT), rho.Slice(lT+lH, rho.Len())), fin[1])
	return fin[0], err
}

func (g *Gadget) verifyY(v *layers.Verifier, yc *claims.VerifierClaim) error {
	claim := yc.Value
	var wp *claims.Point
	var mu fr.Element
	if !g.hooks.noBand {
		w := v.Fresh(transcript.LabelAttnBandW, g.rows().LogSize())
		ec, err := v.Receive(transcript.LabelAttnBandE, []layers.Target{{Tensor: TensorE}}, w)
		if err != nil {
			return err
		}
		mu = v.Challenge(transcript.LabelAttnMu)
		tv := g.validRows(w.Coords())
		theta := elem(tables.Theta)
		tv.Mul(&tv, &theta)
		gens, err := v.DLC.Generators(0)
		if err != nil {
			return err
		}
		var minus fr.Element
		minus.Neg(&mu)
		band := sumcheck.CombinePoints([]fr.Element{mu, minus}, []sumcheck.Point{sumcheck.PublicPoint(gens, tv), ec[0].Value})
		claim = sumcheck.AddPoints(claim, band)
		if err := v.Pool(ec...); err != nil {
			return err
		}
		wp = &w
	}
	_, fin, err := v.Sumcheck(g.yInstance(yc.At, wp, mu), claim, []layers.Target{{Tensor: TensorYBar}, {Tensor: TensorIBar}}, g.yPublic)
	if err != nil {
		return err
	}
	if err := v.Consume(yc); err != nil {
		return err
	}
	return v.Pool(fin...)
}
