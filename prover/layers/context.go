package layers

import (
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/pool"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Errors.
var (
	// ErrReject: the proof does not verify (wraps sumcheck.ErrReject too).
	ErrReject = sumcheck.ErrReject
	// ErrGadget: a gadget or its witness is inconsistent (a prover-side or
	// programming error, never a verdict on a proof).
	ErrGadget = errors.New("layers: gadget error")
)

// Target names what a sumcheck's committed final value is a claim on: the
// tensor and the point on it, derived from the sumcheck's point ρ (e.g. the
// inner coordinates ρ followed by a fixed token point). At nil means ρ.
type Target struct {
	Tensor string
	At     func(rho claims.Point) claims.Point
}

func (t Target) at(rho claims.Point) claims.Point {
	if t.At == nil {
		return rho
	}
	return t.At(rho)
}

// Prover is a gadget's view of one proof being produced: the transcript and
// DLC, the claim pools of the advice and weight blobs, the claim ledger and
// the proof byte stream (every message a gadget sends is appended to it, in
// transcript order, PROTOCOL §10.1).
type Prover struct {
	DLC     *sumcheck.DLCProver
	Ledger  *claims.Ledger
	advice  *pool.Prover
	weights *pool.Prover
	leaves  map[string]*claims.ProverClaim
	out     []byte
}

// Verifier mirrors Prover. It holds commitments only.
type Verifier struct {
	DLC     *sumcheck.DLCVerifier
	Ledger  *claims.Ledger
	advice  *pool.Verifier
	weights *pool.Verifier
	leaves  map[string]*claims.VerifierClaim
	in      *field.Reader
}

// Transcript returns the proof's transcript.
func (p *Prover) Transcript() *transcript.Transcript { return p.DLC.Transcript }

// Transcript returns the proof's transcript.
func (v *Verifier) Transcript() *transcript.Transcript { return v.DLC.Transcript }

// Fresh squeezes a fresh n-coordinate point.
func (p *Prover) Fresh(label string, n int) claims.Point {
	return claims.Squeeze(p.Transcript(), label, n)
}

// Fresh squeezes a fresh n-coordinate point.
func (v *Verifier) Fresh(label string, n int) claims.Point {
	return claims.Squeeze(v.Transcript(), label, n)
}

// Challenge squeezes one scalar challenge (random-combination weights μ).
func (p *Prover) Challenge(label string) fr.Element { return p.Transcript().Challenge(label) }

// Challenge squeezes one scalar challenge.
func (v *Verifier) Challenge(label string) fr.Element { return v.Transcript().Challenge(label) }

// Send commits the values, absorbs the commitments in one absorb under
// label, writes them to the proof and registers one claim per target.
func (p *Prover) Send(label string, targets []Target, at claims.Point, vals []fr.Element) ([]*claims.ProverClaim, error) {
	if len(targets) != len(vals) {
		return nil, fmt.Errorf("%w: %d values for %d targets", ErrGadget, len(vals), len(targets))
	}
	opens := make([]sumcheck.Scalar, len(vals))
	pts := make([]sumcheck.Point, len(vals))
	for i := range vals {
		opens[i], pts[i] = p.DLC.Commit(vals[i])
	}
	p.Transcript().AbsorbPoints(label, pts)
	p.out = field.AppendPoints(p.out, pts)
	out := make([]*claims.ProverClaim, len(vals))
	for i, t := range targets {
		out[i] = claims.New(p.Ledger, t.Tensor, t.at(at), opens[i])
	}
	return out, nil
}

// Receive mirrors Send: it reads len(targets) commitments from the proof.
func (v *Verifier) Receive(label string, targets []Target, at claims.Point) ([]*claims.VerifierClaim, error) {
	pts, err := v.in.ReadPoints(len(targets))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrReject, err)
	}
	v.Transcript().AbsorbPoints(label, pts)
	out := make([]*claims.VerifierClaim, len(pts))
	for i, t := range targets {
		out[i] = claims.New(v.Ledger, t.Tensor, t.at(at), pts[i])
	}
	return out, nil
}

// Sumcheck proves one instance against the opening of ⟦S⟧ (already held by
// both sides: a combination of claims the caller settles) and registers one
// claim per committed factor, in factor order, on targets.
func (p *Prover) Sumcheck(in *sumcheck.Instance, tables [][]fr.Element, claim sumcheck.Scalar, targets []Target) (claims.Point, []*claims.ProverClaim, error) {
	proof, res, err := in.Prove(p.DLC, tables, claim)
	if err != nil {
		return claims.Point{}, nil, err
	}
	return p.sumcheckClaims(proof, res, targets)
}

