package proof

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Limits that bound what a decoder allocates before it has read the bytes.
const (
	MaxTokens   = 1 << 20 // T + 1
	MaxTextLen  = 1 << 22 // bytes of prompt or output text
	statementID = "ZKLLMST1"
)

// ErrStatement reports a malformed or inconsistent statement.
var ErrStatement = errors.New("proof: invalid statement")

// Statement is what a proof proves (see the package doc).
type Statement struct {
	ModelID, Manifest, VK, SpecHash, Tokenizer [32]byte

	P      int   // prompt tokens (≥ 1)
	Tokens []int // s_0…s_T: T+1 tokens, the first P are the prompt
	Rule   sample.Rule

	Prompt, Output string
}

// T returns the number of positions the forward pass covers.
func (s *Statement) T() int { return len(s.Tokens) - 1 }

// Generated returns the emitted tokens s_P…s_T.
func (s *Statement) Generated() []int { return s.Tokens[s.P:] }

// Validate checks ranges (§11): 1 ≤ P ≤ T, tokens < vocab (when vocab > 0)
// and the rule. Texts are bytes: a byte-fallback token may end the output
// inside a UTF-8 sequence.
func (s *Statement) Validate(vocab int) error {
	switch {
	case len(s.Tokens) < 2 || len(s.Tokens) > MaxTokens:
		return fmt.Errorf("%w: %d tokens (need T+1 ≥ 2)", ErrStatement, len(s.Tokens))
	case s.P < 1 || s.P > s.T():
		return fmt.Errorf("%w: prompt of %d tokens outside [1, T = %d]", ErrStatement, s.P, s.T())
	case len(s.Prompt) > MaxTextLen || len(s.Output) > MaxTextLen:
		return fmt.Errorf("%w: text longer than %d bytes", ErrStatement, MaxTextLen)
	}
	for i, t := range s.Tokens {
		if t < 0 || t > 1<<31-1 || (vocab > 0 && t >= vocab) {
			return fmt.Errorf("%w: token %d = %d outside the vocabulary of %d", ErrStatement, i, t, vocab)
		}
	}
	if vocab > 0 {
		if err := s.Rule.Validate(vocab); err != nil {
			return fmt.Errorf("%w: %w", ErrStatement, err)
		}
	}
	return nil
}

// Marshal returns the canonical encoding.
func (s *Statement) Marshal() ([]byte, error) {
	if err := s.Validate(0); err != nil {
		return nil, err
	}
	b := []byte(statementID)
	for _, d := range [][32]byte{s.ModelID, s.Manifest, s.VK, s.SpecHash, s.Tokenizer} {
		b = append(b, d[:]...)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(s.P))
	b = binary.BigEndian.AppendUint32(b, uint32(len(s.Tokens)))
	for _, t := range s.Tokens {
		b = binary.BigEndian.AppendUint32(b, uint32(t))
	}
	b = append(b, byte(s.Rule.Kind))
	b = binary.BigEndian.AppendUint64(b, uint64(s.Rule.Kappa))
	b = binary.BigEndian.AppendUint32(b, uint32(s.Rule.TopK))
	b = append(b, s.Rule.Seed[:]...)
	for _, txt := range []string{s.Prompt, s.Output} {
		b = binary.BigEndian.AppendUint32(b, uint32(len(txt)))
		b = append(b, txt...)
	}
	return b, nil
}

// Digest returns the SHA-256 of the canonical encoding.
func (s *Statement) Digest() ([32]byte, error) {
	b, err := s.Marshal()
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(b), nil
}

// UnmarshalStatement decodes strictly: exact length, canonical fields,
// counts checked against the remaining input before allocating.
func UnmarshalStatement(b []byte) (*Statement, error) {
	r := field.NewReader(b)
	s, err := readStatement(r)
	if err != nil {
		return nil, err
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStatement, err)
	}
	return s, nil
}

