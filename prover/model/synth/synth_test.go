package synth

import (
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/quant"
)

func TestConfig7BShapes(t *testing.T) {
	want := map[string][]int{"embed": {32000, 4096}, "layers.0.wq": {4096, 4096}, "layers.0.wk": {4096, 4096},
		"layers.0.w1": {11008, 4096}, "layers.0.w3": {11008, 4096}, "layers.0.w2": {4096, 11008}, "lm_head": {32000, 4096}}
	for _, tt := range model.TensorLayout(Config7B(2)) {
		if w, ok := want[tt.Name]; ok && !slices.Equal(w, tt.Shape) {
			t.Errorf("%s: %v, want %v", tt.Name, tt.Shape, w)
		}
	}
	if c := Config7B(32); c.ParamCount() < 6.7e9 || c.ParamCount() > 6.8e9 {
		t.Fatalf("7B parameter count %d", c.ParamCount())
	}
}

func TestQuantizedSeeded(t *testing.T) {
	// The 7B code path at a small width: full 7B layers are for benchmarks (400 MB each).
	cfg := Config7B(2)
	cfg.Dim, cfg.HiddenDim, cfg.NHeads, cfg.NKVHeads, cfg.VocabSize = 256, 688, 2, 2, 300
	var seed [32]byte
	q, err := QuantizedSeeded(cfg, seed)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range model.TensorLayout(cfg) {
		n := 1
		for _, s := range tt.Shape {
			n *= s
		}
		if q.Tensors[i].Name != tt.Name || len(q.Tensors[i].Data) != n {
			t.Fatalf("tensor %d: %s", i, q.Tensors[i].Name)
		}
	}
	q2, _ := QuantizedSeeded(cfg, seed)
	if !slices.Equal(q.Tensors[3].Data, q2.Tensors[3].Data) {
		t.Fatal("same seed, different weights")
	}
	seed[0] = 1
	q3, _ := QuantizedSeeded(cfg, seed)
	if slices.Equal(q.Tensors[3].Data, q3.Tensors[3].Data) {
		t.Fatal("different seeds, same weights")
	}
	if _, err := q.Tensor("lm_head"); err != nil {
		t.Fatal(err)
	}
	exps := Exponents(cfg)
	if len(exps) != len(q.Tensors) {
		t.Fatalf("%d exponents for %d tensors", len(exps), len(q.Tensors))
	}
	for i, e := range exps {
		if q.Tensors[i].Exp != e {
			t.Fatalf("%s: Exponents says %d, the model has %d", q.Tensors[i].Name, e, q.Tensors[i].Exp)
		}
	}
}

// BenchmarkQuantized7BLayer: generating one LLaMA-2-7B-shaped layer (202M int16).
func BenchmarkQuantized7BLayer(b *testing.B) {
	cfg := Config7B(1)
	cfg.VocabSize = 1 // isolate the layer
	var seed [32]byte
	for b.Loop() {
		if _, err := QuantizedSeeded(cfg, seed); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cfg.ParamCount())*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mweights/s")
}

// A small random float model quantizes and runs through the fixed-point engine.
func TestFloatRunsFixedPoint(t *testing.T) {
	cfg := model.Config{Dim: 64, HiddenDim: 128, NLayers: 2, NHeads: 8, NKVHeads: 8, VocabSize: 300, SeqLen: 16, NormEps: 1e-5, RopeTheta: 10000}
	m, err := Float(cfg)
	if err != nil {
		t.Fatal(err)
	}
	q, err := quant.Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	e, err := fixed.New(q, 16, fixed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for tok := range 16 {
		if _, err := e.Step(tok * 7); err != nil {
			t.Fatal(err)
		}
	}
}
