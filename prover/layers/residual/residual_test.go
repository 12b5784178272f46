package residual

import (
	"errors"
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
)

// setup builds the prover's gadgets (residual + a, f as committed inputs)
// and the verifier's public copies for a witness.
type setup struct {
	dims             layers.Dims
	prover, verifier *Gadget
	inputs           layertest.Inputs
	weights          *layers.WeightBlob
}

func newSetup(t testing.TB, q *quant.Model, tokens []int, w *fixed.Witness) *setup {
	t.Helper()
	T := len(tokens)
	d, err := layers.DimsOf(q.Config, T, T)
	if err != nil {
		t.Fatal(err)
	}
	emb, err := q.Tensor(EmbedName)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := New(d, tokens, emb.Exp)
	if err != nil {
		t.Fatal(err)
	}
	pg.R = w.R
	vg, _ := New(d, tokens, emb.Exp)
	var a, f [][]int64
	for _, lw := range w.Layers {
		a, f = append(a, lw.A), append(f, lw.F)
	}
	act := d.Act(d.D)
	in := append(layertest.CheckedInputs(t, layers.TensorA, layers.FormatAct, act, layertest.Stack(a)),
		layertest.CheckedInputs(t, layers.TensorF, layers.FormatAct, act, layertest.Stack(f))...)
	return &setup{dims: d, prover: pg, verifier: vg, inputs: in, weights: layertest.Weights(t, q)}
}

func (s *setup) run(t *testing.T) error {
	t.Helper()
	_, err := layertest.Run(t, s.weights,
		[]layers.ProverGadget{s.inputs, s.prover},
		[]layers.VerifierGadget{s.inputs.Public(), s.verifier})
	return err
}

func storiesSetup(t *testing.T, T int) *setup {
	q, _, w := layertest.Stories(t, T)
	return newSetup(t, q, w.Tokens, w)
}

func TestResidualHonest(t *testing.T) {
	if err := storiesSetup(t, 8).run(t); err != nil {
		t.Fatalf("stories260K: %v", err)
	}
	q, tokens, w := layertest.Random(t, layertest.SmallConfig(), 5, 3)
	if err := newSetup(t, q, tokens, w).run(t); err != nil {
		t.Fatalf("random GQA shapes: %v", err)
	}
}

func TestResidualForgeries(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(s *setup)
	}{
		{"checkpoint value", func(s *setup) { s.prover.R[2][5]++ }},
		{"first checkpoint (embedding)", func(s *setup) { s.prover.R[0][3] += 1 << 10 }},
		{"layer output a", func(s *setup) { s.inputs[0].Data[7]++ }},
		{"residual skipped", func(s *setup) { s.prover.hooks.skipResidual = true }},
		{"other token's embedding", func(s *setup) { s.verifier.Tokens = append([]int{s.verifier.Tokens[0] ^ 1}, s.verifier.Tokens[1:]...) }},
		{"swapped layer outputs", func(s *setup) { s.prover.R[1], s.prover.R[2] = s.prover.R[2], s.prover.R[1] }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := storiesSetup(t, 6)
			c.mutate(s)
			if err := s.run(t); !errors.Is(err, layers.ErrReject) {
				t.Fatalf("forgery accepted or odd error: %v", err)
			}
		})
	}
}

// Every element of the gadget's proof bytes, flipped or moved by +G, is
// rejected (sampled; every chunk with ZKLLM_GADGET_SWEEP=1).
func TestResidualProofElements(t *testing.T) {
	s := storiesSetup(t, 4)
	tried, n := layertest.ProofElements(t, s.weights, s.inputs, s.prover, s.verifier, layertest.Step(4))
	t.Logf("%d forgeries over %d bytes of the gadget, all rejected", tried, n)
}

// A changed embedding weight (the verifier's vk differs from the rows the
// checkpoint was made from) is rejected.
func TestResidualWeightChanged(t *testing.T) {
	q, _, w := layertest.Stories(t, 4)
	emb, err := q.Tensor(EmbedName)
	if err != nil {
		t.Fatal(err)
	}
	emb.Data[w.Tokens[1]*q.Config.Dim+2]++ // a row the pass reads
	s := newSetup(t, q, w.Tokens, w)
	if err := s.run(t); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("an embedding weight the checkpoint does not match: %v", err)
	}
}
