package sumcheck

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/transcript"
)

// DLCProof is the closing proof of the deferred linear check: one zk-IPA
// over the padded slot vector (PROTOCOL §5.2). Its size follows from the
// slot count, which both sides derive from the spec.
type DLCProof struct {
	IPA *ipa.Proof
}

// closing holds what both sides derive when closing: λ, ξ and w′.
type closing struct {
	lambda, xi fr.Element
	weights    []fr.Element // w′ = ξ^{−m(i)}·w_all[i], padded to 2^K
	lambdaPows []fr.Element // λ^i per relation
	xiPows     []fr.Element // ξ^m per round commitment
}

func deriveClosing(tr *transcript.Transcript, layout *slotLayout, rels [][]SlotTerm, noXi bool) closing {
	var c closing
	c.lambda = tr.Challenge(transcript.LabelDLCLambda)
	c.xi = tr.ChallengeNonZero(transcript.LabelDLCXi)
	if noXi {
		c.xi.SetOne()
	}
	c.weights = layout.weights(rels, c.lambda)
	var neg []fr.Element
	c.xiPows, neg = bindPowers(len(layout.starts), c.xi)
	layout.boundWeights(c.weights, neg)
	c.lambdaPows = make([]fr.Element, len(rels))
	if len(rels) > 0 {
		c.lambdaPows[0].SetOne()
	}
	for i := 1; i < len(rels); i++ {
		c.lambdaPows[i].Mul(&c.lambdaPows[i-1], &c.lambda)
	}
	return c
}

// Close ends the proof's DLC (§5.2 steps 1–2): λ ← squeeze, ξ ← squeezeNZ,
// and one zk-IPA proving ⟨c′, w′⟩ = y_all for P_a = Σ_m ξ^m·A_m and
// Y = −Σ_i λ^i·V_i, where c′_i = ξ^{m(i)}·c_all[i] binds each slot to its own
// round commitment. No relation can be added afterwards.
func (p *DLCProver) Close() (*DLCProof, error) {
	if p.closed {
		return nil, ErrClosed
	}
	p.closed = true
	p.releaseScratch()
	c := deriveClosing(p.Transcript, &p.layout, p.slotRels, p.noXiBinding)
	size := len(c.weights)
	gens, err := p.Generators(size)
	if err != nil {
		return nil, err
	}
	// Witness c′ and blinding α = Σ_m ξ^m α_m.
	a := make([]fr.Element, size)
	var alpha, t fr.Element
	for m, start := range p.layout.starts {
		for i := start; i < start+p.layout.widths[m]; i++ {
			a[i].Mul(&p.slots[i], &c.xiPows[m])
		}
		t.Mul(&p.blinds[m], &c.xiPows[m])
		alpha.Add(&alpha, &t)
	}
	// y_all = −Σ λ^i v_i with blinding −Σ λ^i r_i.
	y := Combine(c.lambdaPows, p.values).Neg()
	w, err := ipa.VectorWeights(c.weights)
	if err != nil {
		return nil, err
	}
	// The statement as the verifier forms it: P_a = Σ_m ξ^m·A_m, Y = ⟦y_all⟧.
	pa := CombinePoints(c.xiPows, p.rounds)
	proof, err := ipa.Prove(p.Transcript, gens.Prefix(size), pa, y.Commitment(gens), w, a, alpha, y.Blind)
	if err != nil {
		return nil, fmt.Errorf("sumcheck: DLC zk-IPA: %w", err)
	}
	return &DLCProof{IPA: proof}, nil
}

// ProofLogLen returns K, the IPA round count of the closing proof, for the
// slots reserved so far (the decoder's parameter).
func (p *DLCProver) ProofLogLen() int { return p.layout.paddedLog() }

// ProofLogLen returns K for the slots received so far.
func (v *DLCVerifier) ProofLogLen() int { return v.layout.paddedLog() }

// Close verifies the DLC's closing proof: it recomputes λ, ξ, w′, the
// folded commitment P_a = Σ_m ξ^m·A_m and Y = −Σ_i λ^i·V_i from public data
// only, and checks the zk-IPA (or, after UseBatch, adds its equation to the
// batch, which the caller must then verify).
func (v *DLCVerifier) Close(proof *DLCProof) error {
	if v.closed {
		return ErrClosed
	}
	v.closed = true
	if proof == nil || proof.IPA == nil {
		return fmt.Errorf("%w: missing DLC proof", ErrReject)
	}
	c := deriveClosing(v.Transcript, &v.layout, v.slotRels, v.noXiBinding)
	size := len(c.weights)
	gens, err := v.Generators(size)
	if err != nil {
		return err
	}
	pa := ipa.Combination{Points: v.rounds, Coeffs: c.xiPows}
	y := CombinePoints(c.lambdaPows, v.values)
	y.Neg(&y)
	w, err := ipa.VectorWeights(c.weights)
	if err != nil {
		return err
	}
	var check ipa.Checker = ipa.Immediate{Gens: gens.Prefix(size)}
	if v.batch != nil {
		check = v.batch // queued: the caller's b.Verify() decides
	}
	if err := check.AddIPA(v.Transcript, pa, y, w, proof.IPA); err != nil {
		return fmt.Errorf("%w: DLC: %v", ErrReject, err)
	}
	return nil
}
