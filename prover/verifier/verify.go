package verifier

import (
	"errors"
	"fmt"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/proof"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Errors. A proof that fails any check wraps ErrReject; a statement that
// names another model wraps ErrModel; texts that do not match the tokens
// wrap proof.ErrText.
var (
	ErrReject = layers.ErrReject
	ErrModel  = errors.New("verifier: the proof is for another model")
)

// Key is the public side of one committed model: the owner's verifier key
// (accepted with the owner's weight proof, owner.LoadVerifierKey) and the
// model's tokenizer, whose digest the manifest binds.
type Key struct {
	Owner     *owner.VerifierKey
	Tokenizer proof.Tokenizer
}

// Verify checks a proof file against the key and returns its statement.
func Verify(k *Key, file []byte) (*proof.Statement, error) {
	f, err := proof.Unmarshal(file)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReject, err)
	}
	st := f.Statement
	if err := CheckStatement(k, st); err != nil {
		return st, err
	}
	pub, err := PublicOf(k.Owner.Manifest.Config, k.Owner.Manifest.Exponents, st.Tokens, st.P, st.Rule)
	if err != nil {
		return st, fmt.Errorf("%w: %w", ErrReject, err)
	}
	gs, err := Gadgets(pub)
	if err != nil {
		return st, fmt.Errorf("%w: %w", ErrReject, err)
	}
	tr := transcript.New()
	if err := st.Absorb(tr); err != nil {
		return st, fmt.Errorf("%w: %w", ErrReject, err)
	}
	w := &layers.WeightBlob{Layout: k.Owner.VK.Layout, LogC: k.Owner.VK.LogC, Rows: k.Owner.VK.Rows}
	if err := layers.Verify(tr, w, gs, f.Body); err != nil {
		return st, err
	}
	return st, nil
}

// CheckStatement checks everything about a statement that needs no proof:
// that it names this model, its ranges, and its texts.
func CheckStatement(k *Key, st *proof.Statement) error {
	o := k.Owner
	switch {
	case st.ModelID != o.ModelID:
		return fmt.Errorf("%w: model id %x, this model is %x", ErrModel, st.ModelID[:6], o.ModelID[:6])
	case st.Manifest != o.ManifestDigest || st.VK != o.VKDigest:
		return fmt.Errorf("%w: manifest or vk digest differs", ErrModel)
	case st.Tokenizer != o.Manifest.TokenizerDigest:
		return fmt.Errorf("%w: tokenizer digest %x, the manifest binds %x", ErrModel, st.Tokenizer[:6], o.Manifest.TokenizerDigest[:6])
	}
	sh, err := o.Spec.Hash()
	if err != nil {
		return err
	}
	if st.SpecHash != sh {
		return fmt.Errorf("%w: spec hash %x, this model's is %x", ErrModel, st.SpecHash[:6], sh[:6])
	}
	if err := st.Validate(o.Manifest.Config.VocabSize); err != nil {
		return fmt.Errorf("%w: %w", ErrReject, err)
	}
	if st.T() > o.Manifest.Config.SeqLen {
		return fmt.Errorf("%w: %d positions exceed the model's context of %d", ErrReject, st.T(), o.Manifest.Config.SeqLen)
	}
	return proof.CheckTexts(k.Tokenizer, st)
}
