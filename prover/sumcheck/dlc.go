package sumcheck

import (
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// SlotTerm is coefficient·c_all[Slot] inside a DLC relation.
type SlotTerm struct {
	Slot  int
	Coeff fr.Element
}

// Errors of the DLC.
var (
	ErrClosed = errors.New("sumcheck: the deferred linear check is already closed")
	ErrReject = errors.New("sumcheck: verification failed")
)

// slotLayout is the part of the DLC both sides hold: the global slot counter
// and, per round commitment, its first slot and width (PROTOCOL §5.2).
type slotLayout struct {
	starts []int // first slot of round commitment m
	widths []int // d+1 of round commitment m
	next   int   // o, the next free slot
}

func (l *slotLayout) reserve(width int) (m, start int) {
	m, start = len(l.starts), l.next
	l.starts = append(l.starts, start)
	l.widths = append(l.widths, width)
	l.next += width
	return m, start
}

// paddedLog returns K with 2^K ≥ max(1, #slots).
func (l *slotLayout) paddedLog() int { return mle.Log2Ceil(max(1, l.next)) }

// weights returns w_all for the relations' slot terms combined with powers
// of λ, padded to 2^K.
func (l *slotLayout) weights(rels [][]SlotTerm, lambda fr.Element) []fr.Element {
	w := make([]fr.Element, 1<<l.paddedLog())
	var pow, t fr.Element
	pow.SetOne()
	for _, rel := range rels {
		for _, st := range rel {
			t.Mul(&st.Coeff, &pow)
			w[st.Slot].Add(&w[st.Slot], &t)
		}
		pow.Mul(&pow, &lambda)
	}
	return w
}

// bindPowers returns ξ^m and ξ^{−m} for every round commitment m.
func bindPowers(count int, xi fr.Element) (pos, neg []fr.Element) {
	pos = make([]fr.Element, count)
	neg = make([]fr.Element, count)
	var xiInv fr.Element
	xiInv.Inverse(&xi)
	if count > 0 {
		pos[0].SetOne()
		neg[0].SetOne()
	}
	for m := 1; m < count; m++ {
		pos[m].Mul(&pos[m-1], &xi)
		neg[m].Mul(&neg[m-1], &xiInv)
	}
	return pos, neg
}

// boundWeights applies w′_i = ξ^{−m(i)}·w_all[i] in place.
func (l *slotLayout) boundWeights(w []fr.Element, neg []fr.Element) {
	for m, start := range l.starts {
		for i := start; i < start+l.widths[m]; i++ {
			w[i].Mul(&w[i], &neg[m])
		}
	}
}

// DLCProver is the prover's proof-wide state: transcript, generators, the
// slot vector c_all of every committed round polynomial, and every deferred
// linear relation Σ b_i·c_all[i] + v = 0 with v an opened scalar commitment.
// One DLCProver serves a whole proof; Close runs the final zk-IPA.
type DLCProver struct {
	Transcript *transcript.Transcript
	layout     slotLayout
	slots      []fr.Element // c_all
	blinds     []fr.Element // α_m per round commitment
	rounds     []Point      // A_m in transcript order (the closing IPA's P_a)
	slotRels   [][]SlotTerm
	values     []Scalar
	closed     bool
	gens       *pedersen.Generators
	scratch    *Scratch // fold space of this proof's sumchecks (engine.go: withScratch)

	// noXiBinding removes the ξ-binding of §5.2 (ξ := 1). Test hook only: it
	// exists to show that attack 23 succeeds without the binding.
	noXiBinding bool
}

// NewDLCProver starts the proof-wide DLC on a transcript that has already
// absorbed the statement.
func NewDLCProver(tr *transcript.Transcript) (*DLCProver, error) {
	gens, err := pedersen.Get(0)
	if err != nil {
		return nil, err
	}
	return &DLCProver{Transcript: tr, gens: gens}, nil
}

// Generators returns generators with at least n vector generators g_i.
func (p *DLCProver) Generators(n int) (*pedersen.Generators, error) {
	if p.gens.Len() < n {
		g, err := pedersen.Get(n)
		if err != nil {
			return nil, err
		}
		p.gens = g
	}
	return p.gens, nil
}

// Commit returns a fresh opening of v and its point; the caller sends and
// absorbs the point.
func (p *DLCProver) Commit(v fr.Element) (Scalar, Point) { return NewScalar(p.gens, v) }

// Send commits v with a fresh blinding, absorbs the point under label (a
// prover message, e.g. transcript.LabelSumcheckClaim) and returns both.
func (p *DLCProver) Send(label string, v fr.Element) (Scalar, Point) {
	s, pt := p.Commit(v)
	p.Transcript.AbsorbPoint(label, &pt)
	return s, pt
}

// NumSlots returns the slot counter o.
func (p *DLCProver) NumSlots() int { return p.layout.next }

// commitRound places coeffs on fresh slots, commits them as
// A = Σ_i c_i·g_{o+i} + α·H with fresh α and returns A and the first slot.
func (p *DLCProver) commitRound(coeffs []fr.Element) (Point, int, error) {
	if p.closed {
		return Point{}, 0, ErrClosed
	}
	_, start := p.layout.reserve(len(coeffs))
	p.slots = append(p.slots, coeffs...)
	gens, err := p.Generators(p.layout.next)
	if err != nil {
		return Point{}, 0, err
	}
	for {
		alpha := field.RandomScalar()
		a := roundPoint(gens, start, coeffs, alpha)
		if !a.IsInfinity() {
			p.blinds = append(p.blinds, alpha)
			p.rounds = append(p.rounds, a)
			return a, start, nil
		}
	}
}

// roundPoint returns Σ_i coeffs[i]·g_{start+i} + α·H: the d+1 terms as one
// small MSM (pedersen.MSMAuto: Straus, no Pippenger set-up), α·H from H's
// fixed-base table.
func roundPoint(gens *pedersen.Generators, start int, coeffs []fr.Element, alpha fr.Element) Point {
	j := pedersen.MSMAuto(gens.Vector(start + len(coeffs))[start:], coeffs)
	h := gens.MulH(&alpha)
	j.AddAssign(&h)
	var out Point
	out.FromJacobian(&j)
	return out
}

// AddRelation defers the relation Σ_k slots[k].Coeff·c_all[slots[k].Slot] + v = 0.
func (p *DLCProver) AddRelation(slots []SlotTerm, v Scalar) error {
	if p.closed {
		return ErrClosed
	}
	for _, s := range slots {
		if s.Slot < 0 || s.Slot >= p.layout.next {
			return fmt.Errorf("sumcheck: relation names slot %d of %d", s.Slot, p.layout.next)
		}
	}
	p.slotRels = append(p.slotRels, append([]SlotTerm(nil), slots...))
	p.values = append(p.values, v)
	return nil
}

// AddZero defers v = 0 for a linear combination v of scalar commitments and
// public values (e.g. Σ_k a_k⟦v_k⟧ + b = 0, or two claims that must agree).
func (p *DLCProver) AddZero(v Scalar) error { return p.AddRelation(nil, v) }

// NumRelations returns the number of deferred relations.
func (p *DLCProver) NumRelations() int { return len(p.values) }

// DLCVerifier mirrors DLCProver with commitments only. It never sees a slot
// value, a blinding or any other witness.
type DLCVerifier struct {
	Transcript *transcript.Transcript
	layout     slotLayout
	rounds     []Point // A_m in transcript order
	slotRels   [][]SlotTerm
	values     []Point
	closed     bool
	gens       *pedersen.Generators

	noXiBinding bool // test hook, see DLCProver

	batch *ipa.Batch // when set, product proofs go here (UseBatch)
}

// UseBatch makes Verify add every product proof's group equations to b
// instead of checking them one by one, so the caller can check them all
// with one MSM (PROTOCOL §11). The caller MUST then call b.Verify() and
// reject the proof if it fails: until then the product proofs are unchecked.
// With a batch, Close adds the closing IPA's equation to b as well.
func (v *DLCVerifier) UseBatch(b *ipa.Batch) { v.batch = b }

// Checker returns where other gadgets on this DLC should send their group
// equations: the batch given to UseBatch, or an ipa.Immediate over the
// DLC's generators when there is none.
func (v *DLCVerifier) Checker() ipa.Checker {
	if v.batch != nil {
		return v.batch
	}
	return ipa.Immediate{Gens: v.gens}
}

// NewDLCVerifier starts the proof-wide DLC on a transcript that has already
// absorbed the statement.
func NewDLCVerifier(tr *transcript.Transcript) (*DLCVerifier, error) {
	gens, err := pedersen.Get(0)
	if err != nil {
		return nil, err
	}
	return &DLCVerifier{Transcript: tr, gens: gens}, nil
}

// Generators returns generators with at least n vector generators g_i.
func (v *DLCVerifier) Generators(n int) (*pedersen.Generators, error) {
	if v.gens.Len() < n {
		g, err := pedersen.Get(n)
		if err != nil {
			return nil, err
		}
		v.gens = g
	}
	return v.gens, nil
}

// Receive absorbs a scalar commitment sent by the prover under label
// (the verifier's side of DLCProver.Send) and returns it.
func (v *DLCVerifier) Receive(label string, pt Point) Point {
	v.Transcript.AbsorbPoint(label, &pt)
	return pt
}

// NumSlots returns the slot counter o.
func (v *DLCVerifier) NumSlots() int { return v.layout.next }

// receiveRound records a round commitment of the given width.
func (v *DLCVerifier) receiveRound(a Point, width int) (int, error) {
	if v.closed {
		return 0, ErrClosed
	}
	_, start := v.layout.reserve(width)
	v.rounds = append(v.rounds, a)
	return start, nil
}

// AddRelation defers Σ_k slots[k].Coeff·c_all[slots[k].Slot] + V = 0, with V
// the commitment to the non-slot part.
func (v *DLCVerifier) AddRelation(slots []SlotTerm, val Point) error {
	if v.closed {
		return ErrClosed
	}
	for _, s := range slots {
		if s.Slot < 0 || s.Slot >= v.layout.next {
			return fmt.Errorf("sumcheck: relation names slot %d of %d", s.Slot, v.layout.next)
		}
	}
	v.slotRels = append(v.slotRels, append([]SlotTerm(nil), slots...))
	v.values = append(v.values, val)
	return nil
}

// AddZero defers V = 0 for a derived commitment V.
func (v *DLCVerifier) AddZero(val Point) error { return v.AddRelation(nil, val) }

// NumRelations returns the number of deferred relations.
func (v *DLCVerifier) NumRelations() int { return len(v.values) }
