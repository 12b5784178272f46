package spec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/zkllm/zkllm/prover/model"
)

// ErrFormat reports malformed or non-canonical manifest/spec bytes.
var ErrFormat = errors.New("spec: malformed encoding")

const maxName = 256

type writer struct{ b []byte }

func (w *writer) u8(v uint8)   { w.b = append(w.b, v) }
func (w *writer) u32(v uint32) { w.b = binary.BigEndian.AppendUint32(w.b, v) }
func (w *writer) u64(v uint64) { w.b = binary.BigEndian.AppendUint64(w.b, v) }
func (w *writer) raw(v []byte) { w.b = append(w.b, v...) }
func (w *writer) str(s string) {
	w.b = binary.BigEndian.AppendUint16(w.b, uint16(len(s)))
	w.b = append(w.b, s...)
}

type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(format string, a ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: at byte %d: %s", ErrFormat, r.off, fmt.Sprintf(format, a...))
	}
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || len(r.b)-r.off < n {
		r.fail("truncated (need %d bytes, %d left)", n, len(r.b)-r.off)
		return nil
	}
	v := r.b[r.off : r.off+n]
	r.off += n
	return v
}

func (r *reader) u8() uint8 {
	if v := r.take(1); v != nil {
		return v[0]
	}
	return 0
}

func (r *reader) u16() uint16 {
	if v := r.take(2); v != nil {
		return binary.BigEndian.Uint16(v)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if v := r.take(4); v != nil {
		return binary.BigEndian.Uint32(v)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if v := r.take(8); v != nil {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func (r *reader) str() string {
	n := int(r.u16())
	if n > maxName {
		r.fail("string of %d bytes (max %d)", n, maxName)
		return ""
	}
	return string(r.take(n))
}

func (r *reader) digest() (d [32]byte) {
	copy(d[:], r.take(32))
	return d
}

// int32 reads a u32 that must fit a positive int within limit.
func (r *reader) dim(name string, limit int) int {
	v := r.u32()
	if r.err == nil && (v == 0 || uint64(v) > uint64(limit)) {
		r.fail("%s = %d outside [1, %d]", name, v, limit)
	}
	return int(v)
}

// archVersion is the encoding version an architecture needs: 1 without RoPE
// scaling (byte for byte the original encoding), 2 with it (the scaling block
// follows rope_pair_bit). Manifest and spec share it.
func archVersion(c model.Config) uint32 {
	if c.RopeScaling.Type != model.RopeScalingNone {
		return 2
	}
	return 1
}

// writeArch / readArch: the architecture block shared by manifest and spec.
//
//	u32 dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len
//	u8 shared_classifier (0/1) ‖ u64 norm_eps (IEEE-754 binary64 bits)
//	u64 rope_theta (binary64 bits) ‖ u8 rope_pair_bit
//	version 2 only: u8 rope scaling type (1 = llama3) ‖ u64 factor
//	‖ u64 low_freq_factor ‖ u64 high_freq_factor (binary64 bits)
//	‖ u32 original_max_position_embeddings
func writeArch(w *writer, c model.Config) {
	for _, v := range []int{c.Dim, c.HiddenDim, c.NLayers, c.NHeads, c.NKVHeads, c.VocabSize, c.SeqLen} {
		w.u32(uint32(v))
	}
	if c.SharedClassifier {
		w.u8(1)
	} else {
		w.u8(0)
	}
	w.u64(math.Float64bits(c.NormEps))
	w.u64(math.Float64bits(c.RopeTheta))
	w.u8(uint8(c.RopePairBit))
	if sc := c.RopeScaling; archVersion(c) == 2 {
		w.u8(uint8(sc.Type))
		w.u64(math.Float64bits(sc.Factor))
		w.u64(math.Float64bits(sc.LowFreqFactor))
		w.u64(math.Float64bits(sc.HighFreqFactor))
		w.u32(uint32(sc.OriginalMaxPositions))
	}
}

func readArch(r *reader, version uint32) model.Config {
	var c model.Config
	c.Dim = r.dim("dim", model.MaxDim)
	c.HiddenDim = r.dim("hidden_dim", model.MaxHiddenDim)
	c.NLayers = r.dim("n_layers", model.MaxLayers)
	c.NHeads = r.dim("n_heads", model.MaxHeads)
	c.NKVHeads = r.dim("n_kv_heads", model.MaxHeads)
	c.VocabSize = r.dim("vocab_size", model.MaxVocab)
	c.SeqLen = r.dim("seq_len", model.MaxSeqLen)
	switch r.u8() {
	case 0:
	case 1:
		c.SharedClassifier = true
	default:
		r.fail("shared_classifier flag not 0/1")
	}
	c.NormEps = math.Float64frombits(r.u64())
	c.RopeTheta = math.Float64frombits(r.u64())
	c.RopePairBit = int(r.u8())
	if version == 2 {
		c.RopeScaling.Type = int(r.u8())
		if r.err == nil && c.RopeScaling.Type == model.RopeScalingNone {
			r.fail("version 2 architecture without RoPE scaling")
		}
		c.RopeScaling.Factor = math.Float64frombits(r.u64())
		c.RopeScaling.LowFreqFactor = math.Float64frombits(r.u64())
		c.RopeScaling.HighFreqFactor = math.Float64frombits(r.u64())
		c.RopeScaling.OriginalMaxPositions = r.dim("original_max_position_embeddings", model.MaxSeqLen)
	}
	if r.err == nil {
		if err := c.Validate(); err != nil {
			r.fail("architecture: %v", err)
		}
	}
	return c
}

// writeTensors / readTensors: the quantization block.
//
//	u32 count ‖ per tensor (spec order): name ‖ u8 kind ‖ u8 rank ‖ u32 per axis
//	(outermost first) ‖ u8 exponent
//
// Names, kinds and shapes must be exactly model.TensorLayout(config).
func writeTensors(w *writer, c model.Config, exps []int) {
	layout := model.TensorLayout(c)
	w.u32(uint32(len(layout)))
	for i, t := range layout {
		w.str(t.Name)
		w.u8(uint8(t.Kind))
		w.u8(uint8(len(t.Shape)))
		for _, s := range t.Shape {
			w.u32(uint32(s))
		}
		w.u8(uint8(exps[i]))
	}
}

func readTensors(r *reader, c model.Config) []int {
	if r.err != nil {
		return nil
	}
	layout := model.TensorLayout(c)
	if n := r.u32(); r.err == nil && int(n) != len(layout) {
		r.fail("%d tensors, the architecture has %d", n, len(layout))
		return nil
	}
	exps := make([]int, len(layout))
	for i, t := range layout {
		name, kind, rank := r.str(), r.u8(), int(r.u8())
		if r.err != nil {
			return nil
		}
		if name != t.Name || kind != uint8(t.Kind) || rank != len(t.Shape) {
			r.fail("tensor %d is %q kind %d rank %d, want %q kind %d rank %d", i, name, kind, rank, t.Name, t.Kind, len(t.Shape))
			return nil
		}
		for a, s := range t.Shape {
			if v := r.u32(); r.err == nil && int(v) != s {
				r.fail("tensor %s axis %d is %d, want %d", name, a, v, s)
				return nil
			}
		}
		exps[i] = int(r.u8())
	}
	return exps
}

func (r *reader) end() {
	if r.err == nil && r.off != len(r.b) {
		r.fail("%d trailing bytes", len(r.b)-r.off)
	}
}
