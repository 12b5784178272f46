package inference

import (
	"fmt"

	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/sample"
)

// Generate runs the fixed-point model on the prompt and emits up to maxNew
// tokens under rule (PROTOCOL §7.11), stopping after an end-of-sequence
// token when eos ≥ 0. It returns every token s_0…s_T (prompt first) and the
// prompt length P: exactly what a proof then covers.
func Generate(q *quant.Model, prompt []int, maxNew int, rule sample.Rule, eos int) ([]int, error) {
	if len(prompt) == 0 {
		return nil, fmt.Errorf("%w: empty prompt", ErrInput)
	}
	if maxNew < 1 {
		return nil, fmt.Errorf("%w: at least one token must be generated", ErrInput)
	}
	if err := rule.Validate(q.Config.VocabSize); err != nil {
		return nil, err
	}
	if len(prompt)+maxNew > q.Config.SeqLen+1 {
		return nil, fmt.Errorf("%w: %d prompt + %d new tokens exceed the context of %d", ErrInput, len(prompt), maxNew, q.Config.SeqLen)
	}
	e, err := fixed.New(q, len(prompt)+maxNew-1, fixed.Options{})
	if err != nil {
		return nil, err
	}
	var stop func(int) bool
	if eos >= 0 {
		stop = func(t int) bool { return t == eos }
	}
	gen, err := sample.Generate(e.Step, prompt, maxNew, rule, stop)
	if err != nil {
		return nil, err
	}
	return append(append([]int(nil), prompt...), gen...), nil
}
