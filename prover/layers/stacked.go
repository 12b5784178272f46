package layers

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Slots is a committed tensor with a slot axis on top, R[inner…, s] for the
// real slots s < Count (the checkpoints R_0…R_L: Count = L+1, PROTOCOL
// §8.4). Layer ℓ < Count−1 reads slot ℓ (the In view) and writes slot ℓ+1
// (the Out view); both views are layer-stacked tensors over log L_pad bits,
// zero on padded layers.
type Slots struct {
	Name  string
	Inner Shape
	Count int
}

// Shape returns the committed shape [inner…, Count].
func (s Slots) Shape() Shape { return append(append(Shape{}, s.Inner...), s.Count) }

// Layers returns Count − 1.
func (s Slots) Layers() int { return s.Count - 1 }

// Views names of the two stacked views (virtual tensors).
func (s Slots) InName() string  { return s.Name + ".in" }
func (s Slots) OutName() string { return s.Name + ".out" }

func (p *Prover) sendRaw(label string, vals []fr.Element) []sumcheck.Scalar {
	opens := make([]sumcheck.Scalar, len(vals))
	pts := make([]sumcheck.Point, len(vals))
	for i := range vals {
		opens[i], pts[i] = p.DLC.Commit(vals[i])
	}
	p.Transcript().AbsorbPoints(label, pts)
	p.out = field.AppendPoints(p.out, pts)
	return opens
}

func (v *Verifier) receiveRaw(label string, n int) ([]sumcheck.Point, error) {
	pts, err := v.in.ReadPoints(n)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrReject, err)
	}
	v.Transcript().AbsorbPoints(label, pts)
	return pts, nil
}

// slotWeights returns eq(v, ℓ) for ℓ < n, at offsets shift (0 for In, 1 for
// Out) into the slot vector of length count.
func slotWeights(v claims.Point, n, shift, count int) []fr.Element {
	w := make([]fr.Element, count)
	eq := mle.EqTable(v.Coords())
	for l := 0; l < n; l++ {
		w[l+shift] = eq[l]
	}
	return w
}

// SlotValues sends ⟦y_s⟧ = ⟦R(u, s)⟧ for every real slot s of the
// committed tensor s.Name at an inner point u (one absorb, ckpt/y) and
// settles them all at once: at a fresh v′ (ckpt/v), one pool claim
// R(u, v′) = Σ_s eq(v′,s)·y_s (padded slots are zero, P3). A false y_s
// survives with probability ≤ log(#slots)/r. The caller may use the y_s
// freely in relations (§8.4).
func (p *Prover) SlotValues(s Slots, u claims.Point) ([]sumcheck.Scalar, error) {
	if u.Len() != s.Inner.LogSize() || s.Count < 2 {
		return nil, fmt.Errorf("%w: slots %q at a %d-point for inner 2^%d", ErrGadget, s.Name, u.Len(), s.Inner.LogSize())
	}
	tab, err := p.Table(s.Name)
	if err != nil {
		return nil, err
	}
	bySlot, err := mle.PartialEvalLow(tab, u.Coords())
	if err != nil {
		return nil, err
	}
	ys := p.sendRaw(transcript.LabelCheckpointY, bySlot[:s.Count])
	vp := p.Fresh(transcript.LabelCheckpointV, mle.Log2Ceil(s.Count))
	fold := claims.New(p.Ledger, s.Name, claims.Concat(u, vp), sumcheck.Combine(mle.EqTable(vp.Coords())[:s.Count], ys))
	return ys, p.Pool(fold)
}

// SlotValues mirrors Prover.SlotValues.
func (v *Verifier) SlotValues(s Slots, u claims.Point) ([]sumcheck.Point, error) {
	if u.Len() != s.Inner.LogSize() || s.Count < 2 {
		return nil, fmt.Errorf("%w: slots %q at a %d-point for inner 2^%d", ErrGadget, s.Name, u.Len(), s.Inner.LogSize())
	}
	ys, err := v.receiveRaw(transcript.LabelCheckpointY, s.Count)
	if err != nil {
		return nil, err
	}
	vp := v.Fresh(transcript.LabelCheckpointV, mle.Log2Ceil(s.Count))
	fold := claims.New(v.Ledger, s.Name, claims.Concat(u, vp), sumcheck.CombinePoints(mle.EqTable(vp.Coords())[:s.Count], ys))
	return ys, v.Pool(fold)
}

// SlotViews evaluates both layer-stacked views of s at (u ‖ v), u on the
// inner axes and v on the layer axis (§8.4), through SlotValues: it returns
// registered claims In(u,v) = Σ_{ℓ<L} eq(v,ℓ)·y_ℓ and
// Out(u,v) = Σ_{ℓ<L} eq(v,ℓ)·y_{ℓ+1}.
func (p *Prover) SlotViews(s Slots, u, v claims.Point) (in, out *claims.ProverClaim, err error) {
	if err := s.check(u, v); err != nil {
		return nil, nil, err
	}
	ys, err := p.SlotValues(s, u)
	if err != nil {
		return nil, nil, err
	}
	at := claims.Concat(u, v)
	in = claims.New(p.Ledger, s.InName(), at, sumcheck.Combine(slotWeights(v, s.Layers(), 0, s.Count), ys))
	out = claims.New(p.Ledger, s.OutName(), at, sumcheck.Combine(slotWeights(v, s.Layers(), 1, s.Count), ys))
	return in, out, nil
}

