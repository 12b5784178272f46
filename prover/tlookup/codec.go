package tlookup

import (
	"errors"
	"fmt"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/sumcheck"
)

// ErrDecode wraps every decoding error of this package.
var ErrDecode = errors.New("tlookup: malformed proof")

// ProofSize returns the encoded size of a LogUp-GKR proof for the layout:
// 6 root points, 2 product proofs, the layer sumchecks, the leaf points.
func (l *Layout) ProofSize() int {
	size := rootLen*field.PointSize + 2*ipa.ProductProofSize
	for k := 1; k < l.LogLeaves; k++ {
		size += layerForm(k).ProofSize()
	}
	return size + l.NumLeafColumns()*field.PointSize
}

// NumRoundSlots returns the DLC slots the proof's sumchecks reserve.
func (l *Layout) NumRoundSlots() int {
	s := 0
	for k := 1; k < l.LogLeaves; k++ {
		s += layerForm(k).NumRoundSlots()
	}
	return s
}

// Append appends the canonical encoding (PROTOCOL §10.1 section B): the
// root, per layer its rounds, final commitments and product proofs, then
// the leaf column commitments.
func (p *Proof) Append(dst []byte) []byte {
	dst = field.AppendPoints(dst, p.Root[:])
	for _, pp := range p.RootProducts {
		dst = pp.Append(dst)
	}
	for _, lp := range p.Layers {
		dst = lp.Append(dst)
	}
	return field.AppendPoints(dst, p.Leaves)
}

// Marshal returns the canonical encoding.
func (p *Proof) Marshal() []byte { return p.Append(make([]byte, 0, 1024)) }

// ReadProof decodes a proof for layout l from r. Every count comes from l;
// the whole length is checked before anything is allocated.
func ReadProof(r *field.Reader, l *Layout) (*Proof, error) {
	if err := r.CheckCount(uint64(l.ProofSize()), 1); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	p := &Proof{}
	for i := range p.Root {
		pt, err := r.ReadPoint()
		if err != nil {
			return nil, fmt.Errorf("%w: root %d: %v", ErrDecode, i, err)
		}
		p.Root[i] = pt
	}
	for i := range p.RootProducts {
		pp, err := ipa.ReadProductProof(r)
		if err != nil {
			return nil, fmt.Errorf("%w: root product %d: %v", ErrDecode, i, err)
		}
		p.RootProducts[i] = pp
	}
	p.Layers = make([]*sumcheck.Proof, 0, max(0, l.LogLeaves-1))
	for k := 1; k < l.LogLeaves; k++ {
		lp, err := sumcheck.ReadProof(r, layerForm(k))
		if err != nil {
			return nil, fmt.Errorf("%w: layer %d: %v", ErrDecode, k, err)
		}
		p.Layers = append(p.Layers, lp)
	}
	leaves, err := r.ReadPoints(l.NumLeafColumns())
	if err != nil {
		return nil, fmt.Errorf("%w: leaves: %v", ErrDecode, err)
	}
	p.Leaves = leaves
	return p, nil
}

// UnmarshalProof decodes exactly one proof for layout l.
func UnmarshalProof(b []byte, l *Layout) (*Proof, error) {
	r := field.NewReader(b)
	p, err := ReadProof(r, l)
	if err != nil {
		return nil, err
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	return p, nil
}
