package attention

import (
	"fmt"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/trace"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// witness holds the prover's values, each in padded order (zeros in the
// padding): the inputs Q_r, K_r, V as committed by the qkv gadget, the
// virtual scores Z and softmax output Y, and every committed tensor.
type witness struct {
	q, k, v                []int64 // act / kv shapes
	z, y                   []int64 // scores shape, virtual
	x0, x1, x2, ybar, ibar []int64 // scores shape (x2 virtual)
	zhat, e                []int64 // rows shape
	o                      *rescale.RescaleWitness
}

// layout offsets of the padded index maps.
type offsets struct{ act, kv, scores, rows [4]uint }

func (g *Gadget) offsets() offsets {
	lT, lH, lHkv, lD := uint(g.lT()), uint(g.lH()), uint(g.lHkv()), uint(g.lD())
	return offsets{
		act:    [4]uint{0, lD, lD + lH, lD + lH + lT},           // k, h, t, ℓ
		kv:     [4]uint{0, lD, lD + lHkv, lD + lHkv + lT},       // k, h', t, ℓ
		scores: [4]uint{0, lT, 2 * lT, 2*lT + lH},               // j, i, h, ℓ
		rows:   [4]uint{0, lT, lT + lH, lT + lH + uint(g.lL())}, // i, h, ℓ (last unused)
	}
}

func idx(off [4]uint, a, b, c, d int) int {
	return a<<off[0] | b<<off[1] | c<<off[2] | d<<off[3]
}

func stackPad(s layers.Shape, perLayer func(l int) []int64, L int) ([]int64, error) {
	var dense []int64
	for l := range L {
		dense = append(dense, perLayer(l)...)
	}
	return s.Pad(dense)
}

// buildWitness derives every value from the fixed-point pass and checks Y
// and O against it (unless a test hook forges them on purpose).
func (g *Gadget) buildWitness(lw []trace.LayerWitness) (*witness, error) {
	d := g.d
	if len(lw) != d.L {
		return nil, fmt.Errorf("%w: attention: %d layer witnesses for %d layers", layers.ErrGadget, len(lw), d.L)
	}
	w := &witness{}
	var err error
	if w.q, err = stackPad(g.act(), func(l int) []int64 { return lw[l].QR }, d.L); err != nil {
		return nil, err
	}
	if w.k, err = stackPad(g.kvAct(), func(l int) []int64 { return lw[l].KR }, d.L); err != nil {
		return nil, err
	}
	if w.v, err = stackPad(g.kvAct(), func(l int) []int64 { return lw[l].V }, d.L); err != nil {
		return nil, err
	}
	ns, nr := g.scores().Size(), g.rows().Size()
	for _, p := range []*[]int64{&w.z, &w.y, &w.x0, &w.x1, &w.x2, &w.ybar, &w.ibar} {
		*p = make([]int64, ns)
	}
	w.zhat, w.e = make([]int64, nr), make([]int64, nr)
	oacc := make([]int64, g.act().Size())
	off := g.offsets()
	k0 := uint(g.k0)
	lowMask := int64(1)<<k0 - 1
	limit := int64(1) << (k0 + 16 + uint(g.indc()))
	E := int64(1) << g.logE
	check := g.hooks.zhatRaise == 0 && !g.hooks.futureY
	G := d.Group()
	pairWitness := func(l, h int) error {
		hk := h / G
		for i := range d.T {
			ri := idx(off.rows, i, h, l, 0)
			zhat := lw[l].ZHat[i*d.H+h]
			if i == 0 && h == 0 && l == 0 {
				zhat += g.hooks.zhatRaise
			}
			w.zhat[ri] = zhat
			var fixedY []int64
			if check {
				fixedY = lw[l].YRow(i, h, d.H)
			}
			var sum int64
			for j := range d.T {
				var z int64
				for k := range d.Dh {
					z += w.q[idx(off.act, k, h, i, l)] * w.k[idx(off.kv, k, hk, j, l)]
				}
				si := idx(off.scores, j, i, h, l)
				w.z[si] = z
				if j > i {
					continue // masked: v = 0, every digit 0, ȳ = EXPC(0) = 0
				}
				v := zhat - z
				if v < 0 || v >= limit {
					return fmt.Errorf("%w: attention: layer %d head %d row %d key %d: digit value %d outside [0, 2^%d)", layers.ErrGadget, l, h, i, j, v, k0+16+uint(g.indc()))
				}
				x1 := v >> k0 & 0xffff
				w.x0[si], w.x1[si], w.x2[si] = v&lowMask, x1, v>>(k0+16)
				w.ybar[si] = g.expc.Out(int(x1))
				var y int64
				if w.x2[si] == 0 {
					y = tables.Theta - w.ybar[si]
				} else {
					w.ibar[si] = 1
				}
				if check && y != fixedY[j] {
					return fmt.Errorf("%w: attention: layer %d head %d row %d key %d: Y = %d, fixed pass has %d", layers.ErrGadget, l, h, i, j, y, fixedY[j])
				}
				w.y[si] = y
				sum += y
			}
			if g.hooks.futureY && i+1 < d.T && l == 0 && h == 0 && i == 0 {
				// Attack 12: half of key 0's mass moves to the future key 1.
				m := w.y[idx(off.scores, 0, i, h, l)] / 2
				w.y[idx(off.scores, 0, i, h, l)] -= m
				w.y[idx(off.scores, 1, i, h, l)] += m
			}
			e := tables.Theta - sum
			if g.hooks.zhatRaise != 0 {
				e = min(max(e, 0), E-1) // the forger keeps e in its table
			}
			if e < 0 || e >= E {
				return fmt.Errorf("%w: attention: layer %d head %d row %d: row-sum slack %d outside [0, 2^%d)", layers.ErrGadget, l, h, i, e, g.logE)
			}
			w.e[ri] = e
			for k := range d.Dh {
				var acc int64
				for j := 0; j <= min(i+1, d.T-1); j++ {
					acc += w.y[idx(off.scores, j, i, h, l)] * w.v[idx(off.kv, k, hk, j, l)]
				}
				oacc[idx(off.act, k, h, i, l)] = acc
			}
		}
		return nil
	}
	// Every (layer, head) pair writes its own entries: the pairs run over
	// the cores, and the error reported is the first pair's (serial order).
	errs := make([]error, d.L*d.H)
	field.ParallelMin(d.L*d.H, 1, func(lo, hi int) {
		for pair := lo; pair < hi; pair++ {
			errs[pair] = pairWitness(pair/d.H, pair%d.H)
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if w.o, err = g.oRescale().Witness(oacc); err != nil {
		return nil, err
	}
	if check {
		for l := range d.L {
			for t := range d.T {
				for c := range d.D {
					if got, want := w.o.Q[idx(off.act, c, 0, t, l)], lw[l].O[t*d.D+c]; got != want {
						return nil, fmt.Errorf("%w: attention: layer %d position %d: O[%d] = %d, fixed pass has %d", layers.ErrGadget, l, t, c, got, want)
					}
				}
			}
		}
	}
	return w, nil
}

// Witness implements layers.ProverGadget.
func (g *Gadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	w := g.w
	if w == nil {
		return nil, nil, fmt.Errorf("%w: attention: verifier copy has no witness", layers.ErrGadget)
	}
	vals := map[string][]int64{
		TensorZHat: w.zhat, TensorX0: w.x0, TensorX1: w.x1, TensorYBar: w.ybar, TensorIBar: w.ibar, TensorE: w.e,
	}
	o := g.oRescale()
	for i, n := range o.Quotient().LimbNames() {
		vals[n] = w.o.QLimbs[i]
	}
	for i, n := range o.Remainder().LimbNames() {
		vals[n] = w.o.RLimbs[i]
	}
	if g.hooks.tamper != nil {
		g.hooks.tamper(vals)
	}
	cols := []tlookup.Column{{In: w.x0}, {In: w.x1, Out: w.ybar}, {In: w.x2, Out: w.ibar}, {In: w.e}}
	return vals, append(cols, o.Columns(w.o)...), nil
}
