package rope

import (
	"fmt"
	"math/big"
	"sync"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/tables"
)

// ScaleLog: the tables are at scale 2^14 (PROTOCOL §9.1).
const ScaleLog = 14

// Prec is the working precision in bits; arguments reach 2^20 radians, whose
// reduction mod 2π consumes about 20 bits of it.
const Prec = 224

// MaxPositions bounds T so that table generation stays proportionate.
const MaxPositions = 1 << 20

// Tables holds C and S for one (head size, base, scaling), positions [0, T).
type Tables struct {
	HeadSize int
	Theta    float64
	Scaling  model.RopeScaling
	T        int
	Cos, Sin []int32 // [t][HeadSize/2]
}

type key struct {
	hs    int
	theta float64
	sc    model.RopeScaling
	t     int
}

var cache sync.Map // key → *entry

type entry struct {
	once sync.Once
	tab  *Tables
	err  error
}

// Get returns the unscaled tables for headSize, base theta and T positions;
// results are cached per process and must not be modified.
func Get(headSize int, theta float64, T int) (*Tables, error) {
	return GetScaled(headSize, theta, model.RopeScaling{}, T)
}

// GetScaled is Get with the frequencies rescaled per sc
// (model.RopeScaling), computed exactly like the unscaled ones.
func GetScaled(headSize int, theta float64, sc model.RopeScaling, T int) (*Tables, error) {
	if headSize < 2 || headSize%2 != 0 || headSize > 1<<16 {
		return nil, fmt.Errorf("rope: head size %d must be even and in [2, 2^16]", headSize)
	}
	if T < 1 || T > MaxPositions {
		return nil, fmt.Errorf("rope: %d positions outside [1, %d]", T, MaxPositions)
	}
	if !(theta > 1) || theta > 1e9 {
		return nil, fmt.Errorf("rope: base %v outside (1, 1e9]", theta)
	}
	if err := sc.Validate(); err != nil {
		return nil, fmt.Errorf("rope: %w", err)
	}
	v, _ := cache.LoadOrStore(key{headSize, theta, sc, T}, &entry{})
	e := v.(*entry)
	e.once.Do(func() { e.tab = generate(headSize, theta, sc, T) })
	return e.tab, e.err
}

// scaledFrequency applies the llama3 rule of model.RopeScaling to ω in exact
// arithmetic: compare 2π·f with L·ω instead of the wavelength 2π/ω with L/f.
func scaledFrequency(omega, twoPi *big.Float, sc model.RopeScaling) *big.Float {
	if sc.Type != model.RopeScalingLlama3 {
		return omega
	}
	f := func(x float64) *big.Float { return newFloat().SetFloat64(x) }
	lw := newFloat().Mul(f(float64(sc.OriginalMaxPositions)), omega)
	switch {
	case newFloat().Mul(twoPi, f(sc.HighFreqFactor)).Cmp(lw) < 0: // λ < L/high
		return omega
	case newFloat().Mul(twoPi, f(sc.LowFreqFactor)).Cmp(lw) > 0: // λ > L/low
		return newFloat().Quo(omega, f(sc.Factor))
	}
	// s = (L/λ − low)/(high − low), L/λ = L·ω/2π; ω' = (1−s)·ω/F + s·ω.
	s := newFloat().Quo(lw, twoPi)
	s.Sub(s, f(sc.LowFreqFactor))
	s.Quo(s, newFloat().Sub(f(sc.HighFreqFactor), f(sc.LowFreqFactor)))
	low := newFloat().Quo(omega, f(sc.Factor))
	low.Mul(low, newFloat().Sub(f(1), s))
	return low.Add(low, newFloat().Mul(s, omega))
}

