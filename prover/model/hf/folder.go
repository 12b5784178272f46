package hf

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/bpe"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/safetensors"
)

// folder is an opened model folder: config and tokenizer parsed, every
// shard's header checked against its size and its SHA-256 taken by
// streaming, every expected tensor located. No weight is in memory.
type folder struct {
	cfg     model.Config
	tok     *bpe.Tokenizer
	sources []Source
	files   []fs.File
	// tensors in spec order: where each one's values are.
	locs []tensorLoc
}

type tensorLoc struct {
	file  io.ReaderAt
	off   int64
	n     int
	dtype safetensors.DType
	// head > 0: a q/k projection whose rows are read from rotate_half order
	// into the interleaved order (head size not a power of two).
	head, cols int
}

func (f *folder) close() {
	for _, h := range f.files {
		h.Close()
	}
}

// chunks streams tensor i (spec order) as float32.
func (f *folder) chunks(i int) quant.Chunks {
	l := f.locs[i]
	if l.head > 0 {
		return rowPermuted(l)
	}
	return quant.Chunks(safetensors.Chunks(l.file, l.off, l.n, l.dtype))
}

// rowPermuted streams a [heads·hs][cols] q/k projection row by row in the
// interleaved order: row h·hs + 2i + j is the file's rotate_half row
// h·hs + j·hs/2 + i (the inverse of Convert's interleavedToHalf), so that a
// head size that is no power of two computes HF's RoPE with pair bit 0.
func rowPermuted(l tensorLoc) quant.Chunks {
	return func(each func([]float32) error) error {
		size := l.dtype.Size()
		raw := make([]byte, l.cols*size)
		vals := make([]float32, l.cols)
		for r := range l.n / l.cols {
			h, k := r/l.head, r%l.head
			src := h*l.head + k%2*l.head/2 + k/2
			if _, err := l.file.ReadAt(raw, l.off+int64(src)*int64(l.cols*size)); err != nil {
				return fmt.Errorf("%w: reading row %d: %v", ErrFormat, src, err)
			}
			safetensors.Decode(vals, raw, l.dtype)
			if err := each(vals); err != nil {
				return err
			}
		}
		return nil
	}
}

// readSmall reads a JSON file of at most maxJSONFile bytes and records it.
func (f *folder) readSmall(fsys fs.FS, name, role string) ([]byte, error) {
	h, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	defer h.Close()
	b, err := io.ReadAll(io.LimitReader(h, maxJSONFile+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	if len(b) > maxJSONFile {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrFormat, name, maxJSONFile)
	}
	f.sources = append(f.sources, Source{Role: role, Name: name, Size: uint64(len(b)), SHA256: sha256.Sum256(b)})
	return b, nil
}

// openShard opens a weights file, hashes it by streaming and parses its
// header against its size.
func (f *folder) openShard(fsys fs.FS, name string) (io.ReaderAt, *safetensors.File, error) {
	h, err := fsys.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	f.files = append(f.files, h)
	st, err := h.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	ra, ok := h.(io.ReaderAt)
	if !ok {
		return nil, nil, fmt.Errorf("%w: %s: the file system gives no random access", ErrFormat, name)
	}
	// The header first: a garbage or truncated file is refused before the
	// whole of it is read.
	file, err := safetensors.ParseHeader(ra, st.Size())
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", ErrFormat, name, err)
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, io.NewSectionReader(ra, 0, st.Size())); err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrFormat, name, err)
	}
	src := Source{Role: "weights", Name: name, Size: uint64(st.Size())}
	copy(src.SHA256[:], sum.Sum(nil))
	f.sources = append(f.sources, src)
	return ra, file, nil
}

// openFolder reads config.json, the shard headers and tokenizer.json.
func openFolder(fsys fs.FS) (*folder, error) {
	f := &folder{}
	ok := false
	defer func() {
		if !ok {
			f.close()
		}
	}()
	cb, err := f.readSmall(fsys, ConfigFile, "config")
	if err != nil {
		return nil, err
	}
	if f.cfg, err = parseConfig(cb); err != nil {
		return nil, err
	}
	if err := f.locate(fsys); err != nil {
		return nil, err
	}
	tb, err := f.readSmall(fsys, TokenizerFile, "tokenizer")
	if err != nil {
		return nil, err
	}
	if f.tok, err = ParseTokenizer(tb, f.cfg.VocabSize, eosIDs(cb)); err != nil {
		return nil, err
	}
	ok = true
	return f, nil
}

// eosIDs reads config.json's eos_token_id: a number, a list or absent.
func eosIDs(cfg []byte) []int {
	var h struct {
		EOS json.RawMessage `json:"eos_token_id"`
	}
	json.Unmarshal(cfg, &h)
	var one int
	if json.Unmarshal(h.EOS, &one) == nil {
		return []int{one}
	}
	var many []int
	json.Unmarshal(h.EOS, &many)
	return many
}

func (f *folder) shardNames(fsys fs.FS) ([]string, error) {
	if _, err := fs.Stat(fsys, IndexFile); err != nil {
		return []string{WeightsFile}, nil
	}
	ib, err := f.readSmall(fsys, IndexFile, "index")
	if err != nil {
		return nil, err
	}
	var idx struct {
		WeightMap map[string]string `json:"weight_map"`
	}
	if err := json.Unmarshal(ib, &idx); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, IndexFile, err)
	}
	var shards []string
	for _, s := range idx.WeightMap {
		if s != path.Base(s) || !strings.HasSuffix(s, ".safetensors") {
			return nil, fmt.Errorf("%w: %s names shard %q", ErrFormat, IndexFile, s)
		}
		if !slices.Contains(shards, s) {
			shards = append(shards, s)
		}
	}
	sort.Strings(shards)
	return shards, nil
}

