package llama2c

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/zkllm/zkllm/prover/model"
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

// Decode parses a legacy or v1 checkpoint.
func Decode(data []byte) (*model.Model, Version, error) {
	if len(data) >= 8 && binary.LittleEndian.Uint32(data) == magicV1 {
		m, err := decodeV1(data)
		return m, V1, err
	}
	m, err := decodeLegacy(data)
	return m, Legacy, err
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

func decodeLegacy(data []byte) (*model.Model, error) {
	if len(data) < legacyHeader {
		return nil, fmt.Errorf("%w: %d bytes, shorter than the 28-byte header", ErrFormat, len(data))
	}
	cfg, _, err := readHeader(data)
	if err != nil {
		return nil, err
	}
	ropeFloats := uint64(cfg.SeqLen) * uint64(cfg.HeadSize()) // cos and sin halves together
	want := legacyHeader + 4*(cfg.ParamCount()+ropeFloats)
	if uint64(len(data)) != want {
		return nil, fmt.Errorf("%w: %d bytes, header implies %d", ErrFormat, len(data), want)
	}
	m := model.Allocate(cfg)
	r := reader{data: data, off: legacyHeader}
	r.floats(m.Embedding)
	for _, sel := range layerOrderLegacy {
		for l := range m.Layers {
			r.floats(sel(&m.Layers[l]))
		}
	}
	r.floats(m.FinalNorm)
	r.off += int(4 * ropeFloats)
	if !cfg.SharedClassifier {
		r.floats(m.Classifier)
	}
	return finish(m, r)
}

func decodeV1(data []byte) (*model.Model, error) {
	if len(data) < headerSizeV1 {
		return nil, fmt.Errorf("%w: %d bytes, shorter than the 256-byte v1 header", ErrFormat, len(data))
	}
	if v := int32(binary.LittleEndian.Uint32(data[4:])); v != 1 {
		return nil, fmt.Errorf("%w: version %d unsupported (only 1, float32)", ErrFormat, v)
	}
	cfg, _, err := readHeader(data[8:])
	if err != nil {
		return nil, err
	}
	if cfg.VocabSize != int(int32(binary.LittleEndian.Uint32(data[28:]))) {
		return nil, fmt.Errorf("%w: v1 vocab_size must be positive", ErrFormat)
	}
	switch data[36] {
	case 0:
		cfg.SharedClassifier = false
	case 1:
		cfg.SharedClassifier = true
	default:
		return nil, fmt.Errorf("%w: shared_classifier flag %d", ErrFormat, data[36])
	}
	for i := 37; i < headerSizeV1; i++ {
		if data[i] != 0 {
			return nil, fmt.Errorf("%w: nonzero header padding at byte %d", ErrFormat, i)
		}
	}
	want := headerSizeV1 + 4*cfg.ParamCount()
	if uint64(len(data)) != want {
		return nil, fmt.Errorf("%w: %d bytes, header implies %d", ErrFormat, len(data), want)
	}
	m := model.Allocate(cfg)
	r := reader{data: data, off: headerSizeV1}
	for l := range m.Layers {
		r.floats(m.Layers[l].AttnNorm)
	}
	for l := range m.Layers {
		r.floats(m.Layers[l].FFNNorm)
	}
	r.floats(m.FinalNorm)
	r.floats(m.Embedding)
	for _, sel := range layerOrderV1 {
		for l := range m.Layers {
			r.floats(sel(&m.Layers[l]))
		}
	}
	if !cfg.SharedClassifier {
		r.floats(m.Classifier)
	}
	return finish(m, r)
}

type layerField func(*model.Layer) []float32

var (
	fAttnNorm layerField = func(l *model.Layer) []float32 { return l.AttnNorm }
	fWQ       layerField = func(l *model.Layer) []float32 { return l.WQ }
	fWK       layerField = func(l *model.Layer) []float32 { return l.WK }
	fWV       layerField = func(l *model.Layer) []float32 { return l.WV }
	fWO       layerField = func(l *model.Layer) []float32 { return l.WO }
	fFFNNorm  layerField = func(l *model.Layer) []float32 { return l.FFNNorm }
	fW1       layerField = func(l *model.Layer) []float32 { return l.W1 }
	fW2       layerField = func(l *model.Layer) []float32 { return l.W2 }
	fW3       layerField = func(l *model.Layer) []float32 { return l.W3 }

	layerOrderLegacy = []layerField{fAttnNorm, fWQ, fWK, fWV, fWO, fFFNNorm, fW1, fW2, fW3}
	layerOrderV1     = []layerField{fWQ, fWK, fWV, fWO, fW1, fW2, fW3}
)

type reader struct {
	data []byte
	off  int
}

// floats fills dst; sizes were checked against the file length up front.
func (r *reader) floats(dst []float32) {
	for i := range dst {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(r.data[r.off:]))
		r.off += 4
	}
}

func finish(m *model.Model, r reader) (*model.Model, error) {
	if r.off != len(r.data) {
		return nil, fmt.Errorf("%w: internal size mismatch (%d of %d bytes read)", ErrFormat, r.off, len(r.data))
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return m, nil
}

// EncodeV1 writes m as a v1 checkpoint. m must use llama2.c's fixed
// hyperparameters (ε, RoPE base and pairing), which the format cannot carry.
func EncodeV1(m *model.Model) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	c := m.Config
	if c.NormEps != NormEps || c.RopeTheta != RopeTheta || c.RopePairBit != 0 {
		return nil, fmt.Errorf("llama2c: model has eps %v, theta %v, pair bit %d; the format fixes 1e-5, 10000, 0", c.NormEps, c.RopeTheta, c.RopePairBit)
	}
	out := make([]byte, headerSizeV1, headerSizeV1+4*c.ParamCount())
	binary.LittleEndian.PutUint32(out, magicV1)
	binary.LittleEndian.PutUint32(out[4:], 1)
	for i, v := range []int{c.Dim, c.HiddenDim, c.NLayers, c.NHeads, c.NKVHeads, c.VocabSize, c.SeqLen} {
		binary.LittleEndian.PutUint32(out[8+4*i:], uint32(v))
	}
	if c.SharedClassifier {
		out[36] = 1
	}
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

// DecodeTokenizer parses a llama2.c tokenizer file for a model of vocabSize tokens.
func DecodeTokenizer(data []byte, vocabSize int) (*tokenizer.Tokenizer, error) {
	return tokenizer.UnmarshalLlama2c(data, vocabSize)
}