// sumcheckClaims appends a proved instance to the proof and registers one
// claim per committed factor on targets.
func (p *Prover) sumcheckClaims(proof *sumcheck.Proof, res *sumcheck.Result, targets []Target) (claims.Point, []*claims.ProverClaim, error) {
	if len(res.Openings) != len(targets) {
		return claims.Point{}, nil, fmt.Errorf("%w: %d committed factors for %d targets", ErrGadget, len(res.Openings), len(targets))
	}
	p.out = proof.Append(p.out)
	rho := claims.FromSumcheck(res)
	out := make([]*claims.ProverClaim, len(targets))
	for i, t := range targets {
		out[i] = claims.New(p.Ledger, t.Tensor, t.at(rho), res.Openings[i])
	}
	return rho, out, nil
}

// Sumcheck mirrors Prover.Sumcheck; public evaluates the instance's public
// factors at ρ (nil when there are none).
func (v *Verifier) Sumcheck(in *sumcheck.Instance, claim sumcheck.Point, targets []Target, public sumcheck.PublicEvaluator) (claims.Point, []*claims.VerifierClaim, error) {
	form, err := in.Form()
	if err != nil {
		return claims.Point{}, nil, err
	}
	if form.NumFinals() != len(targets) {
		return claims.Point{}, nil, fmt.Errorf("%w: %d committed factors for %d targets", ErrGadget, form.NumFinals(), len(targets))
	}
	proof, err := sumcheck.ReadProof(v.in, form)
	if err != nil {
		return claims.Point{}, nil, fmt.Errorf("%w: %v", ErrReject, err)
	}
	res, err := in.Verify(v.DLC, claim, proof, public)
	if err != nil {
		return claims.Point{}, nil, err
	}
	rho := claims.FromSumcheck(res)
	out := make([]*claims.VerifierClaim, len(targets))
	for i, t := range targets {
		out[i] = claims.New(v.Ledger, t.Tensor, t.at(rho), res.Commitments[i])
	}
	return rho, out, nil
}

// Pool settles claims on committed tensors: each goes to the claim pool of
// the blob holding its tensor (advice first, then weights).
func (p *Prover) Pool(cs ...*claims.ProverClaim) error {
	for _, c := range cs {
		pl, err := pickPool(c.Tensor, p.advice, p.weights)
		if err != nil {
			return err
		}
		if err := pl.Add(c.Tensor, c.At.Coords(), c.Value); err != nil {
			return err
		}
		if err := c.Settle(); err != nil {
			return err
		}
	}
	return nil
}

// Pool mirrors Prover.Pool.
func (v *Verifier) Pool(cs ...*claims.VerifierClaim) error {
	for _, c := range cs {
		pl, err := pickPool(c.Tensor, v.advice, v.weights)
		if err != nil {
			return err
		}
		if err := pl.Add(c.Tensor, c.At.Coords(), c.Value); err != nil {
			return err
		}
		if err := c.Settle(); err != nil {
			return err
		}
	}
	return nil
}

// pickPool returns the pool (advice first, then weights; nil ones skipped)
// whose blob holds tensor.
func pickPool[P interface {
	comparable
	Shape() pool.Shape
}](tensor string, advice, weights P) (P, error) {
	var none P
	for _, pl := range []P{advice, weights} {
		if pl == none {
			continue
		}
		if _, ok := pl.Shape().Layout.Lookup(tensor); ok {
			return pl, nil
		}
	}
	return none, fmt.Errorf("%w: tensor %q is in no committed blob", ErrGadget, tensor)
}

// Committed reports whether tensor is in a committed blob.
func (p *Prover) Committed(tensor string) bool {
	_, err := pickPool(tensor, p.advice, p.weights)
	return err == nil
}

// Committed reports whether tensor is in a committed blob.
func (v *Verifier) Committed(tensor string) bool {
	_, err := pickPool(tensor, v.advice, v.weights)
	return err == nil
}

// Eval evaluates a committed tensor (advice or weights) at at, from the
// blob the prover holds.
func (p *Prover) Eval(tensor string, at []fr.Element) (fr.Element, error) {
	pl, err := pickPool(tensor, p.advice, p.weights)
	if err != nil {
		return fr.Element{}, err
	}
	t, _ := pl.Shape().Layout.Lookup(tensor)
	return mle.Evaluate(pl.Entries(t.Offset, 1<<t.LogSize), at)
}

