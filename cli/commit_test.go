package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
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
