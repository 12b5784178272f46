package ipa

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// target is one encoded proof with a decoder+verifier over its bytes.
type target struct {
	name   string
	enc    []byte
	fields []fieldPos // where each point / scalar sits in enc
	// check decodes b and verifies it; decodeErr is non-nil when the
	// decoder refused b, verifyErr when the equations did.
	check func(b []byte) (decodeErr, verifyErr error)
	// reencode encodes what check decoded (for the round-trip property).
	reencode func(b []byte) []byte
}

type fieldPos struct {
	off   int
	point bool
}

func ipaFields(k int) []fieldPos {
	var fs []fieldPos
	for i := 0; i < 2*k+1; i++ {
		fs = append(fs, fieldPos{off: i * field.PointSize, point: true})
	}
	base := (2*k + 1) * field.PointSize
	return append(fs, fieldPos{off: base}, fieldPos{off: base + field.ScalarSize})
}

func productFields() []fieldPos {
	var fs []fieldPos
	for i := 0; i < 3; i++ {
		fs = append(fs, fieldPos{off: i * field.PointSize, point: true})
	}
	for i := 0; i < 5; i++ {
		fs = append(fs, fieldPos{off: 3*field.PointSize + i*field.ScalarSize})
	}
	return fs
}

func ipaTarget(in *instance) target {
	k := in.w.LogLen()
	return target{
		name:   "ipa",
		enc:    in.proof.Marshal(),
		fields: ipaFields(k),
		check: func(b []byte) (error, error) {
			p, err := UnmarshalProof(b, k)
			if err != nil {
				return err, nil
			}
			return nil, in.verify(p)
		},
		reencode: func(b []byte) []byte {
			p, _ := UnmarshalProof(b, k)
			return p.Marshal()
		},
	}
}

// productInstance is an honest product proof with its statement.
type productInstance struct {
	gens    *pedersen.Generators
	X, Y, Z bls12381.G1Affine
	witness ProductWitness
	proof   *ProductProof
}

func productTranscript(X, Y, Z bls12381.G1Affine) *transcript.Transcript {
	tr := transcript.New()
	tr.AbsorbPoints(transcript.LabelFinalEvals, []bls12381.G1Affine{X, Y, Z})
	return tr
}

func makeProduct(t testing.TB, x, y fr.Element) *productInstance {
	gens := mustGens(t, 1)
	w := ProductWitness{X: x, RX: field.RandomScalar(), Y: y, RY: field.RandomScalar(), RZ: field.RandomScalar()}
	var z fr.Element
	z.Mul(&x, &y)
	in := &productInstance{gens: gens, witness: w}
	in.X = gens.CommitScalar(&w.X, &w.RX)
	in.Y = gens.CommitScalar(&w.Y, &w.RY)
	in.Z = gens.CommitScalar(&z, &w.RZ)
	in.proof = ProveProduct(productTranscript(in.X, in.Y, in.Z), gens, in.X, in.Y, in.Z, w)
	return in
}

func (in *productInstance) verify(p *ProductProof) error {
	return VerifyProduct(productTranscript(in.X, in.Y, in.Z), in.gens, in.X, in.Y, in.Z, p)
}

func productTarget(in *productInstance) target {
	return target{
		name:   "product",
		enc:    in.proof.Marshal(),
		fields: productFields(),
		check: func(b []byte) (error, error) {
			p, err := UnmarshalProductProof(b)
			if err != nil {
				return err, nil
			}
			return nil, in.verify(p)
		},
		reencode: func(b []byte) []byte {
			p, _ := UnmarshalProductProof(b)
			return p.Marshal()
		},
	}
}

func allTargets(t *testing.T) []target {
	o := makeOpening(t, 20, 3)
	return []target{
		ipaTarget(makeInstance(t, 3, false)),
		ipaTarget(makeInstance(t, 5, true)),
		productTarget(makeProduct(t, field.RandomScalar(), field.RandomScalar())),
		openingTarget(o),
	}
}

func TestHonestControls(t *testing.T) {
	for _, tg := range allTargets(t) {
		if dErr, vErr := tg.check(tg.enc); dErr != nil || vErr != nil {
			t.Fatalf("%s: honest proof rejected: %v %v", tg.name, dErr, vErr)
		}
		if !bytes.Equal(tg.reencode(tg.enc), tg.enc) {
			t.Fatalf("%s: encode(decode(b)) != b", tg.name)
		}
	}
}

// TestSubstituteEveryElement replaces every scalar by scalar+1 and every
// point by point+G, one at a time: the decoder accepts each (they are
// valid encodings), so the verifier's equations must reject each.
func TestSubstituteEveryElement(t *testing.T) {
	_, _, g, _ := bls12381.Generators()
	one := fr.One()
	for _, tg := range allTargets(t) {
		for i, f := range tg.fields {
			b := bytes.Clone(tg.enc)
			if f.point {
				p, err := field.DecodePoint(b[f.off : f.off+field.PointSize])
				if err != nil {
					t.Fatal(err)
				}
				p.Add(&p, &g)
				copy(b[f.off:], field.AppendPoint(nil, &p))
			} else {
				s, err := field.DecodeScalar(b[f.off : f.off+field.ScalarSize])
				if err != nil {
					t.Fatal(err)
				}
				s.Add(&s, &one)
				copy(b[f.off:], field.AppendScalar(nil, &s))
			}
			dErr, vErr := tg.check(b)
			if dErr != nil {
				t.Fatalf("%s element %d: valid substitute refused by decoder: %v", tg.name, i, dErr)
			}
			if !errors.Is(vErr, ErrReject) {
				t.Fatalf("%s element %d (point=%v): substitution accepted", tg.name, i, f.point)
			}
		}
		t.Logf("%s: %d elements substituted, all rejected by the equations", tg.name, len(tg.fields))
	}
}

