package bpe

import (
	"container/heap"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
)

// Tokenizer encodes and decodes text. It is immutable and safe for
// concurrent use.
type Tokenizer struct {
	c      canon
	digest [32]byte
	index  map[string]int    // piece or added token → id
	merges map[uint64]uint64 // left<<32|right → rank<<32|merged id
	added  map[byte][]Added  // by first byte, longest first
	isAdd  map[int]bool
	pre    []preStep
	// byteLevel: a ByteLevel pre-tokenizer maps text into the GPT-2 byte
	// characters, so every word is made of vocabulary characters.
	byteLevel bool
}

type preStep struct {
	step
	re *regexp2.Regexp
}

func build(c canon) (*Tokenizer, error) {
	t := &Tokenizer{c: c, index: make(map[string]int, len(c.Pieces)), merges: make(map[uint64]uint64, len(c.Merges)),
		added: map[byte][]Added{}, isAdd: map[int]bool{}}
	for id, p := range c.Pieces {
		if p != "" {
			t.index[p] = id
		}
	}
	for r, m := range c.Merges {
		merged := t.index[c.Pieces[m[0]]+c.Pieces[m[1]]]
		k := uint64(m[0])<<32 | uint64(m[1])
		if _, dup := t.merges[k]; !dup { // the first (lowest) rank wins
			t.merges[k] = uint64(r)<<32 | uint64(merged)
		}
	}
	for _, a := range c.Added {
		t.added[a.Content[0]] = append(t.added[a.Content[0]], a)
		t.isAdd[a.ID] = true
	}
	for _, l := range t.added {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].Content) > len(l[j].Content) })
	}
	for _, s := range c.PreTokenizer {
		p := preStep{step: s}
		var err error
		switch s.Kind {
		case "Split":
			p.re, err = compileJS(s.A)
		case "ByteLevel":
			t.byteLevel = true
			if s.Flag2 {
				p.re, err = compileJS(gpt2Pattern)
			}
		case "Digits":
			pat := `[^0-9]+|[0-9]`
			if !s.Flag {
				pat += "+"
			}
			p.re, err = compileJS(pat)
		}
		if err != nil {
			return nil, errf("pre_tokenizer %s: %v", s.Kind, err)
		}
		t.pre = append(t.pre, p)
	}
	if t.byteLevel {
		// Every byte character must be a piece, or text could fall outside
		// the vocabulary.
		for b := range 256 {
			if _, ok := t.index[string(byteToRune[b])]; !ok {
				return nil, errf("byte-level tokenizer lacks the piece for byte 0x%02X (%q)", b, byteToRune[b])
			}
		}
	} else if !c.ByteFallback && c.Unk < 0 {
		return nil, errf("a tokenizer without byte fallback or byte-level pieces needs an unk_token")
	}
	if c.ByteFallback {
		for b := range 256 {
			if _, ok := t.index[fmt.Sprintf("<0x%02X>", b)]; !ok && c.Unk < 0 {
				return nil, errf("byte fallback lacks <0x%02X> and there is no unk_token", b)
			}
		}
	}
	var err error
	if t.digest, err = c.digest(); err != nil {
		return nil, err
	}
	return t, nil
}

// VocabSize is the model's vocabulary size.
func (t *Tokenizer) VocabSize() int { return t.c.VocabSize }

// Piece returns the token text of id as the file spells it (byte-level
// pieces in the GPT-2 character map, SentencePiece pieces with "▁").
func (t *Tokenizer) Piece(id int) (string, error) {
	if id < 0 || id >= len(t.c.Pieces) || t.c.Pieces[id] == "" {
		return "", fmt.Errorf("bpe: token id %d names no token", id)
	}
	return t.c.Pieces[id], nil
}

// BOS is the id the post-processor puts before the text, or -1 when it adds
// none (a plain ByteLevel post-processor, as in the first Llama 3 release).
func (t *Tokenizer) BOS() int {
	if len(t.c.Template) > 1 && t.c.Template[0] >= 0 {
		return t.c.Template[0]
	}
	return -1
}

// EOS lists the end-of-sequence ids config.json declares.
func (t *Tokenizer) EOS() []int { return append([]int(nil), t.c.EOS...) }

// Added lists the added tokens.
func (t *Tokenizer) Added() []Added { return append([]Added(nil), t.c.Added...) }

// Encode tokenizes text as the model does: the post-processor's template
// (BOS where the model adds one) around the text's tokens.
func (t *Tokenizer) Encode(text string) []int {
	body := t.EncodeOrdinary(text)
	out := make([]int, 0, len(body)+len(t.c.Template))
	for _, id := range t.c.Template {
		if id < 0 {
			out = append(out, body...)
		} else {
			out = append(out, id)
		}
	}
	return out
}

// EncodeOrdinary tokenizes text without the template's special tokens
// (add_special_tokens=false). Added-token text in the input still becomes
// its token.
func (t *Tokenizer) EncodeOrdinary(text string) []int {
	var out []int
	secs := t.splitAdded(text)
	for _, s := range secs {
		if s.id >= 0 {
			out = append(out, s.id)
			continue
		}
		if s.text == "" {
			continue
		}
		for _, word := range t.preTokenize(t.normalize(s.text)) {
			out = t.bpe(out, word)
		}
	}
	return out
}

type section struct {
	text string
	id   int // added token id, or -1 for text
}

