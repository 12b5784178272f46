package sumcheck

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/transcript"
)

// A Hadamard with a committed factor broadcast over the low axis (like ρ
// broadcast over columns in RMSNorm) and a public factor broadcast over the
// high axis: the final ⟦e⟧ of the broadcast factor opens to the small
// tensor at the top coordinates of ρ (identity (b)).
func TestHadamardWithBroadcastFactors(t *testing.T) {
	const nCol, nRow = 3, 2
	h := field.RandomScalars(1 << (nCol + nRow)) // h[col + 2^nCol·row]
	rowScale := field.RandomScalars(1 << nRow)   // committed, per row
	colGain := field.RandomScalars(1 << nCol)    // public, per column
	u := field.RandomScalars(nCol + nRow)
	in := Hadamard(nCol+nRow, [][]fr.Element{u}, nil, []bool{false, false, true})
	tables := [][]fr.Element{h, mle.BroadcastLow(rowScale, nCol), mle.BroadcastHigh(colGain, nRow)}
	c := testCase{name: "broadcast", in: in, tables: tables, public: func(pt []fr.Element) ([]fr.Element, error) {
		g, err := mle.Evaluate(colGain, pt[:nCol])
		return []fr.Element{{}, {}, g}, err
	}}

	p := newProver(t)
	s, claimPt := p.Send(transcript.LabelSumcheckClaim, c.sum())
	proof, res, err := in.Prove(p, tables, s)
	if err != nil {
		t.Fatal(err)
	}
	dp, err := p.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The prover's ⟦e⟧ for the broadcast factor is rowScale(ρ_row).
	want, _ := mle.Evaluate(rowScale, res.Point[nCol:])
	if !res.Openings[1].Value.Equal(&want) {
		t.Fatal("broadcast factor's final value is not the small tensor at ρ's top coordinates")
	}
	if err := verifyRun(t, statement, []sent{{in: in, claim: claimPt, proof: proof, public: c.public}}, dp); err != nil {
		t.Fatalf("honest broadcast Hadamard rejected: %v", err)
	}
}
