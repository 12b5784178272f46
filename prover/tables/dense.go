package tables

import (
	"fmt"
	"math/big"
	"sync"
)

// siluCutoff: for |x| ≥ 32 the SILU entry is known exactly without any
// transcendental evaluation. With E = e^(−|x|), 2^16·silu(x) equals
// 2^16·x − 2^16·x·E/(1+E) for x > 0 and 2^16·x·E/(1+E) for x < 0, and
// 2^16·|x|·E < 2^21·e^(−32) < 2^-24 < ½, so the rounded value is 2^16·x
// (an integer) or 0. TestSiLUCutoffExact checks this against the full path.
const siluCutoff = 32 << SiLUInScaleLog

var (
	siluOnce  sync.Once
	siluTable *Table
	siluErr   error

	expcMu    sync.Mutex
	expcCache = map[int]*expcEntry{}
)

type expcEntry struct {
	once sync.Once
	t    *Table
	err  error
}

// SiLU returns the SILU table (PROTOCOL §6.5): 2^20 entries
// (j − 2^19, round(2^16·silu((j−2^19)/2^10))), round-half-even, computed
// once with big.Float at Prec bits and checked against its pinned SHA-256.
// The returned table is shared and must not be modified.
func SiLU() (*Table, error) {
	siluOnce.Do(func() {
		t := generateSiLU()
		if got := t.Digest(); got != pinnedSiLU {
			siluErr = fmt.Errorf("%w: SILU got %x", ErrDigest, got)
			return
		}
		siluTable = t
	})
	return siluTable, siluErr
}

// ExpCK0 returns k0 = ⌈12 + ½·log2 d_h⌉ (PROTOCOL §7.7), computed exactly as
// the least k with 4^(k−12) ≥ d_h.
func ExpCK0(dh int) int {
	k := 12
	for p := 1; p < dh; p *= 4 {
		k++
	}
	return k
}

// ExpC returns the softmax exponent table EXPC for head dimension dh
// (PROTOCOL §6.5, §7.7): 2^16 entries (j, θ − round(θ·exp(−j·2^k0/(2^24·√d_h)))),
// θ = 2^22. Only head dimensions with a pinned SHA-256 are accepted, so that
// prover and verifier can never disagree on the table. Cached per dh.
func ExpC(dh int) (*Table, error) {
	pin, ok := pinnedExpC[dh]
	if !ok {
		return nil, fmt.Errorf("%w: d_h=%d has no pinned EXPC digest (pinned: %v)", ErrHeadDim, dh, PinnedExpCHeadDims())
	}
	expcMu.Lock()
	e := expcCache[dh]
	if e == nil {
		e = &expcEntry{}
		expcCache[dh] = e
	}
	expcMu.Unlock()
	e.once.Do(func() {
		t := generateExpC(dh)
		if got := t.Digest(); got != pin {
			e.err = fmt.Errorf("%w: EXPC d_h=%d got %x", ErrDigest, dh, got)
			return
		}
		e.t = t
	})
	return e.t, e.err
}

// generateSiLU computes the SILU table without consulting the pin.
func generateSiLU() *Table {
	const half = 1 << (SiLULog - 1)
	const scaleShift = SiLUOutScaleLog - SiLUInScaleLog // 2^16·x = x_int·2^6
	out := make([]int64, 1<<SiLULog)
	for j := range out {
		xi := int64(j) - half
		switch {
		case xi >= siluCutoff:
			out[j] = xi << scaleShift
		case xi <= -siluCutoff:
			out[j] = 0
		}
	}
	// e^(−|x|) for |x_int| < cutoff as e^(−hi)·e^(−lo/2^10), |x_int| = hi·2^10 + lo.
	const loN = 1 << SiLUInScaleLog
	const hiN = siluCutoff >> SiLUInScaleLog
	expLo := expTable(loN, func(x *big.Float, i int) { x.SetInt64(int64(-i)); x.SetMantExp(x, -SiLUInScaleLog) })
	expHi := expTable(hiN, func(x *big.Float, i int) { x.SetInt64(int64(-i)) })

	e := newFloat(Prec)
	den := newFloat(Prec)
	v := newFloat(Prec)
	one := newFloat(Prec).SetInt64(1)
	for xi := int64(-siluCutoff + 1); xi < siluCutoff; xi++ {
		a := xi
		if a < 0 {
			a = -a
		}
		e.Mul(expHi[a>>SiLUInScaleLog], expLo[a&(loN-1)])
		den.Add(one, e)
		if xi >= 0 {
			v.Quo(one, den) // σ(x) = 1/(1+e^(−x))
		} else {
			v.Quo(e, den) // σ(x) = e^x/(1+e^x)
		}
		v.Mul(v, newFloat(Prec).SetInt64(xi<<scaleShift))
		out[xi+half] = RoundHalfEven(v).Int64()
	}
	return &Table{kind: KindSiLU, logSize: SiLULog, offset: half, out: out}
}

// generateExpC computes EXPC for dh without consulting the pin.
func generateExpC(dh int) *Table {
	const wp = Prec + 32
	// c = 2^k0 / (2^24·√d_h)
	c := newFloat(wp).SetInt64(int64(dh))
	c.Sqrt(c)
	c.Quo(newFloat(wp).SetMantExp(newFloat(wp).SetInt64(1), ExpCK0(dh)-24), c)

	const split = 8 // j = hi·2^8 + lo
	expLo := expTable(1<<split, func(x *big.Float, i int) { x.SetInt64(int64(-i)); x.Mul(x, c) })
	expHi := expTable(1<<(ExpCLog-split), func(x *big.Float, i int) { x.SetInt64(int64(-i) << split); x.Mul(x, c) })

	out := make([]int64, 1<<ExpCLog)
	theta := newFloat(Prec).SetInt64(Theta)
	v := newFloat(Prec)
	for j := range out {
		v.Mul(expHi[j>>split], expLo[j&(1<<split-1)])
		v.Mul(v, theta)
		out[j] = Theta - RoundHalfEven(v).Int64()
	}
	return &Table{kind: KindExpC, logSize: ExpCLog, dh: dh, out: out}
}

// expTable returns e^(arg(i)) for i ∈ [n], each at Prec+32 bits.
func expTable(n int, arg func(x *big.Float, i int)) []*big.Float {
	res := make([]*big.Float, n)
	x := newFloat(Prec + 64)
	for i := range res {
		arg(x, i)
		res[i] = Exp(x, Prec+32)
	}
	return res
}
