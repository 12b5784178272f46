package rescale

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pool"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Checked is a tensor committed through its limbs (PROTOCOL §7.1): each limb
// is an advice tensor of 2^LogSize entries (padded flat order, zeros in the
// padding) looked up in its limb table; the tensor itself is virtual,
// v(u) = Σ_i 2^(16i)·l_i(u). With Unchecked set, the tensor is committed as
// one advice tensor with no lookup: for a value bounded elsewhere (a SILU
// input is bounded by the table's input column, §7.3).
type Checked struct {
	Name      string
	Format    Format
	LogSize   int
	Unchecked bool
}

// NumLimbs returns the number of committed tensors.
func (c Checked) NumLimbs() int {
	if c.Unchecked {
		return 1
	}
	return c.Format.NumLimbs()
}

// LimbName returns the advice tensor name of limb i: the tensor's own name
// when it is a single limb, else Name#l<i>.
func (c Checked) LimbName(i int) string {
	if c.NumLimbs() == 1 {
		return c.Name
	}
	return fmt.Sprintf("%s#l%d", c.Name, i)
}

// LimbNames lists the advice tensors, limb 0 first.
func (c Checked) LimbNames() []string {
	out := make([]string, c.NumLimbs())
	for i := range out {
		out[i] = c.LimbName(i)
	}
	return out
}

// Lookups returns one range lookup per limb (none when Unchecked).
func (c Checked) Lookups() ([]tlookup.Lookup, error) {
	if err := c.Format.Validate(); err != nil {
		return nil, err
	}
	if c.Unchecked {
		return nil, nil
	}
	out := make([]tlookup.Lookup, c.NumLimbs())
	for i := range out {
		t, err := c.Format.LimbTable(i)
		if err != nil {
			return nil, err
		}
		out[i] = tlookup.Lookup{Name: c.LimbName(i), Table: t, LogSize: c.LogSize}
	}
	return out, nil
}

// Limbs splits v (≤ 2^LogSize entries, padded flat order) into its limb
// tensors, limb 0 first; errors name the tensor and the index.
func (c Checked) Limbs(v []int64) ([][]int64, error) {
	if len(v) > 1<<c.LogSize {
		return nil, fmt.Errorf("%w: tensor %q has %d entries for 2^%d", ErrFormat, c.Name, len(v), c.LogSize)
	}
	if c.Unchecked {
		for j, x := range v {
			if !c.Format.Contains(x) {
				return nil, fmt.Errorf("%w: tensor %q index %d: %d is not %s", ErrRange, c.Name, j, x, c.Format)
			}
		}
		return [][]int64{v}, nil
	}
	return DecomposeTensor(c.Name, v, c.Format)
}

// Columns returns the lookup witness of limbs (one column per lookup).
func (c Checked) Columns(limbs [][]int64) []tlookup.Column {
	if c.Unchecked {
		return nil
	}
	out := make([]tlookup.Column, len(limbs))
	for i, l := range limbs {
		out[i] = tlookup.Column{In: l}
	}
	return out
}

// recomposition returns the public weights 2^(16i) of v(u) = Σ 2^(16i)·l_i(u).
func (c Checked) recomposition() []fr.Element {
	w := make([]fr.Element, c.NumLimbs())
	var base fr.Element
	base.SetUint64(1 << LimbBits)
	w[0].SetOne()
	for i := 1; i < len(w); i++ {
		w[i].Mul(&w[i-1], &base)
	}
	return w
}

// ProveAt evaluates the virtual tensor at u (len LogSize): it sends ⟦l_i(u)⟧
// for every limb (one absorb), adds each as a pool claim on its limb tensor,
// and returns the opening of ⟦v(u)⟧ = Σ 2^(16i)·⟦l_i(u)⟧ and the sent points.
// eq(u,·) is tabulated once and each limb is an inner product of its
// integers with it (EvalSmall): no limb is converted to field elements.
func (c Checked) ProveAt(dlc *sumcheck.DLCProver, pl *pool.Prover, u []fr.Element, limbs [][]int64) (sumcheck.Scalar, []sumcheck.Point, error) {
	if err := c.checkAt(u, len(limbs)); err != nil {
		return sumcheck.Scalar{}, nil, err
	}
	eq := mle.EqTable(u)
	vals := make([]fr.Element, len(limbs))
	for i, l := range limbs {
		if len(l) > len(eq) {
			return sumcheck.Scalar{}, nil, fmt.Errorf("%w: limb %d of %q has %d entries for 2^%d", ErrFormat, i, c.Name, len(l), c.LogSize)
		}
		vals[i] = EvalSmall(eq, l)
	}
	return c.sendAt(dlc, pl, u, vals)
}

