package fixed

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model/floatref"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
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
	m, q := stories(t)
	_, tokFile, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	tk, err := tokenizer.UnmarshalLlama2c(tokFile.Data, m.Config.VocabSize)
	if err != nil {
		t.Fatal(err)
	}
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
	var agree, total, knownAgree int
	var absErr float64
	var nLogits int
	for _, p := range pf.Prompts {
		prompt := tk.Encode(p.Text)
		// Reference continuation: float greedy, 64 tokens (BOS may appear; it is kept, teacher forcing goes on).
		fe, err := floatref.New(m, len(prompt)+gen)
		if err != nil {
			t.Fatal(err)
		}
		seq := append([]int(nil), prompt...)
		var fl []float32
		for _, tok := range prompt {
			fl, _ = fe.Step(tok)
		}
		for range gen - 1 {
			next := floatref.Argmax(fl)
			seq = append(seq, next)
			fl, _ = fe.Step(next)
		}
		// Teacher-forced pass of both engines over seq; compare at the positions that predict generated tokens.
		fe2, _ := floatref.New(m, len(seq))
		xe, err := New(q, len(seq), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, tok := range seq {
			fl, err := fe2.Step(tok)
			if err != nil {
				t.Fatal(err)
			}
			xl, err := xe.Step(tok)
			if err != nil {
				t.Fatalf("prompt %q position %d: %v", p.Text, i, err)
			}
			if i < len(prompt)-1 {
				continue
			}
			total++
			if floatref.Argmax(fl) == argmax(xl) {
				agree++
			}
			for v := range fl {
				absErr += math.Abs(float64(xl[v])/(1<<ActLog) - float64(fl[v]))
			}
			nLogits += len(fl)
		}
	}
	rate := float64(agree) / float64(total)
	t.Logf("teacher-forced top-1 agreement fixed vs float: %d/%d = %.2f%% over %d prompts; mean |logit error| = %.5f", agree, total, 100*rate, len(pf.Prompts), absErr/float64(nLogits))
	_ = knownAgree
	if rate < 0.98 {
		t.Fatalf("agreement %.4f below 0.98", rate)
	}
}
