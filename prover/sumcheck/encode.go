package sumcheck

import (
	"errors"
	"fmt"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
)

// ErrDecode wraps every decoding error of this package.
var ErrDecode = errors.New("sumcheck: malformed proof")

// ProofSize returns the encoded size of an instance proof of this form:
// n round points, the final points, 304 B per product proof.
func (f *Form) ProofSize() int {
	plan := f.plan()
	return (f.NumVars+len(plan.committed)+len(plan.steps))*field.PointSize + len(plan.steps)*ipa.ProductProofSize
}

// Append appends the canonical encoding: rounds, finals, product proofs.
func (p *Proof) Append(dst []byte) []byte {
	dst = field.AppendPoints(dst, p.Rounds)
	dst = field.AppendPoints(dst, p.Finals)
	for _, pp := range p.Products {
		dst = pp.Append(dst)
	}
	return dst
}

// Marshal returns the canonical encoding.
func (p *Proof) Marshal() []byte { return p.Append(nil) }

// ReadProof decodes an instance proof of the given form from r. Every count
// comes from the form; the remaining length is checked before allocating.
func ReadProof(r *field.Reader, form *Form) (*Proof, error) {
	if err := form.Validate(); err != nil {
		return nil, err
	}
	if err := r.CheckCount(uint64(form.ProofSize()), 1); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	plan := form.plan()
	var p Proof
	var err error
	if p.Rounds, err = r.ReadPoints(form.NumVars); err != nil {
		return nil, fmt.Errorf("%w: round commitments: %v", ErrDecode, err)
	}
	if p.Finals, err = r.ReadPoints(len(plan.committed) + len(plan.steps)); err != nil {
		return nil, fmt.Errorf("%w: final commitments: %v", ErrDecode, err)
	}
	p.Products = make([]*ipa.ProductProof, len(plan.steps))
	for i := range p.Products {
		if p.Products[i], err = ipa.ReadProductProof(r); err != nil {
			return nil, fmt.Errorf("%w: product proof %d: %v", ErrDecode, i, err)
		}
	}
	return &p, nil
}

// UnmarshalProof decodes exactly one instance proof of the given form.
func UnmarshalProof(b []byte, form *Form) (*Proof, error) {
	r := field.NewReader(b)
	p, err := ReadProof(r, form)
	if err != nil {
		return nil, err
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	return p, nil
}

// Append appends the DLC closing proof.
func (p *DLCProof) Append(dst []byte) []byte { return p.IPA.Append(dst) }

// Marshal returns the DLC closing proof's encoding.
func (p *DLCProof) Marshal() []byte { return p.Append(nil) }

// ReadDLCProof decodes a DLC closing proof with k IPA rounds (from
// ProofLogLen of the verifier's DLC once every instance has been replayed).
func ReadDLCProof(r *field.Reader, k int) (*DLCProof, error) {
	if err := r.CheckCount(uint64(ipa.ProofSize(k)), 1); err != nil {
		return nil, fmt.Errorf("%w: DLC proof: %v", ErrDecode, err)
	}
	p, err := ipa.ReadProof(r, k)
	if err != nil {
		return nil, fmt.Errorf("%w: DLC proof: %v", ErrDecode, err)
	}
	return &DLCProof{IPA: p}, nil
}

// UnmarshalDLCProof decodes exactly one DLC closing proof with k rounds.
func UnmarshalDLCProof(b []byte, k int) (*DLCProof, error) {
	r := field.NewReader(b)
	p, err := ReadDLCProof(r, k)
	if err != nil {
		return nil, err
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	return p, nil
}
