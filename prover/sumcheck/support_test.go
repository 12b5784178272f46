package sumcheck

import (
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/transcript"
)

// rmsHadamard is RMSNorm's output Hadamard Σ_x eq(u,x)·h(x)·ρ(row)·g(col)
// for one layer (§7.4): 4 factors, per-variable degree 3.
func rmsHadamard(nCol, nRow int, u []fr.Element, degree int) *Instance {
	n := nCol + nRow
	return &Instance{NumVars: n, EqPoints: [][]fr.Element{u}, Public: []bool{false, false, true}, Degree: degree,
		Support: []uint64{fullSupport(n), TopSupport(n, nRow), RangeSupport(0, nCol)}}
}

func TestPerVariableDegreeAcceptsFourFactorsAtDegreeThree(t *testing.T) {
	const nCol, nRow = 3, 2
	h := field.RandomScalars(1 << (nCol + nRow))
	rho := field.RandomScalars(1 << nRow)
	g := field.RandomScalars(1 << nCol)
	u := field.RandomScalars(nCol + nRow)
	in := rmsHadamard(nCol, nRow, u, 3)
	form, err := in.Form()
	if err != nil {
		t.Fatalf("d = 3 with 4 factors at per-variable degree 3 refused: %v", err)
	}
	if form.VariableDegree() != 3 || len(form.Terms[0].Factors) != 4 {
		t.Fatalf("per-variable degree %d, %d factors", form.VariableDegree(), len(form.Terms[0].Factors))
	}
	if auto, _ := (&Instance{NumVars: in.NumVars, EqPoints: in.EqPoints, Public: in.Public, Support: in.Support}).Form(); auto.Degree != 3 {
		t.Fatalf("default degree with supports is %d, want 3", auto.Degree)
	}
	tables := [][]fr.Element{h, mle.BroadcastLow(rho, nCol), mle.BroadcastHigh(g, nRow)}
	c := testCase{name: "rms hadamard", in: in, tables: tables, public: func(pt []fr.Element) ([]fr.Element, error) {
		v, err := mle.Evaluate(g, pt[:nCol])
		return []fr.Element{{}, {}, v}, err
	}}
	p := newProver(t)
	s, claimPt := p.Send(transcript.LabelSumcheckClaim, c.sum())
	proof, _, err := in.Prove(p, tables, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(proof.Rounds) != nCol+nRow {
		t.Fatalf("%d rounds", len(proof.Rounds))
	}
	dp, err := p.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := verifyRun(t, statement, []sent{{in: in, claim: claimPt, proof: proof, public: c.public}}, dp); err != nil {
		t.Fatalf("honest d = 3 Hadamard with 4 factors rejected: %v", err)
	}

	// A degree below the per-variable degree is refused by the form.
	if _, err := rmsHadamard(nCol, nRow, u, 2).Form(); !errors.Is(err, ErrForm) {
		t.Fatalf("degree 2 below the per-variable degree 3: %v", err)
	}
	// Stacking over a layer axis makes every factor depend on it: d = 4.
	stacked := &Instance{NumVars: nCol + nRow + 1, EqPoints: [][]fr.Element{field.RandomScalars(nCol + nRow + 1)},
		Public: []bool{false, false, false}, Degree: 3,
		Support: []uint64{fullSupport(6), TopSupport(6, nRow+1), RangeSupport(0, nCol) | TopSupport(6, 1)}}
	if _, err := stacked.Form(); !errors.Is(err, ErrForm) {
		t.Fatalf("stacked Hadamard at d = 3: %v", err)
	}
	stacked.Degree = 4
	if _, err := stacked.Form(); err != nil {
		t.Fatalf("stacked Hadamard at d = 4: %v", err)
	}
	// A support narrower than the table (ρ declared per-row but varying
	// over columns) is caught by the prover before any byte.
	bad := append([][]fr.Element{}, tables...)
	bad[1] = field.RandomScalars(1 << (nCol + nRow))
	if _, _, err := in.Prove(newProver(t), bad, s); !errors.Is(err, ErrForm) {
		t.Fatalf("a table varying outside its support: %v", err)
	}
	// Supports out of range or miscounted are refused.
	for _, sup := range [][]uint64{{1 << 7, 1, 1}, {1, 1}} {
		in := rmsHadamard(nCol, nRow, u, 3)
		in.Support = sup
		if _, err := in.Form(); !errors.Is(err, ErrForm) {
			t.Fatalf("support %v: %v", sup, err)
		}
	}
}
