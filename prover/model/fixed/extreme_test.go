package fixed

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/quant"
)

// Random full-range int16 weights with random exponents (PROTOCOL §9.3's
// "maximal inputs"): every run either succeeds or stops with ErrOverflow
// naming a tensor; it never panics or wraps silently (a wrap would make the
// engine disagree with the math/big relations, checked on every clean run).
func TestExtremeWeightsNeverPanic(t *testing.T) {
	cfg := model.Config{Dim: 16, HiddenDim: 24, NLayers: 2, NHeads: 2, NKVHeads: 1, VocabSize: 300, SeqLen: 8, NormEps: 1e-5, RopeTheta: 10000}
	r := rand.New(rand.NewPCG(11, 12))
	outcomes := map[string]int{}
	for trial := range 60 {
		q := &quant.Model{Config: cfg}
		for _, tt := range model.TensorLayout(cfg) {
			n := 1
			for _, s := range tt.Shape {
				n *= s
			}
			data := make([]int16, n)
			for i := range data {
				switch trial % 3 {
				case 0:
					data[i] = int16(r.IntN(65535) - 32767)
				case 1:
					data[i] = 32767 * int16(1-2*r.IntN(2))
				default:
					data[i] = int16(r.IntN(7) - 3)
				}
			}
			maxE := quant.MaxExp
			if tt.Kind == model.KindEmbedding {
				maxE = quant.MaxEmbeddingExp
			}
			q.Tensors = append(q.Tensors, quant.Tensor{Name: tt.Name, Shape: tt.Shape, Kind: tt.Kind, Exp: r.IntN(maxE + 1), Data: data})
		}
		e, err := New(q, cfg.SeqLen, Options{RecordWitness: true})
		if err != nil {
			t.Fatal(err)
		}
		for range cfg.SeqLen {
			_, err = e.Step(r.IntN(cfg.VocabSize))
			if err != nil {
				break
			}
		}
		switch {
		case err == nil:
			outcomes["ok"]++
			checkWitness(t, e, q, e.Witness())
		case errors.Is(err, ErrOverflow):
			outcomes["overflow"]++
		default:
			t.Fatalf("trial %d: unexpected error %v", trial, err)
		}
	}
	t.Logf("outcomes %v", outcomes)
	if outcomes["ok"] == 0 || outcomes["overflow"] == 0 {
		t.Fatalf("expected both clean runs and overflow errors: %v", outcomes)
	}
}
