package tlookup

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// RowLog returns the Hyrax row length exponent used for a standalone
// committed vector of 2^logSize entries: ⌈(n+1)/2⌉ as §4.2 recommends,
// capped at n.
func RowLog(logSize int) int {
	return min(logSize, (logSize+2)/2)
}

// committedVector is a Hyrax-committed vector of 2^logSize entries in rows
// of 2^logC, as the verifier sees it (identity rows are padding).
type committedVector struct {
	logSize, logC int
	rows          []Point
}

// vectorOpening is the prover's side of a committedVector.
type vectorOpening struct {
	committedVector
	values []fr.Element // length ≤ 2^logSize, zero beyond
	blind  []fr.Element // one per row
}

// commitVector commits v (≤ 2^logSize entries) in rows of 2^RowLog(logSize)
// with fresh blindings.
func commitVector(gens *pedersen.Generators, v []fr.Element, logSize int) (*vectorOpening, error) {
	logC := RowLog(logSize)
	rows := 1 << (logSize - logC)
	blind := field.RandomScalars(rows)
	pts, err := gens.CommitRows(v, 1<<logC, 0, rows, blind)
	if err != nil {
		return nil, err
	}
	return &vectorOpening{committedVector: committedVector{logSize: logSize, logC: logC, rows: pts}, values: v, blind: blind}, nil
}

// openClaim proves vec(claim.Point) = the value committed in
// claim.Commitment, which must already be in the transcript (§4.6).
func openClaim(tr *transcript.Transcript, gens *pedersen.Generators, vec *vectorOpening, claim *LeafClaim) (*ipa.Proof, error) {
	if len(claim.Point) != vec.logSize {
		return nil, fmt.Errorf("tlookup: claim point of %d coordinates on a vector of 2^%d", len(claim.Point), vec.logSize)
	}
	qCol, qRow, err := ipa.SplitPoint(claim.Point, vec.logC)
	if err != nil {
		return nil, err
	}
	a, alpha, err := ipa.OpenWitness(vec.values, 1<<vec.logC, vec.blind, qRow)
	if err != nil {
		return nil, err
	}
	cStar, err := ipa.OpenStatement(vec.rows, qRow)
	if err != nil {
		return nil, err
	}
	return ipa.OpenProve(tr, gens, cStar.Eval(), claim.Commitment, qCol, a, alpha, claim.Opening.Blind)
}

// verifyClaim checks an opening of vec at claim.Point against claim.Commitment.
func verifyClaim(tr *transcript.Transcript, gens *pedersen.Generators, vec *committedVector, claim *LeafClaim, p *ipa.Proof) error {
	return checkClaim(ipa.Immediate{Gens: gens}, tr, vec, claim, p)
}

// checkClaim is verifyClaim through a Checker (with a Batch, the opening's
// equation is only queued).
func checkClaim(check ipa.Checker, tr *transcript.Transcript, vec *committedVector, claim *LeafClaim, p *ipa.Proof) error {
	if len(claim.Point) != vec.logSize {
		return fmt.Errorf("%w: claim point of %d coordinates on a vector of 2^%d", ErrReject, len(claim.Point), vec.logSize)
	}
	if err := check.AddOpening(tr, vec.rows, vec.logC, claim.Point, claim.Commitment, p); err != nil {
		return fmt.Errorf("%w: opening: %v", ErrReject, err)
	}
	return nil
}
