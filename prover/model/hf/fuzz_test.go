package hf

import (
	"testing"
	"testing/fstest"
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
