package ipa

import (
	"bytes"
	"errors"
	"math/big"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/transcript"
)

// batchAll verifies an IPA, an opening and a product proof in one batch.
func batchAll(t *testing.T, in *instance, o *opening, pr *productInstance, ipaP *Proof, openP *Proof, prodP *ProductProof) error {
	t.Helper()
	gens := mustGens(t, max(in.w.Len(), 1<<o.logC))
	b := NewBatch(gens)
	if err := checkAll(b, in, o, pr, ipaP, openP, prodP); err != nil {
		return err
	}
	if b.Len() != 5 {
		t.Fatalf("batch holds %d equations, want 5", b.Len())
	}
	batched := b.Verify()
	// The Immediate checker must reach the same verdict.
	immediate := checkAll(Immediate{Gens: gens}, in, o, pr, ipaP, openP, prodP)
	if (batched == nil) != (immediate == nil) {
		t.Fatalf("batched %v but immediate %v", batched, immediate)
	}
	return batched
}

func checkAll(b Checker, in *instance, o *opening, pr *productInstance, ipaP *Proof, openP *Proof, prodP *ProductProof) error {
	if err := b.AddIPA(newTranscript(in.Pa, in.Y), Single(in.Pa), in.Y, in.w, ipaP); err != nil {
		return err
	}
	if err := b.AddOpening(o.transcript(), o.rows, o.logC, o.q, o.Y, openP); err != nil {
		return err
	}
	return b.AddProduct(productTranscript(pr.X, pr.Y, pr.Z), pr.X, pr.Y, pr.Z, prodP)
}

// TestBatchMatchesUnbatched: on honest proofs and on every +1/+G
// substitution, the batched verdict equals the unbatched one.
func TestBatchMatchesUnbatched(t *testing.T) {
	in := makeInstance(t, 4, true)
	o := makeOpening(t, 40, 3)
	pr := makeProduct(t, field.RandomScalar(), field.RandomScalar())
	if err := batchAll(t, in, o, pr, in.proof, o.proof, pr.proof); err != nil {
		t.Fatalf("honest batch rejected: %v", err)
	}
	_, _, g, _ := bls12381.Generators()
	one := fr.One()
	mutate := func(enc []byte, f fieldPos) []byte {
		b := bytes.Clone(enc)
		if f.point {
			p, _ := field.DecodePoint(b[f.off : f.off+48])
			p.Add(&p, &g)
			copy(b[f.off:], field.AppendPoint(nil, &p))
		} else {
			s, _ := field.DecodeScalar(b[f.off : f.off+32])
			s.Add(&s, &one)
			copy(b[f.off:], field.AppendScalar(nil, &s))
		}
		return b
	}
	k := in.w.LogLen()
	for _, f := range ipaFields(k) {
		p, _ := UnmarshalProof(mutate(in.proof.Marshal(), f), k)
		single := in.verify(p)
		batched := batchAll(t, in, o, pr, p, o.proof, pr.proof)
		if !errors.Is(single, ErrReject) || !errors.Is(batched, ErrReject) {
			t.Fatalf("IPA mutation at %d: single=%v batched=%v", f.off, single, batched)
		}
	}
	for _, f := range ipaFields(o.logC) {
		p, _ := UnmarshalProof(mutate(o.proof.Marshal(), f), o.logC)
		single := o.verify(p)
		batched := batchAll(t, in, o, pr, in.proof, p, pr.proof)
		if !errors.Is(single, ErrReject) || !errors.Is(batched, ErrReject) {
			t.Fatalf("opening mutation at %d: single=%v batched=%v", f.off, single, batched)
		}
	}
	for _, f := range productFields() {
		p, _ := UnmarshalProductProof(mutate(pr.proof.Marshal(), f))
		single := pr.verify(p)
		batched := batchAll(t, in, o, pr, in.proof, o.proof, p)
		if !errors.Is(single, ErrReject) || !errors.Is(batched, ErrReject) {
			t.Fatalf("product mutation at %d: single=%v batched=%v", f.off, single, batched)
		}
	}
}

