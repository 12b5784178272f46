package proof

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/zkllm/zkllm/prover/field"
)

// File format constants.
const (
	Magic   = "ZKLLMPF1"
	Version = 1
	// MaxStatementLen bounds the statement section.
	MaxStatementLen = 16 + 5*32 + 8 + 4*MaxTokens + 1 + 8 + 4 + 32 + 8 + 2*MaxTextLen
)

// ErrFile reports a malformed proof file.
var ErrFile = errors.New("proof: malformed proof file")

// File is a decoded proof file: the statement and the body bytes, which
// only the verifier's replay can parse (every count comes from the spec,
// the vk and the statement).
type File struct {
	Statement *Statement
	Body      []byte
}

// Marshal returns the file bytes.
func (f *File) Marshal() ([]byte, error) {
	st, err := f.Statement.Marshal()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(Magic)+6+len(st)+len(f.Body))
	b = append(b, Magic...)
	b = binary.BigEndian.AppendUint16(b, Version)
	b = binary.BigEndian.AppendUint32(b, uint32(len(st)))
	b = append(b, st...)
	return append(b, f.Body...), nil
}

// Digest returns the SHA-256 of the file bytes: the on-chain proof digest.
func Digest(file []byte) [32]byte { return sha256.Sum256(file) }

// Unmarshal decodes the header and the statement strictly; the body is
// returned as is (not copied) for the verifier.
func Unmarshal(b []byte) (*File, error) {
	r := field.NewReader(b)
	magic, err := r.ReadBytes(len(Magic))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFile, err)
	}
	if string(magic) != Magic {
		return nil, fmt.Errorf("%w: not a zkllm proof (magic %q)", ErrFile, magic)
	}
	v, err := r.ReadU16()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFile, err)
	}
	if v != Version {
		return nil, fmt.Errorf("%w: proof format version %d, this verifier reads %d", ErrFile, v, Version)
	}
	n, err := r.ReadU32()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFile, err)
	}
	if n > MaxStatementLen {
		return nil, fmt.Errorf("%w: statement of %d bytes", ErrFile, n)
	}
	raw, err := r.ReadBytes(int(n))
	if err != nil {
		return nil, fmt.Errorf("%w: statement: %v", ErrFile, err)
	}
	st, err := UnmarshalStatement(raw)
	if err != nil {
		return nil, err
	}
	return &File{Statement: st, Body: b[r.Offset():]}, nil
}
