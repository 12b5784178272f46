package sumcheck

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/transcript"
)

// cheatMode selects how cheatRun deviates from the honest prover.
type cheatMode int

const (
	honest cheatMode = iota
	// attack 23: round 0 is sent as α·H; after ρ_0 the prover picks c_0 with
	// c_0(0)+c_0(1) = S' (a FALSE sum) and c_0(ρ_0) = p_0(ρ_0), and places it
	// on round 0's slots inside round 1's commitment.
	emptyRoundMovedLater
	// round 0's polynomial has degree d+1: its top coefficient lands on the
	// first slot of round 1 (a slot that belongs to another commitment).
	tooHighDegree
	// round 1's commitment is computed but never absorbed.
	roundNotAbsorbed
)

// cheatRun proves a RED instance (n = 3, d = 2) with the given deviation and
// verifies it; noXi removes the ξ-binding on both sides (test hook). It
// returns the verifier's verdict and the prover's recorded transcript.
func cheatRun(t *testing.T, mode cheatMode, noXi bool) (error, *transcript.Recorder) {
	t.Helper()
	const n = 3
	in := RED(n, [][]fr.Element{field.RandomScalars(n)}, nil)
	form, err := in.Form()
	if err != nil {
		t.Fatal(err)
	}
	d := form.Degree
	T := field.RandomScalars(1 << n)
	poly := &Polynomial{Form: form, Tables: [][]fr.Element{in.EqTable(), T}}
	trueSum := poly.Sum()
	claimed := trueSum
	if mode == emptyRoundMovedLater {
		one := fr.One()
		claimed.Add(&claimed, &one) // a false sum
	}

	p := newProver(t)
	rec := &transcript.Recorder{}
	p.Transcript.Observe(rec)
	p.noXiBinding = noXi
	gens, _ := p.Generators(64)
	s, claimPt := p.Commit(claimed)
	// What ProveRounds does first (VerifyRounds mirrors it).
	p.Transcript.AbsorbPoint(transcript.LabelSumcheckClaim, &claimPt)

	eng := newEngine(poly, trueSum)
	omega := SumWeights(d)
	proof := &Proof{}
	var point []fr.Element
	var c0 []fr.Element  // attack 23: round 0's late coefficients
	var extra fr.Element // too-high degree: round 0's extra top coefficient
	prevStart, prevRho := -1, fr.Element{}
	for j := 0; j < n; j++ {
		coeffs := make([]fr.Element, d+1)
		eng.round(coeffs)
		var a Point
		var start int
		switch {
		case mode == emptyRoundMovedLater && j == 0:
			a, start, _ = p.commitRound(make([]fr.Element, d+1)) // A_0 = α_0·H
		case mode == emptyRoundMovedLater && j == 1:
			_, start = p.layout.reserve(d + 1)
			p.slots = append(p.slots, coeffs...)
			alpha := field.RandomScalar()
			// A_1 carries c_0 on round 0's slots and c_1 on its own.
			a = roundPoint(gens, 0, append(append([]fr.Element(nil), c0...), coeffs...), alpha)
			p.blinds = append(p.blinds, alpha)
			p.rounds = append(p.rounds, a)
		case mode == tooHighDegree && j == 0:
			_, start = p.layout.reserve(d + 1)
			extra = field.RandomScalar()
			p.slots = append(p.slots, coeffs...)
			alpha := field.RandomScalar()
			a = roundPoint(gens, start, append(append([]fr.Element(nil), coeffs...), extra), alpha)
			p.blinds = append(p.blinds, alpha)
			p.rounds = append(p.rounds, a)
			// The extra coefficient sits on slot d+1, which round 1 owns.
		case mode == tooHighDegree && j == 1:
			var err error
			a, start, err = p.commitRound(coeffs)
			if err != nil {
				t.Fatal(err)
			}
			p.slots[start].Add(&p.slots[start], &extra) // keep ξ=1 openings consistent
		default:
			var err error
			a, start, err = p.commitRound(coeffs)
			if err != nil {
				t.Fatal(err)
			}
		}
		if !(mode == roundNotAbsorbed && j == 1) {
			p.Transcript.AbsorbPoint(transcript.LabelSumcheckRound, &a)
		}
		rho := p.Transcript.Challenge(transcript.LabelSumcheckRho)
		if mode == emptyRoundMovedLater && j == 0 {
			// c_0 = p_0 + k·(X − ρ_0) with k = (S' − S)/(1 − 2ρ_0).
			var k, den, one fr.Element
			one.SetOne()
			den.Double(&rho)
			den.Sub(&one, &den)
			k.Sub(&claimed, &trueSum)
			den.Inverse(&den)
			k.Mul(&k, &den)
			c0 = append([]fr.Element(nil), coeffs...)
			var t0 fr.Element
			t0.Mul(&k, &rho)
			c0[0].Sub(&c0[0], &t0)
			c0[1].Add(&c0[1], &k)
			copy(p.slots[start:start+d+1], c0)
		}
		if err := p.AddRelation(roundLink(start, omega, prevStart, prevRho, d), linkValue(j, s)); err != nil {
			t.Fatal(err)
		}
		eng.bind(coeffs, rho)
		proof.Rounds = append(proof.Rounds, a)
		point = append(point, rho)
		prevStart, prevRho = start, rho
	}
	vals := eng.finals()
	eT, eTPt := p.Commit(vals[1])
	proof.Finals = []Point{eTPt}
	p.Transcript.AbsorbPoints(transcript.LabelFinalEvals, proof.Finals)
	if err := p.AddRelation(finalTerms(prevStart, prevRho, d), eT.Scale(vals[0])); err != nil {
		t.Fatal(err)
	}
	dp, err := p.Close()
	if err != nil {
		t.Fatal(err)
	}

	v := newVerifier(t, statement)
	v.noXiBinding = noXi
	if _, err := in.Verify(v, claimPt, proof, nil); err != nil {
		return err, rec
	}
	return v.Close(dp), rec
}

