package sumcheck

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Proof is one ZK sumcheck instance on the wire (PROTOCOL §5.2–5.3): the
// round commitments, then the final commitments — one ⟦e⟧ per committed
// factor followed by one ⟦z⟧ per product step — and the product proofs.
// Every count is fixed by the instance's Form.
type Proof struct {
	Rounds   []Point
	Finals   []Point
	Products []*ipa.ProductProof
}

// Result is what an instance leaves its caller: the point ρ and the
// commitments to the committed factors' values at ρ (in factor order), to be
// routed to the pool, a producer or a recomposition.
type Result struct {
	Point []fr.Element
	// Prover side only: openings of the committed factor values.
	Openings []Scalar
	// Both sides: the commitments ⟦e_f⟧, in committed-factor order.
	Commitments []Point
}

// Prove proves Σ_x F(x) = S for the witness poly, where claim opens ⟦S⟧
// (a commitment both sides already hold). It runs the committed rounds,
// sends ⟦e_f⟧ for every committed factor and ⟦z⟧ for every product step in
// one absorb, proves each product, and defers F(ρ) − ⟨c_{n−1},ν(ρ_{n−1})⟩ = 0
// with ⟦F⟧ = Σ_t coeff_t·Π(public factors)·⟦committed product of t⟧.
func (p *DLCProver) Prove(poly *Polynomial, claim Scalar) (*Proof, *Result, error) {
	rounds, err := p.ProveRounds(poly, claim)
	if err != nil {
		return nil, nil, err
	}
	form := poly.Form
	plan := form.plan()
	vals := rounds.FactorValues()
	proof := &Proof{Rounds: rounds.Rounds}
	res := &Result{Point: rounds.Point}

	// Openings: committed factor values, then the product chain.
	opens := make([]Scalar, 0, len(plan.committed)+len(plan.steps))
	for _, k := range plan.committed {
		s, pt := p.Commit(vals[k])
		opens = append(opens, s)
		proof.Finals = append(proof.Finals, pt)
	}
	res.Openings = append([]Scalar(nil), opens...)
	res.Commitments = append([]Point(nil), proof.Finals...)
	handle := func(h int) Scalar {
		if h <= -2 {
			return opens[-2-h]
		}
		return opens[len(plan.committed)+h]
	}
	handlePoint := func(h int) Point {
		if h <= -2 {
			return proof.Finals[-2-h]
		}
		return proof.Finals[len(plan.committed)+h]
	}
	for _, st := range plan.steps {
		l, r := handle(st.left), opens[st.right]
		var z fr.Element
		z.Mul(&l.Value, &r.Value)
		s, pt := p.Commit(z)
		opens = append(opens, s)
		proof.Finals = append(proof.Finals, pt)
	}
	p.Transcript.AbsorbPoints(transcript.LabelFinalEvals, proof.Finals)
	for i, st := range plan.steps {
		l, r, z := handle(st.left), opens[st.right], opens[len(plan.committed)+i]
		pp := ipa.ProveProduct(p.Transcript, p.gens, handlePoint(st.left), proof.Finals[st.right], proof.Finals[len(plan.committed)+i], ipa.ProductWitness{X: l.Value, RX: l.Blind, Y: r.Value, RY: r.Blind, RZ: z.Blind})
		proof.Products = append(proof.Products, pp)
	}
	// ⟦F⟧ from the plan.
	var f Scalar
	for ti, term := range form.Terms {
		coeff := publicProduct(form, term, vals)
		if h := plan.termProduct[ti]; h == -1 {
			f = f.Add(Public(coeff))
		} else {
			f = f.Add(handle(h).Scale(coeff))
		}
	}
	if err := p.FinishRounds(rounds, f); err != nil {
		return nil, nil, err
	}
	return proof, res, nil
}

// publicProduct returns coeff_t·Π_{public f in t} value_f.
func publicProduct(form *Form, term Term, vals []fr.Element) fr.Element {
	c := term.Coeff
	for _, k := range term.Factors {
		if form.Public[k] {
			c.Mul(&c, &vals[k])
		}
	}
	return c
}

// PublicEvaluator returns, at the final point ρ, the values of the form's
// public factors (entries of non-public factors are ignored). It is the
// verifier's own computation (eq, masks, public tables), never prover data.
type PublicEvaluator func(point []fr.Element) ([]fr.Element, error)

// Verify checks one instance against ⟦S⟧ = claim: it replays the rounds,
// absorbs the final commitments, verifies every product proof, recomputes
// the public factors and defers the final relation. Counts come from form.
func (v *DLCVerifier) Verify(form *Form, claim Point, proof *Proof, public PublicEvaluator) (*Result, error) {
	if err := form.Validate(); err != nil {
		return nil, err
	}
	plan := form.plan()
	if proof == nil || len(proof.Finals) != len(plan.committed)+len(plan.steps) || len(proof.Products) != len(plan.steps) {
		return nil, fmt.Errorf("%w: proof shape does not match the form", ErrReject)
	}
	for _, pp := range proof.Products {
		if pp == nil {
			return nil, fmt.Errorf("%w: missing product proof", ErrReject)
		}
	}
	for i := range proof.Finals {
		if proof.Finals[i].IsInfinity() {
			return nil, fmt.Errorf("%w: final commitment %d is the identity", ErrReject, i)
		}
	}
	rounds, err := v.VerifyRounds(form, claim, proof.Rounds)
	if err != nil {
		return nil, err
	}
	v.Transcript.AbsorbPoints(transcript.LabelFinalEvals, proof.Finals)
	nc := len(plan.committed)
	handle := func(h int) Point {
		if h <= -2 {
			return proof.Finals[-2-h]
		}
		return proof.Finals[nc+h]
	}
	for i, st := range plan.steps {
		x, y, z := handle(st.left), proof.Finals[st.right], proof.Finals[nc+i]
		var err error
		if v.batch != nil {
			err = v.batch.AddProduct(v.Transcript, x, y, z, proof.Products[i])
		} else {
			err = ipa.VerifyProduct(v.Transcript, v.gens, x, y, z, proof.Products[i])
		}
		if err != nil {
			return nil, fmt.Errorf("%w: product proof %d: %v", ErrReject, i, err)
		}
	}
	vals := make([]fr.Element, form.NumFactors())
	if hasPublic(form) {
		pub, err := public(rounds.Point)
		if err != nil {
			return nil, err
		}
		if len(pub) != form.NumFactors() {
			return nil, fmt.Errorf("%w: public evaluator returned %d values for %d factors", ErrForm, len(pub), form.NumFactors())
		}
		vals = pub
	}
	coeffs := make([]fr.Element, 0, len(form.Terms))
	points := make([]Point, 0, len(form.Terms))
	var constant fr.Element
	for ti, term := range form.Terms {
		c := publicProduct(form, term, vals)
		if h := plan.termProduct[ti]; h == -1 {
			constant.Add(&constant, &c)
		} else {
			coeffs = append(coeffs, c)
			points = append(points, handle(h))
		}
	}
	f := CombinePoints(coeffs, points)
	f = AddPoints(f, PublicPoint(v.gens, constant))
	if err := v.FinishRounds(rounds, f); err != nil {
		return nil, err
	}
	return &Result{Point: rounds.Point, Commitments: append([]Point(nil), proof.Finals[:nc]...)}, nil
}

func hasPublic(form *Form) bool {
	for _, p := range form.Public {
		if p {
			return true
		}
	}
	return false
}