// ProveAtElems is ProveAt for limbs given as field elements (one eq table,
// one inner product per limb).
func (c Checked) ProveAtElems(dlc *sumcheck.DLCProver, pl *pool.Prover, u []fr.Element, limbs [][]fr.Element) (sumcheck.Scalar, []sumcheck.Point, error) {
	if err := c.checkAt(u, len(limbs)); err != nil {
		return sumcheck.Scalar{}, nil, err
	}
	eq := mle.EqTable(u)
	vals := make([]fr.Element, len(limbs))
	for i, l := range limbs {
		if len(l) > len(eq) {
			return sumcheck.Scalar{}, nil, fmt.Errorf("%w: limb %d of %q has %d entries for 2^%d", ErrFormat, i, c.Name, len(l), c.LogSize)
		}
		vals[i] = field.InnerProduct(l, eq[:len(l)])
	}
	return c.sendAt(dlc, pl, u, vals)
}

func (c Checked) checkAt(u []fr.Element, limbs int) error {
	if len(u) != c.LogSize || limbs != c.NumLimbs() {
		return fmt.Errorf("%w: %q at a %d-point with %d limbs", ErrFormat, c.Name, len(u), limbs)
	}
	return nil
}

// sendAt commits the limb values l_i(u) (one absorb), pools them and returns
// the recomposed opening.
func (c Checked) sendAt(dlc *sumcheck.DLCProver, pl *pool.Prover, u []fr.Element, vals []fr.Element) (sumcheck.Scalar, []sumcheck.Point, error) {
	opens := make([]sumcheck.Scalar, len(vals))
	pts := make([]sumcheck.Point, len(vals))
	for i := range vals {
		opens[i], pts[i] = dlc.Commit(vals[i])
	}
	dlc.Transcript.AbsorbPoints(transcript.LabelClaim, pts)
	for i := range vals {
		if err := pl.Add(c.LimbName(i), u, opens[i]); err != nil {
			return sumcheck.Scalar{}, nil, err
		}
	}
	return sumcheck.Combine(c.recomposition(), opens), pts, nil
}

// VerifyAt mirrors ProveAt: it absorbs the limb commitments, adds the pool
// claims and returns ⟦v(u)⟧.
func (c Checked) VerifyAt(dlc *sumcheck.DLCVerifier, pl *pool.Verifier, u []fr.Element, pts []sumcheck.Point) (sumcheck.Point, error) {
	if len(u) != c.LogSize || len(pts) != c.NumLimbs() {
		return sumcheck.Point{}, fmt.Errorf("%w: %q: %d limb commitments, want %d", sumcheck.ErrReject, c.Name, len(pts), c.NumLimbs())
	}
	dlc.Transcript.AbsorbPoints(transcript.LabelClaim, pts)
	for i := range pts {
		if err := pl.Add(c.LimbName(i), u, pts[i]); err != nil {
			return sumcheck.Point{}, err
		}
	}
	return sumcheck.CombinePoints(c.recomposition(), pts), nil
}

// Rescale is X' = rescale(X, 2^Shift) (PROTOCOL §7.2) with X virtual: the
// quotient X' (format Out) and the remainder R ∈ [−2^(k−1), 2^(k−1)) are
// committed through limbs and BOTH are range-checked (unless
// QuotientByTable: X' is then bounded by a table lookup of the caller, e.g.
// SILU's input column). X(u) = 2^k·X'(u) + R(u) at the point of the claim.
type Rescale struct {
	Name            string // the quotient's name; the remainder is Name#rem
	Shift           int
	Out             Format
	LogSize         int
	QuotientByTable bool
}

// Quotient returns the committed quotient X'.
func (r Rescale) Quotient() Checked {
	return Checked{Name: r.Name, Format: r.Out, LogSize: r.LogSize, Unchecked: r.QuotientByTable}
}

// Remainder returns the committed remainder R, format Signed(Shift).
func (r Rescale) Remainder() Checked {
	return Checked{Name: r.Name + "#rem", Format: Signed(r.Shift), LogSize: r.LogSize}
}

// Lookups returns the quotient's lookups (if checked here) and the
// remainder's, in that order.
func (r Rescale) Lookups() ([]tlookup.Lookup, error) {
	if r.Shift < 1 || r.Shift > MaxShift {
		return nil, fmt.Errorf("%w: %q shift %d", ErrShift, r.Name, r.Shift)
	}
	q, err := r.Quotient().Lookups()
	if err != nil {
		return nil, err
	}
	rem, err := r.Remainder().Lookups()
	if err != nil {
		return nil, err
	}
	return append(q, rem...), nil
}

// RescaleWitness is the committed advice of one rescale.
type RescaleWitness struct {
	Q, R           []int64   // quotient and remainder, padded flat order
	QLimbs, RLimbs [][]int64 // their limb tensors
}

// Columns returns the lookup witness in the order of Lookups.
func (r Rescale) Columns(w *RescaleWitness) []tlookup.Column {
	return append(r.Quotient().Columns(w.QLimbs), r.Remainder().Columns(w.RLimbs)...)
}

