package pool

import (
	"errors"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

var statement = []byte("pool test statement")

// testBlob is a committed blob with three tensors, one of them not a power
// of two per axis, so some Hyrax rows are structural padding.
type testBlob struct {
	shape  Shape
	values []fr.Element
	ints   []int64 // when set: values = ints mod r, and prove opens NewProverSmall
	blinds []fr.Element
	rows   []bls12381.G1Affine

	// Optional observers of the prover's and the verifier's transcripts.
	proverObs, verifierObs transcript.Observer
}

func newTestBlob(t testing.TB) *testBlob {
	t.Helper()
	layout, err := pedersen.Place([]pedersen.TensorSpec{
		{Name: "w", Shape: []uint64{8, 4}},
		{Name: "odd", Shape: []uint64{3, 5}},
		{Name: "b", Shape: []uint64{4}},
	})
	if err != nil {
		t.Fatal(err)
	}
	b := &testBlob{shape: Shape{Layout: layout, LogC: 2}}
	b.values = make([]fr.Element, layout.Size())
	for i := range layout.Tensors {
		pt := &layout.Tensors[i]
		forEachCoord(pt.Shape, func(c []uint64) {
			idx, err := pt.Index(c)
			if err != nil {
				t.Fatal(err)
			}
			b.values[idx] = field.RandomScalar()
		})
	}
	present, err := layout.PresentRows(b.shape.LogC)
	if err != nil {
		t.Fatal(err)
	}
	b.blinds = make([]fr.Element, len(present))
	for k, p := range present {
		if p {
			b.blinds[k] = field.RandomScalar()
		}
	}
	gens, err := pedersen.Get(1 << b.shape.LogC)
	if err != nil {
		t.Fatal(err)
	}
	b.rows, err = gens.CommitRows(b.values, 1<<b.shape.LogC, 0, len(b.blinds), b.blinds)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func forEachCoord(shape []uint64, f func([]uint64)) {
	c := make([]uint64, len(shape))
	for {
		f(c)
		i := 0
		for ; i < len(shape); i++ {
			c[i]++
			if c[i] < shape[i] {
				break
			}
			c[i] = 0
		}
		if i == len(shape) {
			return
		}
	}
}

// claimSpec is one pool claim as the test sends it.
type claimSpec struct {
	name  string
	q     []fr.Element
	value fr.Element // what the prover claims (honest: t(q))
}

func (b *testBlob) honestClaim(t testing.TB, name string) claimSpec {
	pt, ok := b.shape.Layout.Lookup(name)
	if !ok {
		t.Fatal("no tensor")
	}
	q := field.RandomScalars(pt.LogSize)
	full, err := b.shape.blobPoint(name, q)
	if err != nil {
		t.Fatal(err)
	}
	y, err := mle.Evaluate(b.values, full)
	if err != nil {
		t.Fatal(err)
	}
	return claimSpec{name: name, q: q, value: y}
}

// prove sends each claim's commitment (pool/y) after the test statement,
// settles the pool and closes the DLC: the prover's side of run.
func (b *testBlob) prove(t testing.TB, claims []claimSpec) (proof *Proof, closing *sumcheck.DLCProof, ys []sumcheck.Point) {
	t.Helper()
	ptr := transcript.New()
	ptr.AbsorbBytes(transcript.LabelTest, statement)
	ptr.Observe(b.proverObs)
	dp, err := sumcheck.NewDLCProver(ptr)
	if err != nil {
		t.Fatal(err)
	}
	pp, err := NewProver(b.shape, b.values, b.blinds)
	if b.ints != nil {
		pp, err = NewProverSmall(b.shape, b.ints, b.blinds)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		s, y := dp.Send(transcript.LabelPoolY, c.value)
		ys = append(ys, y)
		if err := pp.Add(c.name, c.q, s); err != nil {
			t.Fatal(err)
		}
	}
	if proof, err = pp.Settle(dp); err != nil {
		t.Fatal(err)
	}
	if closing, err = dp.Close(); err != nil {
		t.Fatal(err)
	}
	return proof, closing, ys
}

// run proves the claims and verifies them; it returns the verifier's error.
func (b *testBlob) run(t testing.TB, claims []claimSpec, tamper func(*Proof)) error {
	t.Helper()
	proof, closing, ys := b.prove(t, claims)
	// Round trip through the wire format.
	enc := proof.Marshal()
	size, _ := b.shape.ProofSize()
	if len(enc) != size {
		t.Fatalf("encoded %d bytes, ProofSize says %d", len(enc), size)
	}
	dec, err := UnmarshalProof(enc, b.shape)
	if err != nil {
		t.Fatal(err)
	}
	if string(dec.Marshal()) != string(enc) {
		t.Fatal("encode(decode(b)) != b")
	}
	if tamper != nil {
		tamper(dec)
	}

	vtr := transcript.New()
	vtr.AbsorbBytes(transcript.LabelTest, statement)
	vtr.Observe(b.verifierObs)
	dv, err := sumcheck.NewDLCVerifier(vtr)
	if err != nil {
		t.Fatal(err)
	}
	vp, err := NewVerifier(b.shape, b.rows)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range claims {
		vtr.AbsorbPoint(transcript.LabelPoolY, &ys[i])
		if err := vp.Add(c.name, c.q, ys[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := vp.Settle(dv, dec); err != nil {
		return err
	}
	return dv.Close(closing)
}

func TestPoolHonestClaimsVerify(t *testing.T) {
	b := newTestBlob(t)
	claims := []claimSpec{b.honestClaim(t, "w"), b.honestClaim(t, "odd"), b.honestClaim(t, "b"), b.honestClaim(t, "w")}
	if err := b.run(t, claims, nil); err != nil {
		t.Fatalf("honest pool rejected: %v", err)
	}
	// One claim alone, and the same point claimed twice with the same value.
	if err := b.run(t, claims[:1], nil); err != nil {
		t.Fatalf("single claim rejected: %v", err)
	}
	if err := b.run(t, []claimSpec{claims[1], claims[1]}, nil); err != nil {
		t.Fatalf("repeated consistent claim rejected: %v", err)
	}
}

func TestPoolRejectsWrongValue(t *testing.T) {
	b := newTestBlob(t)
	c := b.honestClaim(t, "odd")
	var one fr.Element
	one.SetOne()
	c.value.Add(&c.value, &one)
	if err := b.run(t, []claimSpec{b.honestClaim(t, "w"), c}, nil); err == nil {
		t.Fatal("a false claim was accepted")
	}
}

// Attack 19: two different values claimed for one tensor at one point.
func TestPoolRejectsTwoValuesAtOnePoint(t *testing.T) {
	b := newTestBlob(t)
	c := b.honestClaim(t, "w")
	d := c
	var one fr.Element
	one.SetOne()
	d.value.Add(&d.value, &one)
	if err := b.run(t, []claimSpec{c, c}, nil); err != nil {
		t.Fatalf("control: %v", err)
	}
	if err := b.run(t, []claimSpec{c, d}, nil); err == nil {
		t.Fatal("two different values at one point were accepted")
	}
}

// Final claim inconsistent with the opening: ⟦T(ρ)⟧ replaced in the proof.
func TestPoolRejectsTamperedSettlement(t *testing.T) {
	b := newTestBlob(t)
	claims := []claimSpec{b.honestClaim(t, "w"), b.honestClaim(t, "b")}
	g := pedersenG(t)
	cases := map[string]func(*Proof){
		"final T(rho)": func(p *Proof) { p.RED.Finals[0].Add(&p.RED.Finals[0], &g) },
		"round 0":      func(p *Proof) { p.RED.Rounds[0].Add(&p.RED.Rounds[0], &g) },
		"last round":   func(p *Proof) { p.RED.Rounds[len(p.RED.Rounds)-1].Add(&p.RED.Rounds[len(p.RED.Rounds)-1], &g) },
		"opening L":    func(p *Proof) { p.Opening.L[0].Add(&p.Opening.L[0], &g) },
		"opening S":    func(p *Proof) { p.Opening.S.Add(&p.Opening.S, &g) },
		"opening z1":   func(p *Proof) { var o fr.Element; o.SetOne(); p.Opening.Z1.Add(&p.Opening.Z1, &o) },
	}
	for name, tamper := range cases {
		if err := b.run(t, claims, tamper); err == nil {
			t.Errorf("%s: tampered settlement accepted", name)
		}
	}
}

func pedersenG(t testing.TB) bls12381.G1Affine {
	gens, err := pedersen.Get(0)
	if err != nil {
		t.Fatal(err)
	}
	return gens.G
}

func TestPoolOneOpeningPerBlob(t *testing.T) {
	b := newTestBlob(t)
	tr := transcript.New()
	dp, _ := sumcheck.NewDLCProver(tr)
	pp, _ := NewProver(b.shape, b.values, b.blinds)
	if _, err := pp.Settle(dp); !errors.Is(err, ErrEmpty) {
		t.Fatalf("settling an empty pool: %v", err)
	}
	c := b.honestClaim(t, "w")
	s, _ := dp.Commit(c.value)
	if err := pp.Add(c.name, c.q, s); err != nil {
		t.Fatal(err)
	}
	if _, err := pp.Settle(dp); err != nil {
		t.Fatal(err)
	}
	if _, err := pp.Settle(dp); !errors.Is(err, ErrSettled) {
		t.Fatalf("second settlement: %v", err)
	}
	if err := pp.Add(c.name, c.q, s); !errors.Is(err, ErrSettled) {
		t.Fatalf("claim after settlement: %v", err)
	}
	if err := pp2Add(b, "nope"); !errors.Is(err, ErrClaim) {
		t.Fatalf("claim on an unknown tensor: %v", err)
	}
}

func pp2Add(b *testBlob, name string) error {
	pp, _ := NewProver(b.shape, b.values, b.blinds)
	return pp.Add(name, nil, sumcheck.Scalar{})
}

// Final claim inconsistent with the opening: the prover runs RED (and
// derives its claims) over a table that differs from the committed blob in
// one entry. Every DLC relation holds; only the blob opening can catch it.
func TestPoolRejectsClaimsOnAnotherTable(t *testing.T) {
	b := newTestBlob(t)
	liar := *b
	liar.values = append([]fr.Element(nil), b.values...)
	one := fr.One()
	liar.values[5].Add(&liar.values[5], &one)
	claims := []claimSpec{liar.honestClaim(t, "w"), liar.honestClaim(t, "b")}
	// Control: against rows that commit to the liar's table it verifies.
	gens, _ := pedersen.Get(1 << b.shape.LogC)
	rows, err := gens.CommitRows(liar.values, 1<<b.shape.LogC, 0, len(b.blinds), b.blinds)
	if err != nil {
		t.Fatal(err)
	}
	control := liar
	control.rows = rows
	if err := control.run(t, claims, nil); err != nil {
		t.Fatalf("control rejected: %v", err)
	}
	if err := liar.run(t, claims, nil); err == nil {
		t.Fatal("claims on a table other than the committed blob were accepted")
	}
}

func TestPoolDecoderStrict(t *testing.T) {
	s := fuzzShape()
	size, err := s.ProofSize()
	if err != nil {
		t.Fatal(err)
	}
	b := newTestBlob(t)
	proof, _, _ := b.prove(t, []claimSpec{b.honestClaim(t, "b")})
	enc := proof.Marshal()
	if len(enc) != size {
		t.Fatalf("%d bytes, want %d", len(enc), size)
	}
	for name, data := range map[string][]byte{
		"empty":         nil,
		"short":         enc[:len(enc)-1],
		"trailing byte": append(append([]byte(nil), enc...), 0),
	} {
		if _, err := UnmarshalProof(data, s); !errors.Is(err, ErrDecode) {
			t.Errorf("%s: got %v, want a decode error", name, err)
		}
	}
	bad := append([]byte(nil), enc...)
	bad[0] = 0xC0 // identity round commitment
	for i := 1; i < 48; i++ {
		bad[i] = 0
	}
	if _, err := UnmarshalProof(bad, s); !errors.Is(err, ErrDecode) {
		t.Errorf("identity point: got %v", err)
	}
}

// Every point +G and every scalar +1 of a settlement, one at a time: all
// rejected (the substitutes still decode, so the equations catch them).
func TestPoolEverySubstitutionRejected(t *testing.T) {
	b := newTestBlob(t)
	claims := []claimSpec{b.honestClaim(t, "w"), b.honestClaim(t, "odd")}
	g := pedersenG(t)
	pointsOf := func(p *Proof) []*bls12381.G1Affine {
		var out []*bls12381.G1Affine
		for i := range p.RED.Rounds {
			out = append(out, &p.RED.Rounds[i])
		}
		for i := range p.RED.Finals {
			out = append(out, &p.RED.Finals[i])
		}
		for i := range p.Opening.L {
			out = append(out, &p.Opening.L[i], &p.Opening.R[i])
		}
		return append(out, &p.Opening.S)
	}
	scalarsOf := func(p *Proof) []*fr.Element { return []*fr.Element{&p.Opening.Z1, &p.Opening.Z2} }
	var probe Proof
	count := 0
	if err := b.run(t, claims, func(p *Proof) { probe = *p }); err != nil {
		t.Fatalf("control: %v", err)
	}
	for i := range pointsOf(&probe) {
		if err := b.run(t, claims, func(p *Proof) { pt := pointsOf(p)[i]; pt.Add(pt, &g) }); err == nil {
			t.Errorf("point %d +G accepted", i)
		}
		count++
	}
	for i := range scalarsOf(&probe) {
		one := fr.One()
		if err := b.run(t, claims, func(p *Proof) { s := scalarsOf(p)[i]; s.Add(s, &one) }); err == nil {
			t.Errorf("scalar %d +1 accepted", i)
		}
		count++
	}
	t.Logf("%d substitutions in a settlement, all rejected", count)
}

// TestPoolOpeningStatementAbsorbed: the blob opening absorbs its statement
// itself (ipa/stmt right before ipa/x, PROTOCOL §4.5 rev 1.2), and the C*
// the prover states without the rows (⟨a,g⟩ + α·H) is byte for byte the
// C* the verifier forms from the row commitments.
func TestPoolOpeningStatementAbsorbed(t *testing.T) {
	b := newTestBlob(t)
	pr, vr := &transcript.Recorder{}, &transcript.Recorder{}
	b.proverObs, b.verifierObs = pr, vr
	if err := b.run(t, []claimSpec{b.honestClaim(t, "w"), b.honestClaim(t, "odd")}, nil); err != nil {
		t.Fatalf("honest pool rejected: %v", err)
	}
	stmt := func(rec *transcript.Recorder) []byte {
		for i, e := range rec.Events {
			if e.Label == transcript.LabelIPAx {
				prev := rec.Events[i-1]
				if prev.Kind != transcript.Absorb || prev.Label != transcript.LabelIPAStatement {
					t.Fatalf("ipa/x not preceded by ipa/stmt:\n%s", rec)
				}
				return prev.Data
			}
		}
		t.Fatal("no IPA in the transcript")
		return nil
	}
	ps, vs := stmt(pr), stmt(vr)
	if len(ps) != 2*48 || string(ps) != string(vs) {
		t.Fatalf("opening statement differs: prover %x, verifier %x", ps, vs)
	}
}