// Attack 23 (PROTOCOL §5.2): an empty round commitment whose coefficients
// are moved into a later commitment after the challenge proves a FALSE sum
// unless the DLC binds each slot to its own commitment. With the ξ-binding
// removed (test hook) the attack succeeds, which shows the test is real.
func TestAttack23EmptyRoundMovedLater(t *testing.T) {
	if err, _ := cheatRun(t, honest, false); err != nil {
		t.Fatalf("honest control rejected: %v", err)
	}
	if err, _ := cheatRun(t, honest, true); err != nil {
		t.Fatalf("honest control without ξ rejected: %v", err)
	}
	if err, _ := cheatRun(t, emptyRoundMovedLater, true); err != nil {
		t.Fatalf("without the ξ-binding the attack should succeed (else this test proves nothing): %v", err)
	}
	if err, _ := cheatRun(t, emptyRoundMovedLater, false); err == nil {
		t.Fatal("attack 23 accepted: a false sum verified")
	}
}

// A round polynomial of degree d+1 (its top coefficient on a slot of the
// next commitment) is rejected by the ξ-binding.
func TestTooHighDegreeRejected(t *testing.T) {
	if err, _ := cheatRun(t, tooHighDegree, false); err == nil {
		t.Fatal("a degree d+1 round polynomial was accepted")
	}
}

// Attack 2: a prover message that is not absorbed. The instrumented
// transcript shows the honest prover absorbs every round commitment before
// the challenge that follows it, and the cheating prover's proof is rejected.
func TestEveryMessageAbsorbedBeforeNextChallenge(t *testing.T) {
	err, rec := cheatRun(t, honest, false)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundsAbsorbed(t, rec, true)
	err, rec = cheatRun(t, roundNotAbsorbed, false)
	if err == nil {
		t.Fatal("a proof with an unabsorbed round commitment was accepted")
	}
	checkRoundsAbsorbed(t, rec, false)
}

// checkRoundsAbsorbed checks that each sc/rho squeeze is directly preceded
// by an sc/round absorb (and the final-evaluation absorb precedes λ).
func checkRoundsAbsorbed(t *testing.T, rec *transcript.Recorder, want bool) {
	t.Helper()
	ok := true
	for i, e := range rec.Events {
		if e.Kind == transcript.Squeeze && e.Label == transcript.LabelSumcheckRho {
			if i == 0 || rec.Events[i-1].Kind != transcript.Absorb || rec.Events[i-1].Label != transcript.LabelSumcheckRound {
				ok = false
			}
		}
	}
	if ok != want {
		t.Fatalf("instrumented transcript: every round absorbed before its challenge = %v, want %v\n%s", ok, want, rec)
	}
}