// Witness rescales x; errors name the tensor and the index of the first
// value that overflows (PROTOCOL §9.4).
func (r Rescale) Witness(x []int64) (*RescaleWitness, error) {
	if len(x) > 1<<r.LogSize {
		return nil, fmt.Errorf("%w: tensor %q has %d entries for 2^%d", ErrFormat, r.Name, len(x), r.LogSize)
	}
	q, rem, err := RescaleTensor(r.Name, x, r.Shift, r.Out)
	if err != nil {
		return nil, err
	}
	w := &RescaleWitness{Q: q, R: rem}
	if w.QLimbs, err = r.Quotient().Limbs(q); err != nil {
		return nil, err
	}
	if w.RLimbs, err = r.Remainder().Limbs(rem); err != nil {
		return nil, err
	}
	return w, nil
}

// RescaleAt is what ProveAt sends: the limb commitments of X' then of R.
type RescaleAt struct {
	Quotient, Remainder []sumcheck.Point
}

// ProveAt handles a claim at u (a point of challenges): it sends the limb
// values of X' and R at u (pool claims) and returns the openings of ⟦X'(u)⟧
// (to be tied by the caller to the downstream claim on X') and
// ⟦X(u)⟧ = 2^k·⟦X'(u)⟧ + ⟦R(u)⟧ (for X's producer).
func (r Rescale) ProveAt(dlc *sumcheck.DLCProver, pl *pool.Prover, u []fr.Element, w *RescaleWitness) (x, q sumcheck.Scalar, msg *RescaleAt, err error) {
	msg = &RescaleAt{}
	if q, msg.Quotient, err = r.Quotient().ProveAt(dlc, pl, u, w.QLimbs); err != nil {
		return
	}
	var rem sumcheck.Scalar
	if rem, msg.Remainder, err = r.Remainder().ProveAt(dlc, pl, u, w.RLimbs); err != nil {
		return
	}
	x = q.Scale(r.Pow2()).Add(rem)
	return x, q, msg, nil
}

// VerifyAt mirrors ProveAt and returns ⟦X(u)⟧ and ⟦X'(u)⟧.
func (r Rescale) VerifyAt(dlc *sumcheck.DLCVerifier, pl *pool.Verifier, u []fr.Element, msg *RescaleAt) (x, q sumcheck.Point, err error) {
	if msg == nil {
		return x, q, fmt.Errorf("%w: missing rescale message", sumcheck.ErrReject)
	}
	if q, err = r.Quotient().VerifyAt(dlc, pl, u, msg.Quotient); err != nil {
		return
	}
	rem, err := r.Remainder().VerifyAt(dlc, pl, u, msg.Remainder)
	if err != nil {
		return
	}
	x = sumcheck.AddPoints(sumcheck.ScalePoint(q, r.Pow2()), rem)
	return x, q, nil
}

// Pow2 returns 2^Shift as a field element.
func (r Rescale) Pow2() fr.Element {
	var p fr.Element
	p.SetOne()
	var two fr.Element
	two.SetUint64(2)
	for i := 0; i < r.Shift; i++ {
		p.Mul(&p, &two)
	}
	return p
}

// SiLU is the lookup (u, s) ∈ SILU (PROTOCOL §7.3): In is the committed
// gate input u at scale 2^10 (the quotient of a Rescale with
// QuotientByTable, since the table's input column bounds it) and Out the
// committed s at scale 2^16.
type SiLU struct {
	In, Out string
	LogSize int
}

// Lookup returns the SILU lookup.
func (s SiLU) Lookup() (tlookup.Lookup, error) {
	t, err := tables.SiLU()
	if err != nil {
		return tlookup.Lookup{}, err
	}
	return tlookup.Lookup{Name: s.In, OutName: s.Out, Table: t, LogSize: s.LogSize}, nil
}

// Witness returns s = SILU(u) and the lookup column; an input outside the
// table is an error naming the tensor and the index.
func (s SiLU) Witness(u []int64) ([]int64, tlookup.Column, error) {
	t, err := tables.SiLU()
	if err != nil {
		return nil, tlookup.Column{}, err
	}
	if len(u) > 1<<s.LogSize {
		return nil, tlookup.Column{}, fmt.Errorf("%w: tensor %q has %d entries for 2^%d", ErrFormat, s.In, len(u), s.LogSize)
	}
	out := make([]int64, len(u))
	err = parallelFirstErr(len(u), func(lo, hi int) (int, error) {
		for j := lo; j < hi; j++ {
			y, ok := t.Lookup(u[j])
			if !ok {
				return j, fmt.Errorf("%w: tensor %q index %d: %d is outside the SILU input range [%d, %d)", ErrRange, s.In, j, u[j], t.In(0), t.In(t.Size()-1)+1)
			}
			out[j] = y
		}
		return 0, nil
	})
	if err != nil {
		return nil, tlookup.Column{}, err
	}
	return out, tlookup.Column{In: u, Out: out}, nil
}