func readStatement(r *field.Reader) (*Statement, error) {
	bad := func(err error) (*Statement, error) { return nil, fmt.Errorf("%w: %v", ErrStatement, err) }
	magic, err := r.ReadBytes(len(statementID))
	if err != nil {
		return bad(err)
	}
	if string(magic) != statementID {
		return nil, fmt.Errorf("%w: bad magic %q", ErrStatement, magic)
	}
	s := &Statement{}
	for _, d := range []*[32]byte{&s.ModelID, &s.Manifest, &s.VK, &s.SpecHash, &s.Tokenizer} {
		raw, err := r.ReadBytes(32)
		if err != nil {
			return bad(err)
		}
		copy(d[:], raw)
	}
	p, _ := r.ReadU32()
	n, err := r.ReadU32()
	if err != nil {
		return bad(err)
	}
	if n > MaxTokens {
		return nil, fmt.Errorf("%w: %d tokens exceed %d", ErrStatement, n, MaxTokens)
	}
	if err := r.CheckCount(uint64(n), 4); err != nil {
		return bad(err)
	}
	s.P = int(p)
	s.Tokens = make([]int, n)
	for i := range s.Tokens {
		v, err := r.ReadU32()
		if err != nil {
			return bad(err)
		}
		s.Tokens[i] = int(v)
	}
	kind, _ := r.ReadU8()
	kappa, _ := r.ReadU64()
	topK, _ := r.ReadU32()
	seed, err := r.ReadBytes(32)
	if err != nil {
		return bad(err)
	}
	if kappa > 1<<62 || topK > 1<<31-1 {
		return nil, fmt.Errorf("%w: rule field out of range", ErrStatement)
	}
	s.Rule = sample.Rule{Kind: sample.Kind(kind), Kappa: int64(kappa), TopK: int(topK)}
	copy(s.Rule.Seed[:], seed)
	for _, txt := range []*string{&s.Prompt, &s.Output} {
		l, err := r.ReadU32()
		if err != nil {
			return bad(err)
		}
		if l > MaxTextLen {
			return nil, fmt.Errorf("%w: text of %d bytes exceeds %d", ErrStatement, l, MaxTextLen)
		}
		raw, err := r.ReadBytes(int(l))
		if err != nil {
			return bad(err)
		}
		*txt = string(raw)
	}
	if err := s.Validate(0); err != nil {
		return nil, err
	}
	if s.Rule.Kind != sample.Greedy && s.Rule.Kind != sample.Sample {
		return nil, fmt.Errorf("%w: decoding rule kind %d", ErrStatement, s.Rule.Kind)
	}
	if s.Rule.Kind == sample.Greedy && (s.Rule.Kappa != 0 || s.Rule.Seed != [32]byte{}) {
		return nil, fmt.Errorf("%w: a greedy rule carries no κ or seed", ErrStatement)
	}
	return s, nil
}

// Absorb writes the statement into tr (§3), before any challenge.
func (s *Statement) Absorb(tr *transcript.Transcript) error {
	digest, err := s.Digest()
	if err != nil {
		return err
	}
	tr.AbsorbBytes(transcript.LabelSpecHash, s.SpecHash[:])
	tr.AbsorbBytes(transcript.LabelModelID, s.ModelID[:])
	tr.AbsorbUint64(transcript.LabelT, uint64(s.T()))
	tr.AbsorbUint64(transcript.LabelP, uint64(s.P))
	toks := make([]byte, 0, 4*s.T())
	for _, t := range s.Tokens[:s.T()] {
		toks = binary.BigEndian.AppendUint32(toks, uint32(t))
	}
	tr.AbsorbBytes(transcript.LabelTokens, toks)
	tr.AbsorbUint64(transcript.LabelFinalToken, uint64(s.Tokens[s.T()]))
	tr.AbsorbUint64(transcript.LabelDecodeRule, uint64(s.Rule.Kind))
	tr.AbsorbUint64(transcript.LabelDecodeKappa, uint64(s.Rule.Kappa))
	tr.AbsorbUint64(transcript.LabelDecodeTopK, uint64(s.Rule.TopK))
	tr.AbsorbBytes(transcript.LabelDecodeSeed, s.Rule.Seed[:])
	tr.AbsorbBytes(transcript.LabelStatementDigest, digest[:])
	return nil
}
