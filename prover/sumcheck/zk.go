package sumcheck

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/transcript"
)

// RoundsOutput is what the committed rounds of one instance leave for its
// final step: the challenge point ρ (in binding order, so factor tables are
// evaluated at ρ as an LSB-first point) and the DLC handle of the last round.
type RoundsOutput struct {
	Point  []fr.Element
	Rounds []Point // A_{s,0..n−1}, the proof messages

	lastStart int        // first slot of the last round
	lastRho   fr.Element // ρ_{n−1}
	degree    int
	numVars   int
	claimS    Scalar // prover: the claimed sum (used when n = 0)
	claimP    Point  // verifier: the claimed sum (used when n = 0)
	values    []fr.Element
}

// ProveRounds runs the committed rounds of PROTOCOL §5.2 for Σ_x F(x) = S,
// with claim the opening of ⟦S⟧: per round it commits the coefficients of
// p_j on fresh slots, absorbs A_{s,j} and squeezes ρ_j, and defers
// ⟨c_0,ω⟩ − S = 0 and ⟨c_j,ω⟩ − ⟨c_{j−1},ν(ρ_{j−1})⟩ = 0. The final relation
// is added by FinishRounds once ⟦F(ρ)⟧ is known.
func (p *DLCProver) ProveRounds(poly *Polynomial, claim Scalar) (*RoundsOutput, error) {
	if err := poly.Validate(); err != nil {
		return nil, err
	}
	form := poly.Form
	n, d := form.NumVars, form.Degree
	out := &RoundsOutput{degree: d, numVars: n, claimS: claim, Point: make([]fr.Element, 0, n), Rounds: make([]Point, 0, n)}
	claimPt := claim.Commitment(p.gens)
	p.Transcript.AbsorbPoint(transcript.LabelSumcheckClaim, &claimPt) // ⟦S⟧, by construction
	eng := p.withScratch(poly).rounder(claim.Value)
	omega := SumWeights(d)
	coeffs := make([]fr.Element, d+1)
	prevStart := -1
	var prevRho fr.Element
	for j := 0; j < n; j++ {
		eng.round(coeffs)
		a, start, err := p.commitRound(coeffs)
		if err != nil {
			return nil, err
		}
		p.Transcript.AbsorbPoint(transcript.LabelSumcheckRound, &a)
		rho := p.Transcript.Challenge(transcript.LabelSumcheckRho)
		if err := p.AddRelation(roundLink(start, omega, prevStart, prevRho, d), linkValue(j, claim)); err != nil {
			return nil, err
		}
		eng.bind(coeffs, rho)
		out.Rounds = append(out.Rounds, a)
		out.Point = append(out.Point, rho)
		prevStart, prevRho = start, rho
	}
	out.lastStart, out.lastRho = prevStart, prevRho
	out.values = eng.finals()
	return out, nil
}

// roundLink returns the slot terms of ⟨c_j,ω⟩ − ⟨c_{j−1},ν(ρ_{j−1})⟩ (or of
// ⟨c_0,ω⟩ alone when prevStart < 0).
func roundLink(start int, omega []fr.Element, prevStart int, prevRho fr.Element, d int) []SlotTerm {
	terms := make([]SlotTerm, 0, 2*(d+1))
	for i := 0; i <= d; i++ {
		terms = append(terms, SlotTerm{Slot: start + i, Coeff: omega[i]})
	}
	if prevStart >= 0 {
		terms = append(terms, finalTerms(prevStart, prevRho, d)...)
	}
	return terms
}

// finalTerms returns the slot terms of −⟨c,ν(ρ)⟩ for the round at start.
func finalTerms(start int, rho fr.Element, d int) []SlotTerm {
	nu := Powers(rho, d)
	terms := make([]SlotTerm, d+1)
	for i := range nu {
		terms[i].Slot = start + i
		terms[i].Coeff.Neg(&nu[i])
	}
	return terms
}

// linkValue is the non-slot part of round j's link: −S for j = 0, else 0.
func linkValue(j int, claim Scalar) Scalar {
	if j == 0 {
		return claim.Neg()
	}
	return Scalar{}
}

// FactorValues returns every factor's value at the final point (witness;
// the prover commits the non-public ones).
func (r *RoundsOutput) FactorValues() []fr.Element { return r.values }

// FinishRounds defers F − ⟨c_{n−1},ν(ρ_{n−1})⟩ = 0, with f the opening of
// ⟦F(ρ)⟧ (for n = 0: F − S = 0).
func (p *DLCProver) FinishRounds(r *RoundsOutput, f Scalar) error {
	if r.numVars == 0 {
		return p.AddZero(f.Sub(r.claimS))
	}
	return p.AddRelation(finalTerms(r.lastStart, r.lastRho, r.degree), f)
}

// VerifyRounds is the verifier's side of ProveRounds: it absorbs each round
// commitment, squeezes ρ_j and defers the same relations. The number of
// rounds and the degree come from form, never from the proof.
func (v *DLCVerifier) VerifyRounds(form *Form, claim Point, rounds []Point) (*RoundsOutput, error) {
	if err := form.Validate(); err != nil {
		return nil, err
	}
	n, d := form.NumVars, form.Degree
	if len(rounds) != n {
		return nil, fmt.Errorf("%w: %d round commitments for %d variables", ErrReject, len(rounds), n)
	}
	out := &RoundsOutput{degree: d, numVars: n, claimP: claim, Point: make([]fr.Element, 0, n), Rounds: rounds}
	v.Transcript.AbsorbPoint(transcript.LabelSumcheckClaim, &claim) // ⟦S⟧, by construction
	omega := SumWeights(d)
	prevStart := -1
	var prevRho fr.Element
	var negClaim Point
	negClaim.Neg(&claim)
	for j := 0; j < n; j++ {
		a := rounds[j]
		if a.IsInfinity() {
			// The decoder refuses identities (and non-subgroup points) already;
			// this also covers hand-built proofs.
			return nil, fmt.Errorf("%w: round commitment %d is the identity", ErrReject, j)
		}
		start, err := v.receiveRound(a, d+1)
		if err != nil {
			return nil, err
		}
		v.Transcript.AbsorbPoint(transcript.LabelSumcheckRound, &a)
		rho := v.Transcript.Challenge(transcript.LabelSumcheckRho)
		val := Point{}
		if j == 0 {
			val = negClaim
		}
		if err := v.AddRelation(roundLink(start, omega, prevStart, prevRho, d), val); err != nil {
			return nil, err
		}
		out.Point = append(out.Point, rho)
		prevStart, prevRho = start, rho
	}
	out.lastStart, out.lastRho = prevStart, prevRho
	return out, nil
}

// FinishRounds defers F − ⟨c_{n−1},ν(ρ_{n−1})⟩ = 0 with f = ⟦F(ρ)⟧.
func (v *DLCVerifier) FinishRounds(r *RoundsOutput, f Point) error {
	if r.numVars == 0 {
		var neg Point
		neg.Neg(&r.claimP)
		return v.AddZero(AddPoints(f, neg))
	}
	return v.AddRelation(finalTerms(r.lastStart, r.lastRho, r.degree), f)
}
