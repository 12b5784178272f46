package tokenizer

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrFormat reports a malformed llama2.c tokenizer file.
var ErrFormat = errors.New("tokenizer: malformed llama2.c tokenizer file")

// UnmarshalLlama2c parses a llama2.c tokenizer file holding exactly vocabSize
// tokens (the file does not state its size; the checkpoint does). Every length
// is checked against the bytes remaining before anything is allocated, and
// trailing bytes are rejected.
func UnmarshalLlama2c(data []byte, vocabSize int) (*Tokenizer, error) {
	if vocabSize < 1 || vocabSize > MaxVocab {
		return nil, fmt.Errorf("%w: vocabulary size %d outside [1, %d]", ErrFormat, vocabSize, MaxVocab)
	}
	// Each token takes at least 9 bytes (score, length, one byte).
	if len(data) < 4 || (len(data)-4)/9 < vocabSize {
		return nil, fmt.Errorf("%w: %d bytes cannot hold %d tokens", ErrFormat, len(data), vocabSize)
	}
	maxLen := int32(binary.LittleEndian.Uint32(data))
	if maxLen < 1 || maxLen > MaxPieceLen {
		return nil, fmt.Errorf("%w: max_token_length %d outside [1, %d]", ErrFormat, maxLen, MaxPieceLen)
	}
	off := 4
	pieces := make([]string, vocabSize)
	scores := make([]float32, vocabSize)
	for id := range vocabSize {
		if len(data)-off < 8 {
			return nil, fmt.Errorf("%w: truncated at token %d (offset %d)", ErrFormat, id, off)
		}
		scores[id] = math.Float32frombits(binary.LittleEndian.Uint32(data[off:]))
		n := int32(binary.LittleEndian.Uint32(data[off+4:]))
		off += 8
		if n < 1 || n > maxLen {
			return nil, fmt.Errorf("%w: token %d length %d outside [1, %d]", ErrFormat, id, n, maxLen)
		}
		if len(data)-off < int(n) {
			return nil, fmt.Errorf("%w: token %d: %d bytes declared, %d left", ErrFormat, id, n, len(data)-off)
		}
		pieces[id] = string(data[off : off+int(n)])
		off += int(n)
	}
	if off != len(data) {
		return nil, fmt.Errorf("%w: %d trailing bytes after %d tokens", ErrFormat, len(data)-off, vocabSize)
	}
	t, err := New(pieces, scores, int(maxLen))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return t, nil
}

// MarshalLlama2c emits the canonical llama2.c tokenizer file; for a tokenizer
// read from such a file it reproduces the file byte for byte.
func (t *Tokenizer) MarshalLlama2c() []byte {
	size := 4
	for _, p := range t.pieces {
		size += 8 + len(p)
	}
	out := make([]byte, 0, size)
	out = binary.LittleEndian.AppendUint32(out, uint32(t.maxTokenLength))
	for id, p := range t.pieces {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(t.scores[id]))
		out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, p...)
	}
	return out
}

// Digest is the tokenizer digest bound by the manifest: SHA-256 of
// MarshalLlama2c.
func (t *Tokenizer) Digest() [32]byte { return sha256.Sum256(t.MarshalLlama2c()) }
