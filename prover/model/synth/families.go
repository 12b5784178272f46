package synth

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/hf"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/safetensors"
)

// Family is a released LLaMA-architecture checkpoint: its config.json as
// published (the fields import reads) and the dtypes a synthetic folder of
// it is written in, one per shard.
type Family struct {
	Name   string
	Config map[string]any
	DTypes []safetensors.DType
}

// SmolLM2_135M is HuggingFaceTB/SmolLM2-135M: 30 layers of width 576, 9
// query heads over 3 KV heads (head 64), tied embeddings, 49,152 tokens.
func SmolLM2_135M() Family {
	return Family{Name: "SmolLM2-135M", DTypes: []safetensors.DType{safetensors.BF16, safetensors.BF16}, Config: map[string]any{
		"architectures": []string{"LlamaForCausalLM"}, "model_type": "llama", "hidden_act": "silu",
		"hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30, "num_attention_heads": 9,
		"num_key_value_heads": 3, "vocab_size": 49152, "max_position_embeddings": 8192, "rms_norm_eps": 1e-5,
		"rope_theta": 100000.0, "rope_scaling": nil, "tie_word_embeddings": true, "attention_bias": false,
		"mlp_bias": false, "head_dim": 64, "bos_token_id": 0, "eos_token_id": 0, "pretraining_tp": 1,
		"torch_dtype": "bfloat16", "initializer_range": 0.041666666666666664, "use_cache": true,
	}}
}

// TinyLlama_1_1B is TinyLlama/TinyLlama-1.1B: 22 layers of width 2048, 32
// query heads over 4 KV heads, untied classifier, Llama 2's 32,000 tokens.
func TinyLlama_1_1B() Family {
	return Family{Name: "TinyLlama-1.1B", DTypes: []safetensors.DType{safetensors.F16, safetensors.F32, safetensors.BF16}, Config: map[string]any{
		"architectures": []string{"LlamaForCausalLM"}, "model_type": "llama", "hidden_act": "silu",
		"hidden_size": 2048, "intermediate_size": 5632, "num_hidden_layers": 22, "num_attention_heads": 32,
		"num_key_value_heads": 4, "vocab_size": 32000, "max_position_embeddings": 2048, "rms_norm_eps": 1e-5,
		"rope_theta": 10000.0, "rope_scaling": nil, "tie_word_embeddings": false, "bos_token_id": 1,
		"eos_token_id": 2, "pretraining_tp": 1, "torch_dtype": "bfloat16", "initializer_range": 0.02,
	}}
}

// Llama32_1B is meta-llama/Llama-3.2-1B: 16 layers of width 2048, 32 query
// heads over 8 KV heads, tied embeddings, θ = 500,000 with llama3 RoPE
// scaling (factor 32), 128,256 tokens.
func Llama32_1B() Family {
	return Family{Name: "Llama-3.2-1B", DTypes: []safetensors.DType{safetensors.BF16, safetensors.F32}, Config: map[string]any{
		"architectures": []string{"LlamaForCausalLM"}, "model_type": "llama", "hidden_act": "silu",
		"hidden_size": 2048, "intermediate_size": 8192, "num_hidden_layers": 16, "num_attention_heads": 32,
		"num_key_value_heads": 8, "head_dim": 64, "vocab_size": 128256, "max_position_embeddings": 131072,
		"rms_norm_eps": 1e-5, "rope_theta": 500000.0, "tie_word_embeddings": true, "attention_bias": false,
		"attention_dropout": 0.0, "mlp_bias": false, "pretraining_tp": 1, "bos_token_id": 128000,
		"eos_token_id": 128001, "torch_dtype": "bfloat16", "initializer_range": 0.02, "use_cache": true,
		"rope_scaling": map[string]any{"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
			"original_max_position_embeddings": 8192, "rope_type": "llama3"},
	}}
}

// Families lists the three.
func Families() []Family { return []Family{SmolLM2_135M(), TinyLlama_1_1B(), Llama32_1B()} }

// HFOptions shape a synthetic folder; zero values keep the family's.
type HFOptions struct {
	Layers    int
	VocabSize int
	// Dim, HiddenDim and Heads shrink the widths for tests that must run
	// fast (Heads keeps the GQA ratio and head size 64; Dim then sets the
	// width, and so the head size); zero keeps them exact.
	Dim, HiddenDim, Heads int
	// Outlier multiplies σ for one linear weight in 2^14 (0: 12, Realistic's).
	Outlier float64
	Seed    [32]byte
}

