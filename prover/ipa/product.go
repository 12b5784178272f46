package ipa

import (
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// ProductWitness opens X = x·G + rX·H, Y = y·G + rY·H and Z = xy·G + rZ·H.
type ProductWitness struct {
	X, RX, Y, RY, RZ fr.Element
}

// ProveProduct proves that Z commits to x·y (§4.7) for X = ⟦x⟧, Y = ⟦y⟧,
// Z = ⟦z⟧ as the verifier holds them. It absorbs (X, Y, Z) itself (prod/stmt)
// before its challenge.
func ProveProduct(tr *transcript.Transcript, gens *pedersen.Generators, X, Y, Z bls12381.G1Affine, w ProductWitness) *ProductProof {
	var b [5]fr.Element
	var p ProductProof
	for {
		for i := range b {
			b[i] = field.RandomScalar()
		}
		p.T1 = gens.CommitScalar(&b[0], &b[1])
		p.T2 = gens.CommitScalar(&b[2], &b[3])
		t3 := pedersen.SmallMSM([]bls12381.G1Affine{X}, b[2:3]) // GLV; H from its table
		h := gens.MulH(&b[4])
		t3.AddAssign(&h)
		p.T3.FromJacobian(&t3)
		if !p.T1.IsInfinity() && !p.T2.IsInfinity() && !p.T3.IsInfinity() {
			break
		}
	}
	absorbProductStatement(tr, &X, &Y, &Z)
	tr.AbsorbPoints(transcript.LabelProductT, []bls12381.G1Affine{p.T1, p.T2, p.T3})
	c := tr.Challenge(transcript.LabelProductC)
	resp := func(dst, bi, v *fr.Element) { // dst = bi + c·v
		dst.Mul(&c, v)
		dst.Add(dst, bi)
	}
	resp(&p.S[0], &b[0], &w.X)
	resp(&p.S[1], &b[1], &w.RX)
	resp(&p.S[2], &b[2], &w.Y)
	resp(&p.S[3], &b[3], &w.RY)
	var r fr.Element // r_Z − y·r_X
	r.Mul(&w.Y, &w.RX)
	r.Sub(&w.RZ, &r)
	resp(&p.S[4], &b[4], &r)
	tr.AbsorbScalars(transcript.LabelProductS, p.S[:])
	return &p
}

// productEquations replays the transcript and returns the three equations
// s1G + s2H = T1 + cX ; s3G + s4H = T2 + cY ; s3X + s5H = T3 + cZ.
func productEquations(tr *transcript.Transcript, X, Y, Z bls12381.G1Affine, p *ProductProof) ([3]*equation, error) {
	var eqs [3]*equation
	if p == nil {
		return eqs, fmt.Errorf("%w: nil product proof", ErrReject)
	}
	absorbProductStatement(tr, &X, &Y, &Z)
	tr.AbsorbPoints(transcript.LabelProductT, []bls12381.G1Affine{p.T1, p.T2, p.T3})
	c := tr.Challenge(transcript.LabelProductC)
	tr.AbsorbScalars(transcript.LabelProductS, p.S[:])
	one := fr.One()
	eqs[0] = &equation{g: p.S[0], h: p.S[1]}
	eqs[0].addNeg(p.T1, one)
	eqs[0].addNeg(X, c)
	eqs[1] = &equation{g: p.S[2], h: p.S[3]}
	eqs[1].addNeg(p.T2, one)
	eqs[1].addNeg(Y, c)
	eqs[2] = &equation{h: p.S[4]}
	eqs[2].add(X, p.S[2])
	eqs[2].addNeg(p.T3, one)
	eqs[2].addNeg(Z, c)
	return eqs, nil
}

// VerifyProduct checks a product proof on its own.
func VerifyProduct(tr *transcript.Transcript, gens *pedersen.Generators, X, Y, Z bls12381.G1Affine, p *ProductProof) error {
	eqs, err := productEquations(tr, X, Y, Z, p)
	if err != nil {
		return err
	}
	for i, e := range eqs {
		if !e.holds(gens) {
			return fmt.Errorf("%w: product proof equation %d fails", ErrReject, i+1)
		}
	}
	return nil
}

// AddProduct replays a product proof's transcript and adds its three
// equations (each with its own weight) to the batch.
func (b *Batch) AddProduct(tr *transcript.Transcript, X, Y, Z bls12381.G1Affine, p *ProductProof) error {
	eqs, err := productEquations(tr, X, Y, Z, p)
	if err != nil {
		return err
	}
	for _, e := range eqs {
		b.merge(e)
	}
	return nil
}

// absorbProductStatement absorbs (X, Y, Z) as one message; both sides call
// it before the product proof's challenge.
func absorbProductStatement(tr *transcript.Transcript, x, y, z *bls12381.G1Affine) {
	tr.AbsorbPoints(transcript.LabelProductStatement, []bls12381.G1Affine{*x, *y, *z})
}
