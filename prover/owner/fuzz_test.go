package owner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/internal/testkit"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// FuzzVerifyWeightProof: decode-and-verify arbitrary bytes as the weight
// proof of a real (tiny) committed model. Nothing panics; anything accepted
// decodes and re-encodes to itself (the seeds hold the honest proof, so the
// accepting path is exercised too).
func FuzzVerifyWeightProof(f *testing.F) {
	fx := tinyCommitted(f)
	k, err := ParseVerifierKey(fx.manifest, fx.spec, fx.vkFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := k.VerifyWeightProof(b); err != nil {
			return
		}
		p, err := k.shape.decode(b)
		if err != nil || !bytes.Equal(p.Marshal(), b) {
			t.Fatalf("accepted proof does not re-encode to itself: %v", err)
		}
	})
}

// FuzzParseVerifierKey: arbitrary bytes as the vk file of a real manifest
// and spec. Nothing panics; an accepted file re-encodes to itself and has
// the layout the manifest implies.
func FuzzParseVerifierKey(f *testing.F) {
	fx := tinyCommitted(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParseVerifierKey(fx.manifest, fx.spec, b)
		if err != nil {
			return
		}
		again, err := k.VK.Marshal()
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("accepted vk does not re-encode to itself: %v", err)
		}
		if err := sameLayout(k.VK, k.Blob); err != nil {
			t.Fatal(err)
		}
	})
}

// TestSeedCorpora regenerates the seed corpora when ZKLLM_WRITE_SEEDS=1 and
// otherwise checks that they exist. The honest proof seed
// is a valid proof for the fixture's vk, which is deterministic (seeded
// model, fixed secret), so it stays valid although proofs are randomized.
func TestSeedCorpora(t *testing.T) {
	targets := []string{"FuzzVerifyWeightProof", "FuzzParseVerifierKey"}
	if os.Getenv("ZKLLM_WRITE_SEEDS") != "1" {
		testkit.RequireSeeds(t, "run with ZKLLM_WRITE_SEEDS=1", targets...)
		fx := tinyCommitted(t)
		if _, err := LoadVerifierKey(fx.manifest, fx.spec, testkit.ReadSeed(t, targets[1], "valid"), testkit.ReadSeed(t, targets[0], "valid")); err != nil {
			t.Fatalf("the valid seeds no longer verify (regenerate them): %v", err)
		}
		return
	}
	fx := tinyFixture(t)
	p, vk := fx.proof, fx.vkFile
	testkit.WriteSeeds(t, "FuzzVerifyWeightProof", map[string][]byte{
		"valid":      p, // stays valid: the fixture's vk is deterministic
		"empty":      nil,
		"magic_only": []byte(WeightProofMagic),
		"version1":   append([]byte(weightProofMagicV1), p[len(WeightProofMagic):]...),
		"truncated":  p[:len(p)-1],
		"trailing":   append(bytes.Clone(p), 0),
		"flipped":    flipByte(p, len(p)/2),
	})
	testkit.WriteSeeds(t, "FuzzParseVerifierKey", map[string][]byte{
		"valid":     vk,
		"truncated": vk[:len(vk)-1],
		"trailing":  append(bytes.Clone(vk), 0),
		"version1":  withByte(vk, len("ZKLLMVK1")+3, 1),
		"version3":  withByte(vk, len("ZKLLMVK1")+3, 3),
		"renamed":   flipByte(vk, len("ZKLLMVK1")+16+2),
	})
}

func withByte(b []byte, i int, v byte) []byte {
	c := bytes.Clone(b)
	c[i] = v
	return c
}

func flipByte(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

// FuzzCommitPartial feeds arbitrary partial files (a valid header, then any
// bytes) to the resume logic: it either resumes from whole, valid row
// blocks or refuses, never panics; a resumed commit of untouched blocks is
// the uninterrupted vk.
func FuzzCommitPartial(f *testing.F) {
	b, err := NewBlob([]pedersen.TensorSpec{{Name: "w", Shape: []uint64{24, 5}}, {Name: "n", Shape: []uint64{3}}})
	if err != nil {
		f.Fatal(err)
	}
	values := make([]int16, b.Layout.Size())
	for i := range values {
		values[i] = int16(i * 7919)
	}
	mask := b.Layout.PaddingMaskTable()
	for i := range values {
		if mask[i].IsOne() {
			values[i] = 0
		}
	}
	s, md := Secret{3}, [32]byte{4}
	const blockRows = 2
	hdr := b.partialHeader(values, &s, md, blockRows)
	present, err := b.PresentRows()
	if err != nil {
		f.Fatal(err)
	}
	rows, err := b.CommitRows(values, &s, md, 0, b.NumRows())
	if err != nil {
		f.Fatal(err)
	}
	var honest []byte
	for k := range rows {
		if present[k] {
			honest = field.AppendPoint(honest, &rows[k])
		}
	}
	f.Add([]byte{})
	f.Add(honest[:field.PointSize])
	f.Add(honest)
	f.Add(append(bytes.Clone(honest), 1))
	f.Fuzz(func(t *testing.T, tail []byte) {
		path := filepath.Join(t.TempDir(), "partial")
		if err := atomicfile.Write(path, append(bytes.Clone(hdr), tail...), 0o600); err != nil {
			t.Fatal(err)
		}
		vk, resumed, err := b.Commit(context.Background(), values, &s, md, CommitOptions{PartialPath: path, BlockRows: blockRows})
		if err != nil {
			return
		}
		if resumed < 0 || resumed > b.NumRows() {
			t.Fatalf("resumed %d of %d rows", resumed, b.NumRows())
		}
		if bytes.HasPrefix(honest, tail) {
			for k := range rows {
				if !vk.Rows[k].Equal(&rows[k]) {
					t.Fatalf("row %d differs after resuming from an honest prefix", k)
				}
			}
		}
	})
}
