package head

import (
	"errors"
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
)

type setup struct {
	prover, verifier *Gadget
	inputs           layertest.Inputs
	weights          *layers.WeightBlob
}

func newSetup(t testing.TB, q *quant.Model, w *fixed.Witness, P int) *setup {
	t.Helper()
	T := len(w.Tokens)
	d, err := layers.DimsOf(q.Config, T, P)
	if err != nil {
		t.Fatal(err)
	}
	fn, err := q.Tensor("final_norm")
	if err != nil {
		t.Fatal(err)
	}
	cls, err := q.Classifier()
	if err != nil {
		t.Fatal(err)
	}
	par := Params{NormExp: fn.Exp, Kappa: params.Kappa(q.Config), Classifier: cls.Name, ClsExp: cls.Exp}
	g := make([]int64, len(fn.Data))
	for i, v := range fn.Data {
		g[i] = int64(v)
	}
	hsel := w.R[d.L][(P-1)*d.D:]
	acc := w.LogitAcc[(P-1)*d.V:]
	pg, err := NewProver(d, par, hsel, g, acc)
	if err != nil {
		t.Fatal(err)
	}
	vg, err := New(d, par)
	if err != nil {
		t.Fatal(err)
	}
	in := layertest.Inputs{{Name: layers.TensorR, Shape: d.Checkpoints().Shape(), Data: layertest.Stack(w.R)}}
	return &setup{prover: pg, verifier: vg, inputs: in, weights: layertest.Weights(t, q)}
}

func (s *setup) run(t *testing.T) error {
	t.Helper()
	_, err := layertest.Run(t, s.weights, []layers.ProverGadget{s.inputs, s.prover}, []layers.VerifierGadget{s.inputs.Public(), s.verifier})
	return err
}

func TestHeadHonest(t *testing.T) {
	q, _, w := layertest.Stories(t, 8)
	if err := newSetup(t, q, w, 3).run(t); err != nil {
		t.Fatalf("stories260K: %v", err)
	}
	rq, _, rw := layertest.Random(t, layertest.SmallConfig(), 6, 4)
	if err := newSetup(t, rq, rw, 6).run(t); err != nil {
		t.Fatalf("random shapes, one bound token: %v", err)
	}
}

func TestHeadForgeries(t *testing.T) {
	q, _, w := layertest.Stories(t, 6)
	cases := map[string]func(s *setup){
		"logit accumulator": func(s *setup) {
			acc := append([]int64(nil), s.prover.acc...)
			acc[5] += 1 << 12
			d := s.prover.Dims
			pad, _ := d.Sel(d.V).Pad(acc)
			s.prover.logits, _ = s.prover.rescale().Witness(pad)
		},
		"checkpoint the final norm reads": func(s *setup) { s.inputs[0].Data[len(s.inputs[0].Data)-2]++ },
		"classifier": func(s *setup) {
			s.verifier.Params.Classifier = "layers.0.wq"
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			s := newSetup(t, q, w, 2)
			mutate(s)
			if err := s.run(t); err == nil || (!errors.Is(err, layers.ErrReject) && !errors.Is(err, layers.ErrGadget)) {
				t.Fatalf("forgery accepted or odd error: %v", err)
			}
		})
	}
}

// Every element of the head's proof bytes, flipped or moved by +G, is
// rejected (sampled; every chunk with ZKLLM_GADGET_SWEEP=1); so is a
// changed classifier weight.
func TestHeadProofElementsAndWeight(t *testing.T) {
	q, _, w := layertest.Stories(t, 4)
	s := newSetup(t, q, w, 2)
	tried, n := layertest.ProofElements(t, s.weights, s.inputs, s.prover, s.verifier, layertest.Step(6))
	t.Logf("%d forgeries over %d bytes of the gadget, all rejected", tried, n)
	cls, err := q.Classifier()
	if err != nil {
		t.Fatal(err)
	}
	cls.Data[3]++
	s = newSetup(t, q, w, 2)
	if err := s.run(t); !errors.Is(err, layers.ErrReject) {
		t.Fatalf("a classifier weight the logits do not match: %v", err)
	}
}
