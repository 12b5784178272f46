package fixed

import "math/bits"

// i128 is a two's-complement 128-bit integer, for the few products that §9.3
// allows beyond int64 (RoPE, h·ρ·g, Σh²).
type i128 struct{ hi, lo uint64 }

func mul128(a, b int64) i128 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	// Signed high word from the unsigned product of the two's-complement words.
	if a < 0 {
		hi -= uint64(b)
	}
	if b < 0 {
		hi -= uint64(a)
	}
	return i128{hi, lo}
}

func (x i128) add(y i128) i128 {
	lo, c := bits.Add64(x.lo, y.lo, 0)
	return i128{x.hi + y.hi + c, lo}
}

// rescale returns ⌊(x + 2^(k−1)) / 2^k⌋ (k < 64) and whether it fits int64.
func (x i128) rescale(k uint) (int64, bool) {
	if k > 0 {
		x = x.add(i128{0, 1 << (k - 1)})
		x = i128{uint64(int64(x.hi) >> k), x.lo>>k | x.hi<<(64-k)}
	}
	return int64(x.lo), x.hi == uint64(int64(x.lo)>>63)
}

// rescale64 is rescale for an int64 X with |X| < 2^62 (so X + 2^(k−1) cannot wrap).
func rescale64(x int64, k uint) int64 {
	if k == 0 {
		return x
	}
	return (x + 1<<(k-1)) >> k
}