// Table returns a committed tensor's padded values (a copy).
func (p *Prover) Table(tensor string) ([]fr.Element, error) {
	pl, err := pickPool(tensor, p.advice, p.weights)
	if err != nil {
		return nil, err
	}
	t, _ := pl.Shape().Layout.Lookup(tensor)
	out := make([]fr.Element, 1<<t.LogSize)
	if !smallInto(out, pl, t.Offset) {
		copy(out, pl.Entries(t.Offset, 1<<t.LogSize))
	}
	return out, nil
}

// smallInto converts a pool's small-integer entries from off into dst
// (entries past the stored ones stay zero) over the cores, with no
// intermediate table; false when the pool holds field elements.
func smallInto(dst []fr.Element, pl *pool.Prover, off uint64) bool {
	if v, ok := pool.SmallValues[int32](pl); ok {
		smallRangeInto(dst, v, off)
	} else if v, ok := pool.SmallValues[int64](pl); ok {
		smallRangeInto(dst, v, off)
	} else if v, ok := pool.SmallValues[int16](pl); ok {
		smallRangeInto(dst, v, off)
	} else {
		return false
	}
	return true
}

func smallRangeInto[T pedersen.Small](dst []fr.Element, v []T, off uint64) {
	lo := min(off, uint64(len(v)))
	hi := min(off+uint64(len(dst)), uint64(len(v)))
	pedersen.SmallToFieldInto(dst[:hi-lo], v[lo:hi])
}

// Zero defers the relation s = 0 to the DLC (§5.2): s is a public linear
// combination of commitments the verifier holds.
func (p *Prover) Zero(s sumcheck.Scalar) error { return p.DLC.AddZero(s) }

// Zero mirrors Prover.Zero.
func (v *Verifier) Zero(s sumcheck.Point) error { return v.DLC.AddZero(s) }

// Consume settles claims that the caller has used as (part of) its own
// sumcheck claim or relation: the producer now answers for them.
func (p *Prover) Consume(cs ...*claims.ProverClaim) error { return settleAll(cs) }

// Consume mirrors Prover.Consume.
func (v *Verifier) Consume(cs ...*claims.VerifierClaim) error { return settleAll(cs) }

func settleAll[V claims.Value](cs []*claims.Claim[V]) error {
	for _, c := range cs {
		if err := c.Settle(); err != nil {
			return err
		}
	}
	return nil
}

// Equate settles c by the relation c = s (s the opening of a combination
// of commitments the verifier holds): DLC += c − s.
func (p *Prover) Equate(c *claims.ProverClaim, s sumcheck.Scalar) error {
	if err := p.Zero(c.Value.Sub(s)); err != nil {
		return err
	}
	return c.Settle()
}

// Equate mirrors Prover.Equate.
func (v *Verifier) Equate(c *claims.VerifierClaim, s sumcheck.Point) error {
	if err := v.Zero(sumcheck.AddPoints(c.Value, sumcheck.ScalePoint(s, minusOne()))); err != nil {
		return err
	}
	return c.Settle()
}

func minusOne() fr.Element {
	var m fr.Element
	m.SetOne()
	m.Neg(&m)
	return m
}

// Leaf takes the phase-B lookup leaf claim on a virtual column (a lookup
// Name or OutName that is not a committed tensor). The caller must settle it.
func (p *Prover) Leaf(name string) (*claims.ProverClaim, error) {
	c, ok := p.leaves[name]
	if !ok {
		return nil, fmt.Errorf("%w: no virtual lookup column %q", ErrGadget, name)
	}
	delete(p.leaves, name)
	return c, nil
}

// Leaf mirrors Prover.Leaf.
func (v *Verifier) Leaf(name string) (*claims.VerifierClaim, error) {
	c, ok := v.leaves[name]
	if !ok {
		return nil, fmt.Errorf("%w: no virtual lookup column %q", ErrGadget, name)
	}
	delete(v.leaves, name)
	return c, nil
}

// CheckedAt opens a limb-committed tensor (rescale.Checked) at a challenge
// point: it sends ⟦l_i(at)⟧ for every limb (pool claims) and returns the
// registered claim ⟦v(at)⟧ = Σ 2^(16i)·⟦l_i(at)⟧ on c.Name.
func (p *Prover) CheckedAt(c rescale.Checked, at claims.Point) (*claims.ProverClaim, error) {
	if at.Len() != c.LogSize {
		return nil, fmt.Errorf("%w: %q at a %d-point, needs %d", ErrGadget, c.Name, at.Len(), c.LogSize)
	}
	names := c.LimbNames()
	vals, err := p.EvalAll(names, at.Coords()) // one eq table for every limb
	if err != nil {
		return nil, err
	}
	targets := make([]Target, len(names))
	for i, n := range names {
		targets[i] = Target{Tensor: n}
	}
	limbs, err := p.Send(transcript.LabelClaim, targets, at, vals)
	if err != nil {
		return nil, err
	}
	opens := make([]sumcheck.Scalar, len(limbs))
	for i, l := range limbs {
		opens[i] = l.Value
	}
	if err := p.Pool(limbs...); err != nil {
		return nil, err
	}
	return claims.New(p.Ledger, c.Name, at, sumcheck.Combine(limbWeights(c.NumLimbs()), opens)), nil
}

