package cli

import (
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// proveWeightRange produces the owner's one-time weight proof (PROTOCOL
// §4.3, owner.WeightProof version 2: every committed weight is int16 and
// every padded entry zero, bound to the model id and the vk file) and
// checks it with the verifier before anything is written.
func proveWeightRange(s *session, job *commitJob, vk *pedersen.VerifyingKey, id [32]byte) ([]byte, error) {
	md, err := job.manifestDigest()
	if err != nil {
		return nil, err
	}
	vkFile, err := vk.Marshal()
	if err != nil {
		return nil, internalf("verifying key: %v", err)
	}
	if owner.ModelID(md, vkFile) != id {
		return nil, internalf("model id does not match the manifest and verifying key (this is a bug)")
	}
	b := job.ownerBlob()
	key := owner.Secret(job.secret.key)
	blinds, err := b.RowBlindings(&key, md)
	if err != nil {
		return nil, internalf("%v", err)
	}
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	p, err := owner.ProveWeights(b, job.blob, blinds, md, vkFile)
	if err != nil {
		return nil, internalf("weight proof: %v", err)
	}
	enc := p.Marshal()
	k, err := owner.OpenVerifierKey(b, md, vkFile)
	if err != nil {
		return nil, internalf("verifying key does not match the weight blob (this is a bug): %v", err)
	}
	if err := k.VerifyWeightProof(enc); err != nil {
		return nil, internalf("weight proof does not verify (this is a bug): %v", err)
	}
	return enc, nil
}
