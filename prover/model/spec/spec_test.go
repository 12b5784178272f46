package spec

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/internal/modeltest"
	"github.com/zkllm/zkllm/prover/model/quant"
)

var update = flag.Bool("update", false, "rewrite the golden vectors in testdata/")

// storiesParts builds the manifest and spec of the shipped model (generator
// version 1, c_W = 2^10).
func storiesParts(t testing.TB) (*Manifest, *Spec) { return storiesPartsScaled(t, model.RopeScaling{}) }

// llama3Rope is Llama 3.2's rope_scaling with the original context shrunk to
// stories260K's 512 positions.
var llama3Rope = model.RopeScaling{Type: model.RopeScalingLlama3, Factor: 32, LowFreqFactor: 1, HighFreqFactor: 4, OriginalMaxPositions: 512}

// storiesPartsScaled is storiesParts with RoPE scaling sc in the architecture.
func storiesPartsScaled(t testing.TB, sc model.RopeScaling) (*Manifest, *Spec) {
	t.Helper()
	m, tk := modeltest.Stories260K(t)
	m.Config.RopeScaling = sc
	ckpt, tok, err := models.Stories260K() // for the source-file records
	if err != nil {
		t.Fatal(err)
	}
	q, err := quant.Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	man, err := NewManifest(q, tk.Digest(), []SourceFile{
		{Role: "tokenizer", Name: tok.Name, Size: uint64(len(tok.Data)), SHA256: tok.SHA256},
		{Role: "checkpoint", Name: ckpt.Name, Size: uint64(len(ckpt.Data)), SHA256: ckpt.SHA256},
	})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := New(q, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	return man, sp
}

// golden compares enc with testdata/name.hex (hex, 64 chars a line) and
// testdata/name.sha256, or rewrites them with -update.
func golden(t *testing.T, name string, enc []byte) {
	t.Helper()
	var sb strings.Builder
	h := hex.EncodeToString(enc)
	for len(h) > 64 {
		sb.WriteString(h[:64] + "\n")
		h = h[64:]
	}
	sb.WriteString(h + "\n")
	sum := sha256.Sum256(enc)
	files := map[string]string{name + ".hex": sb.String(), name + ".sha256": hex.EncodeToString(sum[:]) + "\n"}
	for f, want := range files {
		p := filepath.Join("testdata", f)
		if *update {
			if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s differs from the encoding (run with -update only for an intended, versioned change)", p)
		}
	}
}

func TestGoldenVectors(t *testing.T) {
	man, sp := storiesParts(t)
	mb, err := man.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	sb, err := sp.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "stories260K.manifest", mb)
	golden(t, "stories260K.spec", sb)
	md, _ := man.Digest()
	sh, _ := sp.Hash()
	t.Logf("manifest digest %x, spec_hash %x", md, sh)
}

// With RoPE scaling both encodings are version 2 and carry the scaling
// block; without it they stay version 1 (the vectors above).
func TestGoldenVectorsRopeScaling(t *testing.T) {
	man, sp := storiesPartsScaled(t, llama3Rope)
	mb, err := man.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	sb, err := sp.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if mb[11] != 2 || sb[11] != 2 {
		t.Fatalf("versions %d %d, want 2", mb[11], sb[11])
	}
	golden(t, "stories260K-llama3rope.manifest", mb)
	golden(t, "stories260K-llama3rope.spec", sb)
	man2, err := UnmarshalManifest(mb)
	if err != nil || man2.Config.RopeScaling != llama3Rope {
		t.Fatalf("manifest round trip: %v %+v", err, man2)
	}
	sp2, err := Unmarshal(sb)
	if err != nil || sp2.Config.RopeScaling != llama3Rope {
		t.Fatalf("spec round trip: %v", err)
	}
	_, plain := storiesParts(t)
	h1, _ := plain.Hash()
	h2, _ := sp.Hash()
	if h1 == h2 {
		t.Fatal("RoPE scaling does not change spec_hash")
	}
}

