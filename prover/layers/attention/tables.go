package attention

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// partialMiddle evaluates f over (a, m, c) — a of low bits, m of len(u)
// bits, c the rest — at m = u, returning the table over (a, c). f holds
// small integers (a witness tensor): each output is Σ_m eq(u,m)·f(a,m,c)
// with no conversion of f, and the c blocks run in parallel.
func partialMiddle(f []int64, low int, u claims.Point) []fr.Element {
	eq := mle.EqTable(u.Coords())
	a := 1 << low
	blk := a * len(eq)
	out := make([]fr.Element, len(f)/len(eq))
	field.ParallelMin(len(out)/a, 1, func(clo, chi int) {
		var t fr.Element
		for c := clo; c < chi; c++ {
			dst := out[c*a : (c+1)*a]
			for m := range eq {
				src := f[c*blk+m*a : c*blk+(m+1)*a]
				for x, v := range src {
					if v == 0 {
						continue
					}
					t.SetInt64(v)
					t.Mul(&t, &eq[m])
					dst[x].Add(&dst[x], &t)
				}
			}
		}
	})
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

// validTable is P(j,i,h,ℓ) = [j ≤ i < T]·[h < H]·[ℓ < L]: each real row
// (i, h, ℓ) is a run of ones over j ≤ i (the key axis is lowest), rows in
// parallel.
func (g *Gadget) validTable() []fr.Element {
	out := make([]fr.Element, g.scores().Size())
	off := g.offsets()
	T := g.d.T
	one := fr.One()
	field.ParallelMin(g.d.L*g.d.H*T, 16, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			i, h, l := r%T, r/T%g.d.H, r/(T*g.d.H)
			row := out[idx(off.scores, 0, i, h, l):][:i+1]
			for j := range row {
				row[j] = one
			}
		}
	})
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

// toField converts a witness tensor to field elements, in parallel.
func toField(v []int64) []fr.Element {
	out := make([]fr.Element, len(v))
	field.Parallel(len(v), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i].SetInt64(v[i])
		}
	})
	return out
}
