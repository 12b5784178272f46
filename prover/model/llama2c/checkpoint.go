package llama2c

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/safetensors"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
)

// ErrFormat reports a malformed checkpoint.
var ErrFormat = errors.New("llama2c: malformed checkpoint")

const (
	magicV1      = 0x616b3432 // "ak42"
	headerSizeV1 = 256
	legacyHeader = 7 * 4
)

// llama2.c's fixed hyperparameters.
const (
	NormEps   = 1e-5
	RopeTheta = 10000
)

// Version identifies the checkpoint layout.
type Version int

const (
	Legacy Version = 0
	V1     Version = 1
)

// Decode parses a legacy or v1 checkpoint held in memory.
func Decode(data []byte) (*model.Model, Version, error) {
	r := bytes.NewReader(data)
	l, err := ReadLayout(r, int64(len(data)))
	if err != nil {
		return nil, Legacy, err
	}
	m := model.Allocate(l.Config)
	for i, t := range m.Tensors() {
		at := 0
		if err := l.Chunks(r, i)(func(v []float32) error {
			at += copy(t.Data[at:], v)
			return nil
		}); err != nil {
			return nil, l.Version, fmt.Errorf("%w: %w", ErrFormat, err)
		}
	}
	if err := m.Validate(); err != nil {
		return nil, l.Version, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return m, l.Version, nil
}

// Layout is a checkpoint's architecture and where each tensor lies.
type Layout struct {
	Config  model.Config
	Version Version
	// Offsets[i] is the file offset of tensor i of model.TensorLayout
	// (float32 little-endian, row-major).
	Offsets []int64
}

// ReadLayout reads a checkpoint's header through r and checks the size it
// implies against the file size before anything else is read or allocated:
// a garbage or truncated file costs a few hundred bytes of reading.
func ReadLayout(r io.ReaderAt, size int64) (*Layout, error) {
	hdr := make([]byte, min(size, headerSizeV1))
	if _, err := r.ReadAt(hdr, 0); err != nil {
		return nil, fmt.Errorf("%w: reading the header: %v", ErrFormat, err)
	}
	l := &Layout{}
	var start int64
	if len(hdr) >= 8 && binary.LittleEndian.Uint32(hdr) == magicV1 {
		l.Version, start = V1, headerSizeV1
		if len(hdr) < headerSizeV1 {
			return nil, fmt.Errorf("%w: %d bytes, shorter than the 256-byte v1 header", ErrFormat, size)
		}
		if v := int32(binary.LittleEndian.Uint32(hdr[4:])); v != 1 {
			return nil, fmt.Errorf("%w: version %d unsupported (only 1, float32)", ErrFormat, v)
		}
		cfg, _, err := readHeader(hdr[8:])
		if err != nil {
			return nil, err
		}
		if cfg.VocabSize != int(int32(binary.LittleEndian.Uint32(hdr[28:]))) {
			return nil, fmt.Errorf("%w: v1 vocab_size must be positive", ErrFormat)
		}
		switch hdr[36] {
		case 0:
			cfg.SharedClassifier = false
		case 1:
			cfg.SharedClassifier = true
		default:
			return nil, fmt.Errorf("%w: shared_classifier flag %d", ErrFormat, hdr[36])
		}
		for i := 37; i < headerSizeV1; i++ {
			if hdr[i] != 0 {
				return nil, fmt.Errorf("%w: nonzero header padding at byte %d", ErrFormat, i)
			}
		}
		l.Config = cfg
		if err := l.checkSize(size, start, 0); err != nil {
			return nil, err
		}
	} else {
		l.Version, start = Legacy, legacyHeader
		if len(hdr) < legacyHeader {
			return nil, fmt.Errorf("%w: %d bytes, shorter than the 28-byte header", ErrFormat, size)
		}
		cfg, _, err := readHeader(hdr)
		if err != nil {
			return nil, err
		}
		l.Config = cfg
		// The legacy format stores the RoPE tables (cos and sin halves,
		// seq_len·head_size/2 each) between the final norm and the classifier.
		if err := l.checkSize(size, start, uint64(cfg.SeqLen)*uint64(cfg.HeadSize())); err != nil {
			return nil, err
		}
	}
	l.place(start)
	return l, nil
}

func (l *Layout) checkSize(size, start int64, ropeFloats uint64) error {
	want := uint64(start) + 4*(l.Config.ParamCount()+ropeFloats)
	if uint64(size) != want {
		return fmt.Errorf("%w: %d bytes, header implies %d", ErrFormat, size, want)
	}
	return nil
}

// place computes Offsets by walking the file's tensor order.
func (l *Layout) place(at int64) {
	c := l.Config
	layout := model.TensorLayout(c)
	index := make(map[string]int, len(layout))
	for i, t := range layout {
		index[t.Name] = i
	}
	l.Offsets = make([]int64, len(layout))
	put := func(name string) {
		i := index[name]
		l.Offsets[i] = at
		n := int64(1)
		for _, s := range layout[i].Shape {
			n *= int64(s)
		}
		at += 4 * n
	}
	perLayer := func(fields ...string) {
		for _, f := range fields {
			for k := range c.NLayers {
				put(fmt.Sprintf("layers.%d.%s", k, f))
			}
		}
	}
	if l.Version == V1 {
		perLayer("attn_norm", "ffn_norm")
		put("final_norm")
		put("embed")
		perLayer("wq", "wk", "wv", "wo", "w1", "w2", "w3")
	} else {
		put("embed")
		perLayer("attn_norm", "wq", "wk", "wv", "wo", "ffn_norm", "w1", "w2", "w3")
		put("final_norm")
		at += 4 * int64(c.SeqLen) * int64(c.HeadSize()) // RoPE tables
	}
	if !c.SharedClassifier {
		put("lm_head")
	}
}

// Chunks streams tensor i (model.TensorLayout order) from r, as
// safetensors.Chunks (the shape of quant.Chunks).
func (l *Layout) Chunks(r io.ReaderAt, i int) func(each func([]float32) error) error {
	n := 1
	for _, s := range model.TensorLayout(l.Config)[i].Shape {
		n *= s
	}
	return safetensors.Chunks(r, l.Offsets[i], n, safetensors.F32)
}

func readHeader(b []byte) (model.Config, bool, error) {
	var h [7]int32
	for i := range h {
		h[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	shared := true
	if h[5] < 0 {
		shared = false
		if h[5] == math.MinInt32 {
			return model.Config{}, false, fmt.Errorf("%w: vocab_size %d", ErrFormat, h[5])
		}
		h[5] = -h[5]
	}
	cfg := model.Config{
		Dim: int(h[0]), HiddenDim: int(h[1]), NLayers: int(h[2]), NHeads: int(h[3]),
		NKVHeads: int(h[4]), VocabSize: int(h[5]), SeqLen: int(h[6]),
		SharedClassifier: shared, NormEps: NormEps, RopeTheta: RopeTheta,
	}
	if err := cfg.Validate(); err != nil {
		return cfg, false, fmt.Errorf("%w: header: %w", ErrFormat, err)
	}
	return cfg, shared, nil
}

type layerField func(*model.Layer) []float32

var (
	fWQ layerField = func(l *model.Layer) []float32 { return l.WQ }
	fWK layerField = func(l *model.Layer) []float32 { return l.WK }
	fWV layerField = func(l *model.Layer) []float32 { return l.WV }
	fWO layerField = func(l *model.Layer) []float32 { return l.WO }
	fW1 layerField = func(l *model.Layer) []float32 { return l.W1 }
	fW2 layerField = func(l *model.Layer) []float32 { return l.W2 }
	fW3 layerField = func(l *model.Layer) []float32 { return l.W3 }

	layerOrderV1 = []layerField{fWQ, fWK, fWV, fWO, fW1, fW2, fW3}
)

// EncodeV1 writes m as a v1 checkpoint. m must use llama2.c's fixed
// hyperparameters (ε, RoPE base and pairing), which the format cannot carry.
func EncodeV1(m *model.Model) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	c := m.Config
	hdr, err := EncodeV1Header(c)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, headerSizeV1+4*c.ParamCount())
	out = append(out, hdr...)
	put := func(xs []float32) {
		for _, x := range xs {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(x))
		}
	}
	for l := range m.Layers {
		put(m.Layers[l].AttnNorm)
	}
	for l := range m.Layers {
		put(m.Layers[l].FFNNorm)
	}
	put(m.FinalNorm)
	put(m.Embedding)
	for _, sel := range layerOrderV1 {
		for l := range m.Layers {
			put(sel(&m.Layers[l]))
		}
	}
	if !c.SharedClassifier {
		put(m.Classifier)
	}
	return out, nil
}

