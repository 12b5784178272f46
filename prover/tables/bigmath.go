package tables

import (
	"math/big"
)

// Prec is the working precision, in bits, of every table computation. The
// protocol asks for at least 128 bits; the extra bits absorb the error of the
// argument reductions below so that the final results are good to ≥128 bits.
const Prec = 160

// newFloat returns a zero big.Float at precision prec with round-to-nearest-even.
func newFloat(prec uint) *big.Float {
	return new(big.Float).SetPrec(prec).SetMode(big.ToNearestEven)
}

// Exp returns e^x rounded to prec bits (prec ≥ 64).
//
// Why this way: math/big has no Exp. We halve x until |x| < 2^-8, sum the
// Taylor series there (≈ prec/8 terms) and square the result back. Each
// squaring doubles the relative error, so the series runs at prec + s + 32
// bits, s being the number of halvings.
func Exp(x *big.Float, prec uint) *big.Float {
	if x.IsInf() {
		panic("tables.Exp: infinite argument")
	}
	if x.Sign() == 0 {
		return newFloat(prec).SetInt64(1)
	}
	exp := x.MantExp(nil) // |x| ∈ [2^(exp−1), 2^exp)
	s := 0
	if exp > -8 {
		s = exp + 8
	}
	wp := prec + uint(s) + 32
	r := newFloat(wp).SetMantExp(x, -s) // r = x / 2^s, exact

	sum := newFloat(wp).SetInt64(1)
	term := newFloat(wp).SetInt64(1)
	k := newFloat(wp)
	for i := int64(1); ; i++ {
		term.Mul(term, r)
		term.Quo(term, k.SetInt64(i))
		if term.Sign() == 0 || term.MantExp(nil) < -int(wp)-2 {
			break
		}
		sum.Add(sum, term)
	}
	for ; s > 0; s-- {
		sum.Mul(sum, sum)
	}
	return newFloat(prec).Set(sum)
}

// Log returns the natural logarithm of x > 0 rounded to prec bits (prec ≥ 64).
//
// Why this way: math/big has no Log. With x = m·2^e, m ∈ [½,1), we use
// ln x = e·ln 2 + ln m and ln y = 2·atanh((y−1)/(y+1)), whose series
// converges at least 3 bits per term for y ∈ [½, 2].
func Log(x *big.Float, prec uint) *big.Float {
	if x.Sign() <= 0 || x.IsInf() {
		panic("tables.Log: argument must be finite and positive")
	}
	wp := prec + 64
	m := newFloat(wp)
	e := x.MantExp(m) // x = m·2^e, m ∈ [½, 1)
	res := atanhLog(m, wp)
	if e != 0 {
		two := newFloat(wp).SetInt64(2)
		ln2 := atanhLog(two, wp)
		res.Add(res, ln2.Mul(ln2, newFloat(wp).SetInt64(int64(e))))
	}
	return newFloat(prec).Set(res)
}

// atanhLog returns ln y = 2·atanh(z), z = (y−1)/(y+1), for y ∈ [½, 2].
func atanhLog(y *big.Float, wp uint) *big.Float {
	one := newFloat(wp).SetInt64(1)
	num := newFloat(wp).Sub(y, one)
	den := newFloat(wp).Add(y, one)
	z := num.Quo(num, den)
	z2 := newFloat(wp).Mul(z, z)
	sum := newFloat(wp).Set(z)
	pow := newFloat(wp).Set(z)
	term := newFloat(wp)
	k := newFloat(wp)
	for i := int64(3); ; i += 2 {
		pow.Mul(pow, z2)
		term.Quo(pow, k.SetInt64(i))
		if term.Sign() == 0 || term.MantExp(nil) < -int(wp)-2 {
			break
		}
		sum.Add(sum, term)
	}
	return sum.Mul(sum, newFloat(wp).SetInt64(2))
}

// RoundHalfEven returns the integer nearest to x, ties to even.
func RoundHalfEven(x *big.Float) *big.Int {
	fl := floorBig(x)
	frac := newFloat(x.Prec()+64).Sub(x, newFloat(x.Prec()+64).SetInt(fl)) // ∈ [0, 1)
	switch frac.Cmp(big.NewFloat(0.5)) {
	case 1:
		fl.Add(fl, big.NewInt(1))
	case 0:
		if fl.Bit(0) == 1 {
			fl.Add(fl, big.NewInt(1))
		}
	}
	return fl
}

// floorBig returns ⌊x⌋. big.Float.Int truncates toward zero.
func floorBig(x *big.Float) *big.Int {
	i, acc := x.Int(nil)
	if x.Sign() < 0 && acc == big.Above {
		i.Sub(i, big.NewInt(1))
	}
	return i
}
