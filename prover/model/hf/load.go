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

func parseConfig(b []byte) (model.Config, error) {
	var h hfConfig
	if err := json.Unmarshal(b, &h); err != nil {
		return model.Config{}, fmt.Errorf("%w: config.json: %v", ErrFormat, err)
	}
	if h.ModelType != "llama" {
		return model.Config{}, fmt.Errorf("%w: config.json model_type %q (only \"llama\")", ErrFormat, h.ModelType)
	}
	// Absent fields take LlamaConfig's defaults: silu, ε = 1e-6, θ = 10000,
	// untied embeddings, n_kv_heads = n_heads.
	if h.HiddenAct != nil && *h.HiddenAct != "silu" {
		return model.Config{}, fmt.Errorf("%w: hidden_act %q (only \"silu\")", ErrFormat, *h.HiddenAct)
	}
	if len(h.RopeScaling) > 0 && string(h.RopeScaling) != "null" {
		return model.Config{}, fmt.Errorf("%w: rope_scaling is not supported", ErrFormat)
	}
	if h.AttentionBias || h.MLPBias {
		return model.Config{}, fmt.Errorf("%w: attention/MLP biases are not supported", ErrFormat)
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
	if c.NHeads > 0 && c.Dim%c.NHeads == 0 {
		hs := c.Dim / c.NHeads
		if h.HeadDim != nil && *h.HeadDim != hs {
			return c, fmt.Errorf("%w: head_dim %d ≠ hidden_size/num_attention_heads %d", ErrFormat, *h.HeadDim, hs)
		}
		if bits.OnesCount(uint(hs)) != 1 || hs < 2 {
			return c, fmt.Errorf("%w: head size %d is not a power of two (rotate_half pairing needs one)", ErrFormat, hs)
		}
		c.RopePairBit = bits.Len(uint(hs)) - 2
	}
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("%w: config.json: %w", ErrFormat, err)
	}
	return c, nil
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
