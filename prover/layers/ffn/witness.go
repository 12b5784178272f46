package ffn

import (
	"fmt"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/trace"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// stacked returns a per-layer witness tensor stacked over layers, padded
// for shape sh.
func (g *Gadget) stacked(sh layers.Shape, get func(*trace.LayerWitness) []int64) ([]int64, error) {
	var dense []int64
	for l := range g.wit.Layers {
		dense = append(dense, get(&g.wit.Layers[l])...)
	}
	return sh.Pad(dense)
}

// Witness implements layers.ProverGadget: the four rescales from the
// recorded accumulators (u, up, f) and from s ⊙ up (p), and SILU(u). The
// column order is that of Lookups.
func (g *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	if g.wit == nil {
		return nil, nil, fmt.Errorf("%w: ffn: no witness (verifier side)", layers.ErrGadget)
	}
	ru, rup, rp, rf := g.Rescales()
	h := g.hidden()
	gate, err := g.stacked(h, func(l *trace.LayerWitness) []int64 { return l.GateAcc })
	if err != nil {
		return nil, nil, err
	}
	upAcc, err := g.stacked(h, func(l *trace.LayerWitness) []int64 { return l.UpAcc })
	if err != nil {
		return nil, nil, err
	}
	down, err := g.stacked(g.Dims.Act(g.Dims.D), func(l *trace.LayerWitness) []int64 { return l.DownAcc })
	if err != nil {
		return nil, nil, err
	}
	vals := map[string][]int64{}
	var cols []tlookup.Column
	wu, err := ru.Witness(gate)
	if err != nil {
		return nil, nil, err
	}
	cols = append(cols, layers.PutRescale(vals, ru, wu)...)
	wup, err := rup.Witness(upAcc)
	if err != nil {
		return nil, nil, err
	}
	cols = append(cols, layers.PutRescale(vals, rup, wup)...)
	s, sc, err := g.silu().Witness(wu.Q)
	if err != nil {
		return nil, nil, err
	}
	prod := make([]int64, len(s))
	field.ParallelMin(len(s), 1<<14, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			prod[i] = s[i] * wup.Q[i] // |s| < 2^25, |up| < 2^31
		}
	})
	wp, err := rp.Witness(prod)
	if err != nil {
		return nil, nil, err
	}
	cols = append(cols, layers.PutRescale(vals, rp, wp)...)
	wf, err := rf.Witness(down)
	if err != nil {
		return nil, nil, err
	}
	cols = append(cols, layers.PutRescale(vals, rf, wf)...)
	vals[layers.TensorS] = s
	if !g.hooks.noSiLU {
		cols = append(cols, sc)
	}
	if g.hooks.tamper != nil {
		g.hooks.tamper(vals)
	}
	return vals, cols, nil
}
