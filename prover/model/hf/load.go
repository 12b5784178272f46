package hf

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/safetensors"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
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

// Size limits for reading (weights are bounded by model.MaxParams).
const (
	maxJSONFile   = 64 << 20
	maxWeightFile = 4 * model.MaxParams
)

// Source is one file read, for the manifest.
type Source struct {
	Role, Name string
	Size       uint64
	SHA256     [32]byte
}

// Loaded is a model read from a folder.
type Loaded struct {
	Model     *model.Model
	Tokenizer *tokenizer.Tokenizer
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
}

type reader struct {
	fsys    fs.FS
	sources []Source
}

func (r *reader) read(name, role string, limit int64) ([]byte, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrFormat, name, limit)
	}
	r.sources = append(r.sources, Source{Role: role, Name: name, Size: uint64(len(b)), SHA256: sha256.Sum256(b)})
	return b, nil
}

// Load reads a model folder (use os.DirFS for a directory on disk).
func Load(fsys fs.FS) (*Loaded, error) {
	r := &reader{fsys: fsys}
	cb, err := r.read(ConfigFile, "config", maxJSONFile)
	if err != nil {
		return nil, err
	}
	cfg, err := parseConfig(cb)
	if err != nil {
		return nil, err
	}
	m, err := r.loadWeights(cfg)
	if err != nil {
		return nil, err
	}
	tb, err := r.read(TokenizerFile, "tokenizer", maxJSONFile)
	if err != nil {
		return nil, err
	}
	tk, err := ParseTokenizer(tb, cfg.VocabSize)
	if err != nil {
		return nil, err
	}
	return &Loaded{Model: m, Tokenizer: tk, Sources: r.sources}, nil
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
		if bits.OnesCount(uint(hs)) != 1 || hs < 2 {
			return c, configError("num_attention_heads", "head size %d is not a power of two (HF's rotate_half pairing is only supported for those)", hs)
		}
		if _, ok := tables.PinnedExpCDigest(hs); !ok {
			return c, configError("num_attention_heads", "head size %d has no pinned softmax table (supported: %v)", hs, tables.PinnedExpCHeadDims())
		}
		c.RopePairBit = bits.Len(uint(hs)) - 2
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

func (r *reader) loadWeights(c model.Config) (*model.Model, error) {
	var shards []string
	if ib, err := fs.ReadFile(r.fsys, IndexFile); err == nil {
		// Re-read through r.read so the index is recorded as a source.
		if ib, err = r.read(IndexFile, "index", maxJSONFile); err != nil {
			return nil, err
		}
		var idx struct {
			WeightMap map[string]string `json:"weight_map"`
		}
		if err := json.Unmarshal(ib, &idx); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrFormat, IndexFile, err)
		}
		for _, f := range idx.WeightMap {
			if f != path.Base(f) || !strings.HasSuffix(f, ".safetensors") {
				return nil, fmt.Errorf("%w: %s names shard %q", ErrFormat, IndexFile, f)
			}
			if !slices.Contains(shards, f) {
				shards = append(shards, f)
			}
		}
		sort.Strings(shards)
	} else {
		shards = []string{WeightsFile}
	}
	found := map[string][]float32{}
	shapes := map[string][]int{}
	for _, s := range shards {
		b, err := r.read(s, "weights", maxWeightFile)
		if err != nil {
			return nil, err
		}
		st, err := safetensors.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrFormat, s, err)
		}
		for _, name := range st.Names() {
			if ignorable.MatchString(name) {
				continue
			}
			if _, dup := found[name]; dup {
				return nil, fmt.Errorf("%w: tensor %s appears twice (in %s)", ErrFormat, name, s)
			}
			v, err := st.Float32(name)
			if err != nil {
				return nil, err
			}
			info, _ := st.Info(name)
			found[name] = v
			shapes[name] = info.Shape
		}
	}
	names := hfNames(c)
	if c.SharedClassifier {
		if cls, ok := found["lm_head.weight"]; ok {
			if !slices.Equal(cls, found["model.embed_tokens.weight"]) {
				return nil, fmt.Errorf("%w: tie_word_embeddings is true but lm_head.weight differs from the embedding", ErrFormat)
			}
			delete(found, "lm_head.weight")
		}
	}
	// Check presence and shapes before allocating: the model then takes no
	// more memory than the tensors already read.
	layout := model.TensorLayout(c)
	for i, name := range names {
		if _, ok := found[name]; !ok {
			return nil, fmt.Errorf("%w: tensor %s missing", ErrFormat, name)
		}
		if !slices.Equal(shapes[name], layout[i].Shape) {
			return nil, fmt.Errorf("%w: tensor %s has shape %v, want %v", ErrFormat, name, shapes[name], layout[i].Shape)
		}
	}
	if len(found) != len(names) {
		for name := range found {
			if !slices.Contains(names, name) {
				return nil, fmt.Errorf("%w: unexpected tensor %s", ErrFormat, name)
			}
		}
	}
	m := model.Allocate(c)
	for i, t := range m.Tensors() {
		copy(t.Data, found[names[i]])
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return m, nil
}

