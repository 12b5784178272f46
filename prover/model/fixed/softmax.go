package fixed

import "github.com/zkllm/zkllm/prover/tables"

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
	if sum(0) > tables.Theta {
		lo, hi := int64(0), cut // sum(lo) > θ ≥ sum(hi) = 0
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if sum(mid) <= tables.Theta {
				hi = mid
			} else {
				lo = mid
			}
		}
		delta = hi
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