// ConfigJSON returns the family's config.json with opt applied.
func (f Family) ConfigJSON(opt HFOptions) map[string]any {
	c := make(map[string]any, len(f.Config))
	for k, v := range f.Config {
		c[k] = v
	}
	if opt.Layers > 0 {
		c["num_hidden_layers"] = opt.Layers
	}
	if opt.Heads > 0 {
		ratio := f.Config["num_attention_heads"].(int) / f.Config["num_key_value_heads"].(int)
		c["num_attention_heads"], c["num_key_value_heads"] = opt.Heads, max(opt.Heads/ratio, 1)
		c["hidden_size"] = 64 * opt.Heads
	}
	if opt.Dim > 0 {
		c["hidden_size"] = opt.Dim
	}
	if opt.HiddenDim > 0 {
		c["intermediate_size"] = opt.HiddenDim
	}
	if _, ok := c["head_dim"]; ok {
		c["head_dim"] = c["hidden_size"].(int) / c["num_attention_heads"].(int)
	}
	if opt.VocabSize > 0 {
		c["vocab_size"] = opt.VocabSize
		v := opt.VocabSize
		if b, _ := c["bos_token_id"].(int); b >= v-2 {
			c["bos_token_id"], c["eos_token_id"] = v-2, v-1
		}
	}
	return c
}

// Realistic is the distribution synthetic weights are drawn from, chosen
// near trained LLaMA-family checkpoints: linear weights Gaussian with
// σ = 0.02 (q/k 0.03, v/o/down 0.015) and one weight in 2^14 an outlier at
// 12σ; embeddings σ = 0.02; norm gains |N(0.4, 0.1)| in layers and
// N(2, 0.3) at the end.
func Realistic(t model.Tensor) (mean, sigma float64) {
	name := t.Name[strings.LastIndexByte(t.Name, '.')+1:]
	switch name {
	case "attn_norm", "ffn_norm":
		return 0.4, 0.1
	case "final_norm":
		return 2, 0.3
	case "wq", "wk":
		return 0, 0.03
	case "wv", "wo", "w2":
		return 0, 0.015
	}
	return 0, 0.02
}

// realisticGen returns a generator of tensor t's values (sequential calls).
func realisticGen(t model.Tensor, index int, seed [32]byte, outlier float64) func(dst []float32, off int) {
	if outlier == 0 {
		outlier = 12
	}
	seed[0] ^= byte(index)
	seed[1] ^= byte(index >> 8)
	rng := mrand.New(mrand.NewChaCha8(seed))
	mean, sigma := Realistic(t)
	norm := t.Kind == model.KindNorm
	return func(dst []float32, _ int) {
		for i := range dst {
			v := rng.NormFloat64() * sigma
			if !norm && rng.IntN(1<<14) == 0 {
				v *= outlier
			}
			v += mean
			if norm && t.Name != "final_norm" {
				v = math.Abs(v)
			}
			dst[i] = float32(v)
		}
	}
}

// WriteHF writes a synthetic Hugging Face folder of family f as the new
// directory dir: config.json (ConfigJSON), a byte-level tokenizer.json with
// the BOS/EOS ids of the config as added tokens, and the weights at
// Realistic scales in len(f.DTypes) shards (one dtype each) listed by
// model.safetensors.index.json. Weights are streamed to disk: memory stays
// small whatever the size. The folder appears atomically.
func WriteHF(dir string, f Family, opt HFOptions) (model.Config, error) {
	cj := f.ConfigJSON(opt)
	raw, err := json.MarshalIndent(cj, "", "  ")
	if err != nil {
		return model.Config{}, err
	}
	cfg, err := hf.ParseConfig(raw)
	if err != nil {
		return model.Config{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return cfg, err
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, hf.ConfigFile), raw, 0o644); err != nil {
		return cfg, err
	}
	tok, err := tokenizerJSON(cfg.VocabSize, cj["bos_token_id"].(int), cj["eos_token_id"].(int))
	if err != nil {
		return cfg, err
	}
	if err := os.WriteFile(filepath.Join(tmp, hf.TokenizerFile), tok, 0o644); err != nil {
		return cfg, err
	}
	layout := model.TensorLayout(cfg)
	names := hf.TensorNames(cfg)
	shards := len(f.DTypes)
	weightMap := map[string]string{}
	for s := range shards {
		file := fmt.Sprintf("model-%05d-of-%05d.safetensors", s+1, shards)
		var ts []safetensors.Tensor
		for i := s * len(layout) / shards; i < (s+1)*len(layout)/shards; i++ {
			ts = append(ts, safetensors.Tensor{Name: names[i], Shape: layout[i].Shape, DType: f.DTypes[s], Gen: realisticGen(layout[i], i, opt.Seed, opt.Outlier)})
			weightMap[names[i]] = file
		}
		if err := writeStreamed(filepath.Join(tmp, file), func(w *bufio.Writer) error {
			return safetensors.Write(w, ts, map[string]string{"format": "pt"})
		}); err != nil {
			return cfg, err
		}
	}
	idx, _ := json.MarshalIndent(map[string]any{"metadata": map[string]any{}, "weight_map": weightMap}, "", "  ")
	if err := os.WriteFile(filepath.Join(tmp, hf.IndexFile), idx, 0o644); err != nil {
		return cfg, err
	}
	return cfg, os.Rename(tmp, dir)
}

