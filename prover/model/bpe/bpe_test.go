package bpe

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// byteLevelJSON builds a small GPT-2/SmolLM-style tokenizer.json: the 256
// byte characters, a few merges, added tokens, a Digits + ByteLevel
// pre-tokenizer, a ByteLevel decoder and, optionally, a BOS template.
func byteLevelJSON(t testing.TB, bos bool, mutate func(doc map[string]any)) []byte {
	t.Helper()
	vocab := map[string]int{}
	for b := range 256 {
		vocab[string(byteToRune[b])] = b
	}
	var merges []string
	addMerge := func(a, b string) {
		merges = append(merges, a+" "+b)
		if _, ok := vocab[a+b]; !ok {
			vocab[a+b] = len(vocab)
		}
	}
	addMerge("Ġ", "t")   // " t"
	addMerge("h", "e")   // "he"
	addMerge("Ġt", "he") // " the"
	addMerge("l", "l")
	addMerge("e", "ll")
	doc := map[string]any{
		"added_tokens": []any{
			map[string]any{"id": 261, "content": "<|endoftext|>", "special": true},
			map[string]any{"id": 262, "content": "<|im_start|>", "special": true, "rstrip": true},
		},
		"normalizer": nil,
		"pre_tokenizer": map[string]any{"type": "Sequence", "pretokenizers": []any{
			map[string]any{"type": "Digits", "individual_digits": true},
			map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
		}},
		"post_processor": map[string]any{"type": "ByteLevel"},
		"decoder":        map[string]any{"type": "ByteLevel"},
		"model":          map[string]any{"type": "BPE", "vocab": vocab, "merges": merges, "ignore_merges": false},
	}
	if bos {
		doc["post_processor"] = map[string]any{"type": "TemplateProcessing", "single": []any{
			map[string]any{"SpecialToken": map[string]any{"id": "<|endoftext|>"}}, map[string]any{"Sequence": map[string]any{"id": "A"}},
		}}
	}
	if mutate != nil {
		mutate(doc)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestByteLevelByHand(t *testing.T) {
	tk, err := Parse(byteLevelJSON(t, false, nil), Options{VocabSize: 263, EOS: []int{261}})
	if err != nil {
		t.Fatal(err)
	}
	sp := int(' ') // ids are byte values here
	cases := []struct {
		text string
		want []int
	}{
		{"the", []int{'t', 257}},             // "he" merged, no leading space
		{" the", []int{258}},                 // " t" + "he" → " the"
		{"ell", []int{260}},                  // "ll" then "e"+"ll"
		{"a12", []int{'a', '1', '2'}},        // individual digits
		{"<|endoftext|>x", []int{261, 'x'}},  // added token
		{"<|im_start|>  x", []int{262, 'x'}}, // rstrip eats the spaces
		{"é", nil},                           // set below
		{"  ", []int{sp, sp}},                // spaces: no merge between them
		{"", nil},                            // nothing
		{"x<|endoftext|><|endoftext|>", []int{'x', 261, 261}},
	}
	// é is C3 A9: both bytes are printable Latin-1, so they map to themselves.
	cases[6].want = []int{0xC3, 0xA9}
	for _, c := range cases {
		if got := tk.Encode(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
		if dec, err := tk.Decode(tk.Encode(c.text)); err != nil || (dec != c.text && !strings.Contains(c.text, "<|im_start|>")) {
			t.Errorf("decode %q: %q %v", c.text, dec, err)
		}
	}
	if tk.BOS() != -1 || !slices.Equal(tk.EOS(), []int{261}) {
		t.Fatalf("BOS %d EOS %v", tk.BOS(), tk.EOS())
	}
	withBOS, err := Parse(byteLevelJSON(t, true, nil), Options{VocabSize: 263})
	if err != nil {
		t.Fatal(err)
	}
	if got := withBOS.Encode("the"); !slices.Equal(got, []int{261, 't', 257}) || withBOS.BOS() != 261 {
		t.Fatalf("template: %v", got)
	}
	if withBOS.Digest() == tk.Digest() {
		t.Fatal("the template is not bound into the digest")
	}
}

// Every unsupported component is refused with its name.
func TestRefusals(t *testing.T) {
	cases := map[string]func(doc map[string]any){
		`model type "WordPiece"`:          func(d map[string]any) { d["model"].(map[string]any)["type"] = "WordPiece" },
		`normalizer type "NFKC"`:          func(d map[string]any) { d["normalizer"] = map[string]any{"type": "NFKC"} },
		`pre_tokenizer type "Metaspace"`:  func(d map[string]any) { d["pre_tokenizer"] = map[string]any{"type": "Metaspace"} },
		`post_processor type "Roberta`:    func(d map[string]any) { d["post_processor"] = map[string]any{"type": "RobertaProcessing"} },
		`decoder type "WordPiece"`:        func(d map[string]any) { d["decoder"] = map[string]any{"type": "WordPiece"} },
		`single_word`:                     func(d map[string]any) { d["added_tokens"].([]any)[0].(map[string]any)["single_word"] = true },
		`dropout`:                         func(d map[string]any) { d["model"].(map[string]any)["dropout"] = 0.1 },
		`uses pieces outside model.vocab`: func(d map[string]any) { d["model"].(map[string]any)["merges"] = []string{"q z"} },
		`behavior "Removed"`: func(d map[string]any) {
			d["pre_tokenizer"] = map[string]any{"type": "Split", "pattern": map[string]any{"Regex": "a"}, "behavior": "Removed"}
		},
		`lacks the piece for byte`: func(d map[string]any) { delete(d["model"].(map[string]any)["vocab"].(map[string]int), "a") },
		`names "<nope>", which is no token`: func(d map[string]any) {
			d["post_processor"] = map[string]any{"type": "TemplateProcessing", "single": []any{map[string]any{"SpecialToken": map[string]any{"id": "<nope>"}}, map[string]any{"Sequence": map[string]any{"id": "A"}}}}
		},
	}
	for want, mutate := range cases {
		_, err := Parse(byteLevelJSON(t, false, mutate), Options{VocabSize: 263})
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
	if _, err := Parse(byteLevelJSON(t, false, nil), Options{VocabSize: 262}); err == nil {
		t.Error("an id beyond the model's vocabulary was accepted")
	}
	if _, err := Parse(byteLevelJSON(t, false, nil), Options{VocabSize: 263, EOS: []int{300}}); err == nil {
		t.Error("an EOS id outside the vocabulary was accepted")
	}
}

// WHATWG UTF-8 decoding: one U+FFFD per maximal invalid subsequence.
func TestDecodeUTF8(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"abc", "abc"}, {"\xe2\x82\xac", "€"}, {"\xe2\x82", "\ufffd"}, {"\xe2\x82x", "\ufffdx"},
		{"\xff", "\ufffd"}, {"\xc0\x80", "\ufffd\ufffd"}, {"\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{"\xf0\x9f\x98", "\ufffd"}, {"\xf0\x9f\x98\x80", "😀"}, {"\xf4\x90\x80\x80", "\ufffd\ufffd\ufffd\ufffd"},
	} {
		if got := decodeUTF8([]byte(c.in)); got != c.want {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
}

// \s means ECMAScript white space in split patterns: U+0085 is not, U+FEFF is.
func TestJSWhitespace(t *testing.T) {
	re, err := compileJS(`\s+|[^\s]+`)
	if err != nil {
		t.Fatal(err)
	}
	got := regexSplit(nil, "a\u0085b\ufeffc", re)
	if want := []string{"a\u0085b", "\ufeff", "c"}; !slices.Equal(got, want) {
		t.Fatalf("%q, want %q", got, want)
	}
}

// A Tokenizer is safe for concurrent use (run with -race).
func TestConcurrentEncode(t *testing.T) {
	tk, err := Parse(byteLevelJSON(t, true, nil), Options{VocabSize: 263})
	if err != nil {
		t.Fatal(err)
	}
	texts := genStrings(200, []string{"<|endoftext|>"}, 3)
	want := make([][]int, len(texts))
	for i, s := range texts {
		want[i] = tk.Encode(s)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for i, s := range texts {
				if !slices.Equal(tk.Encode(s), want[i]) {
					errs <- fmt.Errorf("%q encodes differently under concurrency", s)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
