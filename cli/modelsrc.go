package cli

import (
	"bytes"
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
)

// maxSourceBytes bounds a single model file read into memory.
const maxSourceBytes = 64 << 30

// maxTokenizerBytes bounds a llama2.c tokenizer file read into memory.
const maxTokenizerBytes = 64 << 20

// loadedModel is a model read from its source files, quantized (with
// exponentsOnly, the quantized tensors carry no data).
type loadedModel struct {
	format    string
	sources   []sourceFile
	tokenizer interface{ Digest() [32]byte }
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

// openSource opens a source file for random access after checking its size
// bound; the caller closes it.
func openSource(f *sourceFile) (*os.File, int64, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, 0, badInputf("%s file: %v", f.Role, err)
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, 0, badInputf("%s file: %v", f.Role, err)
	}
	if st.Size() > maxSourceBytes {
		fh.Close()
		return nil, 0, badInputf("%s file %s is larger than %s", f.Role, f.Path, humanBytes(maxSourceBytes))
	}
	return fh, st.Size(), nil
}

// hashSource streams r's size bytes through SHA-256 and fills or checks f's
// digest: a file that changed since import is refused.
func hashSource(f *sourceFile, r io.ReaderAt, size int64) error {
	sum := sha256.New()
	if _, err := io.Copy(sum, io.NewSectionReader(r, 0, size)); err != nil {
		return badInputf("%s file: %v", f.Role, err)
	}
	h := hex.EncodeToString(sum.Sum(nil))
	if f.SHA256 != "" && f.SHA256 != h {
		return badInputf("%s file %s changed since it was imported (SHA-256 %s, recorded %s)", f.Role, f.Path, h, f.SHA256)
	}
	f.SHA256, f.Size = h, size
	return nil
}

// readSmallSource reads a source file of at most limit bytes whole, with its
// digest filled or checked.
func readSmallSource(f *sourceFile, limit int64) ([]byte, error) {
	fh, size, err := openSource(f)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if size > limit {
		return nil, badInputf("%s file %s is larger than %s", f.Role, f.Path, humanBytes(limit))
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(fh, b); err != nil {
		return nil, badInputf("%s file: %v", f.Role, err)
	}
	return b, hashSource(f, bytes.NewReader(b), size)
}

// loadModel reads, validates and quantizes the model in files.
func loadModel(format string, files []sourceFile) (*loadedModel, error) {
	return loadQuantized(format, files, false)
}

// loadModelExponents is loadModel without the quantized weights: what an
// import records (architecture, exponents, digests) in memory independent of
// the model's size.
func loadModelExponents(format string, files []sourceFile) (*loadedModel, error) {
	return loadQuantized(format, files, true)
}

// loadQuantized streams the weights from the source files into int16 (or,
// with exponentsOnly, only their quantization exponents): headers are checked
// against file sizes before anything else is read, and no float32 copy of the
// model is made.
func loadQuantized(format string, files []sourceFile, exponentsOnly bool) (*loadedModel, error) {
	lm := &loadedModel{format: format, sources: files}
	var q *quant.Model
	switch format {
	case "llama2c":
		ck, size, err := openSource(&lm.sources[0])
		if err != nil {
			return nil, err
		}
		defer ck.Close()
		layout, err := llama2c.ReadLayout(ck, size)
		if err != nil {
			return nil, badInputf("malformed llama2.c checkpoint %s: %v", lm.sources[0].Path, err)
		}
		if err := hashSource(&lm.sources[0], ck, size); err != nil {
			return nil, err
		}
		tb, err := readSmallSource(&lm.sources[1], maxTokenizerBytes)
		if err != nil {
			return nil, err
		}
		tok, err := llama2c.DecodeTokenizer(tb, layout.Config.VocabSize)
		if err != nil {
			return nil, badInputf("malformed tokenizer %s: %v", lm.sources[1].Path, err)
		}
		q, err = quant.QuantizeStream(layout.Config, func(i int, _ model.Tensor) quant.Chunks { return layout.Chunks(ck, i) }, exponentsOnly)
		if err != nil {
			if errors.Is(err, quant.ErrRange) {
				return nil, badInputf("model cannot be quantized: %v", err)
			}
			return nil, badInputf("malformed llama2.c checkpoint %s: %v", lm.sources[0].Path, err)
		}
		lm.tokenizer = tok
	case "hf":
		root := files[0].Path
		for _, f := range files {
			if f.Role == "folder" {
				root = f.Path
			}
		}
		loaded, err := hf.LoadQuantized(os.DirFS(root), exponentsOnly)
		if err != nil {
			if errors.Is(err, quant.ErrRange) {
				return nil, badInputf("model cannot be quantized: %v", err)
			}
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
		q, lm.tokenizer = loaded.Quant, loaded.Tokenizer
	default:
		return nil, internalf("unknown model format %q", format)
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
