package bpe

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dlclark/regexp2"
)

// ErrFormat reports a malformed or unsupported tokenizer.json.
var ErrFormat = errors.New("bpe: malformed or unsupported tokenizer.json")

// Limits, far above any released LLaMA-family tokenizer (Llama 3: 128,256
// ids, 280,147 merges).
const (
	MaxVocab   = 1 << 20
	MaxMerges  = 1 << 22
	MaxPiece   = 1 << 10
	maxAdded   = 1 << 16
	maxSteps   = 16
	maxPattern = 1 << 12
)

// Options carries what the model's config.json says about the tokenizer.
type Options struct {
	// VocabSize is the model's vocabulary (embedding rows); every id must be
	// below it.
	VocabSize int
	// EOS lists the end-of-sequence ids (config.json eos_token_id); each must
	// name a token.
	EOS []int
}

// The canonical form: exactly what Parse interprets, in a fixed order. Its
// JSON encoding (struct fields in declaration order, slices in id or rank
// order) is what Digest hashes.
type canon struct {
	Format       string
	VocabSize    int
	Pieces       []string // by id; "" for an id that names no token
	Merges       [][2]int // by rank: left id, right id
	ByteFallback bool
	IgnoreMerges bool
	Unk          int // -1: none
	Added        []Added
	Normalizer   []step
	PreTokenizer []step
	Template     []int // single-sequence template: a token id, or -1 for the text
	Decoder      []step
	EOS          []int
}

// Added is an added token (special or not): matched in raw text before
// anything else.
type Added struct {
	ID             int
	Content        string
	Special        bool
	LStrip, RStrip bool
}

// step is one normalizer, pre-tokenizer or decoder component.
type step struct {
	Kind        string // Prepend, Replace, Split, ByteLevel, Digits, ByteFallback, Fuse, Strip
	A, B        string // Prepend: A; Replace: A → B; Split: A the regex; Strip: A the character
	Flag        bool   // ByteLevel: add_prefix_space; Digits: individual_digits
	Flag2       bool   // ByteLevel pre-tokenizer: use_regex
	Start, Stop int    // Strip
}

type jsonStep struct {
	Type    string          `json:"type"`
	Prepend *string         `json:"prepend"`
	Pattern *jsonPattern    `json:"pattern"`
	Content *string         `json:"content"`
	Steps1  []jsonStep      `json:"normalizers"`
	Steps2  []jsonStep      `json:"pretokenizers"`
	Steps3  []jsonStep      `json:"processors"`
	Steps4  []jsonStep      `json:"decoders"`
	Behav   string          `json:"behavior"`
	Invert  bool            `json:"invert"`
	Prefix  bool            `json:"add_prefix_space"`
	UseRe   *bool           `json:"use_regex"`
	Digits  bool            `json:"individual_digits"`
	Start   int             `json:"start"`
	Stop    int             `json:"stop"`
	Single  []jsonTmplItem  `json:"single"`
	Special json.RawMessage `json:"special_tokens"`
}

type jsonPattern struct {
	String *string `json:"String"`
	Regex  *string `json:"Regex"`
}

type jsonTmplItem struct {
	SpecialToken *struct {
		ID string `json:"id"`
	} `json:"SpecialToken"`
	Sequence *struct {
		ID string `json:"id"`
	} `json:"Sequence"`
}

