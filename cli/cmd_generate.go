package cli

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/prover/inference"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
	"github.com/zkllm/zkllm/prover/proof"
)

// The user's generation settings (PROTOCOL §7.11): greedy by default; a positive
// --temperature samples with the Gumbel noise of --seed (crypto/rand when absent), restricted
// to the --top-k largest logits when set. Every setting ends up in the statement.
var (
	maxTokensFlag = &ucli.IntFlag{
		Name: "max-tokens", Aliases: []string{"n"}, Category: catModel, Value: 8,
		Usage: "generate at most `N` new tokens (the proof covers prompt + output; each token adds prover time)",
	}
	temperatureFlag = &ucli.Float64Flag{
		Name: "temperature", Category: catModel,
		Usage: "sampling temperature; 0 (default) is greedy decoding",
	}
	topKFlag = &ucli.IntFlag{
		Name: "top-k", Category: catModel,
		Usage: "sample among the `K` largest logits only (with --temperature; 0 = the whole vocabulary)",
	}
	seedFlag = &ucli.StringFlag{
		Name: "seed", Category: catModel,
		Usage: "sampling seed, 64 hex digits (with --temperature; default: fresh from crypto/rand, recorded in the statement)",
	}
)

var genFlags = []ucli.Flag{modelFlag, maxTokensFlag, temperatureFlag, topKFlag, seedFlag}

func generateCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "generate",
		Usage:     "generate text with an imported model (the same fixed-point inference a proof covers; no proof)",
		ArgsUsage: "<prompt>",
		Description: "Runs the quantized, fixed-point model exactly as `zkllm prove` does, so its output is what a\n" +
			"proof of the same prompt and settings would state.\n\nExamples:\n" +
			"  zkllm generate --model stories260K \"Once upon a time\"\n" +
			"  zkllm generate -m stories260K --max-tokens 32 --temperature 0.8 --top-k 20 --seed <64 hex> \"Lily\"",
		Flags:  flagsOf(baseFlags, genFlags),
		Action: action(1, generate),
	}
}

// rule builds the decoding rule from the flags.
func rule(s *session) (sample.Rule, error) {
	t := s.c.Float64(temperatureFlag.Name)
	if t < 0 {
		return sample.Rule{}, badInputf("--temperature %v must not be negative (0 is greedy)", t)
	}
	if t == 0 {
		if s.c.IsSet(topKFlag.Name) || s.c.IsSet(seedFlag.Name) {
			return sample.Rule{}, badInputf("--top-k and --seed apply to sampling: give a positive --temperature too")
		}
		return sample.Rule{Kind: sample.Greedy}, nil
	}
	kappa, err := sample.KappaFromTemperature(t)
	if err != nil {
		return sample.Rule{}, badInputf("%v", err)
	}
	r := sample.Rule{Kind: sample.Sample, Kappa: kappa, TopK: s.c.Int(topKFlag.Name)}
	if h := s.c.String(seedFlag.Name); h != "" {
		b, err := hex.DecodeString(strings.TrimPrefix(h, "0x"))
		if err != nil || len(b) != len(r.Seed) {
			return r, badInputf("--seed must be %d hex-encoded bytes", len(r.Seed))
		}
		copy(r.Seed[:], b)
	} else if _, err := rand.Read(r.Seed[:]); err != nil {
		return r, internalf("seed: %v", err)
	}
	return r, nil
}

// textModel is what generation needs: the quantized model and its tokenizer.
type textModel struct {
	rec *modelRecord
	q   *quant.Model
	tok proof.Tokenizer
	eos int // end-of-sequence token, -1 when the tokenizer names none
}

// loadTextModel loads an imported model's weights and tokenizer from its source files.
func loadTextModel(s *session) (*textModel, error) {
	rec, err := s.selectModel()
	if err != nil {
		return nil, err
	}
	s.out.step("loading %s from its source files", rec.Name)
	lm, err := loadModel(rec.Format, rec.Sources)
	if err != nil {
		return nil, err
	}
	tm := &textModel{rec: rec, q: lm.quant, eos: -1}
	tok, ok := lm.tokenizer.(proof.Tokenizer)
	if !ok {
		return nil, badInputf("model %q: its tokenizer (%T) cannot decode output pieces yet, so it can be neither generated with nor proven", rec.Name, lm.tokenizer)
	}
	tm.tok = tok
	if _, ok := tok.(*tokenizer.Tokenizer); ok {
		tm.eos = tokenizer.EOSID
	}
	return tm, nil
}

