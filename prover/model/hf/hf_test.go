package hf

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/floatref"
	"github.com/zkllm/zkllm/prover/model/internal/modeltest"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/safetensors"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
)

func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for n, b := range files {
		fsys[n] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func convertedStories(t testing.TB) (*model.Model, *tokenizer.Tokenizer, *Loaded) {
	m, tk := modeltest.Stories260K(t)
	files, err := Convert(m, tk)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	return m, tk, ld
}

// The converter writes stories260K in HF layout; the loader reads it back:
// same architecture (but rotate_half pairing), same tensors up to the q/k row
// permutation, same tokenization, same greedy answer, and bit-identical
// fixed-point logits.
func TestStories260KThroughHFLayout(t *testing.T) {
	m, tk, ld := convertedStories(t)
	hc := ld.Model.Config
	want := m.Config
	want.RopePairBit = 2 // head size 8: rotate_half pairs k with k XOR 4
	if hc != want {
		t.Fatalf("config %+v, want %+v", hc, want)
	}
	for i, tt := range m.Tensors() {
		got := ld.Model.Tensors()[i]
		if strings.HasSuffix(tt.Name, "wq") || strings.HasSuffix(tt.Name, "wk") {
			if slices.Equal(got.Data, tt.Data) {
				t.Errorf("%s not permuted", tt.Name)
			}
			continue
		}
		if !slices.Equal(got.Data, tt.Data) {
			t.Errorf("%s differs", tt.Name)
		}
	}
	for _, s := range []string{"The cat sat on the mat.", "Hello, world! 123 ü", "Once upon a time", "  odd  spacing\t", "Привет 😀"} {
		if a, b := tk.Encode(s), ld.Tokenizer.Encode(s); !slices.Equal(a, b) {
			t.Errorf("%q: llama2c %v, hf %v", s, a, b)
		}
	}
	// Float greedy from BOS: the known answer.
	fe, _ := floatref.New(ld.Model, 64)
	logits, _ := fe.Step(1)
	var got []int
	for range 24 {
		next := floatref.Argmax(logits)
		got = append(got, next)
		logits, _ = fe.Step(next)
	}
	if want := []int{403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337, 410, 408, 419, 292}; !slices.Equal(got, want) {
		t.Errorf("HF float greedy %v", got)
	}
	// Fixed point: the permutation only reorders exact integer sums.
	qa, _ := quant.Quantize(m)
	qb, _ := quant.Quantize(ld.Model)
	ea, _ := fixed.New(qa, 32, fixed.Options{})
	eb, err := fixed.New(qb, 32, fixed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, tok := range tk.Encode("Lily and Ben played in the park with a ball.")[:20] {
		la, err1 := ea.Step(tok)
		lb, err2 := eb.Step(tok)
		if err1 != nil || err2 != nil || !slices.Equal(la, lb) {
			t.Fatalf("position %d: fixed-point logits differ between llama2c and HF layouts (%v %v)", i, err1, err2)
		}
	}
	roles := map[string]bool{}
	for _, s := range ld.Sources {
		roles[s.Role] = true
	}
	if !roles["config"] || !roles["weights"] || !roles["tokenizer"] {
		t.Errorf("sources %v", ld.Sources)
	}
}

// handFolder builds a tiny HF folder by hand, independent of Convert:
// config.json text, a safetensors file assembled from header JSON and raw
// little-endian floats, and a tokenizer.json with bytes and two merges.
func handFolder(mutate func(cfg map[string]any, tensors map[string][]int)) fstest.MapFS {
	cfg := map[string]any{
		"model_type": "llama", "hidden_act": "silu", "hidden_size": 8, "intermediate_size": 6,
		"num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1, "vocab_size": 262,
		"max_position_embeddings": 16, "rms_norm_eps": 1e-5, "tie_word_embeddings": false,
	}
	shapes := map[string][]int{
		"model.embed_tokens.weight": {262, 8}, "model.norm.weight": {8}, "lm_head.weight": {262, 8},
		"model.layers.0.input_layernorm.weight": {8}, "model.layers.0.post_attention_layernorm.weight": {8},
		"model.layers.0.self_attn.q_proj.weight": {8, 8}, "model.layers.0.self_attn.k_proj.weight": {4, 8},
		"model.layers.0.self_attn.v_proj.weight": {4, 8}, "model.layers.0.self_attn.o_proj.weight": {8, 8},
		"model.layers.0.mlp.gate_proj.weight": {6, 8}, "model.layers.0.mlp.up_proj.weight": {6, 8},
		"model.layers.0.mlp.down_proj.weight": {8, 6},
	}
	if mutate != nil {
		mutate(cfg, shapes)
	}
	names := make([]string, 0, len(shapes))
	for n := range shapes {
		names = append(names, n)
	}
	slices.Sort(names)
	var hdr strings.Builder
	var data []byte
	hdr.WriteString("{")
	for i, n := range names {
		count := 1
		for _, s := range shapes[n] {
			count *= s
		}
		if i > 0 {
			hdr.WriteString(",")
		}
		dims := strings.Trim(strings.ReplaceAll(fmt.Sprint(shapes[n]), " ", ","), "[]")
		fmt.Fprintf(&hdr, `"%s":{"dtype":"F32","shape":[%s],"data_offsets":[%d,%d]}`, n, dims, len(data), len(data)+4*count)
		for k := range count {
			data = binary.LittleEndian.AppendUint32(data, math.Float32bits(float32(i)+float32(k)/1024))
		}
	}
	hdr.WriteString("}")
	st := binary.LittleEndian.AppendUint64(nil, uint64(hdr.Len()))
	st = append(append(st, hdr.String()...), data...)
	vocab := map[string]int{"<unk>": 0, "<s>": 1, "</s>": 2, "\u2581": 259, "\u2581a": 260}
	for b := range 256 {
		vocab[fmt.Sprintf("<0x%02X>", b)] = 3 + b
	}
	vocab["a"] = 261
	tj, _ := json.Marshal(map[string]any{
		"model": map[string]any{"type": "BPE", "byte_fallback": true, "vocab": vocab, "merges": []string{"\u2581 a"}},
		"normalizer": map[string]any{"type": "Sequence", "normalizers": []any{
			map[string]any{"type": "Prepend", "prepend": "\u2581"},
			map[string]any{"type": "Replace", "pattern": map[string]any{"String": " "}, "content": "\u2581"},
		}},
		"post_processor": bosTemplate("<s>"),
	})
	c, _ := json.Marshal(cfg)
	return fstest.MapFS{
		ConfigFile: {Data: c}, WeightsFile: {Data: st}, TokenizerFile: {Data: tj},
	}
}

func TestHandBuiltFolder(t *testing.T) {
	ld, err := Load(handFolder(nil))
	if err != nil {
		t.Fatal(err)
	}
	m := ld.Model
	if m.Config.KVDim() != 4 || m.Config.SharedClassifier || m.Config.RopePairBit != 1 {
		t.Fatalf("config %+v", m.Config)
	}
	// Sorted names: embed_tokens is tensor 1 (after lm_head), q_proj tensor 9.
	if m.Embedding[5] != 1+5.0/1024 || m.Classifier[0] != 0 || m.Layers[0].WQ[3] != 9+3.0/1024 || m.Layers[0].W2[0] != 3 {
		t.Fatalf("tensors misplaced: %v %v %v %v", m.Embedding[5], m.Classifier[0], m.Layers[0].WQ[3], m.Layers[0].W2[0])
	}
	// " " + "a" merge into "▁a"; "b" is no piece and takes the byte fallback.
	if got := ld.Tokenizer.Encode("ab"); !slices.Equal(got, []int{1, 260, 'b' + 3}) {
		t.Fatalf("encode %v", got)
	}
}

// LlamaConfig defaults apply to absent fields.
func TestConfigDefaults(t *testing.T) {
	ld, err := Load(handFolder(func(c map[string]any, _ map[string][]int) {
		delete(c, "rms_norm_eps")
		delete(c, "hidden_act")
		delete(c, "tie_word_embeddings")
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c := ld.Model.Config; c.NormEps != 1e-6 || c.RopeTheta != 10000 || c.SharedClassifier {
		t.Fatalf("defaults %+v", c)
	}
}

func TestMalformedFolders(t *testing.T) {
	cases := map[string]fstest.MapFS{
		"missing tensor": handFolder(func(_ map[string]any, s map[string][]int) { delete(s, "model.norm.weight") }),
		"extra tensor":   handFolder(func(_ map[string]any, s map[string][]int) { s["model.extra"] = []int{1} }),
		"wrong shape":    handFolder(func(_ map[string]any, s map[string][]int) { s["model.norm.weight"] = []int{5} }),
		"model type":     handFolder(func(c map[string]any, _ map[string][]int) { c["model_type"] = "gpt2" }),
		"activation":     handFolder(func(c map[string]any, _ map[string][]int) { c["hidden_act"] = "gelu" }),
		"rope scaling":   handFolder(func(c map[string]any, _ map[string][]int) { c["rope_scaling"] = map[string]any{"type": "linear"} }),
		"bias":           handFolder(func(c map[string]any, _ map[string][]int) { c["attention_bias"] = true }),
		"huge dims":      handFolder(func(c map[string]any, _ map[string][]int) { c["hidden_size"] = 1 << 30 }),
		// Valid but ~24G parameters with a tiny file: must fail before allocating.
		"big config, small file": handFolder(func(c map[string]any, _ map[string][]int) {
			c["hidden_size"], c["intermediate_size"], c["num_hidden_layers"], c["num_attention_heads"], c["num_key_value_heads"] = 8192, 22016, 30, 64, 64
		}),
		"bad heads": handFolder(func(c map[string]any, _ map[string][]int) { c["num_key_value_heads"] = 3 }),
		"vocab mismatch": handFolder(func(c map[string]any, s map[string][]int) {
			c["vocab_size"] = 261 // the tokenizer has id 261
			s["model.embed_tokens.weight"] = []int{261, 8}
			s["lm_head.weight"] = []int{261, 8}
		}),
		"tied but differ": handFolder(func(c map[string]any, _ map[string][]int) { c["tie_word_embeddings"] = true }),
	}
	cases["eps too small"] = handFolder(func(c map[string]any, _ map[string][]int) { c["rms_norm_eps"] = 1e-9 })
	cases["no config"] = handFolder(nil)
	delete(cases["no config"], ConfigFile)
	cases["bad json"] = handFolder(nil)
	cases["bad json"][ConfigFile] = &fstest.MapFile{Data: []byte(`{"model_type":`)}
	cases["bad tokenizer"] = handFolder(nil)
	cases["bad tokenizer"][TokenizerFile] = &fstest.MapFile{Data: []byte(`{"model":{"type":"Unigram"}}`)}
	cases["truncated weights"] = handFolder(nil)
	w := cases["truncated weights"][WeightsFile].Data
	cases["truncated weights"][WeightsFile] = &fstest.MapFile{Data: w[:len(w)-3]}
	for name, fsys := range cases {
		if _, err := Load(fsys); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: got %v, want ErrFormat", name, err)
		}
	}
}

func TestWriteDirAtomic(t *testing.T) {
	m, tk := modeltest.Stories260K(t)
	files, err := Convert(m, tk)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "stories260K-hf")
	if err := WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, files); err == nil {
		t.Fatal("overwrote an existing directory")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

// Shards listed by model.safetensors.index.json load like a single file.
func TestShardedWeights(t *testing.T) {
	m, tk := modeltest.Stories260K(t)
	files, err := Convert(m, tk)
	if err != nil {
		t.Fatal(err)
	}
	st, err := safetensors.Parse(files[WeightsFile])
	if err != nil {
		t.Fatal(err)
	}
	names := st.Names()
	weightMap := map[string]string{}
	var shards [2][]safetensors.Tensor
	for i, n := range names {
		v, _ := st.Float32(n)
		info, _ := st.Info(n)
		shards[i%2] = append(shards[i%2], safetensors.Tensor{Name: n, Shape: info.Shape, Data: v})
		weightMap[n] = fmt.Sprintf("model-%05d-of-00002.safetensors", i%2+1)
	}
	delete(files, WeightsFile)
	for i, s := range shards {
		b, err := safetensors.Encode(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		files[fmt.Sprintf("model-%05d-of-00002.safetensors", i+1)] = b
	}
	files[IndexFile], _ = json.Marshal(map[string]any{"metadata": map[string]any{}, "weight_map": weightMap})
	ld, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := Load(mapFS(func() map[string][]byte { f, _ := Convert(m, tk); return f }()))
	for i, tt := range ld.Model.Tensors() {
		if !slices.Equal(tt.Data, ref.Model.Tensors()[i].Data) {
			t.Fatalf("%s differs when sharded", tt.Name)
		}
	}
	// An index naming a shard outside the folder is refused.
	weightMap[names[0]] = "../evil.safetensors"
	files[IndexFile], _ = json.Marshal(map[string]any{"weight_map": weightMap})
	if _, err := Load(mapFS(files)); !errors.Is(err, ErrFormat) {
		t.Fatalf("path escape: %v", err)
	}
}

// Each refused feature is named in the error by its config.json field.
func TestRefusedConfigNamesField(t *testing.T) {
	cases := map[string]func(c map[string]any){
		"model_type":                    func(c map[string]any) { c["model_type"] = "mistral" },
		"architectures":                 func(c map[string]any) { c["architectures"] = []string{"MixtralForCausalLM"} },
		"sliding_window":                func(c map[string]any) { c["sliding_window"] = 4096 },
		"num_local_experts":             func(c map[string]any) { c["num_local_experts"] = 8 },
		"attention_bias":                func(c map[string]any) { c["attention_bias"] = true },
		"mlp_bias":                      func(c map[string]any) { c["mlp_bias"] = true },
		"hidden_act":                    func(c map[string]any) { c["hidden_act"] = "gelu" },
		"head_dim":                      func(c map[string]any) { c["head_dim"] = 8 },
		"rope_scaling.rope_type":        func(c map[string]any) { c["rope_scaling"] = map[string]any{"rope_type": "yarn", "factor": 4.0} },
		"rope_scaling.attention_factor": func(c map[string]any) { c["rope_scaling"] = llama3Scaling(map[string]any{"attention_factor": 2}) },
		"rope_scaling":                  func(c map[string]any) { c["rope_scaling"] = map[string]any{"rope_type": "llama3", "factor": 8.0} },
		"partial_rotary_factor":         func(c map[string]any) { c["partial_rotary_factor"] = 0.5 },
		"num_attention_heads":           func(c map[string]any) { c["num_attention_heads"] = 8 }, // head size 1
	}
	for field, mutate := range cases {
		_, err := Load(handFolder(func(c map[string]any, _ map[string][]int) { mutate(c) }))
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), fmt.Sprintf("%q", field)) {
			t.Errorf("%s: %v", field, err)
		}
	}
	// Neutral values of refused keys are accepted.
	if _, err := Load(handFolder(func(c map[string]any, _ map[string][]int) {
		c["sliding_window"], c["attention_bias"], c["rope_scaling"], c["pretraining_tp"] = nil, false, nil, 1
	})); err != nil {
		t.Fatal(err)
	}
}

func llama3Scaling(extra map[string]any) map[string]any {
	m := map[string]any{"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// Llama 3.1/3.2's rope_scaling is read into the Config (old "type" spelling too).
func TestLlama3RopeScaling(t *testing.T) {
	for _, key := range []string{"rope_type", "type"} {
		ld, err := Load(handFolder(func(c map[string]any, _ map[string][]int) {
			sc := llama3Scaling(nil)
			delete(sc, "rope_type")
			sc[key] = "llama3"
			c["rope_scaling"], c["rope_theta"] = sc, 500000.0
		}))
		if err != nil {
			t.Fatal(err)
		}
		want := model.RopeScaling{Type: model.RopeScalingLlama3, Factor: 32, LowFreqFactor: 1, HighFreqFactor: 4, OriginalMaxPositions: 8192}
		if c := ld.Model.Config; c.RopeScaling != want || c.RopeTheta != 500000 {
			t.Fatalf("%s: %+v", key, c)
		}
	}
}

// A head size that is no power of two but has a pinned softmax table (48):
// Convert writes rotate_half rows, Load reads them back into the interleaved
// order (pair bit 0), so the model round-trips exactly and computes the same
// logits; the streaming loader reads the same rows. Head 72 has no table.
func TestHeadSize48RoundTrip(t *testing.T) {
	_, tk := modeltest.Stories260K(t)
	cfg := model.Config{Dim: 96, HiddenDim: 64, NLayers: 2, NHeads: 2, NKVHeads: 1, VocabSize: 512, SeqLen: 32, NormEps: 1e-5, RopeTheta: 10000}
	m := model.Allocate(cfg)
	x := uint32(1)
	for _, tt := range m.Tensors() {
		for i := range tt.Data {
			x = x*1664525 + 1013904223
			tt.Data[i] = (float32(x>>8)/(1<<24) - 0.5) / 4
			if tt.Kind == model.KindNorm {
				tt.Data[i] += 1
			}
		}
	}
	files, err := Convert(m, tk)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if ld.Model.Config != cfg {
		t.Fatalf("config %+v, want %+v", ld.Model.Config, cfg)
	}
	for i, tt := range m.Tensors() {
		if !slices.Equal(ld.Model.Tensors()[i].Data, tt.Data) {
			t.Fatalf("%s differs after the round trip", tt.Name)
		}
	}
	st, _ := safetensors.Parse(files[WeightsFile])
	if q, _ := st.Float32("model.layers.0.self_attn.q_proj.weight"); slices.Equal(q, m.Layers[0].WQ) {
		t.Fatal("q rows were not written in rotate_half order")
	}
	lq, err := LoadQuantized(mapFS(files), false)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := quant.Quantize(m)
	for i := range q.Tensors {
		if !slices.Equal(q.Tensors[i].Data, lq.Quant.Tensors[i].Data) {
			t.Fatalf("%s: streamed rows differ", q.Tensors[i].Name)
		}
	}
	ea, _ := fixed.New(q, 8, fixed.Options{})
	eb, err := fixed.New(lq.Quant, 8, fixed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []int{1, 40, 300, 7} {
		la, _ := ea.Step(tok)
		lb, _ := eb.Step(tok)
		if !slices.Equal(la, lb) {
			t.Fatal("logits differ")
		}
	}
	raw, _ := json.Marshal(map[string]any{"model_type": "llama", "hidden_size": 144, "intermediate_size": 64, "num_hidden_layers": 1,
		"num_attention_heads": 2, "vocab_size": 512, "max_position_embeddings": 32})
	if _, err := ParseConfig(raw); err == nil || !strings.Contains(err.Error(), `"num_attention_heads"`) {
		t.Fatalf("head 72: %v", err)
	}
}