type jsonFile struct {
	AddedTokens []struct {
		ID         int    `json:"id"`
		Content    string `json:"content"`
		SingleWord bool   `json:"single_word"`
		LStrip     bool   `json:"lstrip"`
		RStrip     bool   `json:"rstrip"`
		Normalized bool   `json:"normalized"`
		Special    bool   `json:"special"`
	} `json:"added_tokens"`
	Normalizer    *jsonStep `json:"normalizer"`
	PreTokenizer  *jsonStep `json:"pre_tokenizer"`
	PostProcessor *jsonStep `json:"post_processor"`
	Decoder       *jsonStep `json:"decoder"`
	Model         struct {
		Type                    string          `json:"type"`
		Vocab                   map[string]int  `json:"vocab"`
		Merges                  json.RawMessage `json:"merges"`
		ByteFallback            bool            `json:"byte_fallback"`
		IgnoreMerges            bool            `json:"ignore_merges"`
		UnkToken                *string         `json:"unk_token"`
		Dropout                 *float64        `json:"dropout"`
		ContinuingSubwordPrefix *string         `json:"continuing_subword_prefix"`
		EndOfWordSuffix         *string         `json:"end_of_word_suffix"`
	} `json:"model"`
}

func errf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, a...))
}

// Parse reads a tokenizer.json.
func Parse(b []byte, opt Options) (*Tokenizer, error) {
	if opt.VocabSize < 1 || opt.VocabSize > MaxVocab {
		return nil, errf("vocabulary size %d outside [1, %d]", opt.VocabSize, MaxVocab)
	}
	var f jsonFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, errf("%v", err)
	}
	m := &f.Model
	if m.Type != "BPE" {
		return nil, errf("model type %q is not supported (only BPE)", m.Type)
	}
	if m.Dropout != nil && *m.Dropout != 0 {
		return nil, errf("model.dropout %v is not supported", *m.Dropout)
	}
	if m.ContinuingSubwordPrefix != nil && *m.ContinuingSubwordPrefix != "" || m.EndOfWordSuffix != nil && *m.EndOfWordSuffix != "" {
		return nil, errf("model.continuing_subword_prefix / end_of_word_suffix are not supported")
	}
	c := canon{Format: "zkllm tokenizer.json BPE v1", VocabSize: opt.VocabSize, Pieces: make([]string, opt.VocabSize),
		ByteFallback: m.ByteFallback, IgnoreMerges: m.IgnoreMerges, Unk: -1}
	index := make(map[string]int, len(m.Vocab)+len(f.AddedTokens))
	put := func(p string, id int, what string) error {
		switch {
		case id < 0 || id >= opt.VocabSize:
			return errf("%s %q has id %d outside the vocabulary [0, %d)", what, p, id, opt.VocabSize)
		case p == "" || len(p) > MaxPiece:
			return errf("%s with id %d has length %d (1..%d)", what, id, len(p), MaxPiece)
		}
		if old, ok := index[p]; ok && old != id {
			return errf("%s %q has ids %d and %d", what, p, old, id)
		}
		if c.Pieces[id] != "" && c.Pieces[id] != p {
			return errf("id %d is both %q and %q", id, c.Pieces[id], p)
		}
		index[p], c.Pieces[id] = id, p
		return nil
	}
	if len(m.Vocab) > opt.VocabSize {
		return nil, errf("model.vocab has %d entries, the model %d", len(m.Vocab), opt.VocabSize)
	}
	for p, id := range m.Vocab {
		if err := put(p, id, "piece"); err != nil {
			return nil, err
		}
	}
	if len(f.AddedTokens) > maxAdded {
		return nil, errf("%d added tokens", len(f.AddedTokens))
	}
	for _, a := range f.AddedTokens {
		if a.SingleWord {
			return nil, errf("added token %q: single_word is not supported", a.Content)
		}
		if err := put(a.Content, a.ID, "added token"); err != nil {
			return nil, err
		}
		c.Added = append(c.Added, Added{ID: a.ID, Content: a.Content, Special: a.Special, LStrip: a.LStrip, RStrip: a.RStrip})
	}
	if m.UnkToken != nil {
		id, ok := index[*m.UnkToken]
		if !ok {
			return nil, errf("unk_token %q is not in the vocabulary", *m.UnkToken)
		}
		c.Unk = id
	}
	merges, err := parseMerges(m.Merges)
	if err != nil {
		return nil, err
	}
	for r, mg := range merges {
		a, okA := m.Vocab[mg[0]]
		bb, okB := m.Vocab[mg[1]]
		_, okP := m.Vocab[mg[0]+mg[1]]
		if !okA || !okB || !okP {
			return nil, errf("merge %d (%q + %q) uses pieces outside model.vocab", r, mg[0], mg[1])
		}
		c.Merges = append(c.Merges, [2]int{a, bb})
	}
	if c.Normalizer, err = parseSteps(f.Normalizer, "normalizer"); err != nil {
		return nil, err
	}
	if c.PreTokenizer, err = parseSteps(f.PreTokenizer, "pre_tokenizer"); err != nil {
		return nil, err
	}
	if c.Decoder, err = parseSteps(f.Decoder, "decoder"); err != nil {
		return nil, err
	}
	if c.Template, err = parseTemplate(f.PostProcessor, index); err != nil {
		return nil, err
	}
	for _, id := range opt.EOS {
		if id < 0 || id >= opt.VocabSize || c.Pieces[id] == "" {
			return nil, errf("eos id %d names no token", id)
		}
	}
	c.EOS = append([]int(nil), opt.EOS...)
	return build(c)
}

