package tlookup

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// BenchmarkBlobRange: the owner's weight range proof (§4.3) for a blob of
// 2^18 int16 weights (stories260K's size class; 2^12 under -short), rows
// of 2^⌈(n+1)/2⌉ as the CLI commits them. Reports prover and verifier time
// and the proof size.
func BenchmarkBlobRange(b *testing.B) {
	logN := 18
	if testing.Short() {
		logN = 12
	}
	vk, blob, blind := benchBlob(b, logN)
	id := make([]byte, 32)
	var proveT, verifyT time.Duration
	var size int
	for b.Loop() {
		start := time.Now()
		p, err := ProveBlobRange(vk, blob, blind, id)
		if err != nil {
			b.Fatal(err)
		}
		proveT += time.Since(start)
		enc := p.Marshal()
		size = len(enc)
		start = time.Now()
		if err := VerifyBlobRange(vk, id, enc); err != nil {
			b.Fatal(err)
		}
		verifyT += time.Since(start)
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64((proveT / n).Milliseconds()), "prove_ms")
	b.ReportMetric(float64((verifyT / n).Milliseconds()), "verify_ms")
	b.ReportMetric(float64(size), "proof_bytes")
}

// BenchmarkBlobRangeVerify: verifier only, 2^16 weights (2^12 under
// -short), the immediate path (each group equation on its own MSM) against
// the batched one (one MSM, PROTOCOL §11) in the same run.
func BenchmarkBlobRangeVerify(b *testing.B) {
	logN := 16
	if testing.Short() {
		logN = 12
	}
	vk, blob, blind := benchBlob(b, logN)
	id := make([]byte, 32)
	p, err := ProveBlobRange(vk, blob, blind, id)
	if err != nil {
		b.Fatal(err)
	}
	enc := p.Marshal()
	run := func(batched bool) time.Duration {
		dec, err := UnmarshalBlobRangeProof(enc, vk)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := dec.verify(vk, id, batched); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var immT, batT time.Duration
	for b.Loop() {
		immT += run(false)
		batT += run(true)
	}
	n := float64(b.N)
	b.ReportMetric(float64(immT.Microseconds())/1e3/n, "immediate_ms")
	b.ReportMetric(float64(batT.Microseconds())/1e3/n, "batched_ms")
	b.ReportMetric(float64(immT)/float64(batT), "speedup")
}

// benchBlob commits 2^logN random int16 weights in rows of 2^⌈(logN+1)/2⌉,
// as the CLI does, and returns the verifying key, the blob and the row blindings.
func benchBlob(b *testing.B, logN int) (*pedersen.VerifyingKey, []int16, []fr.Element) {
	b.Helper()
	layout, err := pedersen.Place([]pedersen.TensorSpec{{Name: "w", Shape: []uint64{1 << logN}}})
	if err != nil {
		b.Fatal(err)
	}
	logC := (logN + 2) / 2
	rng := rand.New(rand.NewPCG(1, 2))
	blob := make([]int16, 1<<logN)
	for i := range blob {
		blob[i] = int16(rng.IntN(1<<16) - 1<<15)
	}
	rows := 1 << (logN - logC)
	blind := field.RandomScalars(rows)
	gens, err := pedersen.Get(1 << logC)
	if err != nil {
		b.Fatal(err)
	}
	pts, err := pedersen.CommitRowsSmall(gens, blob, 1<<logC, 0, rows, blind)
	if err != nil {
		b.Fatal(err)
	}
	vk := &pedersen.VerifyingKey{GeneratorVersion: pedersen.GeneratorVersion, LogC: logC, Layout: layout, Rows: pts}
	return vk, blob, blind
}
