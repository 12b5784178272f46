package synth

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"math"
	mrand "math/rand/v2"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/quant"
)

// Config7B is LLaMA-2-7B's architecture with n layers.
func Config7B(layers int) model.Config {
	return model.Config{
		Dim: 4096, HiddenDim: 11008, NLayers: layers, NHeads: 32, NKVHeads: 32,
		VocabSize: 32000, SeqLen: 4096, NormEps: 1e-5, RopeTheta: 10000,
	}
}

func cryptoSeed() ([32]byte, error) {
	var s [32]byte
	_, err := rand.Read(s[:])
	return s, err
}

// Quantized returns a quantized model of cfg with random int16 weights.
func Quantized(cfg model.Config) (*quant.Model, error) {
	s, err := cryptoSeed()
	if err != nil {
		return nil, err
	}
	return QuantizedSeeded(cfg, s)
}

// QuantizedSeeded is Quantized with a fixed seed (tests and benchmarks only).
func QuantizedSeeded(cfg model.Config, seed [32]byte) (*quant.Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rng := mrand.NewChaCha8(seed)
	layout := model.TensorLayout(cfg)
	q := &quant.Model{Config: cfg, Tensors: make([]quant.Tensor, len(layout))}
	for i, t := range layout {
		n := 1
		for _, s := range t.Shape {
			n *= s
		}
		data := make([]int16, n)
		fillInt16(rng, data)
		q.Tensors[i] = quant.Tensor{Name: t.Name, Shape: t.Shape, Kind: t.Kind, Exp: exponent(t), Data: data}
	}
	return q, nil
}

// Exponents returns the exponents Quantized gives cfg's tensors, in
// model.TensorLayout order, without generating any weight: what a public
// key's manifest holds, for sizing a proof of a model too large to build.
func Exponents(cfg model.Config) []int {
	layout := model.TensorLayout(cfg)
	out := make([]int, len(layout))
	for i, t := range layout {
		out[i] = exponent(t)
	}
	return out
}

// exponent puts max|w| ≈ 2^15/2^e near the scale of a trained tensor.
func exponent(t model.Tensor) int {
	switch t.Kind {
	case model.KindNorm, model.KindEmbedding:
		return 15 // |w| < 1
	}
	// |w| < 1/√d_in: e = 15 + ⌈log2 √d_in⌉
	return 15 + int(math.Ceil(0.5*math.Log2(float64(t.Shape[len(t.Shape)-1]))))
}

func fillInt16(rng *mrand.ChaCha8, data []int16) {
	var buf [8]byte
	for i := 0; i < len(data); i += 4 {
		binary.LittleEndian.PutUint64(buf[:], rng.Uint64())
		for k := 0; k < 4 && i+k < len(data); k++ {
			v := int16(binary.LittleEndian.Uint16(buf[2*k:]))
			if v == math.MinInt16 { // keep the range symmetric, as quantization does
				v = math.MaxInt16
			}
			data[i+k] = v
		}
	}
}

// Float returns a float32 model of cfg with random weights (linear weights
// uniform in ±1/√d_in, norm gains in [0.5, 1.5), embeddings in ±1).
func Float(cfg model.Config) (*model.Model, error) {
	s, err := cryptoSeed()
	if err != nil {
		return nil, err
	}
	return FloatSeeded(cfg, s)
}

// FloatSeeded is Float with a fixed seed (tests and benchmarks only).
func FloatSeeded(cfg model.Config, seed [32]byte) (*model.Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.ParamCount() > 1<<31 {
		return nil, fmt.Errorf("synth: %d float parameters is more than this generator keeps in memory", cfg.ParamCount())
	}
	rng := mrand.New(mrand.NewChaCha8(seed))
	m := model.Allocate(cfg)
	for _, t := range m.Tensors() {
		switch t.Kind {
		case model.KindNorm:
			for i := range t.Data {
				t.Data[i] = 0.5 + rng.Float32()
			}
		case model.KindEmbedding:
			for i := range t.Data {
				t.Data[i] = 2*rng.Float32() - 1
			}
		default:
			s := float32(1 / math.Sqrt(float64(t.Shape[len(t.Shape)-1])))
			for i := range t.Data {
				t.Data[i] = s * (2*rng.Float32() - 1)
			}
		}
	}
	return m, nil
}
