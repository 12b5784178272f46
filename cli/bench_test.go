package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// stories260K loads the shipped model as `model commit` does.
func stories260K(t testing.TB) *loadedModel {
	t.Helper()
	ck, tok, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ck.Name), ck.Data, 0o644)
	os.WriteFile(filepath.Join(dir, tok.Name), tok.Data, 0o644)
	format, files, err := locateSources(filepath.Join(dir, ck.Name), "")
	if err != nil {
		t.Fatal(err)
	}
	lm, err := loadModel(format, files)
	if err != nil {
		t.Fatal(err)
	}
	return lm
}

// stories260KJob prepares the commit of the shipped model as `model commit`
// does (load, quantize, lay out), in a temporary directory.
func stories260KJob(t testing.TB) *commitJob {
	t.Helper()
	layout, blob, err := weightBlob(stories260K(t).quantTensors())
	if err != nil {
		t.Fatal(err)
	}
	var sec ownerSecret
	sec.key[0] = 1
	return &commitJob{layout: layout, blob: blob, logC: weightLogC(layout.LogSize), secret: sec,
		modelKey: bytes.Repeat([]byte{0xbe}, 32), partialPath: filepath.Join(t.TempDir(), partialFile)}
}

// BenchmarkCommitStories260K measures the two halves of `model commit` on
// the shipped model: the Hyrax row commitments and the owner's weight proof
// v2 (prove + the self-check verify). rows/s and the share of the range proof
// are reported; run with -benchtime=1x.
func BenchmarkCommitStories260K(b *testing.B) {
	job := stories260KJob(b)
	if _, err := pedersen.Get(1 << job.logC); err != nil { // generators outside the timing
		b.Fatal(err)
	}
	s := &session{ctx: context.Background()}
	var rowsT, proofT time.Duration
	for i := 0; i < b.N; i++ {
		os.Remove(job.partialPath)
		t0 := time.Now()
		rows, _, err := job.run(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		vk := &pedersen.VerifyingKey{GeneratorVersion: pedersen.GeneratorVersion, LogC: job.logC, Layout: job.layout, Rows: rows}
		vkFile, err := vk.Marshal()
		if err != nil {
			b.Fatal(err)
		}
		md, _ := job.manifestDigest()
		if _, err := proveWeightRange(s, job, vk, owner.ModelID(md, vkFile)); err != nil {
			b.Fatal(err)
		}
		rowsT += t1.Sub(t0)
		proofT += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(job.layout.NumRows(job.logC))*n/rowsT.Seconds(), "rows/s")
	b.ReportMetric(rowsT.Seconds()/n, "rows-s/op")
	b.ReportMetric(proofT.Seconds()/n, "rangeproof-s/op")
	b.ReportMetric(proofT.Seconds()/rowsT.Seconds(), "rangeproof/rows")
}