// TestEveryMessageAbsorbedBeforeNextChallenge instruments the prover's
// transcript: each L_t/R_t is absorbed after exactly t+1 challenges (x,
// e_0…e_{t−1}), S after k+1, (z1,z2) after k+2; T1..T3 before c, s after c.
func TestEveryMessageAbsorbedBeforeNextChallenge(t *testing.T) {
	const k = 4
	n := 1 << k
	gens := mustGens(t, n)
	w := EqWeights(field.RandomScalars(k))
	a := field.RandomScalars(n)
	alpha, beta := field.RandomScalar(), field.RandomScalar()
	tr := transcript.New()
	rec := &transcript.Recorder{}
	tr.Observe(rec)
	y := field.InnerProduct(a, w.Values())
	Pa, err := CommitWitness(gens, a, alpha)
	if err != nil {
		t.Fatal(err)
	}
	Y := gens.CommitScalar(&y, &beta)
	p, err := Prove(tr, gens, Pa, Y, w, a, alpha, beta)
	if err != nil {
		t.Fatal(err)
	}
	want := func(name string, msg []byte, squeezes int) {
		t.Helper()
		got, ok := rec.SqueezesBefore(msg)
		if !ok {
			t.Fatalf("%s never absorbed", name)
		}
		if got != squeezes {
			t.Fatalf("%s absorbed after %d challenges, want %d", name, got, squeezes)
		}
	}
	// The statement (P_a, Y) is absorbed by Prove itself, before x.
	want("P_a", field.AppendPoint(nil, &Pa), 0)
	want("Y", field.AppendPoint(nil, &Y), 0)
	for i := 0; i < k; i++ {
		want("L", field.AppendPoint(nil, &p.L[i]), i+1)
		want("R", field.AppendPoint(nil, &p.R[i]), i+1)
	}
	want("S", field.AppendPoint(nil, &p.S), k+1)
	want("z1", field.AppendScalar(nil, &p.Z1), k+2)
	want("z2", field.AppendScalar(nil, &p.Z2), k+2)
	if rec.Squeezes() != k+2 {
		t.Fatalf("%d squeezes, want %d", rec.Squeezes(), k+2)
	}

	rec2 := &transcript.Recorder{}
	tr2 := transcript.New()
	tr2.Observe(rec2)
	x, y := field.RandomScalar(), field.RandomScalar()
	wit := ProductWitness{X: x, RX: field.RandomScalar(), Y: y, RY: field.RandomScalar(), RZ: field.RandomScalar()}
	X := gens.CommitScalar(&wit.X, &wit.RX)
	var z fr.Element
	z.Mul(&x, &y)
	Yp := gens.CommitScalar(&wit.Y, &wit.RY)
	Zp := gens.CommitScalar(&z, &wit.RZ)
	pp := ProveProduct(tr2, gens, X, Yp, Zp, wit)
	for i, S := range []bls12381.G1Affine{X, Yp, Zp} { // statement, absorbed by ProveProduct
		if got, ok := rec2.SqueezesBefore(field.AppendPoint(nil, &S)); !ok || got != 0 {
			t.Fatalf("statement point %d absorbed after %d challenges (%v)", i, got, ok)
		}
	}
	for i, T := range []bls12381.G1Affine{pp.T1, pp.T2, pp.T3} {
		if got, ok := rec2.SqueezesBefore(field.AppendPoint(nil, &T)); !ok || got != 0 {
			t.Fatalf("T%d absorbed after %d challenges (%v)", i+1, got, ok)
		}
	}
	for i := range pp.S {
		if got, ok := rec2.SqueezesBefore(field.AppendScalar(nil, &pp.S[i])); !ok || got != 1 {
			t.Fatalf("s%d absorbed after %d challenges (%v)", i+1, got, ok)
		}
	}
}

// TestDecoderAttacks: trailing bytes, short input, huge round counts,
// identity and non-canonical elements are refused by the decoders.
func TestDecoderAttacks(t *testing.T) {
	in := makeInstance(t, 2, false)
	enc := in.proof.Marshal()
	if _, err := UnmarshalProof(append(bytes.Clone(enc), 0), 2); !errors.Is(err, ErrProof) {
		t.Fatalf("trailing byte: %v", err)
	}
	if _, err := UnmarshalProof(enc[:len(enc)-1], 2); !errors.Is(err, ErrProof) {
		t.Fatalf("short: %v", err)
	}
	for _, k := range []int{-1, MaxRounds + 1, 1 << 30} {
		if _, err := UnmarshalProof(enc, k); !errors.Is(err, ErrProof) {
			t.Fatalf("k=%d: %v", k, err)
		}
	}
	// identity in place of L_0
	b := bytes.Clone(enc)
	copy(b, append([]byte{0xC0}, make([]byte, 47)...))
	if _, err := UnmarshalProof(b, 2); !errors.Is(err, field.ErrIdentity) {
		t.Fatalf("identity L: %v", err)
	}
	// z1 + r (non-canonical)
	b = bytes.Clone(enc)
	off := len(b) - 64
	z := new(big.Int).SetBytes(b[off : off+32])
	z.Add(z, field.Modulus())
	if z.BitLen() <= 256 {
		z.FillBytes(b[off : off+32])
		if _, err := UnmarshalProof(b, 2); !errors.Is(err, field.ErrNonCanonicalScalar) {
			t.Fatalf("z1+r: %v", err)
		}
	}
	pr := makeProduct(t, field.RandomScalar(), field.RandomScalar())
	penc := pr.proof.Marshal()
	if _, err := UnmarshalProductProof(append(bytes.Clone(penc), 1)); !errors.Is(err, ErrProof) {
		t.Fatalf("product trailing: %v", err)
	}
	if _, err := UnmarshalProductProof(penc[:ProductProofSize-1]); !errors.Is(err, ErrProof) {
		t.Fatalf("product short: %v", err)
	}
	r := field.NewReader(penc[:100])
	if _, err := ReadProductProof(r); !errors.Is(err, ErrProof) {
		t.Fatalf("product reader short: %v", err)
	}
	if ProofSize(19) != 39*48+64 || ProductProofSize != 304 {
		t.Fatal("sizes differ from PROTOCOL §4.5/§4.7")
	}
}

// TestBatchGrowsGenerators: a batch started on fewer generators than an
// IPA needs extends them (the DLC's closing IPA can be wider than what the
// batch's owner fetched) and still rejects a tampered response.
func TestBatchGrowsGenerators(t *testing.T) {
	in := makeInstance(t, 4, true)
	for _, tamper := range []bool{false, true} {
		p := *in.proof
		if tamper {
			one := fr.One()
			p.Z1.Add(&p.Z1, &one)
		}
		b := NewBatch(mustGens(t, 0))
		if err := b.AddIPA(newTranscript(in.Pa, in.Y), Single(in.Pa), in.Y, in.w, &p); err != nil {
			t.Fatalf("tamper %v: add: %v", tamper, err)
		}
		err := b.Verify()
		if tamper != errors.Is(err, ErrReject) || (!tamper && err != nil) {
			t.Fatalf("tamper %v: batch verdict %v", tamper, err)
		}
	}
}