// splitAdded cuts text at added tokens, longest match first, scanning left to
// right, then applies lstrip/rstrip to the neighbouring text.
func (t *Tokenizer) splitAdded(text string) []section {
	var secs []section
	start := 0
	for i := 0; i < len(text); {
		var hit *Added
		for k, a := range t.added[text[i]] {
			if strings.HasPrefix(text[i:], a.Content) {
				hit = &t.added[text[i]][k]
				break
			}
		}
		if hit == nil {
			i++
			continue
		}
		if i > start {
			secs = append(secs, section{text[start:i], -1})
		}
		secs = append(secs, section{hit.Content, hit.ID})
		i += len(hit.Content)
		start = i
	}
	if start < len(text) {
		secs = append(secs, section{text[start:], -1})
	}
	for i, s := range secs {
		if s.id < 0 {
			continue
		}
		a := t.addedByID(s.id)
		if a.LStrip && i > 0 && secs[i-1].id < 0 {
			secs[i-1].text = strings.TrimRightFunc(secs[i-1].text, isJSSpace)
		}
		if a.RStrip && i+1 < len(secs) && secs[i+1].id < 0 {
			secs[i+1].text = strings.TrimLeftFunc(secs[i+1].text, isJSSpace)
		}
	}
	return secs
}

func (t *Tokenizer) addedByID(id int) Added {
	for _, a := range t.added[t.c.Pieces[id][0]] {
		if a.ID == id {
			return a
		}
	}
	return Added{}
}

func (t *Tokenizer) normalize(s string) string {
	for _, n := range t.c.Normalizer {
		switch n.Kind {
		case "Prepend":
			s = n.A + s
		case "Replace":
			s = strings.ReplaceAll(s, n.A, n.B)
		}
	}
	return s
}

// preTokenize returns the words BPE runs on (byte-level words already in
// the GPT-2 character map).
func (t *Tokenizer) preTokenize(s string) []string {
	words := []string{s}
	for _, p := range t.pre {
		var next []string
		for _, w := range words {
			switch p.Kind {
			case "Split":
				next = regexSplit(next, w, p.re)
			case "Digits":
				next = regexMatches(next, w, p.re)
			case "ByteLevel":
				if p.Flag && !strings.HasPrefix(w, " ") {
					w = " " + w
				}
				var parts []string
				if p.re != nil {
					parts = regexMatches(nil, w, p.re)
				} else {
					parts = []string{w}
				}
				for _, q := range parts {
					next = append(next, byteLevelString(q))
				}
			}
		}
		words = next
	}
	return words
}

// bpe appends the ids of one word.
func (t *Tokenizer) bpe(out []int, word string) []int {
	if word == "" {
		return out
	}
	if t.c.IgnoreMerges {
		if id, ok := t.index[word]; ok {
			return append(out, id)
		}
	}
	n := utf8.RuneCountInString(word)
	syms := make([]symbol, 0, n)
	for i, r := range word {
		s := symbol{text: word[i : i+utf8.RuneLen(r)], prev: len(syms) - 1, next: len(syms) + 1, id: -1}
		if id, ok := t.index[s.text]; ok {
			s.id = id
		}
		syms = append(syms, s)
	}
	syms[len(syms)-1].next = -1
	q := &pairHeap{}
	push := func(l int) {
		if l < 0 || syms[l].next < 0 {
			return
		}
		r := syms[l].next
		if syms[l].id < 0 || syms[r].id < 0 {
			return
		}
		if v, ok := t.merges[uint64(syms[l].id)<<32|uint64(syms[r].id)]; ok {
			heap.Push(q, pair{rank: int(v >> 32), merged: int(v & 0xffffffff), left: l, right: r, lgen: syms[l].gen, rgen: syms[r].gen})
		}
	}
	for i := range syms {
		push(i)
	}
	for q.Len() > 0 {
		p := heap.Pop(q).(pair)
		l, r := &syms[p.left], &syms[p.right]
		if l.dead || r.dead || l.next != p.right || l.gen != p.lgen || r.gen != p.rgen {
			continue // stale: one side has merged since
		}
		l.id, l.gen = p.merged, l.gen+1
		l.text = ""
		r.dead = true
		l.next = r.next
		if r.next >= 0 {
			syms[r.next].prev = p.left
		}
		push(l.prev)
		push(p.left)
	}
	for i := 0; i >= 0; i = syms[i].next {
		s := &syms[i]
		switch {
		case s.id >= 0:
			out = append(out, s.id)
		case t.c.ByteFallback && t.hasBytes(s.text):
			for _, b := range []byte(s.text) {
				out = append(out, t.index[fmt.Sprintf("<0x%02X>", b)])
			}
		default:
			out = append(out, t.c.Unk)
		}
	}
	return out
}

func (t *Tokenizer) hasBytes(s string) bool {
	for _, b := range []byte(s) {
		if _, ok := t.index[fmt.Sprintf("<0x%02X>", b)]; !ok {
			return false
		}
	}
	return true
}

// symbol is a node of the word's linked list; a merged symbol keeps the
// left one's index, so the index is its original position (the tie-break).
type symbol struct {
	text       string // only for symbols outside the vocabulary (id −1)
	id         int
	prev, next int
	gen        int
	dead       bool
}

type pair struct {
	rank, merged, left, right int
	lgen, rgen                int
}

type pairHeap []pair

func (h pairHeap) Len() int { return len(h) }
func (h pairHeap) Less(i, j int) bool {
	if h[i].rank != h[j].rank {
		return h[i].rank < h[j].rank
	}
	return h[i].left < h[j].left
}
func (h pairHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pairHeap) Push(x any)   { *h = append(*h, x.(pair)) }
func (h *pairHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
