package hf

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"regexp"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/bpe"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/tables"
)

// ErrFormat reports a malformed or unsupported Hugging Face model folder.
var ErrFormat = errors.New("hf: malformed model")

// File names of the layout.
const (
	ConfigFile    = "config.json"
	TokenizerFile = "tokenizer.json"
	WeightsFile   = "model.safetensors"
	IndexFile     = "model.safetensors.index.json"
)

// maxJSONFile bounds config.json, tokenizer.json and the index (weights are
// bounded by model.MaxParams through the config and the headers).
const maxJSONFile = 64 << 20

// Source is one file read, for the manifest.
type Source struct {
	Role, Name string
	Size       uint64
	SHA256     [32]byte
}

// Loaded is a model read from a folder with float32 weights.
type Loaded struct {
	Model     *model.Model
	Tokenizer *bpe.Tokenizer
	Sources   []Source
}

// Quantized is a model read from a folder straight into int16 weights.
type Quantized struct {
	Quant     *quant.Model
	Tokenizer *bpe.Tokenizer
	Sources   []Source
}

type hfConfig struct {
	Architectures         []string        `json:"architectures"`
	ModelType             string          `json:"model_type"`
	HiddenSize            int             `json:"hidden_size"`
	IntermediateSize      int             `json:"intermediate_size"`
	NumHiddenLayers       int             `json:"num_hidden_layers"`
	NumAttentionHeads     int             `json:"num_attention_heads"`
	NumKeyValueHeads      *int            `json:"num_key_value_heads"`
	VocabSize             int             `json:"vocab_size"`
	MaxPositionEmbeddings int             `json:"max_position_embeddings"`
	RMSNormEps            *float64        `json:"rms_norm_eps"`
	RopeTheta             *float64        `json:"rope_theta"`
	TieWordEmbeddings     *bool           `json:"tie_word_embeddings"`
	HiddenAct             *string         `json:"hidden_act"`
	RopeScaling           json.RawMessage `json:"rope_scaling"`
	AttentionBias         bool            `json:"attention_bias"`
	MLPBias               bool            `json:"mlp_bias"`
	HeadDim               *int            `json:"head_dim"`
	EOSTokenID            json.RawMessage `json:"eos_token_id"`
}

// refusedKeys are config.json keys whose presence with a value other than
// null, false, 0, 1 (for factors) or an empty list would change the function
// the model computes in a way this implementation does not: each names the
// feature in the refusal sentence.
var refusedKeys = []struct{ key, what string }{
	{"sliding_window", "sliding-window attention"},
	{"use_sliding_window", "sliding-window attention"},
	{"max_window_layers", "sliding-window attention"},
	{"num_local_experts", "mixture of experts"},
	{"num_experts", "mixture of experts"},
	{"num_experts_per_tok", "mixture of experts"},
	{"moe_intermediate_size", "mixture of experts"},
	{"no_rope_layers", "layers without RoPE"},
	{"qk_norm", "query/key normalisation"},
	{"logits_scaling", "scaled logits"},
	{"embedding_multiplier", "a scaled embedding"},
	{"residual_multiplier", "scaled residuals"},
	{"attention_multiplier", "a scaled attention"},
}

// neutral reports whether a JSON value leaves the feature off: null, false,
// 0, an empty list or object.
func neutral(raw json.RawMessage) bool {
	switch strings.TrimSpace(string(raw)) {
	case "null", "false", "0", "[]", "{}", "0.0":
		return true
	}
	return false
}

func configError(field, format string, a ...any) error {
	return fmt.Errorf("%w: config.json field %q: %s", ErrFormat, field, fmt.Sprintf(format, a...))
}

