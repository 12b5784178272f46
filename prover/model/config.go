package model

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// ErrInvalid reports an architecture or weight set that cannot be a valid model.
var ErrInvalid = errors.New("model: invalid")

// Limits on a Config, chosen far above any LLaMA release (7B: dim 4096, ffn 11008,
// vocab 32000) yet low enough that products of them never overflow and a
// hostile header cannot make a loader allocate without bound before the file
// size is checked.
const (
	MaxDim       = 1 << 16
	MaxHiddenDim = 1 << 18
	MaxLayers    = 1 << 10
	MaxHeads     = 1 << 10
	MaxVocab     = 1 << 20
	MaxSeqLen    = 1 << 20
	// MaxParams bounds the float32 parameter count (128 GiB of weights).
	MaxParams = 1 << 35
)

// Config is the architecture of a LLaMA-style decoder.
type Config struct {
	Dim       int // model width d
	HiddenDim int // FFN width d_ff
	NLayers   int
	NHeads    int
	NKVHeads  int // grouped-query attention: NHeads is a multiple of NKVHeads
	VocabSize int
	SeqLen    int // maximum context length T_max
	// SharedClassifier: the output projection is the token embedding.
	SharedClassifier bool
	NormEps          float64 // RMSNorm epsilon
	RopeTheta        float64 // RoPE base
	// RopePairBit b: RoPE rotates element k with element k XOR 2^b inside a head.
	// 0 = llama2.c/Meta pairs (2i, 2i+1); log2(HeadSize)-1 = HF rotate_half.
	RopePairBit int
	// RopeScaling rescales the RoPE frequencies (Llama 3.1/3.2); the zero
	// value means none.
	RopeScaling RopeScaling
}

// RoPE scaling kinds.
const (
	RopeScalingNone   = 0
	RopeScalingLlama3 = 1 // HF rope_type "llama3"
)

// RopeScaling is HF's rope_scaling block for rope_type "llama3": with
// wavelength λ_i = 2π/ω_i, L = OriginalMaxPositions, frequencies with
// λ < L/HighFreqFactor stay, those with λ > L/LowFreqFactor are divided by
// Factor, and those between are interpolated:
// ω' = (1−s)·ω/Factor + s·ω with s = (L/λ − LowFreqFactor)/(HighFreqFactor − LowFreqFactor).
type RopeScaling struct {
	Type                 int // RopeScalingNone or RopeScalingLlama3
	Factor               float64
	LowFreqFactor        float64
	HighFreqFactor       float64
	OriginalMaxPositions int
}

// Validate checks the scaling parameters: all zero for none; for llama3
// factor in [1, 1024], 0 < low < high ≤ 1024 and original positions in
// [1, MaxSeqLen].
func (s RopeScaling) Validate() error {
	finite := func(x, lo, hi float64) bool { return x >= lo && x <= hi && !math.IsNaN(x) }
	switch s.Type {
	case RopeScalingNone:
		if s != (RopeScaling{}) {
			return fmt.Errorf("%w: rope scaling parameters without a scaling type", ErrInvalid)
		}
	case RopeScalingLlama3:
		switch {
		case !finite(s.Factor, 1, 1024):
			return fmt.Errorf("%w: rope scaling factor %v outside [1, 1024]", ErrInvalid, s.Factor)
		case !finite(s.LowFreqFactor, 0, 1024) || s.LowFreqFactor == 0:
			return fmt.Errorf("%w: rope scaling low_freq_factor %v outside (0, 1024]", ErrInvalid, s.LowFreqFactor)
		case !finite(s.HighFreqFactor, 0, 1024) || !(s.HighFreqFactor > s.LowFreqFactor):
			return fmt.Errorf("%w: rope scaling high_freq_factor %v not in (low_freq_factor, 1024]", ErrInvalid, s.HighFreqFactor)
		case s.OriginalMaxPositions < 1 || s.OriginalMaxPositions > MaxSeqLen:
			return fmt.Errorf("%w: rope scaling original_max_position_embeddings %d outside [1, %d]", ErrInvalid, s.OriginalMaxPositions, MaxSeqLen)
		}
	default:
		return fmt.Errorf("%w: rope scaling type %d unknown", ErrInvalid, s.Type)
	}
	return nil
}

