package ipa

import (
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Checker receives the group equations of a verification. *Batch defers
// them all to one MSM (call its Verify at the end); Immediate checks each
// as it arrives. Verifiers take a Checker so one code path serves both.
// Either way the transcript is replayed at the call, in protocol order.
type Checker interface {
	AddIPA(tr *transcript.Transcript, pa Combination, Y bls12381.G1Affine, w Weights, p *Proof) error
	AddProduct(tr *transcript.Transcript, X, Y, Z bls12381.G1Affine, p *ProductProof) error
	AddOpening(tr *transcript.Transcript, rows []bls12381.G1Affine, logC int, q []fr.Element, Y bls12381.G1Affine, p *Proof) error
}

// Immediate is a Checker that verifies every equation at once.
type Immediate struct{ Gens *pedersen.Generators }

var (
	_ Checker = (*Batch)(nil)
	_ Checker = Immediate{}
)

// AddIPA is Verify.
func (c Immediate) AddIPA(tr *transcript.Transcript, pa Combination, Y bls12381.G1Affine, w Weights, p *Proof) error {
	return Verify(tr, c.Gens, pa, Y, w, p)
}

// AddProduct is VerifyProduct.
func (c Immediate) AddProduct(tr *transcript.Transcript, X, Y, Z bls12381.G1Affine, p *ProductProof) error {
	return VerifyProduct(tr, c.Gens, X, Y, Z, p)
}

// AddOpening is OpenVerify.
func (c Immediate) AddOpening(tr *transcript.Transcript, rows []bls12381.G1Affine, logC int, q []fr.Element, Y bls12381.G1Affine, p *Proof) error {
	return OpenVerify(tr, c.Gens, rows, logC, q, Y, p)
}
