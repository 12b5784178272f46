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
		tk, err := ParseTokenizer(b, n)
		if err != nil {
			return
		}
		if tk.VocabSize() != n {
			t.Fatal("vocabulary size")
		}
		dec, err := tk.Decode(tk.Encode("abc ü"))
		if err != nil || string(dec) != "abc ü" {
			t.Fatalf("round trip: %q %v", dec, err)
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