// spaceMark is SentencePiece's visible space.
const spaceMark = "\u2581"

type tokenizerJSON struct {
	Model struct {
		Type         string          `json:"type"`
		Vocab        map[string]int  `json:"vocab"`
		Merges       json.RawMessage `json:"merges"`
		ByteFallback bool            `json:"byte_fallback"`
	} `json:"model"`
}

// ParseTokenizer reads tokenizer.json for a model of vocabSize tokens.
func ParseTokenizer(b []byte, vocabSize int) (*tokenizer.Tokenizer, error) {
	var tj tokenizerJSON
	if err := json.Unmarshal(b, &tj); err != nil {
		return nil, fmt.Errorf("%w: tokenizer.json: %v", ErrFormat, err)
	}
	if tj.Model.Type != "BPE" || !tj.Model.ByteFallback {
		return nil, fmt.Errorf("%w: tokenizer.json model is %q (byte_fallback %v); need a byte-fallback BPE", ErrFormat, tj.Model.Type, tj.Model.ByteFallback)
	}
	if len(tj.Model.Vocab) != vocabSize {
		return nil, fmt.Errorf("%w: tokenizer has %d pieces, config says %d", ErrFormat, len(tj.Model.Vocab), vocabSize)
	}
	pieces := make([]string, vocabSize)
	maxLen := 1
	for p, id := range tj.Model.Vocab {
		if id < 0 || id >= vocabSize || pieces[id] != "" {
			return nil, fmt.Errorf("%w: piece %q has id %d (ids must be 0..%d, each once)", ErrFormat, p, id, vocabSize-1)
		}
		if p == "" {
			return nil, fmt.Errorf("%w: empty piece (id %d)", ErrFormat, id)
		}
		pieces[id] = strings.ReplaceAll(p, spaceMark, " ")
		maxLen = max(maxLen, len(pieces[id]))
	}
	merges, err := parseMerges(tj.Model.Merges)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, vocabSize)
	for id, p := range pieces {
		index[p] = id
	}
	const never = -1e10
	scores := make([]float32, vocabSize)
	for i := range scores {
		scores[i] = never
	}
	for rank, mg := range merges {
		a, b := strings.ReplaceAll(mg[0], spaceMark, " "), strings.ReplaceAll(mg[1], spaceMark, " ")
		_, okA := index[a]
		_, okB := index[b]
		id, okP := index[a+b]
		if !okA || !okB || !okP {
			return nil, fmt.Errorf("%w: merge %d (%q + %q) uses pieces outside the vocabulary", ErrFormat, rank, mg[0], mg[1])
		}
		if scores[id] == never {
			scores[id] = -float32(rank)
		}
	}
	tk, err := tokenizer.New(pieces, scores, maxLen)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return tk, nil
}

func parseMerges(raw json.RawMessage) ([][2]string, error) {
	var asStrings []string
	if err := json.Unmarshal(raw, &asStrings); err == nil {
		out := make([][2]string, len(asStrings))
		for i, s := range asStrings {
			a, b, ok := strings.Cut(s, " ")
			if !ok || strings.Contains(b, " ") {
				return nil, fmt.Errorf("%w: merge %d %q is not \"a b\"", ErrFormat, i, s)
			}
			out[i] = [2]string{a, b}
		}
		return out, nil
	}
	var asPairs [][]string
	if err := json.Unmarshal(raw, &asPairs); err != nil {
		return nil, fmt.Errorf("%w: tokenizer.json merges: %v", ErrFormat, err)
	}
	out := make([][2]string, len(asPairs))
	for i, p := range asPairs {
		if len(p) != 2 {
			return nil, fmt.Errorf("%w: merge %d has %d parts", ErrFormat, i, len(p))
		}
		out[i] = [2]string{p[0], p[1]}
	}
	return out, nil
}
