package rmsnorm

import (
	"fmt"
	"math/big"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// Norm is one RMSNorm component: its public Spec and, on the prover's side,
// the witness computed from h and g exactly as prover/model/fixed does.
type Norm struct {
	Spec
	w     *witness
	hooks hooks
}

// hooks are test-only deviations.
type hooks struct {
	// forge replaces ρ at a dense row by rho+delta and commits e_1, e_2
	// reduced mod 2^96 (the free-reciprocal-root attack, §7.4); x follows
	// the forged ρ.
	forgeRow   int
	forgeDelta int64
	// tamper edits the committed values after the honest witness.
	tamper func(vals map[string][]int64)
	// zeroCheckDegree overrides the zero-check's degree (prover side).
	zeroCheckDegree int
	dropH           bool // verifier: leave h's claims unsettled
}

type witness struct {
	h    []int64 // padded [Width, Rows…]
	hd   []int64 // dense h, g (kept for test recomputation)
	g    [][]int64
	rho  []int64 // dense rows
	x    []int64 // dense [Width, Rows…]
	vals map[string][]int64
	cols []tlookup.Column
}

// New returns the verifier's (public) component.
func New(s Spec) (*Norm, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &Norm{Spec: s}, nil
}

// NewProver computes the witness: h dense [Width, Rows…] (axis 0 fastest),
// g[k] the dense values of Weights[k] (length Width).
func NewProver(s Spec, h []int64, g [][]int64) (*Norm, error) {
	n, err := New(s)
	if err != nil {
		return nil, err
	}
	if len(h) != s.Act().Len() || len(g) != len(s.Weights) {
		return nil, fmt.Errorf("%w: rmsnorm %q: %d inputs for %v, %d weights for %d", layers.ErrGadget, s.Out, len(h), []int(s.Act()), len(g), len(s.Weights))
	}
	for _, gk := range g {
		if len(gk) != s.Width {
			return nil, fmt.Errorf("%w: rmsnorm %q: a weight of %d values for width %d", layers.ErrGadget, s.Out, len(gk), s.Width)
		}
	}
	n.w = &witness{}
	n.hooks.forgeRow = -1
	return n, n.compute(h, g)
}

// Rho returns the prover's ρ per dense row; X the output, dense.
func (n *Norm) Rho() []int64 { return n.w.rho }
func (n *Norm) X() []int64   { return n.w.x }

// compute derives ρ, e_1, e_2 and x = rescale(h·ρ·g, 16+e_g) per row with
// exact integers (§7.4): ρ = ⌊√(K/u)⌋, u = Σ_j h_j² + κ.
func (n *Norm) compute(h []int64, g [][]int64) error {
	s := &n.Spec
	rows := s.Rows.Len()
	perLayer := rows
	if s.Layered {
		perLayer = rows / s.Rows[len(s.Rows)-1]
	}
	K := s.K()
	rho := make([]int64, rows)
	e := [2][]*big.Int{make([]*big.Int, rows), make([]*big.Int, rows)}
	x := make([]int64, len(h))
	rem := make([]int64, len(h))
	k := 16 + s.GExp
	var u, t, acc big.Int
	for r := 0; r < rows; r++ {
		hr := h[r*s.Width : (r+1)*s.Width]
		u.Set(s.Kappa)
		for _, v := range hr {
			t.SetInt64(v)
			t.Mul(&t, &t)
			u.Add(&u, &t)
		}
		var q big.Int
		q.Quo(K, &u) // both positive: floor
		q.Sqrt(&q)
		if !q.IsInt64() || !layers.FormatRho.Contains(q.Int64()) {
			return fmt.Errorf("%w: rmsnorm %q row %d: ρ = %s outside %s", rescale.ErrRange, s.Out, r, q.String(), layers.FormatRho)
		}
		rho[r] = q.Int64()
		if r == n.hooks.forgeRow {
			rho[r] += n.hooks.forgeDelta
		}
		rv := big.NewInt(rho[r])
		// e_1 = K − ρ²u, e_2 = (ρ+1)²u − K − 1.
		e1 := new(big.Int).Mul(rv, rv)
		e1.Mul(e1, &u)
		e1.Sub(K, e1)
		r1 := new(big.Int).Add(rv, big.NewInt(1))
		e2 := new(big.Int).Mul(r1, r1)
		e2.Mul(e2, &u)
		e2.Sub(e2, K)
		e2.Sub(e2, big.NewInt(1))
		for i, v := range []*big.Int{e1, e2} {
			if r == n.hooks.forgeRow {
				v.Mod(v, new(big.Int).Lsh(big.NewInt(1), uint(layers.FormatNormE.Bits)))
			}
			if !layers.FormatNormE.ContainsBig(v) {
				return fmt.Errorf("%w: rmsnorm %q row %d: e_%d outside %s", rescale.ErrRange, s.Out, r, i+1, layers.FormatNormE)
			}
			e[i][r] = v
		}
		gl := g[0]
		if s.Layered {
			gl = g[r/perLayer]
		}
		for j, v := range hr {
			acc.SetInt64(v)
			t.SetInt64(rho[r] * gl[j]) // < 2^26·2^15
			acc.Mul(&acc, &t)
			qv, rv, err := rescale.RoundShiftBig(&acc, k)
			if err != nil {
				return err
			}
			if !qv.IsInt64() || !layers.FormatAct.Contains(qv.Int64()) {
				return fmt.Errorf("%w: rmsnorm %q row %d column %d: x = %s outside %s", rescale.ErrRange, s.Out, r, j, qv.String(), layers.FormatAct)
			}
			x[r*s.Width+j], rem[r*s.Width+j] = qv.Int64(), rv.Int64()
		}
	}
	w := n.w
	w.rho, w.x, w.hd, w.g = rho, x, h, g
	act := s.Act()
	var err error
	if w.h, err = act.Pad(h); err != nil {
		return err
	}
	w.vals = map[string][]int64{}
	add := func(c rescale.Checked, limbs [][]int64) {
		for i, l := range limbs {
			w.vals[c.LimbName(i)] = l
		}
		w.cols = append(w.cols, c.Columns(limbs)...)
	}
	rhoPad, err := s.Rows.Pad(rho)
	if err != nil {
		return err
	}
	limbs, err := s.RhoChecked().Limbs(rhoPad)
	if err != nil {
		return err
	}
	add(s.RhoChecked(), limbs)
	for i, c := range []rescale.Checked{s.E1Checked(), s.E2Checked()} {
		if limbs, err = bigLimbs(c, s.Rows, e[i]); err != nil {
			return err
		}
		add(c, limbs)
	}
	for _, c := range []struct {
		ch    rescale.Checked
		dense []int64
	}{{s.Rescale().Quotient(), x}, {s.Rescale().Remainder(), rem}} {
		pad, err := act.Pad(c.dense)
		if err != nil {
			return err
		}
		if limbs, err = c.ch.Limbs(pad); err != nil {
			return err
		}
		add(c.ch, limbs)
	}
	return nil
}

// bigLimbs decomposes dense big values of shape sh into padded limb tensors.
func bigLimbs(c rescale.Checked, sh layers.Shape, dense []*big.Int) ([][]int64, error) {
	m := c.NumLimbs()
	perLimb := make([][]int64, m)
	for i := range perLimb {
		perLimb[i] = make([]int64, len(dense))
	}
	dst := make([]int64, m)
	for r, v := range dense {
		if err := c.Format.DecomposeBig(v, dst); err != nil {
			return nil, fmt.Errorf("tensor %q index %d: %w", c.Name, r, err)
		}
		for i := range dst {
			perLimb[i][r] = dst[i]
		}
	}
	out := make([][]int64, m)
	for i, l := range perLimb {
		var err error
		if out[i], err = sh.Pad(l); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Witness returns the committed values (padded, by tensor name) and the
// lookup columns in the order of Lookups.
func (n *Norm) Witness() (map[string][]int64, []tlookup.Column, error) {
	if n.w == nil {
		return nil, nil, fmt.Errorf("%w: rmsnorm %q: no witness", layers.ErrGadget, n.Spec.Out)
	}
	if n.hooks.tamper != nil {
		n.hooks.tamper(n.w.vals)
	}
	return n.w.vals, n.w.cols, nil
}