// SlotViews mirrors Prover.SlotViews.
func (v *Verifier) SlotViews(s Slots, u, lv claims.Point) (in, out *claims.VerifierClaim, err error) {
	if err := s.check(u, lv); err != nil {
		return nil, nil, err
	}
	ys, err := v.SlotValues(s, u)
	if err != nil {
		return nil, nil, err
	}
	at := claims.Concat(u, lv)
	in = claims.New(v.Ledger, s.InName(), at, sumcheck.CombinePoints(slotWeights(lv, s.Layers(), 0, s.Count), ys))
	out = claims.New(v.Ledger, s.OutName(), at, sumcheck.CombinePoints(slotWeights(lv, s.Layers(), 1, s.Count), ys))
	return in, out, nil
}

func (s Slots) check(u, v claims.Point) error {
	if s.Count < 2 || u.Len() != s.Inner.LogSize() || v.Len() != mle.Log2Ceil(s.Layers()) {
		return fmt.Errorf("%w: slots %q: points of %d and %d coordinates for inner 2^%d, %d slots", ErrGadget, s.Name, u.Len(), v.Len(), s.Inner.LogSize(), s.Count)
	}
	return nil
}

// StackedTable returns the prover's table of a layer-stacked weight whose
// layer ℓ < len(names) is the committed tensor names[ℓ] (all of one size):
// [per-layer axes…, layer] with ⌈log L⌉ layer bits, zero on padded layers.
func (p *Prover) StackedTable(names []string) ([]fr.Element, error) {
	var out []fr.Element
	size := 0
	for l, n := range names {
		t, err := p.Table(n)
		if err != nil {
			return nil, err
		}
		if l == 0 {
			size = len(t)
			out = make([]fr.Element, size<<mle.Log2Ceil(len(names)))
		} else if len(t) != size {
			return nil, fmt.Errorf("%w: stacked tensor %q has %d entries, layer 0 has %d", ErrGadget, n, len(t), size)
		}
		copy(out[l*size:], t)
	}
	return out, nil
}

// SettleLayers settles a claim W(u ‖ v) on a layer-stacked weight (layer ℓ
// is the weight-blob tensor names[ℓ], padded layers zero), v being the last
// ⌈log L⌉ coordinates of the claim's point: it sends ⟦W_ℓ(u)⟧ for every
// real layer (registered and pooled at u) and defers
// Σ_ℓ eq(v,ℓ)·⟦W_ℓ(u)⟧ = ⟦W(u,v)⟧ to the DLC. The weight blob keeps its
// per-layer layout, so this costs one commitment per layer. The W_ℓ(u) are
// evaluated here (one eq table for all layers).
func (p *Prover) SettleLayers(c *claims.ProverClaim, names []string) error {
	u, _, err := splitLayer(c.At, len(names))
	if err != nil {
		return err
	}
	vals, err := p.EvalAll(names, u.Coords())
	if err != nil {
		return err
	}
	return p.SettleLayersWith(c, names, vals)
}

// SettleLayersWith is SettleLayers for a caller that already holds
// vals[ℓ] = W_ℓ(u) for every real layer (a matmul folds the weights at u
// for its own sumcheck): the same proof, without evaluating the weights
// again. A wrong value makes the proof fail to verify, never a false one.
func (p *Prover) SettleLayersWith(c *claims.ProverClaim, names []string, vals []fr.Element) error {
	u, v, err := splitLayer(c.At, len(names))
	if err != nil {
		return err
	}
	if len(vals) != len(names) {
		return fmt.Errorf("%w: %d layer values for %d layers", ErrGadget, len(vals), len(names))
	}
	targets := make([]Target, len(names))
	for l, n := range names {
		targets[l] = Target{Tensor: n}
	}
	per, err := p.Send(transcript.LabelSlotValues, targets, u, vals)
	if err != nil {
		return err
	}
	opens := make([]sumcheck.Scalar, len(per))
	for i, c := range per {
		opens[i] = c.Value
	}
	if err := p.Equate(c, sumcheck.Combine(mle.EqTable(v.Coords())[:len(names)], opens)); err != nil {
		return err
	}
	return p.Pool(per...)
}

// SettleLayers mirrors Prover.SettleLayers.
func (v *Verifier) SettleLayers(c *claims.VerifierClaim, names []string) error {
	u, lv, err := splitLayer(c.At, len(names))
	if err != nil {
		return err
	}
	targets := make([]Target, len(names))
	for l, n := range names {
		targets[l] = Target{Tensor: n}
	}
	per, err := v.Receive(transcript.LabelSlotValues, targets, u)
	if err != nil {
		return err
	}
	pts := make([]sumcheck.Point, len(per))
	for i, c := range per {
		pts[i] = c.Value
	}
	if err := v.Equate(c, sumcheck.CombinePoints(mle.EqTable(lv.Coords())[:len(names)], pts)); err != nil {
		return err
	}
	return v.Pool(per...)
}

func splitLayer(at claims.Point, layers int) (u, v claims.Point, err error) {
	k := mle.Log2Ceil(layers)
	if at.Len() < k {
		return u, v, fmt.Errorf("%w: a %d-point has no %d layer coordinates", ErrGadget, at.Len(), k)
	}
	return at.Slice(0, at.Len()-k), at.Slice(at.Len()-k, at.Len()), nil
}
