package field

import (
	"errors"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// ErrSignedRange is returned when an integer does not fit the signed
// encoding |z| < r/2.
var ErrSignedRange = errors.New("field: integer outside the signed range |z| < r/2")

var (
	modulus     = fr.Modulus()
	halfModulus = new(big.Int).Rsh(fr.Modulus(), 1) // (r−1)/2, r odd
)

// Modulus returns a fresh copy of r.
func Modulus() *big.Int { return new(big.Int).Set(modulus) }

// FromInt64 encodes a signed integer as z mod r.
func FromInt64(z int64) fr.Element {
	var e fr.Element
	e.SetInt64(z)
	return e
}

// FromBig encodes a signed integer with |z| ≤ (r−1)/2 as z mod r.
func FromBig(z *big.Int) (fr.Element, error) {
	var e fr.Element
	if z.CmpAbs(halfModulus) > 0 {
		return e, ErrSignedRange
	}
	e.SetBigInt(z) // reduces negatives mod r
	return e, nil
}

// ToSigned decodes x into the signed integer in (−r/2, r/2) and stores it in
// out (allocated when nil), which it returns.
func ToSigned(x *fr.Element, out *big.Int) *big.Int {
	if out == nil {
		out = new(big.Int)
	}
	x.BigInt(out)
	if out.Cmp(halfModulus) > 0 {
		out.Sub(out, modulus)
	}
	return out
}

// ToInt64 decodes x as a signed integer; ok is false when it does not fit an
// int64.
func ToInt64(x *fr.Element) (v int64, ok bool) {
	var b big.Int
	ToSigned(x, &b)
	if !b.IsInt64() {
		return 0, false
	}
	return b.Int64(), true
}
