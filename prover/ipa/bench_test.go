package ipa

import (
	"math/rand/v2"
	"testing"
	"time"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// benchOpening commits a 2^logN-entry int16 matrix as Hyrax rows of
// c = 2^⌈(logN+1)/2⌉ (PROTOCOL §4.2 [R] for weights), then measures one
// opening: proof size, prover time, verifier time (decode + C* + IPA MSM),
// and the verifier time relative to one MSM over the c generators, after
// one untimed opening and MSM (warm-up).
func benchOpening(b *testing.B, logN int) {
	logC := (logN + 2) / 2
	c := 1 << logC
	rows := 1 << (logN - logC)
	gens, err := pedersen.Get(c)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(logN)))
	w := make([]int16, 1<<logN)
	for i := range w {
		w[i] = int16(rng.IntN(65536) - 32768)
	}
	blind := field.RandomScalars(rows)
	commitments, err := pedersen.CommitRowsSmall(gens, w, c, 0, rows, blind)
	if err != nil {
		b.Fatal(err)
	}
	q := field.RandomScalars(logN)
	qCol, qRow, _ := SplitPoint(q, logC)
	start := func(Y bls12381.G1Affine) *transcript.Transcript {
		tr := transcript.New()
		tr.AbsorbScalars(transcript.LabelTest, q)
		tr.AbsorbPoint(transcript.LabelClaim, &Y)
		return tr
	}
	baseline := field.RandomScalars(c)
	// once runs one opening (prove, verify) and the MSM baseline.
	once := func() (prove, verify, msm time.Duration, size int) {
		t0 := time.Now()
		a, alpha, err := OpenWitnessSmall(w, c, blind, qRow)
		if err != nil {
			b.Fatal(err)
		}
		y := field.InnerProduct(a, EqTable(qCol))
		beta := field.RandomScalar()
		Y := gens.CommitScalar(&y, &beta)
		cStar, err := OpenStatement(commitments, qRow)
		if err != nil {
			b.Fatal(err)
		}
		proof, err := OpenProve(start(Y), gens, cStar.Eval(), Y, qCol, a, alpha, beta)
		if err != nil {
			b.Fatal(err)
		}
		enc := proof.Marshal()
		t1 := time.Now()
		decoded, err := UnmarshalProof(enc, logC)
		if err != nil {
			b.Fatal(err)
		}
		if err := OpenVerify(start(Y), gens, commitments, logC, q, Y, decoded); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		pedersen.MSM(gens.Vector(c), baseline)
		t3 := time.Now()
		return t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), len(enc)
	}
	once() // warm-up, untimed: first-use allocations and page faults
	var proveT, verifyT, msmT time.Duration
	var size int
	b.ResetTimer()
	for range b.N {
		p, v, m, sz := once()
		proveT += p
		verifyT += v
		msmT += m
		size = sz
	}
	n := float64(b.N)
	b.ReportMetric(float64(size), "proof-bytes")
	b.ReportMetric(proveT.Seconds()/n, "prove-s/op")
	b.ReportMetric(verifyT.Seconds()*1e3/n, "verify-ms/op")
	b.ReportMetric(verifyT.Seconds()/msmT.Seconds(), "verify/MSM(c)")
	b.ReportMetric(float64(c), "row-length")
}

func BenchmarkOpening2p24(b *testing.B) { benchOpening(b, 24) }
func BenchmarkOpening2p16(b *testing.B) { benchOpening(b, 16) }

// BenchmarkIPAProve measures the zk-IPA prover alone for 2^k weights.
func BenchmarkIPAProve2p12(b *testing.B) {
	k := 12
	gens, _ := pedersen.Get(1 << k)
	a := field.RandomScalars(1 << k)
	w := EqWeights(field.RandomScalars(k))
	var zero fr.Element
	b.ResetTimer()
	for range b.N {
		if _, err := Prove(transcript.New(), gens, bls12381.G1Affine{}, bls12381.G1Affine{}, w, a, zero, zero); err != nil {
			b.Fatal(err)
		}
	}
}
