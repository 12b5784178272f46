package bpe

import (
	"testing"
	"unicode/utf8"
)

// FuzzParse: arbitrary tokenizer.json bytes never panic; whatever parses
// encodes any text to ids inside the vocabulary, and those ids decode.
func FuzzParse(f *testing.F) {
	f.Add(byteLevelJSON(f, false, nil), 263, "the 12 <|endoftext|> é")
	f.Add(byteLevelJSON(f, true, nil), 263, "  x\n")
	f.Add([]byte(`{"model":{"type":"BPE","byte_fallback":true,"unk_token":"<unk>","vocab":{"<unk>":0,"a":1,"b":2,"ab":3},"merges":["a b"]},"normalizer":{"type":"Prepend","prepend":"_"}}`), 4, "abc")
	f.Fuzz(func(t *testing.T, b []byte, n int, text string) {
		if n < 1 || n > 1<<12 || len(b) > 1<<16 || !utf8.ValidString(text) {
			return
		}
		tk, err := Parse(b, Options{VocabSize: n})
		if err != nil {
			return
		}
		ids := tk.Encode(text)
		for _, id := range ids {
			if id < 0 || id >= n {
				t.Fatalf("id %d outside [0, %d)", id, n)
			}
		}
		if _, err := tk.Decode(ids); err != nil {
			t.Fatalf("decode of its own ids: %v", err)
		}
	})
}
