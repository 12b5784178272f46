package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/hf"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
)

// maxSourceBytes bounds a single model file read into memory.
const maxSourceBytes = 64 << 30

// loadedModel is a model read from its source files, quantized.
type loadedModel struct {
	format    string
	sources   []sourceFile
	model     *model.Model
	tokenizer *tokenizer.Tokenizer
	quant     *quant.Model
}

// locateSources finds a model's files: a llama2.c checkpoint plus its
// tokenizer (tokenizerPath, or the only tok*.bin / tokenizer.bin beside it),
// or a Hugging Face folder.
func locateSources(path, tokenizerPath string) (format string, files []sourceFile, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", nil, badInputf("model path: %v", err)
	}
	abs, _ := filepath.Abs(path)
	if st.IsDir() {
		if _, err := os.Stat(filepath.Join(abs, "config.json")); err != nil {
			return "", nil, badInputf("%s is a directory without config.json: not a Hugging Face model folder", path)
		}
		// The loader reports the files it reads; the folder is the anchor.
		return "hf", []sourceFile{{Role: "folder", Path: abs}}, nil
	}
	if tokenizerPath == "" {
		cands, _ := filepath.Glob(filepath.Join(filepath.Dir(abs), "tok*.bin"))
		var keep []string
		for _, c := range cands {
			if c != abs {
				keep = append(keep, c)
			}
		}
		if len(keep) != 1 {
			return "", nil, badInputf("cannot tell which tokenizer goes with %s (found %d tok*.bin files beside it): pass --tokenizer", path, len(keep))
		}
		tokenizerPath = keep[0]
	}
	tabs, _ := filepath.Abs(tokenizerPath)
	return "llama2c", []sourceFile{{Role: "checkpoint", Path: abs}, {Role: "tokenizer", Path: tabs}}, nil
}

// readSource reads a source file and fills or checks its digest: a file that
// changed since import is refused.
func readSource(f *sourceFile) ([]byte, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, badInputf("%s file: %v", f.Role, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, badInputf("%s file: %v", f.Role, err)
	}
	if st.Size() > maxSourceBytes {
		return nil, badInputf("%s file %s is larger than %s", f.Role, f.Path, humanBytes(maxSourceBytes))
	}
	b, err := io.ReadAll(fh)
	if err != nil {
		return nil, badInputf("%s file: %v", f.Role, err)
	}
	sum := sha256.Sum256(b)
	h := hex.EncodeToString(sum[:])
	if f.SHA256 != "" && f.SHA256 != h {
		return nil, badInputf("%s file %s changed since it was imported (SHA-256 %s, recorded %s)", f.Role, f.Path, h, f.SHA256)
	}
	f.SHA256, f.Size = h, int64(len(b))
	return b, nil
}

// loadModel reads, validates and quantizes the model in files.
func loadModel(format string, files []sourceFile) (*loadedModel, error) {
	lm := &loadedModel{format: format, sources: files}
	switch format {
	case "llama2c":
		ck, err := readSource(&lm.sources[0])
		if err != nil {
			return nil, err
		}
		m, _, err := llama2c.Decode(ck)
		if err != nil {
			return nil, badInputf("malformed llama2.c checkpoint %s: %v", lm.sources[0].Path, err)
		}
		tb, err := readSource(&lm.sources[1])
		if err != nil {
			return nil, err
		}
		tok, err := llama2c.DecodeTokenizer(tb, m.Config.VocabSize)
		if err != nil {
			return nil, badInputf("malformed tokenizer %s: %v", lm.sources[1].Path, err)
		}
		lm.model, lm.tokenizer = m, tok
	case "hf":
		root := files[0].Path
		for _, f := range files {
			if f.Role == "folder" {
				root = f.Path
			}
		}
		loaded, err := hf.Load(os.DirFS(root))
		if err != nil {
			return nil, badInputf("malformed Hugging Face model in %s: %v", root, err)
		}
		recorded := map[string]sourceFile{}
		for _, f := range files {
			recorded[f.Path] = f
		}
		lm.sources = []sourceFile{{Role: "folder", Path: root}}
		for _, src := range loaded.Sources {
			f := sourceFile{Role: src.Role, Path: filepath.Join(root, filepath.FromSlash(src.Name)), Size: int64(src.Size), SHA256: hex.EncodeToString(src.SHA256[:])}
			if old, ok := recorded[f.Path]; ok && old.SHA256 != "" && old.SHA256 != f.SHA256 {
				return nil, badInputf("%s file %s changed since it was imported (SHA-256 %s, recorded %s)", f.Role, f.Path, f.SHA256, old.SHA256)
			}
			lm.sources = append(lm.sources, f)
		}
		if len(files) > 1 && len(files) != len(lm.sources) {
			return nil, badInputf("the files of %s changed since it was imported (%d files, recorded %d)", root, len(lm.sources)-1, len(files)-1)
		}
		lm.model, lm.tokenizer = loaded.Model, loaded.Tokenizer
	default:
		return nil, internalf("unknown model format %q", format)
	}
	q, err := quant.Quantize(lm.model)
	if err != nil {
		if errors.Is(err, quant.ErrRange) {
			return nil, badInputf("model cannot be quantized: %v", err)
		}
		return nil, internalf("quantize: %v", err)
	}
	lm.quant = q
	return lm, nil
}

// quantTensors converts the quantized tensors to blob order conventions:
// shapes least significant axis first (model shapes are outermost first).
func (lm *loadedModel) quantTensors() []quantTensor {
	out := make([]quantTensor, len(lm.quant.Tensors))
	for i, t := range lm.quant.Tensors {
		shape := make([]uint64, len(t.Shape))
		for a, d := range t.Shape {
			shape[len(t.Shape)-1-a] = uint64(d)
		}
		out[i] = quantTensor{Name: t.Name, Shape: shape, Data: t.Data}
	}
	return out
}

func defaultModelName(path string) string {
	base := filepath.Base(filepath.Clean(path))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteRune('-')
		}
	}
	s := strings.Trim(b.String(), "-.")
	if s == "" {
		s = "model"
	}
	if len(s) > 64 {
		s = s[:64]
	}
	return s
}

func fmtParams(n uint64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2fB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.2fM", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1fK", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}
