package inference

import (
	"fmt"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/attention"
	"github.com/zkllm/zkllm/prover/layers/attnout"
	"github.com/zkllm/zkllm/prover/layers/ffn"
	"github.com/zkllm/zkllm/prover/layers/head"
	"github.com/zkllm/zkllm/prover/layers/output"
	"github.com/zkllm/zkllm/prover/layers/qkv"
	"github.com/zkllm/zkllm/prover/layers/residual"
	"github.com/zkllm/zkllm/prover/layers/rmsnorm"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/proof"
	"github.com/zkllm/zkllm/prover/transcript"
	"github.com/zkllm/zkllm/prover/verifier"
)

// Model is what a prover holds: the quantized weights, the owner's opened
// weight blob (values and row blindings, owner.OpenProver with the owner's
// secret), the public verifier key and the tokenizer.
type Model struct {
	Quant     *quant.Model
	Weights   *owner.Prover
	Key       *owner.VerifierKey
	Tokenizer proof.Tokenizer
}

// PublicKey returns the verifier's view of the model.
func (m *Model) PublicKey() *verifier.Key { return &verifier.Key{Owner: m.Key, Tokenizer: m.Tokenizer} }

// Statement builds the statement for a prompt and its generated tokens
// (tokens = s_0…s_T, the first p the prompt's).
func (m *Model) Statement(promptText string, tokens []int, p int, rule sample.Rule) (*proof.Statement, error) {
	sh, err := m.Key.Spec.Hash()
	if err != nil {
		return nil, err
	}
	out, err := proof.OutputText(m.Tokenizer, tokens, p)
	if err != nil {
		return nil, err
	}
	st := &proof.Statement{
		ModelID: m.Key.ModelID, Manifest: m.Key.ManifestDigest, VK: m.Key.VKDigest, SpecHash: sh,
		Tokenizer: m.Key.Manifest.TokenizerDigest, P: p, Tokens: append([]int(nil), tokens...), Rule: rule,
		Prompt: promptText, Output: out,
	}
	return st, st.Validate(m.Quant.Config.VocabSize)
}

// Options configure Prove.
type Options struct {
	Progress func(layers.Step)
	// Checkpoint, when set, keeps the phase-A state there so a killed run
	// resumes (see FileStore); it is removed once the proof is made.
	Checkpoint string
	Runner     layers.Runner
}

// Prove proves the statement about the model and returns the proof file.
// It refuses a statement that is not true of the model before proving.
func Prove(m *Model, st *proof.Statement, opt Options) ([]byte, *layers.Report, error) {
	if err := verifier.CheckStatement(m.PublicKey(), st); err != nil {
		return nil, nil, err
	}
	if err := m.Quant.CheckStackable(); err != nil {
		return nil, nil, err
	}
	w, err := fixed.Forward(m.Quant, st.Tokens[:st.T()])
	if err != nil {
		return nil, nil, err
	}
	if err := checkEmitted(m.Quant, st, w); err != nil {
		return nil, nil, err
	}
	pub, err := verifier.PublicOf(m.Quant.Config, m.Key.Manifest.Exponents, st.Tokens, st.P, st.Rule)
	if err != nil {
		return nil, nil, err
	}
	gs, err := proverGadgets(m.Quant, pub, w)
	if err != nil {
		return nil, nil, err
	}
	tr := transcript.New()
	if err := st.Absorb(tr); err != nil {
		return nil, nil, err
	}
	wb := &layers.WeightBlob{Layout: m.Key.VK.Layout, LogC: m.Key.VK.LogC, Rows: m.Key.VK.Rows,
		Ints: m.Weights.Values(), Blinds: m.Weights.RowBlindings()}
	lopt := layers.Options{Progress: opt.Progress, Runner: opt.Runner}
	var store *FileStore
	if opt.Checkpoint != "" {
		sd, err := st.Digest()
		if err != nil {
			return nil, nil, err
		}
		store = &FileStore{Path: opt.Checkpoint, Binding: Binding(CodeVersion(), m.Key.ModelID, sd, "")}
		lopt.PhaseA = store
	}
	body, rep, err := layers.ProveWith(tr, wb, gs, lopt)
	if err != nil {
		return nil, nil, err
	}
	file, err := (&proof.File{Statement: st, Body: body}).Marshal()
	if err != nil {
		return nil, nil, err
	}
	if store != nil {
		if err := store.Remove(); err != nil {
			return nil, nil, err
		}
	}
	return file, rep, nil
}