// Frequency is the float64 reference for ω_i of pair index i in a head of
// size hs with base theta, scaled per s (the integer tables compute the
// same with exact arithmetic in package rope).
func (s RopeScaling) Frequency(theta float64, i, hs int) float64 {
	w := 1 / math.Pow(theta, float64(2*i)/float64(hs))
	if s.Type != RopeScalingLlama3 {
		return w
	}
	L := float64(s.OriginalMaxPositions)
	lambda := 2 * math.Pi / w
	switch {
	case lambda < L/s.HighFreqFactor:
		return w
	case lambda > L/s.LowFreqFactor:
		return w / s.Factor
	}
	sm := (L/lambda - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor)
	return (1-sm)*w/s.Factor + sm*w
}

// HeadSize is d_h = Dim / NHeads.
func (c Config) HeadSize() int { return c.Dim / c.NHeads }

// KVDim is the width of K and V: HeadSize · NKVHeads.
func (c Config) KVDim() int { return c.HeadSize() * c.NKVHeads }

// KVMul is the number of query heads sharing one KV head.
func (c Config) KVMul() int { return c.NHeads / c.NKVHeads }

// RopePairIndex is π(k): the frequency index of element k of a head, i.e. k
// with bit RopePairBit removed.
func (c Config) RopePairIndex(k int) int {
	b := uint(c.RopePairBit)
	return (k>>(b+1))<<b | k&(1<<b-1)
}

// Validate checks every architectural constraint the loaders, the inference and
// the spec rely on.
func (c Config) Validate() error {
	type bound struct {
		name   string
		v, max int
	}
	for _, b := range []bound{
		{"dim", c.Dim, MaxDim}, {"hidden_dim", c.HiddenDim, MaxHiddenDim},
		{"n_layers", c.NLayers, MaxLayers}, {"n_heads", c.NHeads, MaxHeads},
		{"n_kv_heads", c.NKVHeads, MaxHeads}, {"vocab_size", c.VocabSize, MaxVocab},
		{"seq_len", c.SeqLen, MaxSeqLen},
	} {
		if b.v < 1 || b.v > b.max {
			return fmt.Errorf("%w: %s = %d outside [1, %d]", ErrInvalid, b.name, b.v, b.max)
		}
	}
	if c.Dim%c.NHeads != 0 {
		return fmt.Errorf("%w: dim %d not a multiple of n_heads %d", ErrInvalid, c.Dim, c.NHeads)
	}
	if c.NHeads%c.NKVHeads != 0 {
		return fmt.Errorf("%w: n_heads %d not a multiple of n_kv_heads %d", ErrInvalid, c.NHeads, c.NKVHeads)
	}
	hs := c.HeadSize()
	if hs%2 != 0 {
		return fmt.Errorf("%w: head size %d is odd (RoPE rotates pairs)", ErrInvalid, hs)
	}
	switch {
	case c.RopePairBit == 0:
	case bits.OnesCount(uint(hs)) == 1 && 1<<(c.RopePairBit+1) == hs:
	default:
		return fmt.Errorf("%w: rope pair bit %d invalid for head size %d (0, or log2(head)-1 with a power-of-two head)", ErrInvalid, c.RopePairBit, hs)
	}
	// PROTOCOL §7.4: ρ < 2^26 needs ε ≥ 2^-20.
	if !(c.NormEps >= 1.0/(1<<20)) || c.NormEps > 1 || math.IsInf(c.NormEps, 0) {
		return fmt.Errorf("%w: norm epsilon %v outside [2^-20, 1]", ErrInvalid, c.NormEps)
	}
	if !(c.RopeTheta > 1) || c.RopeTheta > 1e9 || math.IsInf(c.RopeTheta, 0) {
		return fmt.Errorf("%w: rope theta %v outside (1, 1e9]", ErrInvalid, c.RopeTheta)
	}
	if err := c.RopeScaling.Validate(); err != nil {
		return err
	}
	if n := c.ParamCount(); n > MaxParams {
		return fmt.Errorf("%w: %d parameters exceed the limit %d", ErrInvalid, n, uint64(MaxParams))
	}
	return nil
}

// ParamCount is the number of float parameters the Config implies. All
// factors are bounded by Validate's limits, so uint64 cannot overflow.
func (c Config) ParamCount() uint64 {
	d, h, v := uint64(c.Dim), uint64(c.HiddenDim), uint64(c.VocabSize)
	kv := uint64(c.KVDim())
	perLayer := 2*d + 2*d*d + 2*kv*d + 3*h*d
	n := v*d + uint64(c.NLayers)*perLayer + d
	if !c.SharedClassifier {
		n += v * d
	}
	return n
}
