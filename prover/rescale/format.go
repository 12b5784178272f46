package rescale

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/zkllm/zkllm/prover/tables"
)

// LimbBits is the width of every limb but the top one (PROTOCOL §7.1).
const LimbBits = 16

// SingleLimbMaxBits: a value of at most this many bits is its own single limb.
const SingleLimbMaxBits = 20

// MaxBits bounds a range-checked format: every integer in the computation is
// below 2^150 (PROTOCOL §9.3).
const MaxBits = 150

// Errors of the witness helpers.
var (
	ErrFormat   = errors.New("rescale: invalid integer format")
	ErrRange    = errors.New("rescale: value outside its format")
	ErrShift    = errors.New("rescale: invalid rescale shift")
	ErrOverflow = errors.New("rescale: value too large for the int64 path")
)

// Format is a committed integer format: Bits-bit unsigned ([0, 2^Bits)) or
// signed ([−2^(Bits−1), 2^(Bits−1))). "A32" is Format{32, true}.
type Format struct {
	Bits   int
	Signed bool
}

// Signed and Unsigned are shorthands for the two format families.
func Signed(bits int) Format   { return Format{Bits: bits, Signed: true} }
func Unsigned(bits int) Format { return Format{Bits: bits} }

// String returns e.g. "A32" (signed) or "U26" (unsigned).
func (f Format) String() string {
	if f.Signed {
		return fmt.Sprintf("A%d", f.Bits)
	}
	return fmt.Sprintf("U%d", f.Bits)
}

// Validate reports whether 1 ≤ Bits ≤ MaxBits.
func (f Format) Validate() error {
	if f.Bits < 1 || f.Bits > MaxBits {
		return fmt.Errorf("%w: %s (bits must be 1..%d)", ErrFormat, f, MaxBits)
	}
	return nil
}

// NumLimbs returns m: 1 when Bits ≤ 20, else ⌈Bits/16⌉.
func (f Format) NumLimbs() int {
	if f.Bits <= SingleLimbMaxBits {
		return 1
	}
	return (f.Bits + LimbBits - 1) / LimbBits
}

// TopBits returns the width of the top (possibly only) limb.
func (f Format) TopBits() int {
	return f.Bits - LimbBits*(f.NumLimbs()-1)
}

// LimbTable returns the table limb i is looked up in: RANGE_16 below the
// top, and RANGE_top or SRANGE_top for the top limb.
func (f Format) LimbTable(i int) (*tables.Table, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	m := f.NumLimbs()
	switch {
	case i < 0 || i >= m:
		return nil, fmt.Errorf("%w: limb %d of %s (has %d)", ErrFormat, i, f, m)
	case i < m-1:
		return tables.Range(LimbBits)
	case f.Signed:
		return tables.SRange(f.TopBits())
	default:
		return tables.Range(f.TopBits())
	}
}

// Bounds returns the inclusive range [lo, hi] of the format as big.Ints.
func (f Format) Bounds() (lo, hi *big.Int) {
	one := big.NewInt(1)
	if f.Signed {
		hi = new(big.Int).Lsh(one, uint(f.Bits-1))
		lo = new(big.Int).Neg(hi)
		hi.Sub(hi, one)
		return lo, hi
	}
	hi = new(big.Int).Lsh(one, uint(f.Bits))
	return new(big.Int), hi.Sub(hi, one)
}

// Contains reports whether v lies in the format.
func (f Format) Contains(v int64) bool {
	if f.Bits >= 64 {
		return f.Signed || v >= 0
	}
	if f.Signed {
		h := int64(1) << (f.Bits - 1)
		return v >= -h && v < h
	}
	return v >= 0 && v < int64(1)<<f.Bits
}

// ContainsBig reports whether v lies in the format.
func (f Format) ContainsBig(v *big.Int) bool {
	lo, hi := f.Bounds()
	return v.Cmp(lo) >= 0 && v.Cmp(hi) <= 0
}

// Decompose writes v's limbs into dst (len NumLimbs()), least significant
// first: v = Σ 2^(16i)·dst[i], dst[i] ∈ [0, 2^16) below the top and the top
// limb signed or unsigned per the format. Zero has all-zero limbs.
func (f Format) Decompose(v int64, dst []int64) error {
	if err := f.checkDst(dst); err != nil {
		return err
	}
	if !f.Contains(v) {
		return fmt.Errorf("%w: %d is not %s", ErrRange, v, f)
	}
	for i := 0; i < len(dst)-1; i++ {
		dst[i] = v & (1<<LimbBits - 1)
		v >>= LimbBits // arithmetic: floor division for negatives
	}
	dst[len(dst)-1] = v
	return nil
}

// DecomposeBig is Decompose for values beyond int64 (up to MaxBits bits).
func (f Format) DecomposeBig(v *big.Int, dst []int64) error {
	if err := f.checkDst(dst); err != nil {
		return err
	}
	if !f.ContainsBig(v) {
		return fmt.Errorf("%w: %s is not %s", ErrRange, v, f)
	}
	mask := big.NewInt(1<<LimbBits - 1)
	cur := new(big.Int).Set(v)
	limb := new(big.Int)
	for i := 0; i < len(dst)-1; i++ {
		dst[i] = limb.And(cur, mask).Int64() // two's-complement semantics
		cur.Rsh(cur, LimbBits)               // arithmetic shift: floor
	}
	dst[len(dst)-1] = cur.Int64() // fits: |top| ≤ 2^16
	return nil
}

// Recompose returns Σ 2^(16i)·limbs[i] as a big.Int (the inverse of Decompose).
func Recompose(limbs []int64) *big.Int {
	acc := new(big.Int)
	for i := len(limbs) - 1; i >= 0; i-- {
		acc.Lsh(acc, LimbBits)
		acc.Add(acc, big.NewInt(limbs[i]))
	}
	return acc
}

func (f Format) checkDst(dst []int64) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if len(dst) != f.NumLimbs() {
		return fmt.Errorf("%w: %s has %d limbs, got a buffer of %d", ErrFormat, f, f.NumLimbs(), len(dst))
	}
	return nil
}
