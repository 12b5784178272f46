package sumcheck

import (
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/transcript"
)

// A DLC holding only relations among scalar commitments (no round slots):
// x + 2y − z − 5 = 0. True relation accepted, false one rejected.
func TestDLCScalarRelations(t *testing.T) {
	run := func(delta uint64) error {
		x, y := field.RandomScalar(), field.RandomScalar()
		var z, two, five fr.Element
		two.SetUint64(2)
		five.SetUint64(5)
		z.Mul(&y, &two)
		z.Add(&z, &x)
		z.Sub(&z, &five)
		var d fr.Element
		d.SetUint64(delta)
		z.Add(&z, &d) // a false z when delta ≠ 0

		p := newProver(t)
		sx, px := p.Send(transcript.LabelClaim, x)
		sy, py := p.Send(transcript.LabelClaim, y)
		sz, pz := p.Send(transcript.LabelClaim, z)
		var m5 fr.Element
		m5.Neg(&five)
		rel := Combine([]fr.Element{fr.One(), two}, []Scalar{sx, sy}).Sub(sz).Add(Public(m5))
		if err := p.AddZero(rel); err != nil {
			t.Fatal(err)
		}
		proof, err := p.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Close(); !errors.Is(err, ErrClosed) {
			t.Fatalf("second close: %v", err)
		}
		if err := p.AddZero(rel); !errors.Is(err, ErrClosed) {
			t.Fatalf("relation after close: %v", err)
		}
		enc := proof.Marshal()
		dec, err := UnmarshalDLCProof(enc, 0)
		if err != nil {
			t.Fatal(err)
		}

		v := newVerifier(t, statement)
		vx := v.Receive(transcript.LabelClaim, px)
		vy := v.Receive(transcript.LabelClaim, py)
		vz := v.Receive(transcript.LabelClaim, pz)
		var negZ Point
		negZ.Neg(&vz)
		vrel := AddPoints(AddPoints(CombinePoints([]fr.Element{fr.One(), two}, []Point{vx, vy}), negZ), PublicPoint(v.gens, m5))
		if err := v.AddZero(vrel); err != nil {
			t.Fatal(err)
		}
		if v.ProofLogLen() != 0 {
			t.Fatalf("no slots should give K = 0, got %d", v.ProofLogLen())
		}
		return v.Close(dec)
	}
	if err := run(0); err != nil {
		t.Fatalf("true relation rejected: %v", err)
	}
	if err := run(1); !errors.Is(err, ErrReject) {
		t.Fatalf("false relation: got %v, want rejection", err)
	}
}

// Relations may not name slots that were never reserved.
func TestDLCRejectsUnknownSlot(t *testing.T) {
	p := newProver(t)
	if err := p.AddRelation([]SlotTerm{{Slot: 0, Coeff: fr.One()}}, Scalar{}); err == nil {
		t.Fatal("a relation on an unreserved slot was accepted")
	}
	v := newVerifier(t, statement)
	if err := v.AddRelation([]SlotTerm{{Slot: 3, Coeff: fr.One()}}, Point{}); err == nil {
		t.Fatal("verifier: a relation on an unreserved slot was accepted")
	}
}

// The degree is fixed by the form: a witness with more factors per term
// than the degree allows cannot be proved, and round counts are the form's.
func TestFormFixesDegreeAndRounds(t *testing.T) {
	in := &Instance{NumVars: 3, Public: []bool{false, false, false}, Degree: 2}
	if _, err := in.Form(); !errors.Is(err, ErrForm) {
		t.Fatalf("degree below the factor count: %v", err)
	}
	p := newProver(t)
	s, _ := p.Commit(fr.Element{})
	if _, _, err := in.Prove(p, [][]fr.Element{randTable(8), randTable(8), randTable(8)}, s); !errors.Is(err, ErrForm) {
		t.Fatalf("prove with a too-small degree: %v", err)
	}
	if _, _, err := InnerProduct(3).Prove(p, [][]fr.Element{randTable(9), randTable(8)}, s); !errors.Is(err, ErrForm) {
		t.Fatalf("a table longer than 2^n: %v", err)
	}
	v := newVerifier(t, statement)
	form, _ := InnerProduct(3).Form()
	if _, err := v.VerifyRounds(form, Point{}, make([]Point, 2)); !errors.Is(err, ErrReject) {
		t.Fatalf("wrong round count: %v", err)
	}
}

// With UseBatch the product proofs are checked by the batch's single MSM:
// an honest proof passes; with one altered product response the instance
// replay still passes (the product is only queued) and the batch fails.
func TestVerifierBatchesProductProofs(t *testing.T) {
	cases := soundnessCases()
	b := honestBundle(t, cases)
	check := func(bd *bundle) (replay, closing, batch error) {
		v := newVerifier(t, statement)
		gens, _ := v.Generators(0)
		bt := ipa.NewBatch(gens)
		v.UseBatch(bt)
		for _, m := range bd.msgs {
			v.Transcript.AbsorbPoint(transcript.LabelSumcheckClaim, &m.claim)
			if _, err := m.in.Verify(v, m.claim, m.proof, m.public); err != nil {
				return err, nil, nil
			}
		}
		if bt.Len() == 0 {
			t.Fatal("no equation reached the batch")
		}
		return nil, v.Close(bd.dlc), bt.Verify()
	}
	if r, c, bErr := check(b); r != nil || c != nil || bErr != nil {
		t.Fatalf("honest proof: replay %v, close %v, batch %v", r, c, bErr)
	}
	d, err := decodeBundle(cases, b.encode())
	if err != nil {
		t.Fatal(err)
	}
	one := fr.One()
	s := &d.msgs[0].proof.Products[0].S[4]
	s.Add(s, &one)
	r, _, bErr := check(d)
	if r != nil {
		t.Fatalf("with a batch the replay should only queue the product proof: %v", r)
	}
	if bErr == nil {
		t.Fatal("an altered product response passed the batch")
	}
}

// Hand-built proofs with an identity round or final commitment are refused
// (the decoder refuses them on the wire already).
func TestVerifierRefusesIdentityCommitments(t *testing.T) {
	cases := soundnessCases()[:1]
	for _, which := range []string{"round", "final"} {
		b := honestBundle(t, cases)
		d, err := decodeBundle(cases, b.encode())
		if err != nil {
			t.Fatal(err)
		}
		if which == "round" {
			d.msgs[0].proof.Rounds[1] = Point{}
		} else {
			d.msgs[0].proof.Finals[0] = Point{}
		}
		if err := d.verify(t, statement); !errors.Is(err, ErrReject) {
			t.Fatalf("identity %s commitment: got %v", which, err)
		}
	}
}
