package matmul

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/parallel"

	"github.com/zkllm/zkllm/prover/mle"
)

// PartialEvalMiddle binds the middle variables [nLow, nLow+len(u)) of f (a
// table over (a, b, c) with a the nLow low variables, b the len(u) bound
// ones, c the rest) to u: out[a + 2^nLow·c] = Σ_b eq(u, b)·f[a + 2^nLow·b +
// 2^(nLow+len u)·c]. f must have a power-of-two length ≥ 2^(nLow+len u); it
// is not modified. Zero entries (padding) cost no multiplication, and the
// work is split over CPUs in contiguous runs of a.
func PartialEvalMiddle(f []fr.Element, nLow int, u []fr.Element) []fr.Element {
	low, mid := mle.Size(nLow), mle.Size(len(u))
	high := len(f) / (low * mid)
	eq := mle.EqTable(u)
	out := make([]fr.Element, low*high)
	work := func(start, end int) {
		var t fr.Element
		for o := start; o < end; {
			c, a0 := o/low, o%low
			a1 := min(low, a0+end-o)
			dst := out[c*low+a0 : c*low+a1]
			base := c * low * mid
			for b := range mid {
				if eq[b].IsZero() {
					continue
				}
				src := f[base+b*low+a0 : base+b*low+a1]
				for i := range src {
					if src[i].IsZero() {
						continue
					}
					t.Mul(&src[i], &eq[b])
					dst[i].Add(&dst[i], &t)
				}
			}
			o += a1 - a0
		}
	}
	if len(f) < 1<<12 {
		work(0, len(out))
	} else {
		parallel.Execute(len(out), work)
	}
	return out
}
