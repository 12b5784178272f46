package hf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/safetensors"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
)

// spaceMark is SentencePiece's visible space.
const spaceMark = "\u2581"

// Convert renders m and tk in the HF layout: the contents of config.json,
// model.safetensors (F32) and tokenizer.json. Interleaved q/k rows
// (RopePairBit 0) are permuted into rotate_half order (for a head size that
// is no power of two, Load permutes them back).
func Convert(m *model.Model, tk *tokenizer.Tokenizer) (map[string][]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	c := m.Config
	hs := c.HeadSize()
	permute := func(w []float32) []float32 { return w }
	switch {
	case hs&(hs-1) == 0 && 1<<(c.RopePairBit+1) == hs: // already rotate_half
	case c.RopePairBit == 0:
		permute = func(w []float32) []float32 { return interleavedToHalf(w, hs, c.Dim) }
	default:
		return nil, fmt.Errorf("hf: rope pair bit %d has no HF equivalent", c.RopePairBit)
	}
	names := hfNames(c)
	var ts []safetensors.Tensor
	for i, t := range m.Tensors() {
		data := t.Data
		if strings.HasSuffix(names[i], "q_proj.weight") || strings.HasSuffix(names[i], "k_proj.weight") {
			data = permute(data)
		}
		ts = append(ts, safetensors.Tensor{Name: names[i], Shape: t.Shape, Data: data})
	}
	weights, err := safetensors.Encode(ts, map[string]string{"format": "pt"})
	if err != nil {
		return nil, err
	}
	cfg, err := json.MarshalIndent(map[string]any{
		"architectures": []string{"LlamaForCausalLM"}, "model_type": "llama",
		"hidden_size": c.Dim, "intermediate_size": c.HiddenDim, "num_hidden_layers": c.NLayers,
		"num_attention_heads": c.NHeads, "num_key_value_heads": c.NKVHeads, "vocab_size": c.VocabSize,
		"max_position_embeddings": c.SeqLen, "rms_norm_eps": c.NormEps, "rope_theta": c.RopeTheta,
		"tie_word_embeddings": c.SharedClassifier, "hidden_act": "silu", "rope_scaling": nil,
		"bos_token_id": tokenizer.BOSID, "eos_token_id": tokenizer.EOSID, "torch_dtype": "float32",
	}, "", "  ")
	if err != nil {
		return nil, err
	}
	tok, err := tokenizerJSONFor(tk)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{ConfigFile: append(cfg, '\n'), WeightsFile: weights, TokenizerFile: tok}, nil
}

// interleavedToHalf reorders the rows of a [heads·hs][cols] matrix so that,
// within each head, row 2i+j moves to j·hs/2 + i (HF's permute for rotate_half).
func interleavedToHalf(w []float32, hs, cols int) []float32 {
	out := make([]float32, len(w))
	rows := len(w) / cols
	for r := range rows {
		h, k := r/hs, r%hs
		i, j := k/2, k%2
		dst := h*hs + j*hs/2 + i
		copy(out[dst*cols:(dst+1)*cols], w[r*cols:(r+1)*cols])
	}
	return out
}

// tokenizerJSONFor writes a byte-fallback BPE tokenizer.json whose merges
// list, for every merged piece in order of decreasing score (ties: lower id),
// each split of it into two vocabulary pieces. ParseTokenizer then derives
// scores that order merges exactly as tk's scores do.
func tokenizerJSONFor(tk *tokenizer.Tokenizer) ([]byte, error) {
	n := tk.VocabSize()
	vocab := make(map[string]int, n)
	pieces := make([]string, n)
	scores := make([]float32, n)
	for id := range n {
		p, s, _ := tk.Piece(id)
		if strings.Contains(p, spaceMark) {
			return nil, fmt.Errorf("hf: piece %d %q contains U+2581, which tokenizer.json reserves for spaces", id, p)
		}
		pieces[id], scores[id] = p, s
		vocab[strings.ReplaceAll(p, " ", spaceMark)] = id
	}
	index := make(map[string]int, n)
	for id, p := range pieces {
		index[p] = id
	}
	order := make([]int, 0, n)
	for id := tokenizer.ByteIDStart + tokenizer.NumBytes; id < n; id++ {
		order = append(order, id)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return a - b
	})
	var merges []string
	for _, id := range order {
		p := pieces[id]
		if scores[id] <= -1e10 {
			continue // llama2.c never merges into it
		}
		for cut := 1; cut < len(p); cut++ {
			if _, ok := index[p[:cut]]; !ok {
				continue
			}
			if _, ok := index[p[cut:]]; !ok {
				continue
			}
			merges = append(merges, strings.ReplaceAll(p[:cut], " ", spaceMark)+" "+strings.ReplaceAll(p[cut:], " ", spaceMark))
		}
	}
	marked := func(id int) string { return strings.ReplaceAll(pieces[id], " ", spaceMark) }
	doc := map[string]any{
		"version": "1.0",
		"added_tokens": []map[string]any{
			{"id": tokenizer.UnkID, "content": marked(tokenizer.UnkID), "special": true},
			{"id": tokenizer.BOSID, "content": marked(tokenizer.BOSID), "special": true},
			{"id": tokenizer.EOSID, "content": marked(tokenizer.EOSID), "special": true},
		},
		"normalizer": map[string]any{"type": "Sequence", "normalizers": []map[string]any{
			{"type": "Prepend", "prepend": spaceMark},
			{"type": "Replace", "pattern": map[string]string{"String": " "}, "content": spaceMark},
		}},
		"pre_tokenizer":  nil,
		"post_processor": bosTemplate(marked(tokenizer.BOSID)),
		"decoder": map[string]any{"type": "Sequence", "decoders": []map[string]any{
			{"type": "Replace", "pattern": map[string]string{"String": spaceMark}, "content": " "},
			{"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0},
		}},
		"model": map[string]any{
			"type": "BPE", "dropout": nil, "unk_token": marked(tokenizer.UnkID), "fuse_unk": true, "byte_fallback": true,
			"vocab": vocab, "merges": merges,
		},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// bosTemplate is a TemplateProcessing post-processor that puts bos before
// the text, as Llama 2's and Llama 3.1's tokenizer.json do.
func bosTemplate(bos string) map[string]any {
	tok := map[string]any{"SpecialToken": map[string]any{"id": bos, "type_id": 0}}
	seq := map[string]any{"Sequence": map[string]any{"id": "A", "type_id": 0}}
	return map[string]any{"type": "TemplateProcessing", "single": []any{tok, seq}}
}

// WriteDir writes files into a new directory dir atomically: everything goes
// to a temporary sibling first, which is renamed to dir only when complete.
// dir must not exist.
func WriteDir(dir string, files map[string][]byte) error {
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("hf: %s already exists", dir)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // no-op after a successful rename
	for name, b := range files {
		if name != filepath.Base(name) {
			return fmt.Errorf("hf: bad file name %q", name)
		}
		f, err := os.Create(filepath.Join(tmp, name))
		if err != nil {
			return err
		}
		_, werr := f.Write(b)
		serr := f.Sync()
		if cerr := f.Close(); werr == nil && serr == nil {
			werr = cerr
		}
		if werr != nil || serr != nil {
			return fmt.Errorf("hf: writing %s: %v %v", name, werr, serr)
		}
	}
	return os.Rename(tmp, dir)
}
