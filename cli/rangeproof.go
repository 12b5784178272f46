package cli

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// proveWeightRange produces the one-time proof that every committed weight
// is in SRANGE_16 (PROTOCOL §4.3), bound to the model id, and checks it with
// the verifier before anything is written.
func proveWeightRange(s *session, job *commitJob, vk *pedersen.VerifyingKey, id [32]byte) ([]byte, error) {
	n := int(job.layout.NumRows(job.logC))
	present, err := job.layout.PresentRows(job.logC)
	if err != nil {
		return nil, internalf("%v", err)
	}
	blind := make([]fr.Element, n)
	rowBlindings(&job.secret.key, job.modelKey, 0, blind)
	for k := range blind {
		if !present[k] {
			blind[k].SetZero()
		}
	}
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	p, err := tlookup.ProveBlobRange(vk, job.blob, blind, id[:])
	if err != nil {
		return nil, internalf("weight range proof: %v", err)
	}
	b := p.Marshal()
	if err := tlookup.VerifyBlobRange(vk, id[:], b); err != nil {
		return nil, internalf("weight range proof does not verify (this is a bug): %v", err)
	}
	return b, nil
}
