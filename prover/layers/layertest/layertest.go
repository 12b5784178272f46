// Package layertest is the test harness of the layer gadgets: committed
// input tensors (Inputs), a committed weight blob from a quantized model
// (Weights), the stories260K fixed-point witness (Stories), and one call
// that proves and verifies a list of gadgets on fresh transcripts (Run).
// Only tests and benchmarks import it.
package layertest

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/synth"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Input is one committed input tensor: its shape and, on the prover's
// side, its dense values (axis 0 fastest).
type Input struct {
	Name  string
	Shape layers.Shape
	Data  []int64 // nil on the verifier's side
}

// Inputs is a gadget that only commits tensors (no relation, no lookup):
// the stand-in for the producers of a gadget's inputs in unit tests.
type Inputs []Input

// Name implements layers.Gadget.
func (in Inputs) Name() string { return "inputs" }

// Tensors implements layers.Gadget.
func (in Inputs) Tensors() ([]pedersen.TensorSpec, error) {
	out := make([]pedersen.TensorSpec, len(in))
	for i, t := range in {
		out[i] = t.Shape.Spec(t.Name)
	}
	return out, nil
}

// Lookups implements layers.Gadget.
func (in Inputs) Lookups() ([]tlookup.Lookup, error) { return nil, nil }

// Witness implements layers.ProverGadget.
func (in Inputs) Witness() (map[string][]int64, []tlookup.Column, error) {
	out := map[string][]int64{}
	for _, t := range in {
		p, err := t.Shape.Pad(t.Data)
		if err != nil {
			return nil, nil, err
		}
		out[t.Name] = p
	}
	return out, nil, nil
}

// Prove implements layers.ProverGadget: nothing to prove.
func (in Inputs) Prove(*layers.Prover) error { return nil }

// Verify implements layers.VerifierGadget.
func (in Inputs) Verify(*layers.Verifier) error { return nil }

// Public returns the verifier's copy (no data).
func (in Inputs) Public() Inputs {
	out := slices.Clone(in)
	for i := range out {
		out[i].Data = nil
	}
	return out
}

// Weights commits every tensor of q into a weight blob (shapes LSB-first,
// placed by pedersen.Place, c_W = 2^⌈(n+1)/2⌉, random row blindings).
func Weights(t testing.TB, q *quant.Model) *layers.WeightBlob {
	t.Helper()
	specs := make([]pedersen.TensorSpec, len(q.Tensors))
	for i, qt := range q.Tensors {
		sh := make([]uint64, len(qt.Shape))
		for a, d := range qt.Shape {
			sh[len(sh)-1-a] = uint64(d)
		}
		specs[i] = pedersen.TensorSpec{Name: qt.Name, Shape: sh}
	}
	lay, err := pedersen.Place(specs)
	if err != nil {
		t.Fatal(err)
	}
	blob := make([]int16, lay.Size())
	for i, qt := range q.Tensors {
		p, _ := lay.Lookup(qt.Name)
		sh := make(layers.Shape, len(specs[i].Shape))
		for a, d := range specs[i].Shape {
			sh[a] = int(d)
		}
		wide := make([]int64, len(qt.Data))
		for j, v := range qt.Data {
			wide[j] = int64(v)
		}
		padded, err := sh.Pad(wide)
		if err != nil {
			t.Fatal(err)
		}
		for j, v := range padded {
			blob[p.Offset+uint64(j)] = int16(v)
		}
	}
	logC := min(lay.LogSize, (lay.LogSize+2)/2)
	gens, err := pedersen.Get(1 << logC)
	if err != nil {
		t.Fatal(err)
	}
	nRows := 1 << (lay.LogSize - logC)
	present, err := lay.PresentRows(logC)
	if err != nil {
		t.Fatal(err)
	}
	blinds := make([]fr.Element, nRows)
	for k, ok := range present {
		if ok {
			blinds[k] = field.RandomScalar()
		}
	}
	rows, err := pedersen.CommitRowsSmall(gens.Prefix(1<<logC), blob, 1<<logC, 0, nRows, blinds)
	if err != nil {
		t.Fatal(err)
	}
	return &layers.WeightBlob{Layout: lay, LogC: logC, Rows: rows, Values: pedersen.SmallToField(blob), Blinds: blinds}
}