// EncodeV1Header returns the 256-byte v1 header of c, which must use
// llama2.c's fixed hyperparameters (ε, RoPE base and pairing, no scaling).
func EncodeV1Header(c model.Config) ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.NormEps != NormEps || c.RopeTheta != RopeTheta || c.RopePairBit != 0 || c.RopeScaling != (model.RopeScaling{}) {
		return nil, fmt.Errorf("llama2c: model has eps %v, theta %v, pair bit %d, rope scaling %v; the format fixes 1e-5, 10000, 0, none", c.NormEps, c.RopeTheta, c.RopePairBit, c.RopeScaling.Type != 0)
	}
	out := make([]byte, headerSizeV1)
	binary.LittleEndian.PutUint32(out, magicV1)
	binary.LittleEndian.PutUint32(out[4:], 1)
	for i, v := range []int{c.Dim, c.HiddenDim, c.NLayers, c.NHeads, c.NKVHeads, c.VocabSize, c.SeqLen} {
		binary.LittleEndian.PutUint32(out[8+4*i:], uint32(v))
	}
	if c.SharedClassifier {
		out[36] = 1
	}
	return out, nil
}

// DecodeTokenizer parses a llama2.c tokenizer file for a model of vocabSize tokens.
func DecodeTokenizer(data []byte, vocabSize int) (*tokenizer.Tokenizer, error) {
	return tokenizer.UnmarshalLlama2c(data, vocabSize)
}
