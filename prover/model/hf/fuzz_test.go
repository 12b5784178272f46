package hf

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/zkllm/zkllm/prover/model/quant"
)

func FuzzParseTokenizer(f *testing.F) {
	f.Add(handFolder(nil)[TokenizerFile].Data, 262)
	f.Add([]byte(`{"model":{"type":"BPE","byte_fallback":true,"vocab":{},"merges":[["a","b"]]}}`), 0)
	f.Fuzz(func(t *testing.T, b []byte, n int) {
		if n > 1<<12 {
			return
		}
		tk, err := ParseTokenizer(b, n, nil)
		if err != nil {
			return
		}
		if tk.VocabSize() != n {
			t.Fatal("vocabulary size")
		}
		ids := tk.Encode("abc ü")
		for _, id := range ids {
			if id < 0 || id >= n {
				t.Fatalf("id %d outside the vocabulary", id)
			}
		}
		if _, err := tk.Decode(ids); err != nil {
			t.Fatalf("decoding its own ids: %v", err)
		}
	})
}

func FuzzLoadConfig(f *testing.F) {
	folder := handFolder(nil)
	f.Add(folder[ConfigFile].Data)
	f.Fuzz(func(t *testing.T, cfg []byte) {
		fsys := fstest.MapFS{}
		for k, v := range folder {
			fsys[k] = v
		}
		fsys[ConfigFile] = &fstest.MapFile{Data: cfg}
		ld, err := Load(fsys)
		if err != nil {
			return
		}
		if err := ld.Model.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzLoadWeights: arbitrary bytes as model.safetensors. The float and the
// streaming int16 loaders accept exactly the same files, and quantize them
// alike.
func FuzzLoadWeights(f *testing.F) {
	folder := handFolder(nil)
	f.Add(folder[WeightsFile].Data)
	f.Add(folder[WeightsFile].Data[:100])
	f.Fuzz(func(t *testing.T, w []byte) {
		fsys := fstest.MapFS{}
		for k, v := range folder {
			fsys[k] = v
		}
		fsys[WeightsFile] = &fstest.MapFile{Data: w}
		ld, err := Load(fsys)
		lq, qerr := LoadQuantized(fsys, false)
		if err != nil {
			if qerr == nil {
				t.Fatalf("Load refused (%v), LoadQuantized accepted", err)
			}
			return
		}
		q, err := quant.Quantize(ld.Model)
		if (err == nil) != (qerr == nil) {
			t.Fatalf("Quantize %v, LoadQuantized %v", err, qerr)
		}
		if err != nil {
			return
		}
		for i := range q.Tensors {
			if q.Tensors[i].Exp != lq.Quant.Tensors[i].Exp || !slices.Equal(q.Tensors[i].Data, lq.Quant.Tensors[i].Data) {
				t.Fatalf("tensor %s differs", q.Tensors[i].Name)
			}
		}
	})
}