// CheckedAt mirrors Prover.CheckedAt.
func (v *Verifier) CheckedAt(c rescale.Checked, at claims.Point) (*claims.VerifierClaim, error) {
	if at.Len() != c.LogSize {
		return nil, fmt.Errorf("%w: %q at a %d-point, needs %d", ErrGadget, c.Name, at.Len(), c.LogSize)
	}
	targets := make([]Target, c.NumLimbs())
	for i := range targets {
		targets[i] = Target{Tensor: c.LimbName(i)}
	}
	limbs, err := v.Receive(transcript.LabelClaim, targets, at)
	if err != nil {
		return nil, err
	}
	pts := make([]sumcheck.Point, len(limbs))
	for i, l := range limbs {
		pts[i] = l.Value
	}
	if err := v.Pool(limbs...); err != nil {
		return nil, err
	}
	return claims.New(v.Ledger, c.Name, at, sumcheck.CombinePoints(limbWeights(c.NumLimbs()), pts)), nil
}

// limbWeights returns 2^(16i), the recomposition weights of §7.1.
func limbWeights(n int) []fr.Element {
	w := make([]fr.Element, n)
	var base fr.Element
	base.SetUint64(1 << rescale.LimbBits)
	w[0].SetOne()
	for i := 1; i < n; i++ {
		w[i].Mul(&w[i-1], &base)
	}
	return w
}

// RescaleAt handles X' = rescale(X, 2^k) at a challenge point (§7.2): it
// opens the quotient's and the remainder's limbs at at (pool claims) and
// returns claims on X(at) = 2^k·X'(at) + R(at) (for X's producer, tensor
// r.Name+"#acc") and on X'(at) (tensor r.Name), both registered.
func (p *Prover) RescaleAt(r rescale.Rescale, at claims.Point) (x, q *claims.ProverClaim, err error) {
	if q, err = p.CheckedAt(r.Quotient(), at); err != nil {
		return nil, nil, err
	}
	rem, err := p.CheckedAt(r.Remainder(), at)
	if err != nil {
		return nil, nil, err
	}
	xv := q.Value.Scale(r.Pow2()).Add(rem.Value)
	if err := rem.Settle(); err != nil {
		return nil, nil, err
	}
	return claims.New(p.Ledger, AccName(r.Name), at, xv), q, nil
}

// RescaleAt mirrors Prover.RescaleAt.
func (v *Verifier) RescaleAt(r rescale.Rescale, at claims.Point) (x, q *claims.VerifierClaim, err error) {
	if q, err = v.CheckedAt(r.Quotient(), at); err != nil {
		return nil, nil, err
	}
	rem, err := v.CheckedAt(r.Remainder(), at)
	if err != nil {
		return nil, nil, err
	}
	xv := sumcheck.AddPoints(sumcheck.ScalePoint(q.Value, r.Pow2()), rem.Value)
	if err := rem.Settle(); err != nil {
		return nil, nil, err
	}
	return claims.New(v.Ledger, AccName(r.Name), at, xv), q, nil
}

// AccName names the virtual pre-rescale tensor X of a rescale whose quotient
// is name.
func AccName(name string) string { return name + "#acc" }

// SettleChecked settles a claim on a limb-committed tensor: straight to the
// pool when the tensor is its own single limb, else by opening the limbs at
// the claim's point and equating their recomposition with the claim.
func (p *Prover) SettleChecked(c rescale.Checked, cl *claims.ProverClaim) error {
	if c.NumLimbs() == 1 {
		return p.Pool(cl)
	}
	v, err := p.CheckedAt(c, cl.At)
	if err != nil {
		return err
	}
	if err := p.Equate(cl, v.Value); err != nil {
		return err
	}
	return v.Settle()
}

// SettleChecked mirrors Prover.SettleChecked.
func (v *Verifier) SettleChecked(c rescale.Checked, cl *claims.VerifierClaim) error {
	if c.NumLimbs() == 1 {
		return v.Pool(cl)
	}
	w, err := v.CheckedAt(c, cl.At)
	if err != nil {
		return err
	}
	if err := v.Equate(cl, w.Value); err != nil {
		return err
	}
	return w.Settle()
}
