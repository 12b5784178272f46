package owner

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// vkTensorEntry returns the offset of tensor name's entry (its u16 name
// length) in a vk file.
func vkTensorEntry(t *testing.T, vkFile []byte, name string) int {
	t.Helper()
	entry := binary.BigEndian.AppendUint16(nil, uint16(len(name)))
	entry = append(entry, name...)
	at := bytes.Index(vkFile, entry)
	if at < 0 {
		t.Fatalf("tensor %q not in the vk file", name)
	}
	return at
}

// trustingKey is what the version-1 verifier did: take the layout from the
// vk itself and the model id from the caller.
func trustingKey(t *testing.T, vkFile []byte, modelID [32]byte) *VerifierKey {
	t.Helper()
	vk, err := pedersen.UnmarshalVerifyingKey(vkFile)
	if err != nil {
		t.Fatalf("edited vk does not decode: %v", err)
	}
	b := &Blob{Layout: vk.Layout, LogC: vk.LogC}
	shape, err := newProofShape(b)
	if err != nil {
		t.Fatal(err)
	}
	return &VerifierKey{Blob: b, VK: vk, VKDigest: pedersen.Digest(vkFile), ModelID: modelID, shape: shape}
}

// TestVKLayoutBound (issue 16): a vk with a tensor renamed, or a shape
// changed 300 → 301 (same padded size, same rows), no longer verifies. The
// layout check refuses it (sizes and names come from the manifest), and
// even a verifier that trusted the vk's own layout and the original model
// id (as version 1 did) rejects the weight proof, because its transcript
// binds the SHA-256 of the whole vk file; the model id derived from the
// edited file is another one.
func TestVKLayoutBound(t *testing.T) {
	f := tinyFixture(t)
	orig := ModelID(f.md, f.vkFile)
	edits := map[string]func([]byte) []byte{
		"renamed tensor": func(b []byte) []byte {
			at := vkTensorEntry(t, b, "layers.0.wq")
			copy(b[at+2:], "layers.0.wz")
			return b
		},
		"shape 300 -> 301": func(b []byte) []byte {
			at := vkTensorEntry(t, b, "embed") + 2 + len("embed") + 1 // axes: [8, 300]
			if got := binary.BigEndian.Uint64(b[at+8:]); got != 300 {
				t.Fatalf("embed axis 1 is %d", got)
			}
			binary.BigEndian.PutUint64(b[at+8:], 301)
			return b
		},
	}
	for name, edit := range edits {
		vk2 := edit(bytes.Clone(f.vkFile))
		if _, err := LoadVerifierKey(f.manifest, f.spec, vk2, f.proof); !errors.Is(err, ErrKey) {
			t.Fatalf("%s: accepted by the layout check: %v", name, err)
		}
		if err := trustingKey(t, vk2, orig).VerifyWeightProof(f.proof); !errors.Is(err, ErrReject) {
			t.Fatalf("%s: weight proof accepted under the original model id: %v", name, err)
		}
		if ModelID(f.md, vk2) == orig {
			t.Fatalf("%s: same model id", name)
		}
	}
	// Control: the trusting path accepts the unedited file.
	if err := trustingKey(t, f.vkFile, orig).VerifyWeightProof(f.proof); err != nil {
		t.Fatalf("control rejected: %v", err)
	}
}

// TestVKNonASCIINameRefused: a vk whose tensor name holds a non-printable
// byte is refused with a clear error, before any proof is looked at.
func TestVKNonASCIINameRefused(t *testing.T) {
	f := tinyCommitted(t)
	for _, c := range []byte{0x07, 0x1b, 0x7f, 0xc3} {
		vk2 := bytes.Clone(f.vkFile)
		vk2[vkTensorEntry(t, vk2, "embed")+2] = c
		_, err := ParseVerifierKey(f.manifest, f.spec, vk2)
		if !errors.Is(err, ErrKey) || !strings.Contains(err.Error(), "printable ASCII") {
			t.Fatalf("name byte %#x: %v", c, err)
		}
	}
	if _, err := NewBlob([]pedersen.TensorSpec{{Name: "w\x00", Shape: []uint64{2}}}); !errors.Is(err, ErrBlob) {
		t.Fatalf("NewBlob took a non-printable name: %v", err)
	}
}

