package sumcheck

import (
	"bytes"
	"errors"
	"testing"

	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// soundnessCases is a small proof exercising products, public factors and
// several instances on one DLC.
func soundnessCases() []testCase {
	all := allCases()
	return []testCase{all[0], all[2], all[4]} // inner product, hadamard, sum of squares
}

// Every point +G and every scalar +1, one at a time: all rejected, each by
// the equation it enters (the encoding stays valid).
func TestEveryElementSubstitutionRejected(t *testing.T) {
	cases := soundnessCases()
	b := honestBundle(t, cases)
	if err := b.verify(t, statement); err != nil {
		t.Fatalf("control: %v", err)
	}
	enc := b.encode()
	gens, _ := pedersen.Get(0)
	n := 0
	fresh := func() *bundle {
		d, err := decodeBundle(cases, enc)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for i := range fresh().elements().points {
		d := fresh()
		e := d.elements()
		e.points[i].Add(e.points[i], &gens.G)
		// The substitute still decodes: the verifier's equations must catch it.
		if _, err := decodeBundle(cases, d.encode()); err != nil {
			t.Fatalf("%s +G did not re-encode: %v", e.pnames[i], err)
		}
		if err := d.verify(t, statement); err == nil {
			t.Errorf("%s +G accepted", e.pnames[i])
		}
		n++
	}
	for i := range fresh().elements().scalars {
		d := fresh()
		e := d.elements()
		e.scalars[i].add()
		if err := d.verify(t, statement); err == nil {
			t.Errorf("%s +1 accepted", e.scalars[i].name)
		}
		n++
	}
	t.Logf("%d substitutions, all rejected by the verifier's equations", n)
}

// Attack 1: the statement changes after the proof was made.
func TestStatementChangedRejected(t *testing.T) {
	b := honestBundle(t, soundnessCases())
	if err := b.verify(t, statement); err != nil {
		t.Fatalf("control: %v", err)
	}
	other := bytes.Clone(statement)
	other[0] ^= 1
	if err := b.verify(t, other); err == nil {
		t.Fatal("proof accepted under another statement")
	}
}

// A claimed sum that is not the sum is rejected (honest control above).
func TestFalseClaimRejected(t *testing.T) {
	for _, c := range allCases() {
		t.Run(c.name, func(t *testing.T) {
			p := newProver(t)
			sum := c.sum()
			one := oneElement()
			sum.Add(&sum, &one)
			s, pt := p.Commit(sum)
			p.Transcript.AbsorbPoint(transcript.LabelSumcheckClaim, &pt)
			proof, _, err := c.in.Prove(p, c.tables, s)
			if err != nil {
				t.Fatal(err)
			}
			dp, err := p.Close()
			if err != nil {
				t.Fatal(err)
			}
			err = verifyRun(t, statement, []sent{{in: c.in, claim: pt, proof: proof, public: c.public}}, dp)
			if !errors.Is(err, ErrReject) {
				t.Fatalf("false sum: got %v, want rejection", err)
			}
		})
	}
}

// The verifier's transcript uses a different label for one message: the
// challenges diverge and the proof fails.
func TestTranscriptLabelMatters(t *testing.T) {
	cases := soundnessCases()
	b := honestBundle(t, cases)
	v := newVerifier(t, statement)
	for i, m := range b.msgs {
		label := transcript.LabelSumcheckClaim
		if i == 1 {
			label = transcript.LabelClaim // wrong label for one absorb
		}
		v.Transcript.AbsorbPoint(label, &m.claim)
		if _, err := m.in.Verify(v, m.claim, m.proof, m.public); err != nil {
			return // rejected early (product proof): fine
		}
	}
	if err := v.Close(b.dlc); err == nil {
		t.Fatal("proof accepted with a different transcript label")
	}
}