func parseMerges(raw json.RawMessage) ([][2]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var asStrings []string
	if err := json.Unmarshal(raw, &asStrings); err == nil {
		if len(asStrings) > MaxMerges {
			return nil, errf("%d merges", len(asStrings))
		}
		out := make([][2]string, len(asStrings))
		for i, s := range asStrings {
			a, b, ok := strings.Cut(s, " ")
			if !ok || strings.Contains(b, " ") {
				return nil, errf("merge %d %q is not \"a b\"", i, s)
			}
			out[i] = [2]string{a, b}
		}
		return out, nil
	}
	var asPairs [][]string
	if err := json.Unmarshal(raw, &asPairs); err != nil {
		return nil, errf("merges: %v", err)
	}
	if len(asPairs) > MaxMerges {
		return nil, errf("%d merges", len(asPairs))
	}
	out := make([][2]string, len(asPairs))
	for i, p := range asPairs {
		if len(p) != 2 {
			return nil, errf("merge %d has %d parts", i, len(p))
		}
		out[i] = [2]string{p[0], p[1]}
	}
	return out, nil
}

// parseSteps flattens a component (a Sequence or a single one) into steps,
// refusing every kind it does not implement.
func parseSteps(s *jsonStep, role string) ([]step, error) {
	if s == nil {
		return nil, nil
	}
	var out []step
	var walk func(s *jsonStep, depth int) error
	walk = func(s *jsonStep, depth int) error {
		if depth > 2 || len(out) > maxSteps {
			return errf("%s nests too deeply", role)
		}
		if s.Type == "Sequence" {
			for _, list := range [][]jsonStep{s.Steps1, s.Steps2, s.Steps4} {
				for i := range list {
					if err := walk(&list[i], depth+1); err != nil {
						return err
					}
				}
			}
			return nil
		}
		st, err := parseStep(s, role)
		if err != nil {
			return err
		}
		out = append(out, st)
		return nil
	}
	if err := walk(s, 0); err != nil {
		return nil, err
	}
	return out, nil
}

