package spec

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/rope"
	"github.com/zkllm/zkllm/prover/tables"
)

// Spec encoding identifiers.
const (
	SpecMagic = "ZKLLMSP1"
	// SpecVersion is the newest version: 2 adds the RoPE-scaling block to the
	// architecture. A model without RoPE scaling still encodes as version 1,
	// byte for byte as before (see archVersion).
	SpecVersion = 2
	// MaxLogRow bounds log2 c_W.
	MaxLogRow = 30
)

// Spec is the public statement context: everything a verifier needs besides
// vk and St (PROTOCOL §1.1, §9).
type Spec struct {
	GeneratorVersion uint32 // Pedersen generator derivation (prover/pedersen)
	LogCW            int    // c_W = 2^LogCW, the weight blob's Hyrax row length
	Config           model.Config
	Exponents        []int // per tensor, spec order
}

// FixedPoint lists the fixed-point constants of spec version 1 (PROTOCOL §7,
// §9), in encoding order; they are written into the spec so that the hash
// changes if any of them ever does.
type FixedPoint struct {
	ActLog, QKLog, VLog, SiLUInLog, ScoreLog, ThetaLog, RopeLog uint8
	QKShift, VShift, GateShift, OShift, HadShift                uint8
	K0, WI                                                      uint8 // softmax digit split and INDC width
	Kappa                                                       uint64
}

// TableRef names a lookup table the proof uses and pins its SHA-256.
type TableRef struct {
	Name    string
	LogSize int
	Digest  [32]byte
}

// New builds the spec of a quantized model for the given generator version
// and weight row length.
func New(q *quant.Model, generatorVersion uint32, logCW int) (*Spec, error) {
	s := &Spec{GeneratorVersion: generatorVersion, LogCW: logCW, Config: q.Config}
	for _, t := range q.Tensors {
		s.Exponents = append(s.Exponents, t.Exp)
	}
	if _, err := s.Marshal(); err != nil {
		return nil, err
	}
	return s, nil
}

// FixedPointParams returns the version-1 constants for c.
func FixedPointParams(c model.Config) (FixedPoint, error) {
	dh := c.HeadSize()
	kappa := params.Kappa(c)
	if !kappa.IsUint64() {
		return FixedPoint{}, fmt.Errorf("spec: κ = %v does not fit u64", kappa)
	}
	return FixedPoint{
		ActLog: params.ActLog, QKLog: params.QKLog, VLog: params.VLog, SiLUInLog: params.SiLUInLog,
		ScoreLog: params.ScoreLog, ThetaLog: params.ThetaLog, RopeLog: params.RopeLog,
		QKShift: params.QKShift, VShift: params.VShift, GateShift: params.GateShift,
		OShift: params.OShift, HadShift: params.HadShift,
		K0: uint8(params.K0(dh)), WI: uint8(params.WI(dh)), Kappa: kappa.Uint64(),
	}, nil
}

var structuredDigests sync.Map // name → [32]byte

func structuredDigest(name string, mk func() (*tables.Table, error)) ([32]byte, error) {
	if d, ok := structuredDigests.Load(name); ok {
		return d.([32]byte), nil
	}
	t, err := mk()
	if err != nil {
		return [32]byte{}, err
	}
	d := t.Digest()
	structuredDigests.Store(name, d)
	return d, nil
}

// Tables lists the lookup tables of version 1 for c, in encoding order:
// SILU_20, EXPC_16 (for d_h), INDC_{w_I}, RANGE_{k0} (the truncated softmax
// digit x0), RANGE_16 and SRANGE_16 (limbs, weights). Dense tables carry the
// digests pinned in prover/tables; structured ones the digest of their
// generated entries.
func Tables(c model.Config) ([]TableRef, error) {
	fp, err := FixedPointParams(c)
	if err != nil {
		return nil, err
	}
	expc, ok := tables.PinnedExpCDigest(c.HeadSize())
	if !ok {
		return nil, fmt.Errorf("spec: no pinned EXPC table for head size %d (available: %v)", c.HeadSize(), tables.PinnedExpCHeadDims())
	}
	refs := []TableRef{
		{Name: "SILU", LogSize: tables.SiLULog, Digest: tables.PinnedSiLUDigest()},
		{Name: fmt.Sprintf("EXPC(d_h=%d)", c.HeadSize()), LogSize: tables.ExpCLog, Digest: expc},
	}
	for _, s := range []struct {
		kind string
		w    int
		mk   func(int) (*tables.Table, error)
	}{{"INDC", int(fp.WI), tables.Indicator}, {"RANGE", int(fp.K0), tables.Range}, {"RANGE", 16, tables.Range}, {"SRANGE", 16, tables.SRange}} {
		name := fmt.Sprintf("%s_%d", s.kind, s.w)
		d, err := structuredDigest(name, func() (*tables.Table, error) { return s.mk(s.w) })
		if err != nil {
			return nil, err
		}
		refs = append(refs, TableRef{Name: name, LogSize: s.w, Digest: d})
	}
	return refs, nil
}