// TestRandomBitFlips flips one random bit at a time (10,000 flips over the
// targets): none may be accepted; counts who stopped each.
func TestRandomBitFlips(t *testing.T) {
	total := 10000
	if testing.Short() {
		total = 400
	}
	rng := rand.New(rand.NewPCG(uint64(total), 99))
	tgs := allTargets(t)
	var byDecoder, byEquation int
	for n := 0; n < total; n++ {
		tg := tgs[n%len(tgs)]
		b := bytes.Clone(tg.enc)
		bit := rng.IntN(8 * len(b))
		b[bit/8] ^= 1 << (bit % 8)
		dErr, vErr := tg.check(b)
		switch {
		case dErr != nil:
			byDecoder++
		case vErr != nil:
			byEquation++
			if !bytes.Equal(tg.reencode(b), b) {
				t.Fatalf("%s: decoded flip does not re-encode to itself", tg.name)
			}
		default:
			t.Fatalf("%s: bit flip %d accepted", tg.name, bit)
		}
	}
	t.Logf("%d bit flips: %d stopped by the decoder, %d by the equations, 0 accepted", total, byDecoder, byEquation)
}

// TestStatementMutationsRejected: the statement (P_a, Y, w), the claimed
// value and the transcript history are all bound.
func TestStatementMutationsRejected(t *testing.T) {
	in := makeInstance(t, 4, true)
	_, _, g, _ := bls12381.Generators()
	var paG, yG bls12381.G1Affine
	paG.Add(&in.Pa, &g)
	yG.Add(&in.Y, &g)
	otherW := EqWeights(field.RandomScalars(4))
	// Y committing y+1 with the same blinding.
	var y1 fr.Element
	y1.SetOne()
	y1.Add(&y1, &in.y)
	Y1 := in.gens.CommitScalar(&y1, &in.beta)
	cases := map[string]error{
		"P_a+G": Verify(newTranscript(in.Pa, in.Y), in.gens, Single(paG), in.Y, in.w, in.proof),
		"Y+G":   Verify(newTranscript(in.Pa, in.Y), in.gens, Single(in.Pa), yG, in.w, in.proof),
		"y+1":   Verify(newTranscript(in.Pa, in.Y), in.gens, Single(in.Pa), Y1, in.w, in.proof),
		"w":     Verify(newTranscript(in.Pa, in.Y), in.gens, Single(in.Pa), in.Y, otherW, in.proof),
		"history": func() error {
			tr := transcript.New()
			tr.AbsorbPoints(transcript.LabelClaim, []bls12381.G1Affine{in.Pa, in.Y}) // other label
			return Verify(tr, in.gens, Single(in.Pa), in.Y, in.w, in.proof)
		}(),
		"rounds": Verify(newTranscript(in.Pa, in.Y), in.gens, Single(in.Pa), in.Y, EqWeights(field.RandomScalars(3)), in.proof),
	}
	for name, err := range cases {
		if !errors.Is(err, ErrReject) {
			t.Errorf("%s: accepted (%v)", name, err)
		}
	}
}

func TestProductProof(t *testing.T) {
	edge := []fr.Element{field.FromInt64(0), field.FromInt64(1), field.FromInt64(-1)}
	for _, x := range append(edge, field.RandomScalar()) {
		for _, y := range append(edge, field.RandomScalar()) {
			in := makeProduct(t, x, y)
			if err := in.verify(in.proof); err != nil {
				t.Fatalf("honest product proof rejected: %v", err)
			}
		}
	}
	in := makeProduct(t, field.RandomScalar(), field.RandomScalar())
	_, _, g, _ := bls12381.Generators()
	for i, mut := range []func(X, Y, Z *bls12381.G1Affine){
		func(X, Y, Z *bls12381.G1Affine) { X.Add(X, &g) },
		func(X, Y, Z *bls12381.G1Affine) { Y.Add(Y, &g) },
		func(X, Y, Z *bls12381.G1Affine) { Z.Add(Z, &g) },
	} {
		X, Y, Z := in.X, in.Y, in.Z
		mut(&X, &Y, &Z)
		if err := VerifyProduct(productTranscript(in.X, in.Y, in.Z), in.gens, X, Y, Z, in.proof); !errors.Is(err, ErrReject) {
			t.Fatalf("statement mutation %d accepted", i)
		}
	}
	// A prover claiming z ≠ x·y.
	gens := in.gens
	w := ProductWitness{X: field.RandomScalar(), RX: field.RandomScalar(), Y: field.RandomScalar(), RY: field.RandomScalar(), RZ: field.RandomScalar()}
	var z fr.Element
	z.Mul(&w.X, &w.Y)
	z.Add(&z, &edge[1])
	X := gens.CommitScalar(&w.X, &w.RX)
	Y := gens.CommitScalar(&w.Y, &w.RY)
	Z := gens.CommitScalar(&z, &w.RZ)
	p := ProveProduct(productTranscript(X, Y, Z), gens, X, Y, Z, w)
	if err := VerifyProduct(productTranscript(X, Y, Z), gens, X, Y, Z, p); !errors.Is(err, ErrReject) {
		t.Fatal("false product accepted")
	}
}
