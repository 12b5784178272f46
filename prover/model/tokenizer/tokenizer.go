package tokenizer

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Special ids fixed by the llama2.c convention.
const (
	UnkID       = 0
	BOSID       = 1
	EOSID       = 2
	ByteIDStart = 3   // id of <0x00>
	NumBytes    = 256 // byte-fallback pieces
	// MaxPieceLen bounds max_token_length (and every piece).
	MaxPieceLen = 1 << 10
	// MaxVocab bounds the vocabulary size.
	MaxVocab = 1 << 20
)

// ErrInvalid reports a vocabulary that breaks an invariant.
var ErrInvalid = errors.New("tokenizer: invalid vocabulary")

// ErrBadID reports a token id outside the vocabulary.
var ErrBadID = errors.New("tokenizer: token id out of range")

// noMergeScore is run.c's initial best score: pairs scoring at or below it never merge.
const noMergeScore = float32(-1e10)

// Tokenizer encodes and decodes text. It is immutable and safe for concurrent use.
type Tokenizer struct {
	pieces         []string
	scores         []float32
	maxTokenLength int
	index          map[string]int
}

// New validates a vocabulary and builds a Tokenizer.
func New(pieces []string, scores []float32, maxTokenLength int) (*Tokenizer, error) {
	n := len(pieces)
	if n != len(scores) {
		return nil, fmt.Errorf("%w: %d pieces but %d scores", ErrInvalid, n, len(scores))
	}
	if n < ByteIDStart+NumBytes || n > MaxVocab {
		return nil, fmt.Errorf("%w: vocabulary size %d outside [%d, %d]", ErrInvalid, n, ByteIDStart+NumBytes, MaxVocab)
	}
	if maxTokenLength < 1 || maxTokenLength > MaxPieceLen {
		return nil, fmt.Errorf("%w: max_token_length %d outside [1, %d]", ErrInvalid, maxTokenLength, MaxPieceLen)
	}
	t := &Tokenizer{pieces: pieces, scores: scores, maxTokenLength: maxTokenLength, index: make(map[string]int, n)}
	for id, p := range pieces {
		if len(p) == 0 || len(p) > maxTokenLength {
			return nil, fmt.Errorf("%w: piece %d has length %d (max %d)", ErrInvalid, id, len(p), maxTokenLength)
		}
		if s := scores[id]; math.IsNaN(float64(s)) || math.IsInf(float64(s), 0) {
			return nil, fmt.Errorf("%w: piece %d has score %v", ErrInvalid, id, s)
		}
		if _, dup := t.index[p]; dup {
			return nil, fmt.Errorf("%w: piece %q appears twice (ids %d and %d)", ErrInvalid, p, t.index[p], id)
		}
		t.index[p] = id
	}
	for b := 0; b < NumBytes; b++ {
		if want := bytePiece(byte(b)); pieces[ByteIDStart+b] != want {
			return nil, fmt.Errorf("%w: id %d is %q, want byte piece %q", ErrInvalid, ByteIDStart+b, pieces[ByteIDStart+b], want)
		}
	}
	if _, ok := t.index[" "]; !ok {
		return nil, fmt.Errorf("%w: no piece for the dummy-prefix space", ErrInvalid)
	}
	return t, nil
}

func bytePiece(b byte) string { return fmt.Sprintf("<0x%02X>", b) }

// VocabSize is the number of pieces.
func (t *Tokenizer) VocabSize() int { return len(t.pieces) }

// MaxTokenLength is the longest piece length the vocabulary declares.
func (t *Tokenizer) MaxTokenLength() int { return t.maxTokenLength }

// Piece returns the text of id and its merge score.
func (t *Tokenizer) Piece(id int) (string, float32, error) {
	if id < 0 || id >= len(t.pieces) {
		return "", 0, fmt.Errorf("%w: %d (vocabulary %d)", ErrBadID, id, len(t.pieces))
	}
	return t.pieces[id], t.scores[id], nil
}

// Encode tokenizes text like run.c's encode with bos=1, eos=0. Unlike C
// strings, text may contain NUL bytes; they take the byte fallback.
func (t *Tokenizer) Encode(text string) []int {
	tokens := make([]int, 0, len(text)+2)
	tokens = append(tokens, BOSID)
	if len(text) > 0 {
		tokens = append(tokens, t.index[" "])
	}
	var buf [4]byte
	n := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c&0xC0 != 0x80 {
			n = 0 // a new code point starts
		}
		if n == len(buf) { // unreachable by the continue rule below; keeps buf in bounds
			n = 0
		}
		buf[n] = c
		n++
		if i+1 < len(text) && text[i+1]&0xC0 == 0x80 && n < 4 {
			continue
		}
		if id, ok := t.index[string(buf[:n])]; ok {
			tokens = append(tokens, id)
		} else {
			for _, b := range buf[:n] {
				tokens = append(tokens, int(b)+ByteIDStart)
			}
		}
		n = 0
	}
	return t.merge(tokens)
}

// merge applies the highest-scoring merge (leftmost on ties) until none applies.
// Like run.c, it runs over the whole sequence, BOS included.
func (t *Tokenizer) merge(tokens []int) []int {
	var scratch []byte
	for {
		best, bestID, bestIdx := noMergeScore, -1, -1
		for i := 0; i+1 < len(tokens); i++ {
			a, b := t.pieces[tokens[i]], t.pieces[tokens[i+1]]
			if len(a)+len(b) > t.maxTokenLength {
				continue // no piece can be that long
			}
			scratch = append(append(scratch[:0], a...), b...)
			id, ok := t.index[string(scratch)]
			if ok && t.scores[id] > best {
				best, bestID, bestIdx = t.scores[id], id, i
			}
		}
		if bestIdx < 0 {
			return tokens
		}
		tokens[bestIdx] = bestID
		tokens = append(tokens[:bestIdx+1], tokens[bestIdx+2:]...)
	}
}

// DecodePiece returns the bytes id contributes after prev, as run.c's decode:
// a leading space is dropped right after BOS, and <0xXX> pieces are raw bytes.
func (t *Tokenizer) DecodePiece(prev, id int) ([]byte, error) {
	if id < 0 || id >= len(t.pieces) {
		return nil, fmt.Errorf("%w: %d (vocabulary %d)", ErrBadID, id, len(t.pieces))
	}
	p := t.pieces[id]
	if prev == BOSID && p[0] == ' ' {
		p = p[1:]
	}
	if b, ok := parseBytePiece(p); ok {
		return []byte{b}, nil
	}
	return []byte(p), nil
}

// Decode concatenates DecodePiece over ids, the first one decoded after BOS
// when ids does not start with BOS itself (so Decode(Encode(s)) == s).
func (t *Tokenizer) Decode(ids []int) ([]byte, error) {
	var out []byte
	prev := BOSID
	for _, id := range ids {
		p, err := t.DecodePiece(prev, id)
		if err != nil {
			return nil, err
		}
		if id != BOSID {
			out = append(out, p...)
		}
		prev = id
	}
	return out, nil
}

// parseBytePiece recognises the six-byte "<0xXX>" form (hex, either case).
func parseBytePiece(p string) (byte, bool) {
	if len(p) != 6 || p[:3] != "<0x" || p[5] != '>' {
		return 0, false
	}
	v, err := strconv.ParseUint(p[3:5], 16, 8)
	if err != nil {
		return 0, false
	}
	return byte(v), true
}
