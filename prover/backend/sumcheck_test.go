package backend_test

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/backend"
	"github.com/zkllm/zkllm/prover/backend/backendtest"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// RoundSums means what package sumcheck means: the first round's p(0)+p(1)
// is the polynomial's hypercube sum, and in eq mode (weights eq(r_{>0},·))
// (1−r_0)·q(0) + r_0·q(1) is the sum of eq(r,·)·F — the engine's Gruen
// factoring, so a later wiring of the engine to RoundSums keeps its claims.
func TestRoundSumsMatchSumcheck(t *testing.T) {
	const n = 5
	f1, f2, f3 := backendtest.Vector(1<<n), backendtest.Vector(1<<n), backendtest.Vector(1<<n)
	one := fr.One()
	c := backendtest.Vector(5)[4]
	terms := []sumcheck.Term{{Coeff: one, Factors: []int{0, 1, 2}}, {Coeff: c, Factors: []int{1, 1}}}
	poly := &sumcheck.Polynomial{
		Form:   &sumcheck.Form{NumVars: n, Degree: 3, Public: make([]bool, 3), Terms: terms},
		Tables: [][]fr.Element{f1, f2, f3},
	}
	in := &backend.RoundInput{Tables: poly.Tables, Degree: 3}
	for _, tm := range terms {
		in.Terms = append(in.Terms, backend.Term{Coeff: tm.Coeff, Factors: tm.Factors})
	}
	out := make([]fr.Element, 4)
	if err := (backend.CPU{}).RoundSums(out, in); err != nil {
		t.Fatal(err)
	}
	var s fr.Element
	s.Add(&out[0], &out[1])
	if want := poly.Sum(); s != want {
		t.Fatal("p(0) + p(1) differs from sumcheck's Polynomial.Sum")
	}

	// Eq mode: F = eq(r,·)·f1·f2.
	r := backendtest.Vector(n + 4)[4:] // random point
	eqPoly := &sumcheck.Polynomial{
		Form: &sumcheck.Form{NumVars: n, Degree: 3, Public: []bool{true, false, false},
			Terms: []sumcheck.Term{{Coeff: one, Factors: []int{0, 1, 2}}}},
		Tables: [][]fr.Element{mle.EqTable(r), f1, f2},
	}
	eqIn := &backend.RoundInput{
		Tables:  [][]fr.Element{f1, f2},
		Terms:   []backend.Term{{Coeff: one, Factors: []int{0, 1}}},
		Degree:  2,
		Weights: mle.EqTable(r[1:]),
	}
	q := make([]fr.Element, 3)
	if err := (backend.CPU{}).RoundSums(q, eqIn); err != nil {
		t.Fatal(err)
	}
	var lhs, t0 fr.Element
	t0.Sub(&one, &r[0])
	lhs.Mul(&t0, &q[0])
	t0.Mul(&r[0], &q[1])
	lhs.Add(&lhs, &t0)
	if want := eqPoly.Sum(); lhs != want {
		t.Fatal("eq mode: (1−r0)·q(0) + r0·q(1) differs from sumcheck's Polynomial.Sum")
	}
}