// Public returns the verifier's copy of a weight blob (rows only).
func Public(w *layers.WeightBlob) *layers.WeightBlob {
	if w == nil {
		return nil
	}
	return &layers.WeightBlob{Layout: w.Layout, LogC: w.LogC, Rows: w.Rows}
}

// Stories returns stories260K quantized, its tokenizer, and the recorded
// fixed-point witness of the teacher-forced pass over a prompt's tokens
// followed by greedy continuations up to T positions.
func Stories(t testing.TB, T int) (*quant.Model, *tokenizer.Tokenizer, *fixed.Witness) {
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
	q, err := quant.Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	tokens := []int{1, 403, 407, 261, 378}[:min(5, T)] // BOS "Once upon a time"-like prefix
	for len(tokens) < T {
		e, err := fixed.New(q, T, fixed.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var logits []int64
		for _, tok := range tokens {
			if logits, err = e.Step(tok); err != nil {
				t.Fatal(err)
			}
		}
		tokens = append(tokens, argmax(logits))
	}
	w, err := fixed.Forward(q, tokens)
	if err != nil {
		t.Fatal(err)
	}
	return q, tk, w
}

func argmax(v []int64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// Stack concatenates per-layer position-major tensors into the dense
// [width, T, L] order (axis 0 fastest) that layers.Shape.Pad takes.
func Stack(perLayer [][]int64) []int64 {
	var out []int64
	for _, l := range perLayer {
		out = append(out, l...)
	}
	return out
}

// Run proves the gadgets and verifies the proof with their public sides,
// each on a fresh transcript holding the same test statement; it returns
// the proof and the verifier's verdict. A prover error fails the test.
func Run(t testing.TB, w *layers.WeightBlob, prover []layers.ProverGadget, verifier []layers.VerifierGadget) ([]byte, error) {
	t.Helper()
	proof, err := Prove(w, prover)
	if err != nil {
		t.Fatalf("prove: %v", err)
	}
	return proof, Verify(w, verifier, proof)
}

// Prove proves on a fresh test transcript.
func Prove(w *layers.WeightBlob, gs []layers.ProverGadget) ([]byte, error) {
	return layers.Prove(statement(), w, gs)
}

// Verify verifies on a fresh test transcript with the public weight rows.
func Verify(w *layers.WeightBlob, gs []layers.VerifierGadget, proof []byte) error {
	return layers.Verify(statement(), Public(w), gs, proof)
}

func statement() *transcript.Transcript {
	tr := transcript.New()
	tr.AbsorbBytes("test/statement", []byte("layertest"))
	return tr
}

// CheckedInputs returns the limb tensors of a limb-committed tensor as
// inputs (dense values of the given shape): the stand-in for the gadget
// that would commit it. The limbs are the ones rescale.Checked defines.
func CheckedInputs(t testing.TB, name string, f rescale.Format, shape layers.Shape, dense []int64) Inputs {
	t.Helper()
	c := rescale.Checked{Name: name, Format: f, LogSize: shape.LogSize()}
	limbs, err := c.Limbs(dense)
	if err != nil {
		t.Fatal(err)
	}
	out := make(Inputs, len(limbs))
	for i, l := range limbs {
		out[i] = Input{Name: c.LimbName(i), Shape: shape, Data: l}
	}
	return out
}

// Random returns a random int16 model of cfg (package synth, seeded) and the
// fixed-point witness of T random tokens: the "random shapes" of the gadget
// tests (GQA, non-power-of-two widths, padding). The forward pass may
// overflow a format for unlucky weights; the test fails then.
func Random(t testing.TB, cfg model.Config, T int, seed byte) (*quant.Model, []int, *fixed.Witness) {
	t.Helper()
	q, err := synth.QuantizedSeeded(cfg, [32]byte{seed})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	tokens := make([]int, T)
	for i := range tokens {
		tokens[i] = rng.IntN(cfg.VocabSize)
	}
	w, err := fixed.Forward(q, tokens)
	if err != nil {
		t.Fatal(err)
	}
	return q, tokens, w
}

// SmallConfig is a small random architecture with GQA and non-power-of-two
// widths: D = 48 (3 heads of 16… with 1 KV head), d_ff = 72, 3 layers.
func SmallConfig() model.Config {
	return model.Config{Dim: 48, HiddenDim: 72, NLayers: 3, NHeads: 3, NKVHeads: 1, VocabSize: 37, SeqLen: 64, NormEps: 1e-5, RopeTheta: 10000}
}
