package sumcheck

import (
	"fmt"
	"testing"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// bundle is a whole test proof: per instance the claim commitment and the
// instance proof, then the DLC closing proof.
type bundle struct {
	msgs []sent
	dlc  *DLCProof
}

func (b *bundle) encode() []byte {
	var out []byte
	for _, m := range b.msgs {
		out = field.AppendPoint(out, &m.claim)
		out = m.proof.Append(out)
	}
	return b.dlc.Append(out)
}

// decodeBundle decodes a bundle for the given cases; every count comes from
// the cases' forms, as a real verifier derives them from the spec.
func decodeBundle(cases []testCase, data []byte) (*bundle, error) {
	r := field.NewReader(data)
	b := &bundle{}
	slots := 0
	for _, c := range cases {
		form, err := c.in.Form()
		if err != nil {
			return nil, err
		}
		claim, err := r.ReadPoint()
		if err != nil {
			return nil, fmt.Errorf("%w: claim: %v", ErrDecode, err)
		}
		proof, err := ReadProof(r, form)
		if err != nil {
			return nil, err
		}
		slots += form.NumRoundSlots()
		b.msgs = append(b.msgs, sent{in: c.in, claim: claim, proof: proof, public: c.public})
	}
	dp, err := ReadDLCProof(r, mle.Log2Ceil(max(1, slots)))
	if err != nil {
		return nil, err
	}
	b.dlc = dp
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	return b, nil
}

func honestBundle(t testing.TB, cases []testCase) *bundle {
	msgs, dp := honestRun(t, cases)
	return &bundle{msgs: msgs, dlc: dp}
}

func (b *bundle) verify(t testing.TB, stmt []byte) error {
	return verifyRun(t, stmt, b.msgs, b.dlc)
}

// elements lists pointers to every point and scalar of the bundle, with names.
type elements struct {
	points  []*Point
	pnames  []string
	scalars []*scalarRef
}

type scalarRef struct {
	name string
	add  func() // adds one to the scalar
}

func (b *bundle) elements() elements {
	var e elements
	addP := func(p *Point, name string) { e.points = append(e.points, p); e.pnames = append(e.pnames, name) }
	for i := range b.msgs {
		m := &b.msgs[i]
		addP(&m.claim, fmt.Sprintf("instance %d claim", i))
		for j := range m.proof.Rounds {
			addP(&m.proof.Rounds[j], fmt.Sprintf("instance %d round %d", i, j))
		}
		for j := range m.proof.Finals {
			addP(&m.proof.Finals[j], fmt.Sprintf("instance %d final %d", i, j))
		}
		for j, pp := range m.proof.Products {
			addP(&pp.T1, fmt.Sprintf("instance %d product %d T1", i, j))
			addP(&pp.T2, fmt.Sprintf("instance %d product %d T2", i, j))
			addP(&pp.T3, fmt.Sprintf("instance %d product %d T3", i, j))
			for k := range pp.S {
				s := &pp.S[k]
				e.scalars = append(e.scalars, &scalarRef{name: fmt.Sprintf("instance %d product %d s%d", i, j, k+1), add: func() { one := oneElement(); s.Add(s, &one) }})
			}
		}
	}
	ipaProof := b.dlc.IPA
	for j := range ipaProof.L {
		addP(&ipaProof.L[j], fmt.Sprintf("DLC L%d", j))
		addP(&ipaProof.R[j], fmt.Sprintf("DLC R%d", j))
	}
	addP(&ipaProof.S, "DLC S")
	e.scalars = append(e.scalars,
		&scalarRef{name: "DLC z1", add: func() { one := oneElement(); ipaProof.Z1.Add(&ipaProof.Z1, &one) }},
		&scalarRef{name: "DLC z2", add: func() { one := oneElement(); ipaProof.Z2.Add(&ipaProof.Z2, &one) }})
	return e
}
