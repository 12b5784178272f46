package layers

import (
	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// SumcheckKernel is Sumcheck with a gadget's own round kernel in place of
// the generic engine (same proof bytes for an honest kernel; the verifier
// side is Verifier.Sumcheck unchanged).
func (p *Prover) SumcheckKernel(in *sumcheck.Instance, k sumcheck.RoundKernel, claim sumcheck.Scalar, targets []Target) (claims.Point, []*claims.ProverClaim, error) {
	proof, res, err := in.ProveKernel(p.DLC, k, claim)
	if err != nil {
		return claims.Point{}, nil, err
	}
	return p.sumcheckClaims(proof, res, targets)
}
