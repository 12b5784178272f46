package ipa

import (
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// ErrProof wraps every proof-decoding error.
var ErrProof = errors.New("ipa: malformed proof")

// MaxRounds bounds k (2^32 weights).
const MaxRounds = 32

// Proof is a zk-IPA proof with k = len(L) = len(R) rounds.
type Proof struct {
	L, R   []bls12381.G1Affine
	S      bls12381.G1Affine
	Z1, Z2 fr.Element
}

// Rounds is k.
func (p *Proof) Rounds() int { return len(p.L) }

// ProofSize is the encoded size of a k-round proof: 2k+1 points, 2 scalars.
func ProofSize(k int) int { return (2*k+1)*field.PointSize + 2*field.ScalarSize }

// Append appends the encoding: L_0,R_0,…,L_{k−1},R_{k−1}, S, z1, z2.
func (p *Proof) Append(dst []byte) []byte {
	for i := range p.L {
		dst = field.AppendPoint(dst, &p.L[i])
		dst = field.AppendPoint(dst, &p.R[i])
	}
	dst = field.AppendPoint(dst, &p.S)
	dst = field.AppendScalar(dst, &p.Z1)
	return field.AppendScalar(dst, &p.Z2)
}

// Marshal returns the encoding.
func (p *Proof) Marshal() []byte { return p.Append(make([]byte, 0, ProofSize(len(p.L)))) }

// ReadProof decodes a k-round proof from r (for proofs embedded in larger
// objects); the length is checked before anything is allocated.
func ReadProof(r *field.Reader, k int) (*Proof, error) {
	if k < 0 || k > MaxRounds {
		return nil, fmt.Errorf("%w: %d rounds", ErrProof, k)
	}
	if err := r.CheckCount(uint64(ProofSize(k)), 1); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProof, err)
	}
	lr, err := r.ReadPoints(2 * k)
	if err != nil {
		return nil, fmt.Errorf("%w: L/R: %w", ErrProof, err)
	}
	p := &Proof{L: make([]bls12381.G1Affine, k), R: make([]bls12381.G1Affine, k)}
	for i := 0; i < k; i++ {
		p.L[i], p.R[i] = lr[2*i], lr[2*i+1]
	}
	if p.S, err = r.ReadPoint(); err != nil {
		return nil, fmt.Errorf("%w: S: %w", ErrProof, err)
	}
	if p.Z1, err = r.ReadScalar(); err != nil {
		return nil, fmt.Errorf("%w: z1: %w", ErrProof, err)
	}
	if p.Z2, err = r.ReadScalar(); err != nil {
		return nil, fmt.Errorf("%w: z2: %w", ErrProof, err)
	}
	return p, nil
}

// UnmarshalProof decodes exactly one k-round proof; trailing bytes fail.
func UnmarshalProof(b []byte, k int) (*Proof, error) {
	if k >= 0 && k <= MaxRounds && len(b) != ProofSize(k) {
		return nil, fmt.Errorf("%w: %d bytes, a %d-round proof has %d", ErrProof, len(b), k, ProofSize(k))
	}
	r := field.NewReader(b)
	p, err := ReadProof(r, k)
	if err != nil {
		return nil, err
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProof, err)
	}
	return p, nil
}

// ProductProof is the §4.7 proof that Z commits to the product of what X and
// Y commit to.
type ProductProof struct {
	T1, T2, T3 bls12381.G1Affine
	S          [5]fr.Element
}

// ProductProofSize is 3 points + 5 scalars = 304 bytes.
const ProductProofSize = 3*field.PointSize + 5*field.ScalarSize

// Append appends T1, T2, T3, s1…s5.
func (p *ProductProof) Append(dst []byte) []byte {
	dst = field.AppendPoint(dst, &p.T1)
	dst = field.AppendPoint(dst, &p.T2)
	dst = field.AppendPoint(dst, &p.T3)
	return field.AppendScalars(dst, p.S[:])
}

// Marshal returns the 304-byte encoding.
func (p *ProductProof) Marshal() []byte { return p.Append(make([]byte, 0, ProductProofSize)) }

// ReadProductProof decodes one product proof from r.
func ReadProductProof(r *field.Reader) (*ProductProof, error) {
	if err := r.CheckCount(ProductProofSize, 1); err != nil {
		return nil, fmt.Errorf("%w: product proof: %w", ErrProof, err)
	}
	var p ProductProof
	var err error
	for i, dst := range []*bls12381.G1Affine{&p.T1, &p.T2, &p.T3} {
		if *dst, err = r.ReadPoint(); err != nil {
			return nil, fmt.Errorf("%w: product proof T%d: %w", ErrProof, i+1, err)
		}
	}
	for i := range p.S {
		if p.S[i], err = r.ReadScalar(); err != nil {
			return nil, fmt.Errorf("%w: product proof s%d: %w", ErrProof, i+1, err)
		}
	}
	return &p, nil
}

// UnmarshalProductProof decodes exactly 304 bytes.
func UnmarshalProductProof(b []byte) (*ProductProof, error) {
	if len(b) != ProductProofSize {
		return nil, fmt.Errorf("%w: product proof is %d bytes, want %d", ErrProof, len(b), ProductProofSize)
	}
	r := field.NewReader(b)
	p, err := ReadProductProof(r)
	if err != nil {
		return nil, err
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProof, err)
	}
	return p, nil
}