func parseStep(s *jsonStep, role string) (step, error) {
	unsupported := func() (step, error) {
		return step{}, errf("%s type %q is not supported", role, s.Type)
	}
	literal := func() (string, error) {
		if s.Pattern == nil || s.Pattern.String == nil || *s.Pattern.String == "" || s.Content == nil {
			return "", errf("%s %s needs a non-empty String pattern and a content", role, s.Type)
		}
		return *s.Pattern.String, nil
	}
	switch role + "/" + s.Type {
	case "normalizer/Prepend":
		if s.Prepend == nil {
			return step{}, errf("normalizer Prepend without prepend")
		}
		return step{Kind: "Prepend", A: *s.Prepend}, nil
	case "normalizer/Replace", "decoder/Replace":
		p, err := literal()
		if err != nil {
			return step{}, err
		}
		return step{Kind: "Replace", A: p, B: *s.Content}, nil
	case "pre_tokenizer/Split":
		if s.Invert || s.Behav != "Isolated" {
			return step{}, errf("pre_tokenizer Split with behavior %q, invert %v is not supported (only Isolated)", s.Behav, s.Invert)
		}
		if s.Pattern == nil {
			return step{}, errf("pre_tokenizer Split without a pattern")
		}
		var re string
		switch {
		case s.Pattern.Regex != nil:
			re = *s.Pattern.Regex
		case s.Pattern.String != nil && *s.Pattern.String != "":
			re = regexp2.Escape(*s.Pattern.String)
		default:
			return step{}, errf("pre_tokenizer Split without a pattern")
		}
		if len(re) > maxPattern {
			return step{}, errf("pre_tokenizer Split pattern of %d bytes", len(re))
		}
		if _, err := compileJS(re); err != nil {
			return step{}, errf("pre_tokenizer Split pattern: %v", err)
		}
		return step{Kind: "Split", A: re}, nil
	case "pre_tokenizer/ByteLevel":
		useRe := s.UseRe == nil || *s.UseRe
		return step{Kind: "ByteLevel", Flag: s.Prefix, Flag2: useRe}, nil
	case "pre_tokenizer/Digits":
		return step{Kind: "Digits", Flag: s.Digits}, nil
	case "decoder/ByteFallback", "decoder/Fuse", "decoder/ByteLevel":
		return step{Kind: s.Type}, nil
	case "decoder/Strip":
		if s.Content == nil || len([]rune(*s.Content)) != 1 || s.Start < 0 || s.Stop < 0 || s.Start > 64 || s.Stop > 64 {
			return step{}, errf("decoder Strip needs one character and small start/stop")
		}
		return step{Kind: "Strip", A: *s.Content, Start: s.Start, Stop: s.Stop}, nil
	}
	return unsupported()
}

// parseTemplate reads the post-processor: none or ByteLevel (no special
// tokens), TemplateProcessing, or a Sequence of those. The single-sequence
// template becomes a list of ids with -1 for the text.
func parseTemplate(s *jsonStep, index map[string]int) ([]int, error) {
	if s == nil {
		return []int{-1}, nil
	}
	var tmpl []int
	var walk func(s *jsonStep, depth int) error
	walk = func(s *jsonStep, depth int) error {
		switch {
		case depth > 2:
			return errf("post_processor nests too deeply")
		case s.Type == "Sequence":
			for i := range s.Steps3 {
				if err := walk(&s.Steps3[i], depth+1); err != nil {
					return err
				}
			}
			return nil
		case s.Type == "ByteLevel":
			return nil
		case s.Type != "TemplateProcessing":
			return errf("post_processor type %q is not supported", s.Type)
		case tmpl != nil:
			return errf("post_processor has two templates")
		}
		tmpl = []int{}
		seqs := 0
		for _, it := range s.Single {
			switch {
			case it.SpecialToken != nil:
				id, ok := index[it.SpecialToken.ID]
				if !ok {
					return errf("post_processor template names %q, which is no token", it.SpecialToken.ID)
				}
				tmpl = append(tmpl, id)
			case it.Sequence != nil && it.Sequence.ID == "A":
				tmpl = append(tmpl, -1)
				seqs++
			default:
				return errf("post_processor single template item is neither a special token nor sequence A")
			}
		}
		if seqs != 1 {
			return errf("post_processor single template has %d text sequences", seqs)
		}
		return nil
	}
	if err := walk(s, 0); err != nil {
		return nil, err
	}
	if tmpl == nil {
		return []int{-1}, nil
	}
	return tmpl, nil
}

// Digest is the SHA-256 of the canonical form: every field Parse interprets,
// and the model's vocabulary size and EOS ids.
func (t *Tokenizer) Digest() [32]byte { return t.digest }

func (c *canon) digest() ([32]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(buf.Bytes()), nil
}
