package attnout_test

import (
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/attnout"
	"github.com/zkllm/zkllm/prover/layers/ffn"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/layers/qkv"
)

// qkv, attn_out and ffn in one proof (one advice blob, one LogUp tree, one
// ledger) on random GQA shapes, with x1, O and x2 as committed stand-ins:
// their tensor names, lookups and claims coexist.
func TestComposedWithQKVAndFFN(t *testing.T) {
	q, _, wit := layertest.Random(t, layertest.SmallConfig(), 5, 9)
	T := len(wit.Tokens)
	d, err := layers.DimsOf(q.Config, T, 1)
	if err != nil {
		t.Fatal(err)
	}
	stack := func(get func(i int) []int64) []int64 {
		var per [][]int64
		for l := range wit.Layers {
			per = append(per, get(l))
		}
		return layertest.Stack(per)
	}
	var in layertest.Inputs
	for _, c := range []struct {
		name string
		get  func(i int) []int64
	}{
		{layers.TensorX1, func(l int) []int64 { return wit.Layers[l].X1 }},
		{layers.TensorO, func(l int) []int64 { return wit.Layers[l].O }},
		{layers.TensorX2, func(l int) []int64 { return wit.Layers[l].X2 }},
	} {
		in = append(in, layertest.CheckedInputs(t, c.name, layers.FormatAct, d.Act(d.D), stack(c.get))...)
	}
	qp, err := qkv.ParamsOf(q, T, 1)
	if err != nil {
		t.Fatal(err)
	}
	var ps []layers.ProverGadget
	var vs []layers.VerifierGadget
	for _, side := range []bool{true, false} {
		w := wit
		if !side {
			w = nil
		}
		g1, err := qkv.New(qp, w)
		if err != nil {
			t.Fatal(err)
		}
		g2, err := attnout.New(q, T, 1, w)
		if err != nil {
			t.Fatal(err)
		}
		g3, err := ffn.New(q, T, 1, w)
		if err != nil {
			t.Fatal(err)
		}
		if side {
			ps = []layers.ProverGadget{in, g1, g2, g3}
		} else {
			vs = []layers.VerifierGadget{in.Public(), g1, g2, g3}
		}
	}
	if _, err := layertest.Run(t, layertest.Weights(t, q), ps, vs); err != nil {
		t.Fatalf("qkv + attn_out + ffn in one proof rejected: %v", err)
	}
}
