package fixed

import (
	"math"
	"math/big"
	"testing"
)

// The 128-bit rescale against math/big, at the §9.3 extremes.
func check128(t *testing.T, a, b, c, d int64, k uint) {
	x := mul128(a, b).add(mul128(c, d))
	got, ok := x.rescale(k)
	X := new(big.Int).Add(new(big.Int).Mul(big.NewInt(a), big.NewInt(b)), new(big.Int).Mul(big.NewInt(c), big.NewInt(d)))
	want := rescaleBig(X, k)
	if want.IsInt64() != ok || (ok && want.Int64() != got) {
		t.Fatalf("rescale(%d·%d + %d·%d, %d) = %d (fits %v), want %v", a, b, c, d, k, got, ok, want)
	}
}

func TestInt128Extremes(t *testing.T) {
	vals := []int64{0, 1, -1, 2, -2, 1 << 14, -(1 << 14), 1<<60 - 1, -(1 << 60), math.MaxInt64, math.MinInt64 + 1, 12345678901, -98765432109}
	for _, a := range vals {
		for _, b := range vals {
			for _, k := range []uint{0, 1, 16, 31, 48, 63} {
				check128(t, a, b, 0, 0, k)
				check128(t, a, b, b, a, k)
				check128(t, a, b, -a, b, k)
			}
		}
	}
	// rescale64 agrees within its domain.
	for _, x := range []int64{0, 1, -1, 1<<62 - 1, -(1 << 62), 32767, -32768, 7, -7} {
		for _, k := range []uint{0, 1, 4, 18, 40} {
			if got, want := rescale64(x, k), rescaleBig(big.NewInt(x), k); got != want.Int64() {
				t.Fatalf("rescale64(%d, %d) = %d, want %v", x, k, got, want)
			}
		}
	}
}

func FuzzInt128Rescale(f *testing.F) {
	f.Add(int64(math.MaxInt64), int64(1<<14), int64(-5), int64(3), uint8(18))
	f.Fuzz(func(t *testing.T, a, b, c, d int64, k uint8) {
		if a == math.MinInt64 || b == math.MinInt64 || c == math.MinInt64 || d == math.MinInt64 {
			return // |·| ≤ 2^63 − 1 keeps the sum of two products inside 127 bits
		}
		check128(t, a, b, c, d, uint(k%64))
	})
}

// rhoFast agrees with ⌊√(d·2^64/u)⌋ computed with math/big wherever it answers.
func TestRhoFastMatchesBig(t *testing.T) {
	_, q := stories(t)
	e, err := New(q, 1, Options{})
	if err != nil {
		t.Fatal(err)
	}
	K := new(big.Int).Lsh(big.NewInt(int64(q.Config.Dim)), 64)
	sums := []uint64{0, 1, 2, 1 << 20, 1<<32 - 1, 1 << 40, 1<<63 + 12345, math.MaxUint64 - e.kappa.Uint64(), math.MaxUint64}
	for x := uint64(3); x < 1<<62; x = x*7 + 1 {
		sums = append(sums, x)
	}
	answered := 0
	for _, s := range sums {
		rho, ok := e.rhoFast(i128{0, s})
		if !ok {
			continue
		}
		answered++
		u := new(big.Int).Add(new(big.Int).SetUint64(s), e.kappa)
		want := new(big.Int).Sqrt(new(big.Int).Quo(K, u))
		if want.Int64() != rho {
			t.Fatalf("S = %d: ρ = %d, want %v", s, rho, want)
		}
	}
	if answered < len(sums)-2 {
		t.Fatalf("fast path answered only %d of %d", answered, len(sums))
	}
	if _, ok := e.rhoFast(i128{1, 0}); ok {
		t.Fatal("fast path claimed a sum ≥ 2^64")
	}
}
