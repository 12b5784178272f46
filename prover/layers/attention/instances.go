package attention

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
)

// The four sumcheck instances of the gadget, shared by prover and verifier.
// Points on the scores tensor are (j, i, h, ℓ) (key lowest); on Q_r and O
// (k, h, t, ℓ); on K_r and V (k, h', t, ℓ).

// vInstance: v(r) = Σ_x eq(r,x)·M(j,i)·(ẑ(i,h,ℓ) − Z(x)). Factors: M
// (public), ẑ broadcast over j, Z. Per-variable degree 3 (each term has E,
// M and one tensor).
func (g *Gadget) vInstance(r claims.Point) *sumcheck.Instance {
	one := fr.One()
	var minus fr.Element
	minus.Neg(&one)
	return &sumcheck.Instance{NumVars: r.Len(), EqPoints: [][]fr.Element{r.Coords()}, Public: []bool{true, false, false},
		Terms: []sumcheck.Term{{Coeff: one, Factors: []int{0, 1}}, {Coeff: minus, Factors: []int{0, 2}}}, Degree: 3}
}

// vPublic evaluates M at the final point.
func (g *Gadget) vPublic(pt []fr.Element) ([]fr.Element, error) {
	lT := g.lT()
	return []fr.Element{mle.CausalMask(pt[lT:2*lT], pt[:lT]), {}, {}}, nil
}

// scoresInstance: Z(ρ_j,ρ_i,ρ_h,ρ_ℓ) = Σ_{k,h,ℓ} eq((ρ_h,ρ_ℓ),(h,ℓ))·Q(k,h,ρ_i,ℓ)·K̃(k,h,ρ_j,ℓ),
// K̃ the keys expanded over the query heads of their group. d = 3.
func (g *Gadget) scoresInstance(top claims.Point) *sumcheck.Instance {
	return sumcheck.StackedMatmul(g.lD(), top.Coords())
}

// oInstance: acc(u_k,u_h,u_i,u_ℓ) = Σ_{j,h,ℓ} eq((u_h,u_ℓ),(h,ℓ))·Y(j,u_i,h,ℓ)·Ṽ(u_k,h,j,ℓ). d = 3.
func (g *Gadget) oInstance(top claims.Point) *sumcheck.Instance {
	return sumcheck.StackedMatmul(g.lT(), top.Coords())
}

// yInstance: μ_1·Y(u) + μ_2·Σ_j Y(j,w) = Σ_x E(x)·P(x)·(θ − ȳ(x))·(1 − ῑ(x)),
// E = eq(u,x) + μ·eq(w, x_top) (w binds (i,h,ℓ); the band's row sum is the
// sum over j that E leaves free), P = [j ≤ i < T]·[h < H]·[ℓ < L] public.
// Terms: θP − θPῑ − Pȳ + Pȳῑ; d = 4. Without the band (test control) E =
// eq(u,x).
func (g *Gadget) yInstance(u claims.Point, w *claims.Point, mu fr.Element) *sumcheck.Instance {
	theta := elem(tables.Theta)
	var mTheta, minus fr.Element
	mTheta.Neg(&theta)
	one := fr.One()
	minus.Neg(&one)
	in := &sumcheck.Instance{NumVars: u.Len(), EqPoints: [][]fr.Element{u.Coords()}, Public: []bool{true, false, false},
		Terms: []sumcheck.Term{
			{Coeff: theta, Factors: []int{0}},
			{Coeff: mTheta, Factors: []int{0, 2}},
			{Coeff: minus, Factors: []int{0, 1}},
			{Coeff: one, Factors: []int{0, 1, 2}},
		}, Degree: 4}
	if w != nil {
		in.EqPoints = append(in.EqPoints, w.Coords())
		in.Mu = []fr.Element{one, mu}
	}
	return in
}

// validRows is the MLE of V(i,h,ℓ) = [i < T]·[h < H]·[ℓ < L] at (i,h,ℓ).
func (g *Gadget) validRows(pt []fr.Element) fr.Element {
	return g.rows().MaskAt(pt)
}

// yPublic evaluates P at the final point: [j ≤ i < T] by the automaton of
// mle.CausalRowMask, times the head and layer masks (disjoint variables, so
// the product of MLEs is the MLE of the product).
func (g *Gadget) yPublic(pt []fr.Element) ([]fr.Element, error) {
	lT, lH := g.lT(), g.lH()
	p := mle.CausalRowMask(pt[lT:2*lT], pt[:lT], uint64(g.d.T))
	h := mle.PrefixMask(pt[2*lT:2*lT+lH], uint64(g.d.H))
	l := mle.PrefixMask(pt[2*lT+lH:], uint64(g.d.L))
	p.Mul(&p, &h)
	p.Mul(&p, &l)
	return []fr.Element{p, {}, {}}, nil
}

// headWeights returns a(h') = Σ_{h<H, h/G = h'} eq(ρ_h, h) for h' < H_kv:
// the public selection of the KV head of each query head (GQA with a group
// size that is not a power of two).
func (g *Gadget) headWeights(rhoH claims.Point) []fr.Element {
	eq := mle.EqTable(rhoH.Coords())
	out := make([]fr.Element, g.d.Hkv)
	G := g.d.Group()
	for h := range g.d.H {
		out[h/G].Add(&out[h/G], &eq[h])
	}
	return out
}