func generate(hs int, theta float64, sc model.RopeScaling, T int) *Tables {
	half := hs / 2
	tab := &Tables{HeadSize: hs, Theta: theta, Scaling: sc, T: T, Cos: make([]int32, T*half), Sin: make([]int32, T*half)}
	twoPi := pi(Prec)
	twoPi.Mul(twoPi, newFloat().SetInt64(2))
	lnTheta := tables.Log(newFloat().SetFloat64(theta), Prec)
	scale := newFloat().SetMantExp(newFloat().SetInt64(1), ScaleLog)
	for i := range half {
		// ω_i = exp(−(2i/hs)·ln θ); then (cos, sin)(tω) by complex
		// multiplication with e^{iω}: each step adds ~2^-Prec of error, so
		// after 2^20 steps the values are still good to ~200 bits, far below
		// the 2^-15 that could move a rounding.
		arg := newFloat().Quo(newFloat().SetInt64(int64(-2*i)), newFloat().SetInt64(int64(hs)))
		omega := scaledFrequency(tables.Exp(arg.Mul(arg, lnTheta), Prec), twoPi, sc)
		wc, ws := cosSin(omega, twoPi)
		c, s := newFloat().SetInt64(1), newFloat()
		t1, t2, t3, t4 := newFloat(), newFloat(), newFloat(), newFloat()
		out := newFloat()
		for t := range T {
			tab.Cos[t*half+i] = int32(tables.RoundHalfEven(out.Mul(c, scale)).Int64())
			tab.Sin[t*half+i] = int32(tables.RoundHalfEven(out.Mul(s, scale)).Int64())
			// (c + is)(wc + i·ws)
			t1.Mul(c, wc)
			t2.Mul(s, ws)
			t3.Mul(c, ws)
			t4.Mul(s, wc)
			c.Sub(t1, t2)
			s.Add(t3, t4)
		}
	}
	return tab
}

func newFloat() *big.Float { return new(big.Float).SetPrec(Prec).SetMode(big.ToNearestEven) }

// cosSin returns cos x and sin x for x ≥ 0.
func cosSin(x, twoPi *big.Float) (*big.Float, *big.Float) {
	// Reduce x to [0, 2π): x − 2π·⌊x/2π⌋.
	q := newFloat().Quo(x, twoPi)
	n, _ := q.Int(nil)
	r := newFloat().Sub(x, newFloat().Mul(twoPi, newFloat().SetInt(n)))
	// Halve k times to |r| < 2^-8, then use the double-angle formulas.
	k := 0
	if e := r.MantExp(nil); e > -8 && r.Sign() != 0 {
		k = e + 8
	}
	r.SetMantExp(r, -k)
	r2 := newFloat().Mul(r, r)
	c, s := newFloat().SetInt64(1), newFloat().Set(r)
	tc, ts := newFloat().SetInt64(1), newFloat().Set(r)
	d := newFloat()
	for j := int64(1); ; j++ {
		// tc_j = −tc_{j−1}·r²/((2j−1)(2j)), ts_j = −ts_{j−1}·r²/((2j)(2j+1))
		tc.Mul(tc, r2)
		tc.Quo(tc, d.SetInt64(-(2*j-1)*(2*j)))
		ts.Mul(ts, r2)
		ts.Quo(ts, d.SetInt64(-(2*j)*(2*j+1)))
		if tc.Sign() == 0 || tc.MantExp(nil) < -Prec-2 {
			break
		}
		c.Add(c, tc)
		s.Add(s, ts)
	}
	one := newFloat().SetInt64(1)
	for ; k > 0; k-- {
		// sin 2a = 2 sin a cos a ; cos 2a = 1 − 2 sin² a (stable near a = 0)
		s2 := newFloat().Mul(s, s)
		s.Mul(s, c)
		s.SetMantExp(s, 1)
		c.Sub(one, s2.SetMantExp(s2, 1))
	}
	return c, s
}

// pi returns π by Machin's formula π = 16·atan(1/5) − 4·atan(1/239).
func pi(prec uint) *big.Float {
	a := atanInv(5, prec+16)
	b := atanInv(239, prec+16)
	a.Mul(a, newFloat().SetInt64(16))
	b.Mul(b, newFloat().SetInt64(4))
	return a.Sub(a, b)
}

// atanInv returns atan(1/n) = Σ (−1)^j / ((2j+1)·n^(2j+1)).
func atanInv(n int64, prec uint) *big.Float {
	f := func() *big.Float { return new(big.Float).SetPrec(prec).SetMode(big.ToNearestEven) }
	n2 := f().SetInt64(n * n)
	pow := f().Quo(f().SetInt64(1), f().SetInt64(n)) // 1/n^(2j+1)
	sum := f().Set(pow)
	term := f()
	for j := int64(1); ; j++ {
		pow.Quo(pow, n2)
		term.Quo(pow, f().SetInt64(2*j+1))
		if term.MantExp(nil) < -int(prec)-2 {
			break
		}
		if j%2 == 1 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
	return sum
}
