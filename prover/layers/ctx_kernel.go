package layers

import (
	"fmt"

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
	if len(res.Openings) != len(targets) {
		return claims.Point{}, nil, fmt.Errorf("%w: %d committed factors for %d targets", ErrGadget, len(res.Openings), len(targets))
	}
	p.out = proof.Append(p.out)
	rho := claims.FromSumcheck(res)
	out := make([]*claims.ProverClaim, len(targets))
	for i, t := range targets {
		out[i] = claims.New(p.Ledger, t.Tensor, t.at(rho), res.Openings[i])
	}
	return rho, out, nil
}
