package fixed

import (
	"math"

	"github.com/zkllm/zkllm/prover/tables"
)

// softmax computes ẑ for one query row (scores z over keys j ≤ i, at 2^24) and
// writes Y (at θ = 2^22) into y (PROTOCOL §7.7). ẑ is the least z ≥ max z_j with
// Σ_j Y_j(z) ≤ θ; the sum is non-increasing in z, so the answer is unique and
// findShift computes exactly it.
func (e *Engine) softmax(z, y []int64, l int) (int64, error) {
	maxZ := z[0]
	for _, v := range z[1:] {
		maxZ = max(maxZ, v)
	}
	k0 := e.k0
	cut := int64(1) << (k0 + ExpDigitLog) // v ≥ cut ⇒ x2 ≠ 0 ⇒ Y = 0
	// d_j = maxZ − z_j; entries with d_j ≥ cut are 0 for every ẑ ≥ maxZ.
	live := e.s.live[:0]
	var f0 int64 // rowSum(live, 0), accumulated on the way
	for _, v := range z {
		if dj := maxZ - v; dj < cut {
			live = append(live, dj)
			f0 += int64(e.expY[uint16(dj>>k0)])
		}
	}
	e.s.live = live
	zhat := maxZ + e.findShift(live, f0)
	limit := int64(1) << (k0 + ExpDigitLog + e.wI) // x2 < 2^w_I (INDC range)
	for j, v := range z {
		vj := zhat - v
		if vj >= limit {
			return 0, e.overflow(l, "softmax digit x2", j, vj>>(k0+ExpDigitLog), "INDC range")
		}
		if vj < cut {
			y[j] = int64(e.expY[uint16(vj>>k0)])
		} else {
			y[j] = 0
		}
	}
	return zhat, nil
}

// rowSum is f(δ) = Σ_j Y(δ + d_j) with Y(v) = θ − EXPC(v >> k0) for v < 2^(k0+16), else 0.
func (e *Engine) rowSum(live []int64, delta int64) int64 {
	k0, expY := e.k0, e.expY
	cut := int64(1) << (k0 + ExpDigitLog)
	var s int64
	for _, dj := range live {
		if v := delta + dj; v < cut {
			s += int64(expY[uint16(v>>k0)]) // v < 2^(k0+16): the index fits
		}
	}
	return s
}

// findShift returns δ* = the least δ ≥ 0 with rowSum(δ) ≤ θ, given f0 = rowSum(live, 0).
//
// f = rowSum is a non-increasing step function: entry j reads digit
// x1 = (δ + d_j) >> k0, so f only changes where δ + d_j crosses a multiple of
// 2^k0. Phase 1 finds the least a with f(a·2^k0) ≤ θ; then δ* lies in
// ((a−1)·2^k0, a·2^k0], where each entry's digit is q_j or q_j + 1, switching
// at b = c_j. So f((a−1)·2^k0 + b) = F − Σ_{c_j ≤ b} drop_j, and δ* is found
// by a weighted selection over the (c_j, drop_j) in expected linear time.
// The float64 estimate below only chooses where phase 1 looks first (Y ≈
// θ·e^(−v/c), c = 2^24·√d_h); it cannot change the result.
func (e *Engine) findShift(live []int64, f0 int64) int64 {
	if f0 <= tables.Theta {
		return 0
	}
	k0 := e.k0
	unit := int64(1) << k0
	maxA := int64(1) << ExpDigitLog // f(maxA·2^k0) = 0
	guess := int64(math.Ceil(e.expScale*(math.Log(float64(f0))-math.Log(tables.Theta))/float64(unit))) + 1
	guess = min(max(guess, 1), maxA)
	// Phase 1: bracket lo < a* ≤ hi with f(lo·2^k0) > θ ≥ f(hi·2^k0), galloping from the guess.
	lo, hi := int64(0), maxA
	if e.rowSum(live, guess*unit) <= tables.Theta {
		hi = guess
		for step := int64(1); hi-step > lo; step *= 2 {
			if e.rowSum(live, (hi-step)*unit) > tables.Theta {
				lo = hi - step
				break
			}
			hi -= step
		}
	} else {
		lo = guess
		for step := int64(1); lo+step < hi; step *= 2 {
			if e.rowSum(live, (lo+step)*unit) <= tables.Theta {
				hi = lo + step
				break
			}
			lo += step
		}
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if e.rowSum(live, mid*unit) <= tables.Theta {
			hi = mid
		} else {
			lo = mid
		}
	}
	// Phase 2 inside ((hi−1)·2^k0, hi·2^k0].
	base := (hi - 1) * unit
	yq := func(x int64) int64 {
		if x < maxA {
			return int64(e.expY[x])
		}
		return 0
	}
	var total int64
	steps := e.s.steps[:0]
	for _, dj := range live {
		w := base + dj
		q := w >> k0
		y0 := yq(q)
		total += y0
		if drop := y0 - yq(q+1); drop > 0 {
			steps = append(steps, step{at: unit - (w & (unit - 1)), drop: drop})
		}
	}
	e.s.steps = steps
	return base + weightedThreshold(steps, total-tables.Theta)
}

type step struct{ at, drop int64 }

// weightedThreshold returns the least c among the steps' positions with
// Σ_{at ≤ c} drop ≥ need (need > 0; the total drop is ≥ need). It reorders s.
func weightedThreshold(s []step, need int64) int64 {
	for {
		// Three-way partition around a median-of-three pivot: < p, == p, > p.
		p := s[len(s)/2].at
		a, b := s[0].at, s[len(s)-1].at
		switch {
		case (a <= p) == (p <= b): // p is the median
		case (p <= a) == (a <= b):
			p = a
		default:
			p = b
		}
		lt, gt := 0, len(s)
		var wLT, wEQ int64
		for i := 0; i < gt; {
			switch {
			case s[i].at < p:
				wLT += s[i].drop
				s[lt], s[i] = s[i], s[lt]
				lt++
				i++
			case s[i].at > p:
				gt--
				s[gt], s[i] = s[i], s[gt]
			default:
				wEQ += s[i].drop
				i++
			}
		}
		switch {
		case wLT >= need:
			s = s[:lt]
		case wLT+wEQ >= need:
			return p
		default:
			need -= wLT + wEQ
			s = s[gt:]
		}
	}
}
