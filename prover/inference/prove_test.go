package inference

import (
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/proof"
	"github.com/zkllm/zkllm/prover/verifier"
)

var (
	storiesOnce sync.Once
	storiesVal  *committed
)

// stories commits stories260K once per test binary.
func stories(t testing.TB) *committed {
	t.Helper()
	storiesOnce.Do(func() { storiesVal = commitStories(t) })
	if storiesVal == nil {
		t.Fatal("commit failed")
	}
	return storiesVal
}

// storyPrompt is the acceptance prompt of the whole-model proof: 16 tokens
// of stories260K's tokenizer.
const storyPrompt = "Once upon a time, there was a little girl named Lily."

// proven is one honest proof and what it proves.
type proven struct {
	c    *committed
	st   *proof.Statement
	file []byte
}

func proveStories(t testing.TB, prompt string, maxNew int, rule sample.Rule) *proven {
	t.Helper()
	c := stories(t)
	m := c.model
	st, err := m.GenerateStatement(prompt, maxNew, rule, -1)
	if err != nil {
		t.Fatal(err)
	}
	file, _, err := Prove(m, st, Options{})
	if err != nil {
		t.Fatalf("prove: %v", err)
	}
	return &proven{c: c, st: st, file: file}
}

func TestProveVerifyGreedy(t *testing.T) {
	p := greedyProof(t)
	st, err := verifier.Verify(p.c.model.PublicKey(), p.file)
	if err != nil {
		t.Fatalf("honest proof rejected: %v", err)
	}
	if st.Output != p.st.Output || st.Output == "" {
		t.Fatalf("output %q, proved %q", st.Output, p.st.Output)
	}
	t.Logf("T = %d, proof %d bytes, output %q", st.T(), len(p.file), st.Output)
}

func TestProveRefusesFalseStatement(t *testing.T) {
	c := stories(t)
	m := c.model
	st, err := m.GenerateStatement("Once upon a time", 3, sample.Rule{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	st.Tokens[st.T()] ^= 1
	if st.Output, err = proof.OutputText(m.Tokenizer, st.Tokens, st.P); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Prove(m, st, Options{}); !errors.Is(err, ErrInput) {
		t.Fatalf("a false statement was not refused before proving: %v", err)
	}
}

// TestProveReport prints the per-step report of a tiny proof (-v); it runs
// with ZKLLM_LONG_TESTS set (CI proves enough already).
func TestProveReport(t *testing.T) {
	if os.Getenv("ZKLLM_LONG_TESTS") == "" {
		t.Skip("set ZKLLM_LONG_TESTS=1 for the per-step report")
	}
	c := stories(t)
	m := c.model
	st, err := m.GenerateStatement("Once", 2, sample.Rule{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	file, rep, err := Prove(m, st, Options{Progress: func(s layers.Step) {
		if s.Done {
			t.Logf("%s %-10s %8.2fs %7d B", s.Phase, s.Name, s.Elapsed.Seconds(), s.Bytes)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("T = %d: %d bytes, %d steps", st.T(), len(file), len(rep.Steps))
	start := time.Now()
	if _, err := verifier.Verify(m.PublicKey(), file); err != nil {
		t.Fatalf("verify: %v", err)
	}
	t.Logf("verified in %v", time.Since(start))
}

// A seeded top-k sample proves and verifies; the same proof under another
// seed does not.
func TestProveVerifyTopKSample(t *testing.T) {
	kappa, err := sample.KappaFromTemperature(0.9)
	if err != nil {
		t.Fatal(err)
	}
	rule := sample.Rule{Kind: sample.Sample, Kappa: kappa, TopK: 12, Seed: [32]byte{3, 1, 4}}
	p := proveStories(t, "Once upon a time", 4, rule)
	key := p.c.model.PublicKey()
	if _, err := verifier.Verify(key, p.file); err != nil {
		t.Fatalf("honest top-k proof rejected: %v", err)
	}
	f, err := proof.Unmarshal(p.file)
	if err != nil {
		t.Fatal(err)
	}
	f.Statement.Rule.Seed[0] ^= 1
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifier.Verify(key, b); !errors.Is(err, verifier.ErrReject) {
		t.Fatalf("a changed seed: %v", err)
	}
}

// The acceptance run of the whole-model proof: a 16-token prompt and 240
// generated tokens (T = 256), greedy and a seeded top-k sample, each proved
// and verified, the output checked against a plain forward pass over the
// same tokens (every emitted token is the rule's choice from its logits).
// About a minute and 13 GB each on 2 cores: ZKLLM_LONG_TESTS only.
func TestProveVerify256(t *testing.T) {
	if os.Getenv("ZKLLM_LONG_TESTS") == "" {
		t.Skip("set ZKLLM_LONG_TESTS=1 for the 256-token proofs")
	}
	kappa, err := sample.KappaFromTemperature(0.8)
	if err != nil {
		t.Fatal(err)
	}
	for name, rule := range map[string]sample.Rule{
		"greedy": {},
		"top-k":  {Kind: sample.Sample, Kappa: kappa, TopK: 40, Seed: [32]byte{2, 5, 6}},
	} {
		t.Run(name, func(t *testing.T) {
			p := proveStories(t, storyPrompt, 240, rule)
			if p.st.P != 16 || p.st.T() != 255 {
				t.Fatalf("prompt %d tokens, T = %d: want 16 and 256 tokens in all", p.st.P, p.st.T()+1)
			}
			start := time.Now()
			st, err := verifier.Verify(p.c.model.PublicKey(), p.file)
			if err != nil {
				t.Fatalf("honest proof rejected: %v", err)
			}
			t.Logf("%d tokens: proof %d bytes, verified in %v; output %q", len(st.Tokens), len(p.file), time.Since(start), st.Output)
			checkPlainInference(t, p.c.model.Quant, st.Tokens, st.P, rule)
		})
	}
}

// checkPlainInference runs the fixed-point model once over tokens (no
// incremental decoding) and checks that each generated token is what rule
// chooses from the logits before it.
func checkPlainInference(t *testing.T, q *quant.Model, tokens []int, p int, rule sample.Rule) {
	t.Helper()
	w, err := fixed.Forward(q, tokens[:len(tokens)-1])
	if err != nil {
		t.Fatal(err)
	}
	v := q.Config.VocabSize
	for i := p; i < len(tokens); i++ {
		g := i - p
		want, err := rule.Choose(g, w.Logits[(i-1)*v:i*v])
		if err != nil {
			t.Fatal(err)
		}
		if tokens[i] != want {
			t.Fatalf("token %d is %d; plain inference chooses %d", i, tokens[i], want)
		}
	}
}
