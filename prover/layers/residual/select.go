package residual

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// SelectedName names the virtual tensor H_sel[j][g] = R_L[j][P−1+g] (§7.10):
// the last checkpoint at the G positions whose next token is bound, the
// input of the final norm. Its shape is Dims.Sel(D) = [D, G].
const SelectedName = "R.sel"

// selectRows returns a(t) = Σ_g eq(u_g,g)·[t = P−1+g] over the padded
// position axis (prover).
func selectRows(d layers.Dims, ug claims.Point) []fr.Element {
	eq := mle.EqTable(ug.Coords())
	a := make([]fr.Element, 1<<d.LogT())
	for g := 0; g < d.G(); g++ {
		a[d.P-1+g] = eq[g]
	}
	return a
}

// selectRowsAt is the verifier's a(ρ) = Σ_g eq(u_g,g)·eq(ρ, P−1+g), O(G·log T).
func selectRowsAt(d layers.Dims, ug claims.Point, rho []fr.Element) fr.Element {
	eq := mle.EqTable(ug.Coords())
	var acc fr.Element
	for g := 0; g < d.G(); g++ {
		e := mle.EqAt(rho, uint64(d.P-1+g))
		e.Mul(&e, &eq[g])
		acc.Add(&acc, &e)
	}
	return acc
}

func splitSel(d layers.Dims, c claims.Point) (uj, ug claims.Point, err error) {
	lj := mle.Log2Ceil(d.D)
	if c.Len() != lj+mle.Log2Ceil(d.G()) {
		return uj, ug, fmt.Errorf("%w: a claim on %s needs %d coordinates, has %d", layers.ErrGadget, SelectedName, lj+mle.Log2Ceil(d.G()), c.Len())
	}
	return c.Slice(0, lj), c.Slice(lj, c.Len()), nil
}

// ProveSelected settles a claim on H_sel(u_j, u_g) (§7.10): a sparse
// selection sumcheck over the position t (d = 2),
// H_sel(u_j,u_g) = Σ_t a(t)·R_L(u_j, t), leaves R_L(u_j, ρ) = y_L, the last
// slot of the checkpoints at (u_j, ρ) (layers.SlotValues).
func ProveSelected(p *layers.Prover, d layers.Dims, c *claims.ProverClaim) error {
	uj, ug, err := splitSel(d, c.At)
	if err != nil {
		return err
	}
	s := d.Checkpoints()
	tab, err := p.Table(s.Name)
	if err != nil {
		return err
	}
	inner := s.Inner.Size()
	last, err := mle.PartialEvalLow(tab[d.L*inner:(d.L+1)*inner], uj.Coords())
	if err != nil {
		return err
	}
	rho, fin, err := p.Sumcheck(sumcheck.Selection(d.LogT()), [][]fr.Element{selectRows(d, ug), last}, c.Value,
		[]layers.Target{{Tensor: s.Name + ".last"}})
	if err != nil {
		return err
	}
	if err := p.Consume(c); err != nil {
		return err
	}
	ys, err := p.SlotValues(s, claims.Concat(uj, rho))
	if err != nil {
		return err
	}
	return p.Equate(fin[0], ys[d.L])
}

// VerifySelected mirrors ProveSelected.
func VerifySelected(v *layers.Verifier, d layers.Dims, c *claims.VerifierClaim) error {
	uj, ug, err := splitSel(d, c.At)
	if err != nil {
		return err
	}
	s := d.Checkpoints()
	public := func(r []fr.Element) ([]fr.Element, error) { return []fr.Element{selectRowsAt(d, ug, r), {}}, nil }
	rho, fin, err := v.Sumcheck(sumcheck.Selection(d.LogT()), c.Value, []layers.Target{{Tensor: s.Name + ".last"}}, public)
	if err != nil {
		return err
	}
	if err := v.Consume(c); err != nil {
		return err
	}
	ys, err := v.SlotValues(s, claims.Concat(uj, rho))
	if err != nil {
		return err
	}
	return v.Equate(fin[0], ys[d.L])
}