// TestVersion1RefusedByName: a version-1 vk file and a version-1 weight
// range proof are refused with errors that name the version and the fix.
func TestVersion1RefusedByName(t *testing.T) {
	f := tinyCommitted(t)
	vk1 := bytes.Clone(f.vkFile)
	binary.BigEndian.PutUint32(vk1[len(pedersen.VKMagic):], 1)
	_, err := ParseVerifierKey(f.manifest, f.spec, vk1)
	if !errors.Is(err, pedersen.ErrVKVersion1) || !strings.Contains(err.Error(), "version 1 is no longer accepted") {
		t.Fatalf("vk version 1: %v", err)
	}
	k, err := ParseVerifierKey(f.manifest, f.spec, f.vkFile)
	if err != nil {
		t.Fatal(err)
	}
	p1 := append([]byte(weightProofMagicV1), make([]byte, 1000)...)
	err = k.VerifyWeightProof(p1)
	if !errors.Is(err, ErrWeightProofVersion1) || !strings.Contains(err.Error(), "weight range proof version 1 is no longer accepted: re-run `zkllm model commit`") {
		t.Fatalf("proof version 1: %v", err)
	}
}

// TestBlindingBoundToLayout (issue 16, PROTOCOL §4.2 rev 1.2): the same
// secret, manifest and row index give different blindings under another
// row length or generator version; the PRF is deterministic.
func TestBlindingBoundToLayout(t *testing.T) {
	s := Secret{42}
	d := BlindingDomain{ManifestDigest: [32]byte{1}, LogC: 7, GeneratorVersion: pedersen.GeneratorVersion}
	a := s.RowBlinding(d, 5)
	if b := s.RowBlinding(d, 5); !a.Equal(&b) {
		t.Fatal("not deterministic")
	}
	others := map[string]BlindingDomain{
		"row length": {ManifestDigest: d.ManifestDigest, LogC: 8, GeneratorVersion: d.GeneratorVersion},
		"generators": {ManifestDigest: d.ManifestDigest, LogC: 7, GeneratorVersion: d.GeneratorVersion + 1},
		"manifest":   {ManifestDigest: [32]byte{2}, LogC: 7, GeneratorVersion: d.GeneratorVersion},
	}
	for name, o := range others {
		if b := s.RowBlinding(o, 5); a.Equal(&b) {
			t.Fatalf("%s does not change the blinding", name)
		}
	}
	if b := s.RowBlinding(d, 6); a.Equal(&b) {
		t.Fatal("row does not change the blinding")
	}
	if b := (&Secret{43}).RowBlinding(d, 5); a.Equal(&b) {
		t.Fatal("secret does not change the blinding")
	}
	many := make([]fr.Element, 4)
	s.RowBlindings(d, 3, many)
	for i := range many {
		if w := s.RowBlinding(d, 3+uint64(i)); !many[i].Equal(&w) {
			t.Fatal("RowBlindings disagrees with RowBlinding")
		}
	}
	// The whole commitment: the same manifest under another row length
	// commits with other blindings row by row.
	f := tinyCommitted(t)
	b := f.prover.Blob
	alt := &Blob{Layout: b.Layout, LogC: b.LogC + 1}
	r1, _ := b.RowBlindings(&f.secret, f.md)
	r2, _ := alt.RowBlindings(&f.secret, f.md)
	if r1[0].IsZero() || r1[0].Equal(&r2[0]) {
		t.Fatal("row 0 blinding reused under another row length")
	}
}