// checkEmitted requires the rule to emit every generated token from the
// fixed-point logits: otherwise the statement is false.
func checkEmitted(q *quant.Model, st *proof.Statement, w *fixed.Witness) error {
	v := q.Config.VocabSize
	for g := 0; g < st.T()-st.P+1; g++ {
		t := st.P - 1 + g
		got, err := st.Rule.Choose(g, w.Logits[t*v:(t+1)*v])
		if err != nil {
			return err
		}
		if want := st.Tokens[t+1]; got != want {
			return fmt.Errorf("%w: the model emits token %d at position %d, the statement says %d", ErrInput, got, t+1, want)
		}
	}
	return nil
}

// proverGadgets builds the prover's gadgets in verifier.GadgetNames order.
func proverGadgets(q *quant.Model, pub *verifier.Public, w *fixed.Witness) ([]layers.ProverGadget, error) {
	d := pub.Dims
	res, err := residual.New(d, pub.Inputs(), pub.Exps["embed"])
	if err != nil {
		return nil, err
	}
	res.R = w.R
	attnNorm, err := rmsnorm.NewLayerProver(rmsnorm.Attn, d, q, w)
	if err != nil {
		return nil, err
	}
	qk, err := qkv.New(pub.QKVParams(), w)
	if err != nil {
		return nil, err
	}
	att, err := attention.NewProver(d, w.Layers)
	if err != nil {
		return nil, err
	}
	ao, err := attnout.New(q, d.T, d.P, w)
	if err != nil {
		return nil, err
	}
	ffnNorm, err := rmsnorm.NewLayerProver(rmsnorm.FFN, d, q, w)
	if err != nil {
		return nil, err
	}
	ffn, err := newFFNProver(q, pub, w)
	if err != nil {
		return nil, err
	}
	hd, err := newHead(q, pub, w)
	if err != nil {
		return nil, err
	}
	rows := make([][]int64, d.G())
	for g := range rows {
		t := d.P - 1 + g
		rows[g] = w.Logits[t*d.V : (t+1)*d.V]
	}
	out, err := output.NewProver(d.V, pub.Rule, pub.Tokens[d.P:], rows)
	if err != nil {
		return nil, err
	}
	return []layers.ProverGadget{res, attnNorm, qk, att, ao, ffnNorm, ffn, hd, out}, nil
}

func newHead(q *quant.Model, pub *verifier.Public, w *fixed.Witness) (*head.Gadget, error) {
	d := pub.Dims
	fn, err := q.Tensor("final_norm")
	if err != nil {
		return nil, err
	}
	g := make([]int64, len(fn.Data))
	for i, v := range fn.Data {
		g[i] = int64(v)
	}
	first := (d.P - 1) * d.D
	return head.NewProver(d, pub.HeadParams(), w.R[d.L][first:], g, w.LogitAcc[(d.P-1)*d.V:])
}

func newFFNProver(q *quant.Model, pub *verifier.Public, w *fixed.Witness) (*ffn.Gadget, error) {
	return ffn.New(q, pub.Dims.T, pub.Dims.P, w)
}

// GenerateStatement tokenizes the prompt, generates up to maxNew tokens
// under rule (stopping after eos when eos ≥ 0) and returns the statement of
// that output: what Prove then proves.
func (m *Model) GenerateStatement(prompt string, maxNew int, rule sample.Rule, eos int) (*proof.Statement, error) {
	ptoks := m.Tokenizer.Encode(prompt)
	tokens, err := Generate(m.Quant, ptoks, maxNew, rule, eos)
	if err != nil {
		return nil, err
	}
	return m.Statement(prompt, tokens, len(ptoks), rule)
}
