package output

import (
	"fmt"
	"math/big"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// keyBits is the width of key_v = ℓ_v·V_pad + (V_pad − 1 − v): |ℓ| < 2^23
// gives |key| < 2^(24 + log V_pad), a Signed(25 + log V_pad) value.
func (g *Gadget) keyBits() int { return 25 + g.logV() }

func (g *Gadget) bitsChecked() rescale.Checked { return g.checked(TensorBits, rescale.Unsigned(1)) }

func (g *Gadget) tauChecked() rescale.Checked {
	return rescale.Checked{Name: TensorTau, Format: rescale.Signed(g.keyBits()), LogSize: g.logG()}
}

// keyChecked is A = b·(key − τ) or B = (1−b)·(τ − 1 − key), both in
// [0, 2^keyBits).
func (g *Gadget) keyChecked(name string) rescale.Checked {
	return g.checked(name, rescale.Unsigned(g.keyBits()))
}

// key returns key_v for row gi.
func (g *Gadget) key(gi, v int) int64 {
	vp := int64(1) << g.logV()
	return g.logits[gi][v]*vp + vp - 1 - int64(v)
}

type witness struct {
	vals map[string][]int64
	cols []tlookup.Column
}

// compute derives Δ (and, with top-k, b, τ, A, B) from the logits; a token
// that is not the rule's choice leaves a negative Δ, which the prover
// refuses (unless a test hook wraps it, to show the verifier rejects it).
func (g *Gadget) compute() error {
	G, V := g.G(), g.V
	delta := make([][]int64, G)
	var bits [][]bool
	var tau []int64
	if g.topK() {
		bits = make([][]bool, G)
		tau = make([]int64, G)
	}
	for gi, o := range g.Tokens {
		if g.topK() {
			bits[gi] = sample.Candidates(g.logits[gi], g.Rule.TopK)
			if g.hooks.forceCandidate && !bits[gi][o] {
				// Swap o in for the weakest candidate (a forged candidate set).
				bits[gi][g.weakest(gi, bits[gi])] = false
				bits[gi][o] = true
			}
			if !bits[gi][o] {
				return fmt.Errorf("%w: output row %d: token %d is not among the top-%d candidates", rescale.ErrRange, gi, o, g.Rule.TopK)
			}
			tau[gi] = g.minKey(gi, bits[gi])
		}
		m := g.score(gi, o)
		delta[gi] = make([]int64, V)
		for v := 0; v < V; v++ {
			if bits != nil && !bits[gi][v] {
				continue
			}
			d := m - g.score(gi, v)
			if v < o {
				d--
			}
			delta[gi][v] = d
		}
	}
	w := &witness{vals: map[string][]int64{}}
	g.w = w
	if err := g.add(g.deltaChecked(), g.Shape(), func(gi, v int) int64 { return delta[gi][v] }); err != nil {
		return err
	}
	if !g.topK() {
		return nil
	}
	b := func(gi, v int) int64 {
		if bits[gi][v] {
			return 1
		}
		return 0
	}
	if err := g.add(g.bitsChecked(), g.Shape(), b); err != nil {
		return err
	}
	if err := g.add(g.tauChecked(), layers.Shape{G}, func(gi, _ int) int64 { return tau[gi] }); err != nil {
		return err
	}
	if err := g.add(g.keyChecked(TensorAbove), g.Shape(), func(gi, v int) int64 { return b(gi, v) * (g.key(gi, v) - tau[gi]) }); err != nil {
		return err
	}
	return g.add(g.keyChecked(TensorBelow), g.Shape(), func(gi, v int) int64 { return (1 - b(gi, v)) * (tau[gi] - 1 - g.key(gi, v)) })
}

func (g *Gadget) weakest(gi int, bits []bool) int {
	best := -1
	for v, ok := range bits {
		if ok && (best < 0 || g.key(gi, v) < g.key(gi, best)) {
			best = v
		}
	}
	return best
}

func (g *Gadget) minKey(gi int, bits []bool) int64 {
	return g.key(gi, g.weakest(gi, bits))
}

// add lays out f over sh (a [V, G] tensor, or [G] with f(g, 0)), splits it
// into limbs and records the lookup columns.
func (g *Gadget) add(c rescale.Checked, sh layers.Shape, f func(gi, v int) int64) error {
	dense := make([]int64, sh.Len())
	if len(sh) == 1 {
		for gi := range dense {
			dense[gi] = f(gi, 0)
		}
	} else {
		for gi := 0; gi < g.G(); gi++ {
			for v := 0; v < g.V; v++ {
				dense[gi*g.V+v] = f(gi, v)
			}
		}
	}
	if g.hooks.wrap {
		mod := new(big.Int).Lsh(big.NewInt(1), uint(c.Format.Bits))
		for i, x := range dense {
			if !c.Format.Contains(x) && !c.Format.Signed && x < 0 {
				dense[i] = new(big.Int).Mod(big.NewInt(x), mod).Int64()
			}
		}
	}
	for i, x := range dense {
		if !c.Format.Contains(x) {
			return fmt.Errorf("%w: output %q index %d = %d outside %s (the token is not the rule's choice?)", rescale.ErrRange, c.Name, i, x, c.Format)
		}
	}
	pad, err := sh.Pad(dense)
	if err != nil {
		return err
	}
	limbs, err := c.Limbs(pad)
	if err != nil {
		return err
	}
	for i, l := range limbs {
		g.w.vals[c.LimbName(i)] = l
	}
	g.w.cols = append(g.w.cols, c.Columns(limbs)...)
	return nil
}

// Witness implements layers.ProverGadget.
func (g *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	if g.w == nil {
		return nil, nil, fmt.Errorf("%w: output: no witness", layers.ErrGadget)
	}
	if g.hooks.tamper != nil {
		g.hooks.tamper(g.w.vals)
	}
	return g.w.vals, g.w.cols, nil
}
