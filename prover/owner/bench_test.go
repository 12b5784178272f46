package owner

import (
	"crypto/sha256"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/zkllm/zkllm/prover/pedersen"
)

// benchOwner commits a blob of 2^logN entries: one tensor of 3·2^(logN−2)
// int16 weights (the rest padding, so the zero-check has work) in rows of
// c_W as the CLI commits them.
func benchOwner(b *testing.B, logN int) (*Blob, []int16, *Prover, []byte) {
	b.Helper()
	blob, err := NewBlob([]pedersen.TensorSpec{{Name: "w", Shape: []uint64{3 << (logN - 2)}}})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	values := make([]int16, blob.Layout.Size())
	for i := range 3 << (logN - 2) {
		values[i] = int16(rng.IntN(1<<16) - 1<<15)
	}
	s, md := Secret{1}, sha256.Sum256([]byte("bench manifest"))
	p, err := newProver(blob, values, &s, md)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := blob.CommitRows(values, &s, md, 0, blob.NumRows())
	if err != nil {
		b.Fatal(err)
	}
	vkFile, err := (&pedersen.VerifyingKey{GeneratorVersion: pedersen.GeneratorVersion, LogC: blob.LogC, Layout: blob.Layout, Rows: rows}).Marshal()
	if err != nil {
		b.Fatal(err)
	}
	return blob, values, p, vkFile
}

// BenchmarkWeightProof: the owner's weight proof v2 (§4.3: int16 range and
// zero padding, one blob opening) for a blob of 2^18 entries (stories260K's
// size class; 2^12 under -short). Reports prover and verifier time and the
// proof size.
func BenchmarkWeightProof(b *testing.B) {
	logN := 18
	if testing.Short() {
		logN = 12
	}
	blob, _, p, vkFile := benchOwner(b, logN)
	k, err := OpenVerifierKey(blob, p.ManifestDigest, vkFile)
	if err != nil {
		b.Fatal(err)
	}
	var proveT, verifyT time.Duration
	var size int
	for b.Loop() {
		start := time.Now()
		proof, err := p.ProveWeights(vkFile)
		if err != nil {
			b.Fatal(err)
		}
		proveT += time.Since(start)
		enc := proof.Marshal()
		size = len(enc)
		start = time.Now()
		if err := k.VerifyWeightProof(enc); err != nil {
			b.Fatal(err)
		}
		verifyT += time.Since(start)
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64((proveT / n).Milliseconds()), "prove_ms")
	b.ReportMetric(float64((verifyT / n).Milliseconds()), "verify_ms")
	b.ReportMetric(float64(size), "proof_bytes")
}

// BenchmarkCommit: the resumable commit of a 2^18 blob (2^12 under -short).
func BenchmarkCommit(b *testing.B) {
	logN := 18
	if testing.Short() {
		logN = 12
	}
	blob, values, p, _ := benchOwner(b, logN)
	s := Secret{1}
	for b.Loop() {
		if _, err := blob.CommitRows(values, &s, p.ManifestDigest, 0, blob.NumRows()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(blob.NumRows()), "rows")
}
