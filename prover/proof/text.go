package proof

import (
	"errors"
	"fmt"
	"slices"
)

// Tokenizer is what the statement needs of a tokenizer: the prompt's
// encoding (BOS included, as the model's own rule adds it), the bytes each
// token contributes after the previous one, and the digest the manifest
// binds.
type Tokenizer interface {
	Encode(text string) []int
	DecodePiece(prev, id int) ([]byte, error)
	Digest() [32]byte
}

// ErrText reports a statement whose texts do not match its tokens.
var ErrText = errors.New("proof: text does not match the tokens")

// OutputText returns the bytes of the generated tokens s_P…s_T, each
// decoded after its predecessor (so the first one after s_{P−1}).
func OutputText(tok Tokenizer, tokens []int, p int) (string, error) {
	var out []byte
	for i := p; i < len(tokens); i++ {
		b, err := tok.DecodePiece(tokens[i-1], tokens[i])
		if err != nil {
			return "", err
		}
		out = append(out, b...)
	}
	return string(out), nil
}

// CheckTexts re-tokenizes the prompt and detokenizes the output (outside
// the proof, §1.1) and compares them with the statement's tokens, and the
// tokenizer with the statement's digest.
func CheckTexts(tok Tokenizer, st *Statement) error {
	if d := tok.Digest(); d != st.Tokenizer {
		return fmt.Errorf("%w: tokenizer digest %x, the statement binds %x", ErrText, d[:6], st.Tokenizer[:6])
	}
	if got := tok.Encode(st.Prompt); !slices.Equal(got, st.Tokens[:st.P]) {
		return fmt.Errorf("%w: the prompt text encodes to %d tokens that differ from the statement's %d prompt tokens", ErrText, len(got), st.P)
	}
	out, err := OutputText(tok, st.Tokens, st.P)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrText, err)
	}
	if out != st.Output {
		return fmt.Errorf("%w: the output tokens decode to %q, the statement says %q", ErrText, clip(out), clip(st.Output))
	}
	return nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
