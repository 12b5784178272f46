// Package modeltest loads the shipped stories260K model for the tests of
// the model packages (fixed, floatref, hf, quant, spec), so each does not
// repeat the decode steps. The files' SHA-256 are checked by package models.
// Only _test.go files import it; it must not import a package whose tests
// use it (llama2c and tokenizer test themselves without it).
package modeltest

import (
	"testing"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
)

// Stories260K returns the decoded checkpoint and tokenizer of stories260K.
func Stories260K(t testing.TB) (*model.Model, *tokenizer.Tokenizer) {
	t.Helper()
	ckpt, tok, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := llama2c.Decode(ckpt.Data)
	if err != nil {
		t.Fatal(err)
	}
	tk, err := llama2c.DecodeTokenizer(tok.Data, m.Config.VocabSize)
	if err != nil {
		t.Fatal(err)
	}
	return m, tk
}
