package ipa

import (
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// SplitPoint splits a blob point q into (q_col, q_row): the low logC
// coordinates index inside a row, the rest index the row (§4.6).
func SplitPoint(q []fr.Element, logC int) (qCol, qRow []fr.Element, err error) {
	if logC < 0 || logC > len(q) {
		return nil, nil, fmt.Errorf("%w: point of %d coordinates for rows of 2^%d", ErrWitness, len(q), logC)
	}
	return q[:logC], q[logC:], nil
}

// OpenWitness folds the rows of v (rows of length c, entries past len(v)
// zero) and their blindings with eq(q_row,·): a = Σ_k eq(q_row,k)·row_k,
// α = Σ_k eq(q_row,k)·ρ_k. len(blind) must be 2^len(qRow).
func OpenWitness(v []fr.Element, c int, blind []fr.Element, qRow []fr.Element) ([]fr.Element, fr.Element, error) {
	return openWitness(len(v), c, blind, qRow, func(dst []fr.Element, lo, hi int, coef *fr.Element) {
		var t fr.Element
		for i := lo; i < hi; i++ {
			t.Mul(&v[i], coef)
			dst[i-lo].Add(&dst[i-lo], &t)
		}
	})
}

// OpenWitnessSmall is OpenWitness for small signed integers.
func OpenWitnessSmall[T pedersen.Small](w []T, c int, blind []fr.Element, qRow []fr.Element) ([]fr.Element, fr.Element, error) {
	return openWitness(len(w), c, blind, qRow, func(dst []fr.Element, lo, hi int, coef *fr.Element) {
		var t fr.Element
		for i := lo; i < hi; i++ {
			if w[i] == 0 {
				continue
			}
			t.SetInt64(int64(w[i]))
			t.Mul(&t, coef)
			dst[i-lo].Add(&dst[i-lo], &t)
		}
	})
}

func openWitness(n, c int, blind []fr.Element, qRow []fr.Element, addRow func(dst []fr.Element, lo, hi int, coef *fr.Element)) ([]fr.Element, fr.Element, error) {
	var alpha fr.Element
	rows := 1 << len(qRow)
	if c <= 0 || c&(c-1) != 0 || len(blind) != rows || n > rows*c {
		return nil, alpha, fmt.Errorf("%w: %d entries, row length %d, %d blindings, %d row coordinates", ErrWitness, n, c, len(blind), len(qRow))
	}
	eqRow := EqTable(qRow)
	a := make([]fr.Element, c)
	// Split the columns across goroutines; each walks every row.
	field.ParallelMin(c, 256, func(clo, chi int) {
		for k := 0; k < rows; k++ {
			lo, hi := min(k*c+clo, n), min(k*c+chi, n)
			if lo < hi {
				addRow(a[lo-k*c:], lo, hi, &eqRow[k])
			}
		}
	})
	alpha = field.InnerProduct(eqRow, blind)
	return a, alpha, nil
}

// OpenProve proves Blob(q) = y where a, α come from OpenWitness and
// Y = ⟦y⟧ = y·G + β·H. cStar is C* = Σ_k eq(q_row,k)·C_k as the verifier
// forms it (OpenStatement(rows, qRow).Eval(), or CommitWitness(gens, a, α)
// for a prover without the rows); Prove absorbs (C*, Y) itself.
func OpenProve(tr *transcript.Transcript, gens *pedersen.Generators, cStar, Y bls12381.G1Affine, qCol []fr.Element, a []fr.Element, alpha, beta fr.Element) (*Proof, error) {
	return Prove(tr, gens, cStar, Y, EqWeights(qCol), a, alpha, beta)
}

// OpenStatement is C* = Σ_k eq(q_row,k)·C_k as a combination (identity
// rows, i.e. structural padding, are skipped).
func OpenStatement(rows []bls12381.G1Affine, qRow []fr.Element) (Combination, error) {
	if len(rows) != 1<<len(qRow) {
		return Combination{}, fmt.Errorf("%w: %d rows for %d row coordinates", ErrReject, len(rows), len(qRow))
	}
	eqRow := EqTable(qRow)
	var c Combination
	for k := range rows {
		if rows[k].IsInfinity() {
			continue
		}
		c.Points = append(c.Points, rows[k])
		c.Coeffs = append(c.Coeffs, eqRow[k])
	}
	return c, nil
}

// OpenVerify checks an opening of the blob committed by rows (rows of
// length 2^logC) at q to the value committed in Y.
func OpenVerify(tr *transcript.Transcript, gens *pedersen.Generators, rows []bls12381.G1Affine, logC int, q []fr.Element, Y bls12381.G1Affine, p *Proof) error {
	qCol, qRow, err := SplitPoint(q, logC)
	if err != nil {
		return err
	}
	pa, err := OpenStatement(rows, qRow)
	if err != nil {
		return err
	}
	return Verify(tr, gens, pa, Y, EqWeights(qCol), p)
}

// AddOpening is OpenVerify into a batch.
func (b *Batch) AddOpening(tr *transcript.Transcript, rows []bls12381.G1Affine, logC int, q []fr.Element, Y bls12381.G1Affine, p *Proof) error {
	qCol, qRow, err := SplitPoint(q, logC)
	if err != nil {
		return err
	}
	pa, err := OpenStatement(rows, qRow)
	if err != nil {
		return err
	}
	return b.AddIPA(tr, pa, Y, EqWeights(qCol), p)
}
