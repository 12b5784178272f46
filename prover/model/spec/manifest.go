package spec

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/quant"
)

// Manifest encoding identifiers.
const (
	ManifestMagic = "ZKLLMMF1"
	// ManifestVersion is the newest version; like the spec, a model without
	// RoPE scaling encodes as version 1 (see archVersion).
	ManifestVersion = 2
	// MaxSourceFiles bounds the source-file list (HF models shard into ≤ hundreds).
	MaxSourceFiles = 4096
)

// SourceFile is one file the model was read from.
type SourceFile struct {
	Role   string // "checkpoint", "tokenizer", "config", "weights", …
	Name   string // base name, no directory
	Size   uint64
	SHA256 [32]byte
}

// Manifest is what the commitment and the on-chain record are bound to.
type Manifest struct {
	Config          model.Config
	Exponents       []int // per tensor, spec order
	TokenizerDigest [32]byte
	Files           []SourceFile // sorted by (Role, Name), unique
}

// NewManifest builds the manifest of a quantized model; files are sorted.
func NewManifest(q *quant.Model, tokenizerDigest [32]byte, files []SourceFile) (*Manifest, error) {
	m := &Manifest{Config: q.Config, TokenizerDigest: tokenizerDigest, Files: slices.Clone(files)}
	for _, t := range q.Tensors {
		m.Exponents = append(m.Exponents, t.Exp)
	}
	slices.SortFunc(m.Files, func(a, b SourceFile) int {
		if c := strings.Compare(a.Role, b.Role); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	if _, err := m.Marshal(); err != nil {
		return nil, err
	}
	return m, nil
}

func validName(s string) bool {
	if len(s) == 0 || len(s) > maxName || strings.ContainsAny(s, "/\\") {
		return false
	}
	for _, c := range []byte(s) {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

func (m *Manifest) validate() error {
	if err := m.Config.Validate(); err != nil {
		return err
	}
	if n := len(model.TensorLayout(m.Config)); len(m.Exponents) != n {
		return fmt.Errorf("%w: %d exponents for %d tensors", ErrFormat, len(m.Exponents), n)
	}
	for i, e := range m.Exponents {
		if e < quant.MinExp || e > quant.MaxExp {
			return fmt.Errorf("%w: exponent %d of tensor %d out of range", ErrFormat, e, i)
		}
	}
	if len(m.Files) == 0 || len(m.Files) > MaxSourceFiles {
		return fmt.Errorf("%w: %d source files (need 1..%d)", ErrFormat, len(m.Files), MaxSourceFiles)
	}
	for i, f := range m.Files {
		if !validName(f.Role) || !validName(f.Name) {
			return fmt.Errorf("%w: source file %d has an invalid role %q or name %q", ErrFormat, i, f.Role, f.Name)
		}
		if i > 0 {
			p := m.Files[i-1]
			if p.Role > f.Role || p.Role == f.Role && p.Name >= f.Name {
				return fmt.Errorf("%w: source files not sorted and unique at %q/%q", ErrFormat, f.Role, f.Name)
			}
		}
	}
	return nil
}

// Marshal returns the canonical encoding:
//
//	magic "ZKLLMMF1" ‖ u32 version (archVersion) ‖ arch ‖ tensors ‖ tokenizer digest (32 B)
//	‖ u32 #files ‖ per file: role ‖ name ‖ u64 size ‖ SHA-256 (32 B)
func (m *Manifest) Marshal() ([]byte, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	w := &writer{}
	w.raw([]byte(ManifestMagic))
	w.u32(archVersion(m.Config))
	writeArch(w, m.Config)
	writeTensors(w, m.Config, m.Exponents)
	w.raw(m.TokenizerDigest[:])
	w.u32(uint32(len(m.Files)))
	for _, f := range m.Files {
		w.str(f.Role)
		w.str(f.Name)
		w.u64(f.Size)
		w.raw(f.SHA256[:])
	}
	return w.b, nil
}

// Digest is the manifest digest: SHA-256 of Marshal.
func (m *Manifest) Digest() ([32]byte, error) {
	b, err := m.Marshal()
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(b), nil
}

// UnmarshalManifest decodes a canonical manifest encoding.
func UnmarshalManifest(b []byte) (*Manifest, error) {
	r := &reader{b: b}
	if string(r.take(len(ManifestMagic))) != ManifestMagic {
		return nil, fmt.Errorf("%w: not a manifest (bad magic)", ErrFormat)
	}
	v := r.u32()
	if r.err == nil && (v < 1 || v > ManifestVersion) {
		return nil, fmt.Errorf("%w: manifest version %d unsupported (want 1..%d)", ErrFormat, v, ManifestVersion)
	}
	m := &Manifest{}
	m.Config = readArch(r, v)
	m.Exponents = readTensors(r, m.Config)
	m.TokenizerDigest = r.digest()
	n := r.u32()
	if r.err == nil && (n == 0 || n > MaxSourceFiles) {
		r.fail("%d source files (need 1..%d)", n, MaxSourceFiles)
	}
	// Each file takes at least 2+1+2+1+8+32 bytes: bound n by what is left.
	if r.err == nil && uint64(n)*46 > uint64(len(b)-r.off) {
		r.fail("%d source files cannot fit in %d bytes", n, len(b)-r.off)
	}
	for i := 0; r.err == nil && i < int(n); i++ {
		m.Files = append(m.Files, SourceFile{Role: r.str(), Name: r.str(), Size: r.u64(), SHA256: r.digest()})
	}
	r.end()
	if r.err != nil {
		return nil, r.err
	}
	again, err := m.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if !bytes.Equal(again, b) {
		return nil, fmt.Errorf("%w: manifest encoding is not canonical", ErrFormat)
	}
	return m, nil
}

// ModelID is model_id = SHA-256(manifest digest ‖ vk-file SHA-256) (PROTOCOL §1.1).
func ModelID(manifestDigest, vkDigest [32]byte) [32]byte {
	return sha256.Sum256(append(manifestDigest[:], vkDigest[:]...))
}