func TestRoundTrip(t *testing.T) {
	man, sp := storiesParts(t)
	mb, _ := man.Marshal()
	man2, err := UnmarshalManifest(mb)
	if err != nil {
		t.Fatal(err)
	}
	if mb2, _ := man2.Marshal(); !bytes.Equal(mb, mb2) {
		t.Fatal("manifest round trip")
	}
	sb, _ := sp.Marshal()
	sp2, err := Unmarshal(sb)
	if err != nil {
		t.Fatal(err)
	}
	if sb2, _ := sp2.Marshal(); !bytes.Equal(sb, sb2) {
		t.Fatal("spec round trip")
	}
	if man2.Files[0].Role != "checkpoint" {
		t.Fatal("files not sorted")
	}
}

func TestModelID(t *testing.T) {
	var a, b [32]byte
	a[0], b[31] = 1, 2
	want := sha256.Sum256(append(a[:], b[:]...))
	if ModelID(a, b) != want || ModelID(b, a) == want {
		t.Fatal("model id is not SHA-256(manifest ‖ vk)")
	}
}

// Every byte of the encodings matters: flipping any one either fails to
// decode or decodes to a different value (a different digest).
func TestEveryByteIsBound(t *testing.T) {
	for _, sc := range []model.RopeScaling{{}, llama3Rope} {
		everyByteIsBound(t, sc)
	}
}

func everyByteIsBound(t *testing.T, sc model.RopeScaling) {
	man, sp := storiesPartsScaled(t, sc)
	mb, _ := man.Marshal()
	sb, _ := sp.Marshal()
	check := func(name string, enc []byte, dec func([]byte) ([]byte, error)) {
		for i := range enc {
			b := bytes.Clone(enc)
			b[i] ^= 0x01
			again, err := dec(b)
			if err == nil && bytes.Equal(again, enc) {
				t.Fatalf("%s: flipping byte %d decodes to the original", name, i)
			}
			if err != nil && !errors.Is(err, ErrFormat) && !strings.Contains(err.Error(), "invalid") {
				t.Fatalf("%s byte %d: unexpected error type %v", name, i, err)
			}
		}
	}
	check("manifest", mb, func(b []byte) ([]byte, error) {
		m, err := UnmarshalManifest(b)
		if err != nil {
			return nil, err
		}
		return m.Marshal()
	})
	check("spec", sb, func(b []byte) ([]byte, error) {
		s, err := Unmarshal(b)
		if err != nil {
			return nil, err
		}
		return s.Marshal()
	})
}

func TestMalformed(t *testing.T) {
	man, sp := storiesParts(t)
	mb, _ := man.Marshal()
	sb, _ := sp.Marshal()
	for name, b := range map[string][]byte{
		"empty": nil, "magic only": mb[:8], "truncated": mb[:len(mb)-1], "trailing": append(bytes.Clone(mb), 0),
		"spec as manifest": sb,
	} {
		if _, err := UnmarshalManifest(b); !errors.Is(err, ErrFormat) {
			t.Errorf("manifest %s: %v", name, err)
		}
	}
	for name, b := range map[string][]byte{
		"empty": nil, "truncated": sb[:len(sb)-1], "trailing": append(bytes.Clone(sb), 0), "manifest as spec": mb,
	} {
		if _, err := Unmarshal(b); !errors.Is(err, ErrFormat) {
			t.Errorf("spec %s: %v", name, err)
		}
	}
	// Unsorted or duplicate files, bad names.
	bad := *man
	bad.Files = append(bad.Files, bad.Files[0])
	if _, err := bad.Marshal(); err == nil {
		t.Error("duplicate source file accepted")
	}
	bad.Files = []SourceFile{{Role: "checkpoint", Name: "../x"}}
	if _, err := bad.Marshal(); err == nil {
		t.Error("path in a file name accepted")
	}
	bs := *sp
	bs.LogCW = 31
	if _, err := bs.Marshal(); err == nil {
		t.Error("c_W = 2^31 accepted")
	}
}