// TestHostileVKBounded (issue 16): hostile vk/proof pairs are rejected in
// bounded time and memory, whatever sizes they claim, because every size
// comes from the manifest and spec. Version 1 took 5.7 s for a 100-byte vk
// at LogC = 17 (≈ 12 min and > 1.5 GiB at 24).
func TestHostileVKBounded(t *testing.T) {
	f := tinyFixture(t)
	hdr := func(logC uint32) []byte {
		b := []byte(pedersen.VKMagic)
		b = binary.BigEndian.AppendUint32(b, pedersen.VKVersion)
		b = binary.BigEndian.AppendUint32(b, pedersen.GeneratorVersion)
		return binary.BigEndian.AppendUint32(b, logC)
	}
	hundred := append(hdr(24), bytes.Repeat([]byte{0xA5}, 100-20)...)
	sameSize := bytes.Clone(f.vkFile)
	binary.BigEndian.PutUint32(sameSize[len(pedersen.VKMagic)+8:], 24) // LogC field := 24
	garbageProof := bytes.Repeat([]byte{0x5A}, 33<<10)
	validSizeGarbage := append([]byte(WeightProofMagic), bytes.Repeat([]byte{0x5A}, len(f.proof)-len(WeightProofMagic))...)
	cases := []struct {
		name      string
		vk, proof []byte
	}{
		{"100-byte vk, LogC 24, 33 KB garbage proof", hundred, garbageProof},
		{"honest-size vk with LogC 24", sameSize, garbageProof},
		{"huge tensor count", append(hdr(7), 0xFF, 0xFF, 0xFF, 0xFF), garbageProof},
		{"honest vk, 33 KB garbage proof", f.vkFile, garbageProof},
		{"honest vk, garbage proof of the right length", f.vkFile, validSizeGarbage},
		{"honest vk, 64 MB proof", f.vkFile, make([]byte, 64<<20)},
	}
	for _, c := range cases {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := LoadVerifierKey(f.manifest, f.spec, c.vk, c.proof)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		if err == nil {
			t.Fatalf("%s: accepted", c.name)
		}
		if took > time.Second || alloc > 64<<20 {
			t.Fatalf("%s: %v and %d MB allocated to reject (%v)", c.name, took, alloc>>20, err)
		}
		t.Logf("%s: rejected in %v, %d KB allocated: %v", c.name, took.Round(time.Microsecond), alloc>>10, err)
	}
}

// TestSpecManifestChecks: the spec must agree with the manifest, and its
// c_W and generator version must be what the blob implies.
func TestSpecManifestChecks(t *testing.T) {
	f := tinyCommitted(t)
	sp, err := spec.Unmarshal(f.spec)
	if err != nil {
		t.Fatal(err)
	}
	sp.LogCW++
	wrongC, err := sp.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := encodeModel(mustQuant(t, 301))
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string][2][]byte{
		"c_W off the rule":        {f.manifest, wrongC},
		"spec of another model":   {other, f.spec},
		"manifest not a manifest": {f.spec, f.spec},
	} {
		if _, err := ParseVerifierKey(c[0], c[1], f.vkFile); !errors.Is(err, ErrKey) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

// TestResumableCommit: a commit stopped after a block resumes from the
// partial file and produces the same vk byte for byte; a partial file of
// another secret restarts from zero.
func TestResumableCommit(t *testing.T) {
	f := tinyCommitted(t)
	path := filepath.Join(t.TempDir(), "commit.partial")
	ctx, cancel := context.WithCancel(context.Background())
	opt := CommitOptions{PartialPath: path, BlockRows: 8, AfterBlock: func(k int) {
		if k == 2 {
			cancel()
		}
	}}
	if _, _, err := f.prover.Commit(ctx, &f.secret, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped commit: %v", err)
	}
	opt.AfterBlock = nil
	vk, resumed, err := f.prover.Commit(context.Background(), &f.secret, opt)
	if err != nil {
		t.Fatal(err)
	}
	// Blocks 0–2 were finished; block 3 (rows 24–31, the embedding's
	// padded vocabulary) holds only padding rows, so it is complete too.
	if resumed != 32 {
		t.Fatalf("resumed %d rows, want 32", resumed)
	}
	b, _ := vk.Marshal()
	if !bytes.Equal(b, f.vkFile) {
		t.Fatal("resumed vk differs from an uninterrupted commit")
	}
	other := Secret{9}
	if _, resumed, err := f.prover.Commit(context.Background(), &other, opt); err != nil || resumed != 0 {
		t.Fatalf("another secret resumed %d rows (%v)", resumed, err)
	}
}
