package ipa

import (
	"errors"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/transcript"
)

// TestVerifyRefusesTooManyRounds: weights of 2^k entries with k ≥ 63 make
// Len() wrap (1<<64 == 0), which used to slip past the generator-count check
// and panic in the fold; the verifier must refuse k > MaxRounds like Prove.
func TestVerifyRefusesTooManyRounds(t *testing.T) {
	gens := mustGens(t, 4)
	_, _, g, _ := bls12381.Generators()
	for _, k := range []int{MaxRounds + 1, 63, 64} {
		p := &Proof{L: make([]bls12381.G1Affine, k), R: make([]bls12381.G1Affine, k), S: g}
		for i := range p.L {
			p.L[i], p.R[i] = g, g
		}
		u := make([]fr.Element, k)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("k=%d: Verify panicked: %v", k, r)
				}
			}()
			err := Verify(transcript.New(), gens, Single(g), g, EqWeights(u), p)
			if !errors.Is(err, ErrReject) {
				t.Fatalf("k=%d: got %v, want ErrReject", k, err)
			}
			b := NewBatch(gens)
			if err := b.AddIPA(transcript.New(), Single(g), g, EqWeights(u), p); !errors.Is(err, ErrReject) {
				t.Fatalf("k=%d: batch: got %v, want ErrReject", k, err)
			}
		}()
	}
}

// TestVerifierAbsorbsStatement: every verifying entry point absorbs the
// statement itself before its first challenge (PROTOCOL §4.5 rev 1.2), so a
// caller that absorbed nothing still binds P_a, Y (and X, Y, Z) — and a
// proof made on a bare transcript for one statement fails for another.
func TestVerifierAbsorbsStatement(t *testing.T) {
	in := makeInstance(t, 3, true)
	p, err := Prove(transcript.New(), in.gens, in.Pa, in.Y, in.w, in.a, in.alpha, in.beta)
	if err != nil {
		t.Fatal(err)
	}
	stmt := field.AppendPoints(nil, []bls12381.G1Affine{in.Pa, in.Y})
	for name, check := range map[string]func(tr *transcript.Transcript) error{
		"Verify": func(tr *transcript.Transcript) error { return Verify(tr, in.gens, Single(in.Pa), in.Y, in.w, p) },
		"Batch.AddIPA": func(tr *transcript.Transcript) error {
			b := NewBatch(in.gens)
			if err := b.AddIPA(tr, Single(in.Pa), in.Y, in.w, p); err != nil {
				return err
			}
			return b.Verify()
		},
	} {
		rec := &transcript.Recorder{}
		tr := transcript.New()
		tr.Observe(rec)
		if err := check(tr); err != nil {
			t.Fatalf("%s: honest proof on a bare transcript rejected: %v", name, err)
		}
		if n, ok := rec.SqueezesBefore(stmt); !ok || n != 0 {
			t.Fatalf("%s: statement absorbed after %d squeezes (%v)", name, n, ok)
		}
	}
	// Same proof, statement Y' = Y + G: the bare transcripts diverge.
	_, _, g, _ := bls12381.Generators()
	var y2 bls12381.G1Affine
	y2.Add(&in.Y, &g)
	if err := Verify(transcript.New(), in.gens, Single(in.Pa), y2, in.w, p); !errors.Is(err, ErrReject) {
		t.Fatalf("other statement accepted: %v", err)
	}

	pr := makeProduct(t, field.RandomScalar(), field.RandomScalar())
	w := pr.witness
	pp := ProveProduct(transcript.New(), pr.gens, pr.X, pr.Y, pr.Z, w)
	rec := &transcript.Recorder{}
	tr := transcript.New()
	tr.Observe(rec)
	if err := VerifyProduct(tr, pr.gens, pr.X, pr.Y, pr.Z, pp); err != nil {
		t.Fatalf("honest product proof on a bare transcript rejected: %v", err)
	}
	if n, ok := rec.SqueezesBefore(field.AppendPoints(nil, []bls12381.G1Affine{pr.X, pr.Y, pr.Z})); !ok || n != 0 {
		t.Fatalf("product statement absorbed after %d squeezes (%v)", n, ok)
	}
}
