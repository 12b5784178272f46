package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
)

func testTensors() []quantTensor {
	mk := func(name string, shape []uint64, seed int) quantTensor {
		n := uint64(1)
		for _, d := range shape {
			n *= d
		}
		data := make([]int16, n)
		for i := range data {
			data[i] = int16((i*7919 + seed*104729) % 65536)
		}
		return quantTensor{Name: name, Shape: shape, Data: data}
	}
	return []quantTensor{
		mk("embed", []uint64{24, 40}, 1), // not powers of two: padded per axis
		mk("norm", []uint64{24}, 2),
		mk("w", []uint64{24, 24}, 3),
		mk("small", []uint64{3}, 4),
	}
}

func TestWeightBlobPlacement(t *testing.T) {
	ts := testTensors()
	layout, blob, err := weightBlob(ts)
	if err != nil {
		t.Fatal(err)
	}
	nonzero := 0
	for _, v := range blob {
		if v != 0 {
			nonzero++
		}
	}
	for _, q := range ts {
		p, ok := layout.Lookup(q.Name)
		if !ok {
			t.Fatalf("%s not placed", q.Name)
		}
		// Walk every coordinate through the layout's own Index.
		coord := make([]uint64, len(q.Shape))
		for i := range q.Data {
			idx, err := p.Index(coord)
			if err != nil {
				t.Fatal(err)
			}
			if blob[idx] != q.Data[i] {
				t.Fatalf("%s[%v]: blob %d, want %d", q.Name, coord, blob[idx], q.Data[i])
			}
			for a := range coord {
				coord[a]++
				if coord[a] < q.Shape[a] {
					break
				}
				coord[a] = 0
			}
		}
	}
	want := 0
	for _, q := range ts {
		for _, v := range q.Data {
			if v != 0 {
				want++
			}
		}
	}
	if nonzero != want {
		t.Fatalf("blob holds %d non-zero values, tensors %d", nonzero, want)
	}
	bad := []quantTensor{{Name: "x", Shape: []uint64{2, 2}, Data: make([]int16, 3)}}
	if _, _, err := weightBlob(bad); err == nil {
		t.Fatal("short tensor accepted")
	}
}

func newTestJob(t *testing.T, dir string) *commitJob {
	layout, blob, err := weightBlob(testTensors())
	if err != nil {
		t.Fatal(err)
	}
	var sec ownerSecret
	sec.key[5] = 42
	return &commitJob{
		layout: layout, blob: blob, logC: 4, secret: sec, modelKey: bytes.Repeat([]byte{0x6d}, 32),
		partialPath: filepath.Join(dir, partialFile), blockRows: 8,
	}
}

func vkBytes(t *testing.T, j *commitJob, rows any) []byte {
	vk := &pedersen.VerifyingKey{GeneratorVersion: pedersen.GeneratorVersion, LogC: j.logC, Layout: j.layout}
	vk.Rows = rows.([]pedersenPoint)
	b, err := vk.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCommitResumesByteIdentical(t *testing.T) {
	// Uninterrupted reference run.
	ref := newTestJob(t, t.TempDir())
	rows, resumed, err := ref.run(context.Background())
	if err != nil || resumed != 0 {
		t.Fatalf("run: %v (resumed %d)", err, resumed)
	}
	want := vkBytes(t, ref, rows)
	// The rows are real commitments: padding rows identity, others verified
	// against pedersen.CommitRows on field elements with the same blindings.
	gens, _ := pedersen.Get(1 << ref.logC)
	present, _ := ref.layout.PresentRows(ref.logC)
	md, err := ref.manifestDigest()
	if err != nil {
		t.Fatal(err)
	}
	key := owner.Secret(ref.secret.key)
	for k := range rows {
		bl := make([]frElement, 1)
		if present[k] {
			key.RowBlindings(ref.ownerBlob().Domain(md), uint64(k), bl)
		}
		p, err := gens.CommitRows(pedersen.SmallToField(ref.blob), 1<<ref.logC, k, k+1, bl)
		if err != nil || !p[0].Equal(&rows[k]) {
			t.Fatalf("row %d differs from the reference commitment (%v)", k, err)
		}
	}

	// Interrupted run: cancel after the second block, then resume.
	dir := t.TempDir()
	j := newTestJob(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	j.progress = func(done, total int) {
		if done >= 2*j.blockRows {
			cancel()
		}
	}
	if _, _, err := j.run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	// Tear the file mid-block, as a kill during a write would.
	st, _ := os.Stat(j.partialPath)
	f, _ := os.OpenFile(j.partialPath, os.O_WRONLY|os.O_APPEND, 0)
	f.Write(make([]byte, 17))
	f.Close()
	j2 := newTestJob(t, dir)
	rows2, resumed2, err := j2.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if resumed2 != 2*j.blockRows {
		t.Fatalf("resumed after %d rows, want %d (partial was %d bytes)", resumed2, 2*j.blockRows, st.Size())
	}
	if got := vkBytes(t, j2, rows2); string(got) != string(want) {
		t.Fatal("resumed commitment differs from the uninterrupted one")
	}

	// A different secret must not reuse the partial rows.
	j3 := newTestJob(t, dir)
	j3.secret.key[0] ^= 1
	_, resumed3, err := j3.run(context.Background())
	if err != nil || resumed3 != 0 {
		t.Fatalf("partial reused across secrets (resumed %d, %v)", resumed3, err)
	}
}

// TestCommitBlobIsTheProversBlob: what `model commit` lays out and commits
// for the shipped model is exactly the weight blob the whole-model prover
// opens through prover/owner (same layout, c_W, values and blindings), so
// the published vk is the one its proofs open.
func TestCommitBlobIsTheProversBlob(t *testing.T) {
	lm := stories260K(t)
	job := stories260KJob(t)
	md, err := job.manifestDigest()
	if err != nil {
		t.Fatal(err)
	}
	key := owner.Secret(job.secret.key)
	p, err := owner.OpenProver(&key, md, lm.quant)
	if err != nil {
		t.Fatal(err)
	}
	if p.Blob.LogC != job.logC || p.Blob.Layout.LogSize != job.layout.LogSize || len(p.Blob.Layout.Tensors) != len(job.layout.Tensors) {
		t.Fatalf("prover blob 2^%d rows of 2^%d, commit 2^%d rows of 2^%d", p.Blob.Layout.LogSize, p.Blob.LogC, job.layout.LogSize, job.logC)
	}
	for i := range job.layout.Tensors {
		a, b := &job.layout.Tensors[i], &p.Blob.Layout.Tensors[i]
		if a.Name != b.Name || a.Offset != b.Offset || !slices.Equal(a.Shape, b.Shape) {
			t.Fatalf("tensor %d: commit %s %v @%d, prover %s %v @%d", i, a.Name, a.Shape, a.Offset, b.Name, b.Shape, b.Offset)
		}
	}
	if !slices.Equal(p.Values(), job.blob) {
		t.Fatal("the committed blob differs from the prover's")
	}
	blinds, err := job.ownerBlob().RowBlindings(&key, md)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(blinds, p.RowBlindings(), func(a, b frElement) bool { return a.Equal(&b) }) {
		t.Fatal("row blindings differ")
	}
}