// run generates from the prompt argument; it returns the tokens s_0…s_T and P.
func (tm *textModel) run(s *session, r sample.Rule) (prompt string, tokens []int, p int, err error) {
	prompt = s.c.Args().First()
	if prompt == "" {
		return "", nil, 0, badInputf("%s: give the prompt as an argument", s.c.Command.FullName())
	}
	n := s.c.Int(maxTokensFlag.Name)
	if n < 1 {
		return "", nil, 0, badInputf("--max-tokens %d: at least 1", n)
	}
	ptoks := tm.tok.Encode(prompt)
	tokens, err = inference.Generate(tm.q, ptoks, n, r, tm.eos)
	if errors.Is(err, inference.ErrInput) {
		return "", nil, 0, badInputf("%v", err)
	}
	if err != nil {
		return "", nil, 0, internalf("generation: %v", err)
	}
	return prompt, tokens, len(ptoks), nil
}

type generateResult struct {
	Schema  string      `json:"schema"`
	Model   string      `json:"model"`
	Prompt  string      `json:"prompt"`
	Output  string      `json:"output"`
	Tokens  []int       `json:"tokens"`
	P       int         `json:"prompt_tokens"`
	Rule    ruleSummary `json:"rule"`
	Seconds float64     `json:"seconds"`
}

type ruleSummary struct {
	Kind  string `json:"kind"` // greedy or sample
	Kappa int64  `json:"kappa,omitempty"`
	TopK  int    `json:"top_k,omitempty"`
	Seed  string `json:"seed,omitempty"`
}

func summarizeRule(r sample.Rule) ruleSummary {
	if r.Kind == sample.Greedy {
		return ruleSummary{Kind: "greedy"}
	}
	return ruleSummary{Kind: "sample", Kappa: r.Kappa, TopK: r.TopK, Seed: hex.EncodeToString(r.Seed[:])}
}

func (r ruleSummary) String() string {
	if r.Kind == "greedy" {
		return "greedy"
	}
	return fmt.Sprintf("sample (κ %d, top-k %d, seed %s)", r.Kappa, r.TopK, r.Seed)
}

func generate(s *session) error {
	start := time.Now()
	r, err := rule(s)
	if err != nil {
		return err
	}
	tm, err := loadTextModel(s)
	if err != nil {
		return err
	}
	prompt, tokens, p, err := tm.run(s, r)
	if err != nil {
		return err
	}
	out, err := proof.OutputText(tm.tok, tokens, p)
	if err != nil {
		return internalf("decoding the output: %v", err)
	}
	res := generateResult{Schema: schemaPrefix + "generate/v1", Model: tm.rec.Name, Prompt: prompt, Output: out,
		Tokens: tokens, P: p, Rule: summarizeRule(r), Seconds: time.Since(start).Seconds()}
	return s.out.result(res, prompt+out, func(w io.Writer) {
		fmt.Fprintf(w, "%s%s\n", prompt, out)
		fmt.Fprintf(w, "  (%d prompt + %d new tokens, %s, %.2fs; not proven: use `zkllm prove`)\n", p, len(tokens)-p, res.Rule, res.Seconds)
	})
}

// readLocalFile reads one of an imported model's files and checks it against its record.
func readLocalFile(s *session, rec *modelRecord, name, wantSHA string) ([]byte, error) {
	b, err := os.ReadFile(s.dir.path(modelsDirName, rec.Name, name))
	if err != nil {
		return nil, internalf("model %q: %v", rec.Name, err)
	}
	if d := sha256.Sum256(b); hex.EncodeToString(d[:]) != wantSHA {
		return nil, internalf("model %q: %s does not match its record; re-run `zkllm model commit`", rec.Name, name)
	}
	return b, nil
}
