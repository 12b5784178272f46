package attention

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
)

// vKernel computes the round polynomials of the digits instance
// (vInstance, eq mode): Σ_x eq(r,x)·M(x)·(ẑ(x) − Z(x)) with ẑ broadcast over
// the key axis, as layers.EqProductKernel over M and W = ẑ − Z — the
// engine's polynomials, hence its proof — because
//   - its two terms are one product M·W (ẑ and Z fold linearly), W built
//     from the integers in one pass;
//   - M is the causal mask (zero above the diagonal) and W is zero on the
//     padded heads and layers: such pairs are skipped.
//
// Finals: eq(r,ρ), M(ρ), ẑ(ρ) from the un-broadcast ẑ, Z(ρ) = ẑ(ρ) − W(ρ).
type vKernel struct {
	*layers.EqProductKernel
	zhat []fr.Element // ẑ over (i, h, ℓ)
	low  int          // broadcast bits (the key axis)
}

// newVKernel takes over the mask table m (the caller must not use it
// again) and builds W = ẑ(x_top) − Z(x) from the witness integers.
func newVKernel(r []fr.Element, m []fr.Element, zhat, z []int64, low int) *vKernel {
	n := 1 << len(r)
	w := make([]fr.Element, n)
	field.Parallel(n, func(lo, hi int) {
		for x := lo; x < hi; x++ {
			var d int64
			if top := x >> low; top < len(zhat) {
				d = zhat[top]
			}
			if x < len(z) {
				d -= z[x]
			}
			w[x].SetInt64(d)
		}
	})
	return &vKernel{EqProductKernel: layers.NewEqProductKernel(r, m, w), zhat: toField(zhat), low: low}
}

// Finals returns eq(r,ρ), M(ρ), ẑ(ρ) and Z(ρ) = ẑ(ρ) − W(ρ).
func (k *vKernel) Finals() []fr.Element {
	f := k.EqProductKernel.Finals() // eq, M, W
	zh, err := mle.Evaluate(k.zhat, k.Rho()[k.low:])
	if err != nil {
		panic("attention: ẑ larger than its rows: " + err.Error())
	}
	var z fr.Element
	z.Sub(&zh, &f[2])
	return []fr.Element{f[0], f[1], zh, z}
}
