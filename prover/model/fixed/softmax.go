package fixed

import (
	"math"

	"github.com/zkllm/zkllm/prover/tables"
)

// softmax computes ẑ for one query row (scores z over keys j ≤ i, at 2^24) and
// writes Y (at θ = 2^22) into y (PROTOCOL §7.7). ẑ is the least z ≥ max z_j with
// Σ_j Y_j(z) ≤ θ; the sum is non-increasing in z, so bisection finds exactly
// that value whatever the starting bracket.
func (e *Engine) softmax(z, y []int64, l int) (int64, error) {
	maxZ := z[0]
	for _, v := range z[1:] {
		maxZ = max(maxZ, v)
	}
	k0 := e.k0
	cut := int64(1) << (k0 + ExpDigitLog) // v ≥ cut ⇒ x2 ≠ 0 ⇒ Y = 0
	// d_j = maxZ − z_j; entries with d_j ≥ cut are 0 for every ẑ ≥ maxZ.
	live := y[:0]
	for _, v := range z {
		if dj := maxZ - v; dj < cut {
			live = append(live, dj)
		}
	}
	sum := func(delta int64) int64 {
		var s int64
		for _, dj := range live {
			if v := delta + dj; v < cut {
				s += e.expY[v>>k0]
			}
		}
		return s
	}
	var delta int64
	if f0 := sum(0); f0 > tables.Theta {
		delta = e.searchShift(sum, f0, cut)
	}
	zhat := maxZ + delta
	limit := int64(1) << (k0 + ExpDigitLog + e.wI) // x2 < 2^w_I (INDC range)
	for j, v := range z {
		vj := zhat - v
		if vj >= limit {
			return 0, e.overflow(l, "softmax digit x2", j, vj>>(k0+ExpDigitLog), "INDC range")
		}
		if vj < cut {
			y[j] = e.expY[vj>>k0]
		} else {
			y[j] = 0
		}
	}
	return zhat, nil
}

// searchShift returns the least δ in (0, cut] with sum(δ) ≤ θ, given
// sum(0) = f0 > θ and sum(cut) = 0. sum is non-increasing, so the answer is
// unique and any bracketing search finds it; the float64 arithmetic below only
// picks the probe points (it cannot change the result). Since Y ≈ θ·e^(−v/c)
// with c = 2^24·√d_h, ln sum is nearly linear in δ: interpolating in log space
// lands within a few units of the answer, with bisection as the fallback
// whenever a probe fails to halve the bracket.
func (e *Engine) searchShift(sum func(int64) int64, f0, cut int64) int64 {
	lo, hi := int64(0), cut
	flo, fhi := f0, int64(0)
	lnTheta := math.Log(tables.Theta)
	interp := true
	for hi-lo > 1 {
		mid := int64(-1)
		if interp {
			lf := math.Log(float64(flo))
			var g float64
			if fhi > 0 {
				g = float64(lo) + float64(hi-lo)*(lf-lnTheta)/(lf-math.Log(float64(fhi)))
			} else {
				g = float64(lo) + e.expScale*(lf-lnTheta)
			}
			if g == g && g > float64(lo) && g < float64(hi) {
				mid = int64(math.Ceil(g))
			}
		}
		if mid <= lo || mid >= hi {
			mid = lo + (hi-lo)/2
		}
		width := hi - lo
		if fm := sum(mid); fm <= tables.Theta {
			hi, fhi = mid, fm
			// Overshooting a little is typical: probe just below next time.
		} else {
			lo, flo = mid, fm
		}
		interp = hi-lo <= width/2
	}
	return hi
}
