package attention

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
)

// partialMiddle evaluates f over (a, m, c) — a of low bits, m of len(u)
// bits, c the rest — at m = u, returning the table over (a, c).
func partialMiddle(f []fr.Element, low int, u claims.Point) []fr.Element {
	eq := mle.EqTable(u.Coords())
	a := 1 << low
	blk := a * len(eq)
	out := make([]fr.Element, len(f)/len(eq))
	var t fr.Element
	for c := 0; c*blk < len(f); c++ {
		dst := out[c*a : (c+1)*a]
		for m, e := range eq {
			src := f[c*blk+m*a : c*blk+(m+1)*a]
			for x := range dst {
				t.Mul(&src[x], &e)
				dst[x].Add(&dst[x], &t)
			}
		}
	}
	return out
}

// expandHeads maps a table over (a, h', c) (h' a KV head of lHkv bits) to
// one over (a, h, c) (h a query head of lH bits) with entry (a, h, c) =
// (a, h/G, c) for real h and 0 for padded h.
func (g *Gadget) expandHeads(f []fr.Element, low int) []fr.Element {
	lH, lHkv := g.lH(), g.lHkv()
	a := 1 << low
	nc := len(f) >> (low + lHkv)
	out := make([]fr.Element, nc<<(low+lH))
	G := g.d.Group()
	for c := range nc {
		for h := range g.d.H {
			copy(out[(c<<lH|h)*a:(c<<lH|h+1)*a], f[(c<<lHkv|h/G)*a:(c<<lHkv|h/G+1)*a])
		}
	}
	return out
}

// causalTable is M(j, i) broadcast over heads and layers.
func (g *Gadget) causalTable() []fr.Element {
	return mle.BroadcastHigh(mle.CausalMaskTable(g.lT()), g.lH()+g.lL())
}

// validTable is P(j,i,h,ℓ) = [j ≤ i < T]·[h < H]·[ℓ < L].
func (g *Gadget) validTable() []fr.Element {
	out := make([]fr.Element, g.scores().Size())
	off := g.offsets()
	for l := range g.d.L {
		for h := range g.d.H {
			for i := range g.d.T {
				for j := 0; j <= i; j++ {
					out[idx(off.scores, j, i, h, l)].SetOne()
				}
			}
		}
	}
	return out
}

// boolPoint returns the n-bit Boolean point of x (LSB first).
func boolPoint(x, n int) []fr.Element {
	out := make([]fr.Element, n)
	for k := range out {
		out[k].SetUint64(uint64(x >> k & 1))
	}
	return out
}

func toField(v []int64) []fr.Element { return layers.ToField(v) }
