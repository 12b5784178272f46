package ipa

import (
	"errors"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// instance is an honest IPA statement with its proof.
type instance struct {
	gens  *pedersen.Generators
	w     Weights
	a     []fr.Element
	alpha fr.Element
	y     fr.Element
	beta  fr.Element
	Pa    bls12381.G1Affine
	Y     bls12381.G1Affine
	proof *Proof
}

func mustGens(t testing.TB, n int) *pedersen.Generators {
	t.Helper()
	g, err := pedersen.Get(n)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// newTranscript returns a transcript that has absorbed the statement, as a
// caller of Prove/Verify must.
func newTranscript(Pa, Y bls12381.G1Affine) *transcript.Transcript {
	tr := transcript.New()
	tr.AbsorbPoints(transcript.LabelTest, []bls12381.G1Affine{Pa, Y})
	return tr
}

// makeInstance builds a random instance with len(a) = 2^k; when eq is true
// w = eq(u,·) for a random u.
func makeInstance(t testing.TB, k int, eq bool) *instance {
	t.Helper()
	n := 1 << k
	in := &instance{gens: mustGens(t, n)}
	if eq {
		in.w = EqWeights(field.RandomScalars(k))
	} else {
		var err error
		if in.w, err = VectorWeights(field.RandomScalars(n)); err != nil {
			t.Fatal(err)
		}
	}
	in.a = field.RandomScalars(n)
	in.alpha, in.beta = field.RandomScalar(), field.RandomScalar()
	in.y = field.InnerProduct(in.a, in.w.Values())
	var err error
	if in.Pa, err = in.gens.CommitVector(in.a, &in.alpha); err != nil {
		t.Fatal(err)
	}
	in.Y = in.gens.CommitScalar(&in.y, &in.beta)
	in.proof, err = Prove(newTranscript(in.Pa, in.Y), in.gens, in.Pa, in.Y, in.w, in.a, in.alpha, in.beta)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func (in *instance) verify(p *Proof) error {
	return Verify(newTranscript(in.Pa, in.Y), in.gens, Single(in.Pa), in.Y, in.w, p)
}

func TestIPACompleteness(t *testing.T) {
	for k := 0; k <= 6; k++ {
		for _, eq := range []bool{false, true} {
			in := makeInstance(t, k, eq)
			if err := in.verify(in.proof); err != nil {
				t.Fatalf("k=%d eq=%v: honest proof rejected: %v", k, eq, err)
			}
		}
	}
}

func TestIPAWrongValueRejected(t *testing.T) {
	in := makeInstance(t, 4, true)
	var y1 fr.Element
	y1.SetOne()
	y1.Add(&y1, &in.y)
	Y1 := in.gens.CommitScalar(&y1, &in.beta)
	p, err := Prove(newTranscript(in.Pa, Y1), in.gens, in.Pa, Y1, in.w, in.a, in.alpha, in.beta)
	if err != nil {
		t.Fatal(err)
	}
	err = Verify(newTranscript(in.Pa, Y1), in.gens, Single(in.Pa), Y1, in.w, p)
	if !errors.Is(err, ErrReject) {
		t.Fatalf("claim y+1 accepted: %v", err)
	}
}
