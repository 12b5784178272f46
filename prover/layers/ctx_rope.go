package layers

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// SendValues commits values that are not claims on a tensor (RoPE's a_0,
// a_1 at a point with a Boolean coordinate, §7.5), absorbs them in one
// absorb under label and writes them to the proof. The caller must tie
// every returned opening by DLC relations (Equate, Zero) or fold it into a
// registered claim (Derive): nothing here is registered in the ledger.
func (p *Prover) SendValues(label string, vals []fr.Element) []sumcheck.Scalar {
	return p.sendRaw(label, vals)
}

// ReceiveValues mirrors SendValues: it reads n commitments.
func (v *Verifier) ReceiveValues(label string, n int) ([]sumcheck.Point, error) {
	return v.receiveRaw(label, n)
}

// Derive registers a claim whose value is a public combination of
// openings the caller holds (e.g. RoPE's (1−τ)·a_0 + τ·a_1 at the fresh τ).
func (p *Prover) Derive(tensor string, at claims.Point, s sumcheck.Scalar) *claims.ProverClaim {
	return claims.New(p.Ledger, tensor, at, s)
}

// Derive mirrors Prover.Derive.
func (v *Verifier) Derive(tensor string, at claims.Point, s sumcheck.Point) *claims.VerifierClaim {
	return claims.New(v.Ledger, tensor, at, s)
}