func writeStreamed(path string, write func(w *bufio.Writer) error) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(fh, 1<<20)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}

// tokenizerJSON is a byte-level BPE tokenizer (no merges) whose 256 byte
// characters take ids 3..258 and whose BOS/EOS are added tokens; BOS is
// added by the template, as Llama 3.1 does.
func tokenizerJSON(vocab, bos, eos int) ([]byte, error) {
	if vocab < 261 || bos < 0 || eos < 0 || bos >= vocab || eos >= vocab || bos >= 3 && bos < 259 || eos >= 3 && eos < 259 {
		return nil, fmt.Errorf("synth: tokenizer for vocabulary %d with BOS %d, EOS %d", vocab, bos, eos)
	}
	v := map[string]int{}
	for b := range 256 {
		v[string(byteLevelRune(byte(b)))] = 3 + b
	}
	added := []map[string]any{{"id": bos, "content": "<|bos|>", "special": true}}
	if eos != bos {
		added = append(added, map[string]any{"id": eos, "content": "<|eos|>", "special": true})
	}
	return json.Marshal(map[string]any{
		"version": "1.0", "added_tokens": added, "normalizer": nil,
		"pre_tokenizer": map[string]any{"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
		"post_processor": map[string]any{"type": "TemplateProcessing", "single": []any{
			map[string]any{"SpecialToken": map[string]any{"id": "<|bos|>", "type_id": 0}},
			map[string]any{"Sequence": map[string]any{"id": "A", "type_id": 0}},
		}},
		"decoder": map[string]any{"type": "ByteLevel"},
		"model":   map[string]any{"type": "BPE", "vocab": v, "merges": []string{}},
	})
}

// byteLevelRune is GPT-2's byte → character map.
func byteLevelRune(b byte) rune {
	if b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE {
		return rune(b)
	}
	n := 0
	for c := 0; c < int(b); c++ {
		if !(c >= '!' && c <= '~' || c >= 0xA1 && c <= 0xAC || c >= 0xAE) {
			n++
		}
	}
	return rune(256 + n)
}

// WriteLlama2c writes a synthetic llama2.c v1 checkpoint of cfg (llama2.c's
// fixed ε, θ and pairing) with Realistic weights, streamed to disk.
func WriteLlama2c(path string, cfg model.Config, seed [32]byte) error {
	cfg.NormEps, cfg.RopeTheta, cfg.RopePairBit, cfg.RopeScaling = llama2c.NormEps, llama2c.RopeTheta, 0, model.RopeScaling{}
	if err := cfg.Validate(); err != nil {
		return err
	}
	hdr, err := llama2c.EncodeV1Header(cfg)
	if err != nil {
		return err
	}
	size := int64(len(hdr)) + 4*int64(cfg.ParamCount())
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	if _, err := fh.Write(hdr); err != nil {
		return err
	}
	if err := fh.Truncate(size); err != nil {
		return err
	}
	l, err := llama2c.ReadLayout(fh, size)
	if err != nil {
		return err
	}
	buf := make([]float32, 1<<18)
	raw := make([]byte, 0, 4*len(buf))
	for i, t := range model.TensorLayout(cfg) {
		gen := realisticGen(t, i, seed, 0)
		n := 1
		for _, s := range t.Shape {
			n *= s
		}
		for done := 0; done < n; {
			k := min(n-done, len(buf))
			gen(buf[:k], done)
			raw = raw[:0]
			for _, v := range buf[:k] {
				raw = binary.LittleEndian.AppendUint32(raw, math.Float32bits(v))
			}
			if _, err := fh.WriteAt(raw, l.Offsets[i]+4*int64(done)); err != nil {
				return err
			}
			done += k
		}
	}
	return fh.Close()
}