// locate finds every expected tensor exactly once with the right shape;
// unexpected tensors are errors, except rotary inv_freq buffers and an
// lm_head equal to the embedding when tie_word_embeddings is set.
func (f *folder) locate(fsys fs.FS) error {
	shards, err := f.shardNames(fsys)
	if err != nil {
		return err
	}
	found := map[string]tensorLoc{}
	shapes := map[string][]int{}
	for _, s := range shards {
		ra, st, err := f.openShard(fsys, s)
		if err != nil {
			return err
		}
		for _, name := range st.Names() {
			if ignorable.MatchString(name) {
				continue
			}
			if _, dup := found[name]; dup {
				return fmt.Errorf("%w: tensor %s appears twice (in %s)", ErrFormat, name, s)
			}
			info, _ := st.Info(name)
			found[name] = tensorLoc{file: ra, off: st.DataStart + int64(info.Begin), n: (info.End - info.Begin) / info.DType.Size(), dtype: info.DType}
			shapes[name] = info.Shape
		}
	}
	c := f.cfg
	names := hfNames(c)
	layout := model.TensorLayout(c)
	for i, name := range names {
		if _, ok := found[name]; !ok {
			return fmt.Errorf("%w: tensor %s missing", ErrFormat, name)
		}
		if !slices.Equal(shapes[name], layout[i].Shape) {
			return fmt.Errorf("%w: tensor %s has shape %v, want %v", ErrFormat, name, shapes[name], layout[i].Shape)
		}
	}
	if c.SharedClassifier {
		if cls, ok := found["lm_head.weight"]; ok {
			emb := found["model.embed_tokens.weight"]
			same, err := sameValues(cls, emb)
			if err != nil {
				return err
			}
			if !same || !slices.Equal(shapes["lm_head.weight"], layout[0].Shape) {
				return fmt.Errorf("%w: tie_word_embeddings is true but lm_head.weight differs from the embedding", ErrFormat)
			}
			delete(found, "lm_head.weight")
		}
	}
	for name := range found {
		if !slices.Contains(names, name) {
			return fmt.Errorf("%w: unexpected tensor %s", ErrFormat, name)
		}
	}
	hs := c.HeadSize()
	for _, name := range names {
		l := found[name]
		if hs&(hs-1) != 0 && (strings.HasSuffix(name, "q_proj.weight") || strings.HasSuffix(name, "k_proj.weight")) {
			l.head, l.cols = hs, c.Dim
		}
		f.locs = append(f.locs, l)
	}
	return nil
}

// sameValues compares two tensors' float32 values by a digest of each stream.
func sameValues(a, b tensorLoc) (bool, error) {
	digest := func(l tensorLoc) ([32]byte, error) {
		h := sha256.New()
		var buf []byte
		err := safetensors.Chunks(l.file, l.off, l.n, l.dtype)(func(v []float32) error {
			buf = buf[:0]
			for _, x := range v {
				buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
			}
			h.Write(buf)
			return nil
		})
		var d [32]byte
		copy(d[:], h.Sum(nil))
		return d, err
	}
	if a.n != b.n {
		return false, nil
	}
	da, err := digest(a)
	if err != nil {
		return false, err
	}
	db, err := digest(b)
	return da == db, err
}

// Load reads a model folder into float32 weights (use os.DirFS for a
// directory on disk). Weights are streamed from the files, never read whole.
func Load(fsys fs.FS) (*Loaded, error) {
	f, err := openFolder(fsys)
	if err != nil {
		return nil, err
	}
	defer f.close()
	m := model.Allocate(f.cfg)
	for i, t := range m.Tensors() {
		at := 0
		err := f.chunks(i)(func(v []float32) error {
			at += copy(t.Data[at:], v)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrFormat, t.Name, err)
		}
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return &Loaded{Model: m, Tokenizer: f.tok, Sources: f.sources}, nil
}

// LoadQuantized reads a model folder straight into int16 weights, streaming
// every tensor twice (exponent, then values) so that no float32 copy of the
// model exists; with exponentOnly the weights are not kept at all (the
// quantization exponents are all that an import records). Peak memory is
// the int16 weights (none with exponentOnly), the tokenizer and 8 MiB.
func LoadQuantized(fsys fs.FS, exponentOnly bool) (*Quantized, error) {
	f, err := openFolder(fsys)
	if err != nil {
		return nil, err
	}
	defer f.close()
	q, err := quant.QuantizeStream(f.cfg, func(i int, _ model.Tensor) quant.Chunks { return f.chunks(i) }, exponentOnly)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return &Quantized{Quant: q, Tokenizer: f.tok, Sources: f.sources}, nil
}

// ParseTokenizer reads tokenizer.json for a model of vocabSize tokens whose
// config.json names the eos ids.
func ParseTokenizer(b []byte, vocabSize int, eos []int) (*bpe.Tokenizer, error) {
	tk, err := bpe.Parse(b, bpe.Options{VocabSize: vocabSize, EOS: eos})
	if err != nil {
		return nil, fmt.Errorf("%w: tokenizer.json: %w", ErrFormat, err)
	}
	return tk, nil
}
