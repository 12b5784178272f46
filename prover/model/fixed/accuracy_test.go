package fixed

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
	"github.com/zkllm/zkllm/prover/model/floatref"
	"github.com/zkllm/zkllm/prover/model/internal/modeltest"
)

type promptFile struct {
	Description string
	Prompts     []struct {
		Text string
		Odd  bool
	}
}

// TestAccuracyAgainstFloat: ≥ 20 prompts × 64 generated tokens, teacher-forced;
// top-1 agreement of fixed vs float must be ≥ 98% (PROTOCOL §9.4), and the mean
// absolute logit error is reported.
func TestAccuracyAgainstFloat(t *testing.T) {
	_, q := stories(t)
	m, tk := modeltest.Stories260K(t)
	raw, err := os.ReadFile("testdata/prompts.json")
	if err != nil {
		t.Fatal(err)
	}
	var pf promptFile
	if err := json.Unmarshal(raw, &pf); err != nil {
		t.Fatal(err)
	}
	odd := 0
	for _, p := range pf.Prompts {
		if p.Odd {
			odd++
		}
	}
	if len(pf.Prompts) < 20 || odd < 5 {
		t.Fatalf("%d prompts, %d odd: need ≥ 20 and ≥ 5", len(pf.Prompts), odd)
	}
	const gen = 64
	prompts := pf.Prompts
	if testing.Short() {
		prompts = append(prompts[:4:4], prompts[len(prompts)-4:]...) // 4 plain + 4 odd
	}
	var agree, total int
	var absErr, nllFloat, nllFixed float64
	var nLogits int
	for _, p := range prompts {
		prompt := tk.Encode(p.Text)
		// One pass: both engines consume the same tokens; after the prompt the
		// float reference's greedy choice is the next token (teacher forcing
		// on the float continuation, 64 generated tokens).
		fe, err := floatref.New(m, len(prompt)+gen)
		if err != nil {
			t.Fatal(err)
		}
		xe, err := New(q, len(prompt)+gen, Options{})
		if err != nil {
			t.Fatal(err)
		}
		tok := prompt[0]
		for i := 0; i < len(prompt)+gen-1; i++ {
			fl, err := fe.Step(tok)
			if err != nil {
				t.Fatal(err)
			}
			xl, err := xe.Step(tok)
			if err != nil {
				t.Fatalf("prompt %q position %d: %v", p.Text, i, err)
			}
			if i+1 < len(prompt) {
				tok = prompt[i+1]
				continue
			}
			next := floatref.Argmax(fl)
			// Cross-entropy of both engines on the token the continuation uses.
			nllFloat += nll(func(v int) float64 { return float64(fl[v]) }, len(fl), next)
			nllFixed += nll(func(v int) float64 { return float64(xl[v]) / (1 << ActLog) }, len(xl), next)
			tok = next
			total++
			if tok == testkit.Argmax(xl) {
				agree++
			}
			for v := range fl {
				absErr += math.Abs(float64(xl[v])/(1<<ActLog) - float64(fl[v]))
			}
			nLogits += len(fl)
		}
	}
	rate := float64(agree) / float64(total)
	t.Logf("teacher-forced top-1 agreement fixed vs float: %d/%d = %.2f%% over %d prompts; mean |logit error| = %.5f", agree, total, 100*rate, len(prompts), absErr/float64(nLogits))
	pplFloat, pplFixed := math.Exp(nllFloat/float64(total)), math.Exp(nllFixed/float64(total))
	t.Logf("perplexity of the continuations: float %.5f, fixed %.5f (ratio %.5f)", pplFloat, pplFixed, pplFixed/pplFloat)
	if math.Abs(pplFixed/pplFloat-1) > 0.01 {
		t.Errorf("perplexity differs by more than 1%%")
	}
	if rate < 0.98 {
		t.Fatalf("agreement %.4f below 0.98", rate)
	}
}

// nll is −ln softmax(logit)[target], computed in float64 with the max subtracted.
func nll(logit func(int) float64, n, target int) float64 {
	m := logit(0)
	for v := 1; v < n; v++ {
		m = max(m, logit(v))
	}
	var z float64
	for v := range n {
		z += math.Exp(logit(v) - m)
	}
	return math.Log(z) - (logit(target) - m)
}
