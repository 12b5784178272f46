package fixed_test

import (
	"fmt"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
)

// Load the shipped model, quantize it, and generate greedily with the
// fixed-point engine the prover proves.
func Example() {
	ckpt, tok, err := models.Stories260K() // SHA-256 checked
	if err != nil {
		panic(err)
	}
	m, _, err := llama2c.Decode(ckpt.Data)
	if err != nil {
		panic(err)
	}
	tk, err := tokenizer.UnmarshalLlama2c(tok.Data, m.Config.VocabSize)
	if err != nil {
		panic(err)
	}
	q, err := quant.Quantize(m)
	if err != nil {
		panic(err)
	}
	e, err := fixed.New(q, 64, fixed.Options{})
	if err != nil {
		panic(err)
	}
	prompt := tk.Encode("Once upon a time")
	out, err := sample.Generate(e.Step, prompt, 16, sample.Rule{}, func(t int) bool { return t == tokenizer.BOSID })
	if err != nil {
		panic(err)
	}
	text, _ := tk.Decode(append(prompt, out...))
	fmt.Println(string(text))
	// Output: Once upon a time, there was a little girl named Lily. She loved to play
}