func (s *Spec) validate() error {
	if err := s.Config.Validate(); err != nil {
		return err
	}
	if s.LogCW < 0 || s.LogCW > MaxLogRow {
		return fmt.Errorf("%w: log c_W %d outside [0, %d]", ErrFormat, s.LogCW, MaxLogRow)
	}
	layout := model.TensorLayout(s.Config)
	if len(s.Exponents) != len(layout) {
		return fmt.Errorf("%w: %d exponents for %d tensors", ErrFormat, len(s.Exponents), len(layout))
	}
	for i, e := range s.Exponents {
		hi := quant.MaxExp
		if layout[i].Kind == model.KindEmbedding {
			hi = quant.MaxEmbeddingExp
		}
		if e < quant.MinExp || e > hi {
			return fmt.Errorf("%w: exponent %d of %s outside [%d, %d]", ErrFormat, e, layout[i].Name, quant.MinExp, hi)
		}
	}
	if s.Config.SeqLen > rope.MaxPositions {
		return fmt.Errorf("%w: seq_len %d above %d", ErrFormat, s.Config.SeqLen, rope.MaxPositions)
	}
	return nil
}

// Marshal returns the canonical encoding:
//
//	magic "ZKLLMSP1" ‖ u32 version (archVersion) ‖ u32 generator version ‖ u8 log2 c_W
//	‖ arch ‖ fixed-point constants (14 × u8, u64 κ) ‖ tensors
//	‖ u32 #tables ‖ per table: name ‖ u8 log2 size ‖ SHA-256 (32 B)
func (s *Spec) Marshal() ([]byte, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	fp, err := FixedPointParams(s.Config)
	if err != nil {
		return nil, err
	}
	refs, err := Tables(s.Config)
	if err != nil {
		return nil, err
	}
	w := &writer{}
	w.raw([]byte(SpecMagic))
	w.u32(archVersion(s.Config))
	w.u32(s.GeneratorVersion)
	w.u8(uint8(s.LogCW))
	writeArch(w, s.Config)
	for _, v := range []uint8{fp.ActLog, fp.QKLog, fp.VLog, fp.SiLUInLog, fp.ScoreLog, fp.ThetaLog, fp.RopeLog,
		fp.QKShift, fp.VShift, fp.GateShift, fp.OShift, fp.HadShift, fp.K0, fp.WI} {
		w.u8(v)
	}
	w.u64(fp.Kappa)
	writeTensors(w, s.Config, s.Exponents)
	w.u32(uint32(len(refs)))
	for _, t := range refs {
		w.str(t.Name)
		w.u8(uint8(t.LogSize))
		w.raw(t.Digest[:])
	}
	return w.b, nil
}

// Hash is spec_hash: SHA-256 of Marshal.
func (s *Spec) Hash() ([32]byte, error) {
	b, err := s.Marshal()
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(b), nil
}

// Unmarshal decodes a canonical spec. The constants, κ and the table list are
// derived from the architecture, so any other value in them (a table digest
// included) makes the bytes non-canonical and is rejected.
func Unmarshal(b []byte) (*Spec, error) {
	r := &reader{b: b}
	if string(r.take(len(SpecMagic))) != SpecMagic {
		return nil, fmt.Errorf("%w: not a spec (bad magic)", ErrFormat)
	}
	v := r.u32()
	if r.err == nil && (v < 1 || v > SpecVersion) {
		return nil, fmt.Errorf("%w: spec version %d unsupported (want 1..%d)", ErrFormat, v, SpecVersion)
	}
	s := &Spec{GeneratorVersion: r.u32(), LogCW: int(r.u8())}
	s.Config = readArch(r, v)
	r.take(14 + 8) // constants: checked by re-encoding
	s.Exponents = readTensors(r, s.Config)
	n := r.u32()
	if r.err == nil && n > 64 {
		r.fail("%d tables", n)
	}
	for i := 0; r.err == nil && i < int(n); i++ {
		r.str()
		r.u8()
		r.digest()
	}
	r.end()
	if r.err != nil {
		return nil, r.err
	}
	again, err := s.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if !bytes.Equal(again, b) {
		return nil, fmt.Errorf("%w: spec is not the canonical encoding of its architecture (constants, κ or table digests differ)", ErrFormat)
	}
	return s, nil
}