func parseConfig(b []byte) (model.Config, error) {
	var h hfConfig
	if err := json.Unmarshal(b, &h); err != nil {
		return model.Config{}, fmt.Errorf("%w: config.json: %v", ErrFormat, err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return model.Config{}, fmt.Errorf("%w: config.json: %v", ErrFormat, err)
	}
	if h.ModelType != "llama" {
		return model.Config{}, configError("model_type", "%q is not supported (only \"llama\": Llama 2/3, TinyLlama, SmolLM)", h.ModelType)
	}
	for _, a := range h.Architectures {
		if a != "LlamaForCausalLM" {
			return model.Config{}, configError("architectures", "%q is not supported (only LlamaForCausalLM)", a)
		}
	}
	for _, r := range refusedKeys {
		if v, ok := all[r.key]; ok && !neutral(v) {
			return model.Config{}, configError(r.key, "%s is not supported (value %s)", r.what, v)
		}
	}
	if v, ok := all["partial_rotary_factor"]; ok && strings.TrimSpace(string(v)) != "1" && strings.TrimSpace(string(v)) != "1.0" {
		return model.Config{}, configError("partial_rotary_factor", "partial RoPE is not supported (value %s)", v)
	}
	// Absent fields take LlamaConfig's defaults: silu, ε = 1e-6, θ = 10000,
	// untied embeddings, n_kv_heads = n_heads.
	if h.HiddenAct != nil && *h.HiddenAct != "silu" {
		return model.Config{}, configError("hidden_act", "%q is not supported (only \"silu\")", *h.HiddenAct)
	}
	if h.AttentionBias {
		return model.Config{}, configError("attention_bias", "biases on the attention projections are not supported")
	}
	if h.MLPBias {
		return model.Config{}, configError("mlp_bias", "biases on the MLP projections are not supported")
	}
	c := model.Config{
		Dim: h.HiddenSize, HiddenDim: h.IntermediateSize, NLayers: h.NumHiddenLayers,
		NHeads: h.NumAttentionHeads, NKVHeads: h.NumAttentionHeads, VocabSize: h.VocabSize,
		SeqLen: h.MaxPositionEmbeddings, NormEps: 1e-6, RopeTheta: 10000,
	}
	if h.RMSNormEps != nil {
		c.NormEps = *h.RMSNormEps
	}
	if h.NumKeyValueHeads != nil {
		c.NKVHeads = *h.NumKeyValueHeads
	}
	if h.RopeTheta != nil {
		c.RopeTheta = *h.RopeTheta
	}
	if h.TieWordEmbeddings != nil {
		c.SharedClassifier = *h.TieWordEmbeddings
	}
	sc, err := parseRopeScaling(h.RopeScaling)
	if err != nil {
		return c, err
	}
	c.RopeScaling = sc
	if c.NHeads > 0 && c.Dim%c.NHeads == 0 {
		hs := c.Dim / c.NHeads
		if h.HeadDim != nil && *h.HeadDim != hs {
			return c, configError("head_dim", "%d differs from hidden_size/num_attention_heads = %d, which this implementation requires", *h.HeadDim, hs)
		}
		if _, ok := tables.PinnedExpCDigest(hs); !ok {
			return c, configError("num_attention_heads", "head size %d has no pinned softmax table (supported: %v)", hs, tables.PinnedExpCHeadDims())
		}
		// rotate_half pairs k with k + hs/2: for a power of two that is the
		// pair bit log2(hs) − 1; otherwise the loader permutes q/k rows to
		// the interleaved order (pair bit 0), see rowPermuted.
		if bits.OnesCount(uint(hs)) == 1 {
			c.RopePairBit = bits.Len(uint(hs)) - 2
		}
	}
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("%w: config.json: %w", ErrFormat, err)
	}
	return c, nil
}

// parseRopeScaling reads rope_scaling: null, or rope_type (older: type)
// "llama3" with its four parameters; anything else is refused by name.
func parseRopeScaling(raw json.RawMessage) (model.RopeScaling, error) {
	if len(raw) == 0 || neutral(raw) {
		return model.RopeScaling{}, nil
	}
	var rs struct {
		RopeType                      string   `json:"rope_type"`
		Type                          string   `json:"type"`
		Factor                        *float64 `json:"factor"`
		LowFreqFactor                 *float64 `json:"low_freq_factor"`
		HighFreqFactor                *float64 `json:"high_freq_factor"`
		OriginalMaxPositionEmbeddings *int     `json:"original_max_position_embeddings"`
	}
	if err := json.Unmarshal(raw, &rs); err != nil {
		return model.RopeScaling{}, configError("rope_scaling", "%v", err)
	}
	kind := rs.RopeType
	if kind == "" {
		kind = rs.Type
	}
	if kind != "llama3" {
		return model.RopeScaling{}, configError("rope_scaling.rope_type", "%q is not supported (only \"llama3\" or no scaling)", kind)
	}
	var unknown map[string]json.RawMessage
	json.Unmarshal(raw, &unknown)
	for k := range unknown {
		switch k {
		case "rope_type", "type", "factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings":
		default:
			return model.RopeScaling{}, configError("rope_scaling."+k, "is not part of llama3 RoPE scaling")
		}
	}
	if rs.Factor == nil || rs.LowFreqFactor == nil || rs.HighFreqFactor == nil || rs.OriginalMaxPositionEmbeddings == nil {
		return model.RopeScaling{}, configError("rope_scaling", "llama3 scaling needs factor, low_freq_factor, high_freq_factor and original_max_position_embeddings")
	}
	sc := model.RopeScaling{
		Type: model.RopeScalingLlama3, Factor: *rs.Factor, LowFreqFactor: *rs.LowFreqFactor,
		HighFreqFactor: *rs.HighFreqFactor, OriginalMaxPositions: *rs.OriginalMaxPositionEmbeddings,
	}
	if err := sc.Validate(); err != nil {
		return sc, configError("rope_scaling", "%v", err)
	}
	return sc, nil
}

// TensorNames lists the HF tensor names of a Config in spec order
// (model.TensorLayout).
func TensorNames(c model.Config) []string { return hfNames(c) }

// ParseConfig reads config.json: the architecture, or a refusal naming the
// unsupported field.
func ParseConfig(b []byte) (model.Config, error) { return parseConfig(b) }

// hfNames maps our spec-order tensors to HF names.
func hfNames(c model.Config) []string {
	names := []string{"model.embed_tokens.weight"}
	for l := range c.NLayers {
		p := fmt.Sprintf("model.layers.%d.", l)
		names = append(names, p+"input_layernorm.weight", p+"self_attn.q_proj.weight", p+"self_attn.k_proj.weight",
			p+"self_attn.v_proj.weight", p+"self_attn.o_proj.weight", p+"post_attention_layernorm.weight",
			p+"mlp.gate_proj.weight", p+"mlp.up_proj.weight", p+"mlp.down_proj.weight")
	}
	names = append(names, "model.norm.weight")
	if !c.SharedClassifier {
		names = append(names, "lm_head.weight")
	}
	return names
}

var ignorable = regexp.MustCompile(`^model\.layers\.\d+\.self_attn\.rotary_emb\.inv_freq$`)
