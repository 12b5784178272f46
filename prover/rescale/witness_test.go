package rescale

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

func TestRescaleMatchesBigFloor(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for it := 0; it < 20000; it++ {
		k := 1 + rng.IntN(40)
		x := rng.Int64N(1<<61) - 1<<60
		if it%7 == 0 {
			x = rng.Int64N(1<<uint(k+2)) - 1<<uint(k+1) // near zero, both signs
		}
		q, r, err := RoundShift(x, k)
		if err != nil {
			t.Fatal(err)
		}
		bq, br, _ := RoundShiftBig(big.NewInt(x), k)
		if bq.Int64() != q || br.Int64() != r {
			t.Fatalf("x=%d k=%d: int64 (%d,%d) big (%s,%s)", x, k, q, r, bq, br)
		}
		half := int64(1) << (k - 1)
		if r < -half || r >= half || q<<k+r != x {
			t.Fatalf("x=%d k=%d: q=%d r=%d violates §7.2", x, k, q, r)
		}
	}
}

func TestRescaleTies(t *testing.T) {
	// X = ±2^(k−1) rounds up (floor of X + 2^(k−1)), so R = −2^(k−1) at both.
	cases := []struct{ x, q, r int64 }{
		{8, 1, -8}, {-8, 0, -8}, {7, 0, 7}, {-9, -1, 7}, {24, 2, -8}, {-24, -1, -8}, {0, 0, 0},
	}
	for _, c := range cases {
		q, r, err := RoundShift(c.x, 4)
		if err != nil || q != c.q || r != c.r {
			t.Errorf("RoundShift(%d, 4) = (%d, %d, %v), want (%d, %d)", c.x, q, r, err, c.q, c.r)
		}
	}
}

func TestRescaleErrors(t *testing.T) {
	if _, _, err := RoundShift(1, 0); !errors.Is(err, ErrShift) {
		t.Error("k=0 accepted")
	}
	if _, _, err := RoundShift(1<<62, 4); !errors.Is(err, ErrOverflow) {
		t.Error("2^62 accepted on the int64 path")
	}
	_, _, err := RescaleTensor("ffn.up", []int64{0, 5, 1 << 40}, 4, Signed(32))
	if !errors.Is(err, ErrRange) || !strings.Contains(err.Error(), `"ffn.up" index 2`) {
		t.Errorf("overflow error does not name the tensor and index: %v", err)
	}
}

func TestFormatLimbs(t *testing.T) {
	cases := []struct {
		f      Format
		m, top int
	}{
		{Unsigned(1), 1, 1}, {Signed(20), 1, 20}, {Unsigned(16), 1, 16}, {Signed(21), 2, 5},
		{Signed(23), 2, 7}, {Signed(32), 2, 16}, {Unsigned(26), 2, 10}, {Signed(39), 3, 7},
		{Unsigned(96), 6, 16}, {Signed(150), 10, 6},
	}
	for _, c := range cases {
		if c.f.NumLimbs() != c.m || c.f.TopBits() != c.top {
			t.Errorf("%s: %d limbs top %d, want %d, %d", c.f, c.f.NumLimbs(), c.f.TopBits(), c.m, c.top)
		}
		for i := 0; i < c.m; i++ {
			tab, err := c.f.LimbTable(i)
			if err != nil {
				t.Fatal(err)
			}
			want := LimbBits
			if i == c.m-1 {
				want = c.top
			}
			if tab.LogSize() != want {
				t.Errorf("%s limb %d table %s", c.f, i, tab.Name())
			}
		}
	}
	for _, f := range []Format{Unsigned(0), Signed(151)} {
		if err := f.Validate(); !errors.Is(err, ErrFormat) {
			t.Errorf("%v validated", f)
		}
	}
}

func TestDecomposeRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, f := range []Format{Signed(20), Unsigned(20), Signed(23), Signed(32), Unsigned(26), Signed(39), Signed(60), Unsigned(62)} {
		lo, hi := f.Bounds()
		vals := []int64{0, 1, -1, lo.Int64(), hi.Int64()}
		for i := 0; i < 500; i++ {
			vals = append(vals, lo.Int64()+rng.Int64N(hi.Int64()-lo.Int64()+1))
		}
		buf := make([]int64, f.NumLimbs())
		bbuf := make([]int64, f.NumLimbs())
		for _, v := range vals {
			if err := f.Decompose(v, buf); err != nil {
				if !f.Contains(v) {
					continue
				}
				t.Fatal(err)
			}
			if err := f.DecomposeBig(big.NewInt(v), bbuf); err != nil {
				t.Fatal(err)
			}
			for i := range buf {
				tab, _ := f.LimbTable(i)
				if _, ok := tab.Index(buf[i]); !ok || buf[i] != bbuf[i] {
					t.Fatalf("%s: limb %d of %d is %d (big %d), not in %s", f, i, v, buf[i], bbuf[i], tab.Name())
				}
			}
			if Recompose(buf).Int64() != v {
				t.Fatalf("%s: %d does not recompose", f, v)
			}
		}
		over := new(big.Int).Add(hi, big.NewInt(1))
		if err := f.DecomposeBig(over, buf); !errors.Is(err, ErrRange) {
			t.Errorf("%s accepted %s", f, over)
		}
		under := new(big.Int).Sub(lo, big.NewInt(1))
		if err := f.DecomposeBig(under, buf); !errors.Is(err, ErrRange) {
			t.Errorf("%s accepted %s", f, under)
		}
	}
	// Wide unsigned values (RMSNorm's e_1 < 2^96) go through the big path.
	f := Unsigned(96)
	v := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 96), big.NewInt(12345))
	buf := make([]int64, f.NumLimbs())
	if err := f.DecomposeBig(v, buf); err != nil || Recompose(buf).Cmp(v) != 0 {
		t.Fatalf("U96 round trip: %v", err)
	}
	neg := new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 140))
	f = Signed(150)
	buf = make([]int64, f.NumLimbs())
	if err := f.DecomposeBig(neg, buf); err != nil || Recompose(buf).Cmp(neg) != 0 {
		t.Fatalf("A150 round trip: %v", err)
	}
}

// TestTensorErrorsNameFirstIndex: the parallel tensor loops report the
// smallest failing index, as a serial loop does, whatever the core count.
func TestTensorErrorsNameFirstIndex(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	x := make([]int64, 1<<17)
	for _, i := range []int{100000, 70000, 20001} {
		x[i] = 1 << 40 // rescaled by 2^8: outside Signed(16)
	}
	if _, _, err := RescaleTensor("x", x, 8, Signed(16)); err == nil || !strings.Contains(err.Error(), "index 20001:") {
		t.Fatalf("rescale error %v, want index 20001", err)
	}
	if _, err := DecomposeTensor("x", x, Signed(16)); err == nil || !strings.Contains(err.Error(), "index 20001:") {
		t.Fatalf("decompose error %v, want index 20001", err)
	}
	if _, _, err := (SiLU{In: "x", Out: "s", LogSize: 17}).Witness(x); err == nil || !strings.Contains(err.Error(), "index 20001:") {
		t.Fatalf("silu error %v, want index 20001", err)
	}
	x = x[:20001]
	q, r, err := RescaleTensor("x", x, 8, Signed(16))
	if err != nil || len(q) != len(x) || len(r) != len(x) {
		t.Fatalf("a valid tensor failed: %v", err)
	}
}
