package tables

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

func randPoint(rng *rand.Rand, n int) []fr.Element {
	r := make([]fr.Element, n)
	for i := range r {
		r[i].SetUint64(rng.Uint64())
		var hi fr.Element
		hi.SetUint64(rng.Uint64())
		r[i].Mul(&r[i], &hi)
	}
	return r
}

// eqTable builds eq(r, x) for every x (LSB-first, PROTOCOL §2.3): the
// reference the folded evaluations are checked against.
func eqTable(r []fr.Element) []fr.Element {
	e := make([]fr.Element, 1<<len(r))
	e[0].SetOne()
	var one fr.Element
	one.SetOne()
	for j := range r {
		var omr fr.Element
		omr.Sub(&one, &r[j])
		for i := 0; i < 1<<j; i++ {
			e[i+1<<j].Mul(&e[i], &r[j])
			e[i].Mul(&e[i], &omr)
		}
	}
	return e
}

func bruteEval(t *Table, r []fr.Element, col func(int) fr.Element) fr.Element {
	var acc, term fr.Element
	for j, w := range eqTable(r) {
		c := col(j)
		term.Mul(&c, &w)
		acc.Add(&acc, &term)
	}
	return acc
}

func checkMLE(t *testing.T, tab *Table, rng *rand.Rand) {
	t.Helper()
	r := randPoint(rng, tab.LogSize())
	in, err := tab.EvalIn(r)
	if err != nil {
		t.Fatal(err)
	}
	out, err := tab.EvalOut(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := bruteEval(tab, r, tab.InElem); !in.Equal(&want) {
		t.Errorf("%s: EvalIn differs from the eq-table sum", tab.Name())
	}
	if want := bruteEval(tab, r, tab.OutElem); !out.Equal(&want) {
		t.Errorf("%s: EvalOut differs from the eq-table sum", tab.Name())
	}
	// On a Boolean point the MLE is the entry itself.
	j := rng.IntN(tab.Size())
	b := make([]fr.Element, tab.LogSize())
	for i := range b {
		if j>>i&1 == 1 {
			b[i].SetOne()
		}
	}
	in, _ = tab.EvalIn(b)
	out, _ = tab.EvalOut(b)
	if wi, wo := tab.InElem(j), tab.OutElem(j); !in.Equal(&wi) || !out.Equal(&wo) {
		t.Errorf("%s: MLE at Boolean point %d is not the entry", tab.Name(), j)
	}
}

func TestStructuredTables(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{1, 2, 5, 12} {
		r, _ := Range(w)
		s, _ := SRange(w)
		ind, _ := Indicator(w)
		for _, tab := range []*Table{r, s, ind} {
			checkMLE(t, tab, rng)
			if !tab.Contains(0, 0) {
				t.Errorf("%s lacks the all-zero entry", tab.Name())
			}
		}
		lo, hi := int64(-1)<<(w-1), int64(1)<<(w-1)
		if !s.Contains(lo, 0) || !s.Contains(hi-1, 0) || s.Contains(hi, 0) || s.Contains(lo-1, 0) {
			t.Errorf("SRANGE_%d bounds wrong", w)
		}
		if !r.Contains(2*hi-1, 0) || r.Contains(2*hi, 0) || r.Contains(-1, 0) || r.Contains(1, 1) {
			t.Errorf("RANGE_%d bounds wrong", w)
		}
		if ind.Contains(0, 1) || !ind.Contains(2*hi-1, 1) || (w > 1 && ind.Contains(1, 0)) {
			t.Errorf("INDC_%d outputs wrong", w)
		}
	}
	if r16, _ := Range(16); r16.Digest() == (func() [32]byte { s, _ := SRange(16); return s.Digest() })() {
		t.Error("RANGE_16 and SRANGE_16 share a digest")
	}
}

func TestWidthErrors(t *testing.T) {
	for _, w := range []int{0, -1, MaxStructuredLog + 1} {
		if _, err := Range(w); !errors.Is(err, ErrWidth) {
			t.Errorf("Range(%d): %v", w, err)
		}
		if _, err := SRange(w); !errors.Is(err, ErrWidth) {
			t.Errorf("SRange(%d): %v", w, err)
		}
		if _, err := Indicator(w); !errors.Is(err, ErrWidth) {
			t.Errorf("Indicator(%d): %v", w, err)
		}
	}
	r, _ := Range(4)
	if _, err := r.EvalIn(make([]fr.Element, 3)); !errors.Is(err, ErrPointLen) {
		t.Errorf("EvalIn with short point: %v", err)
	}
	if _, err := r.EvalOut(make([]fr.Element, 5)); !errors.Is(err, ErrPointLen) {
		t.Errorf("EvalOut with long point: %v", err)
	}
	if _, err := ExpC(7); !errors.Is(err, ErrHeadDim) {
		t.Errorf("ExpC(7): %v", err)
	}
}

func TestExpCK0(t *testing.T) {
	want := map[int]int{1: 12, 2: 13, 4: 13, 8: 14, 16: 14, 48: 15, 64: 15, 80: 16, 128: 16, 256: 16, 257: 17}
	for dh, k := range want {
		if got := ExpCK0(dh); got != k {
			t.Errorf("ExpCK0(%d) = %d, want %d", dh, got, k)
		}
		// Cross-check with the defining inequality k0 ≥ 12 + ½·log2 d_h > k0 − 1.
		if f := 12 + 0.5*math.Log2(float64(dh)); float64(k) < f-1e-12 || float64(k-1) >= f-1e-12 {
			t.Errorf("ExpCK0(%d) = %d violates the definition (%g)", dh, k, f)
		}
	}
}

// near reports whether v is within tol of a half-integer, where float64
// rounding could legitimately disagree with the 160-bit computation.
func nearHalf(v, tol float64) bool {
	return math.Abs(v-math.Floor(v)-0.5) < tol
}

func TestSiLUPinnedAndSpotChecked(t *testing.T) {
	tab, err := SiLU()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Size() != 1<<20 || tab.Digest() != PinnedSiLUDigest() {
		t.Fatal("SILU table shape or digest wrong")
	}
	if again, _ := SiLU(); again != tab {
		t.Error("SiLU() is not cached")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for k := 0; k < 4000; k++ {
		j := rng.IntN(tab.Size())
		if k < 64 { // dense around 0, where the curve bends
			j = 1<<19 - 32 + k
		}
		x := float64(tab.In(j)) / 1024
		v := 65536 * x / (1 + math.Exp(-x))
		if nearHalf(v, 1e-6) {
			continue
		}
		checked++
		if got, want := tab.Out(j), int64(math.RoundToEven(v)); got != want {
			t.Fatalf("SILU[%d] (x=%g) = %d, float64 gives %d", j, x, got, want)
		}
	}
	if checked < 3900 {
		t.Fatalf("only %d entries checked", checked)
	}
	checkMLE(t, tab, rng)
	if out, ok := tab.Lookup(1 << 19); ok || out != 0 {
		t.Error("Lookup accepted an input past the top")
	}
	if out, ok := tab.Lookup(-1 << 19); !ok || out != 0 {
		t.Error("Lookup rejected the lowest input")
	}
}

// siluEntryDirect computes one SILU entry straight from the definition,
// without the split exponent tables or the cutoff shortcut.
func siluEntryDirect(xi int64) int64 {
	x := newFloat(Prec).SetInt64(xi)
	x.SetMantExp(x, -SiLUInScaleLog)
	e := Exp(newFloat(Prec).Neg(x), Prec)
	den := e.Add(e, newFloat(Prec).SetInt64(1))
	v := newFloat(Prec).Quo(x, den)
	v.SetMantExp(v, SiLUOutScaleLog)
	return RoundHalfEven(v).Int64()
}

func TestSiLUCutoffExact(t *testing.T) {
	tab, err := SiLU()
	if err != nil {
		t.Fatal(err)
	}
	for _, xi := range []int64{siluCutoff, siluCutoff - 1, siluCutoff + 1, -siluCutoff, -siluCutoff + 1, -siluCutoff - 1, 1 << 18, -1 << 18, 1<<19 - 1, -1 << 19, 0, 1, -1, 1234, -4321} {
		j, ok := tab.Index(xi)
		if !ok {
			t.Fatalf("input %d missing", xi)
		}
		if got, want := tab.Out(j), siluEntryDirect(xi); got != want {
			t.Errorf("SILU at x_int=%d: table %d, direct %d", xi, got, want)
		}
	}
}

func TestExpCPinnedAndSpotChecked(t *testing.T) {
	dims := []int{8, 128}
	if !testing.Short() {
		dims = PinnedExpCHeadDims()
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, dh := range dims {
		tab, err := ExpC(dh)
		if err != nil {
			t.Fatal(err)
		}
		if tab.HeadDim() != dh || tab.Size() != 1<<16 || tab.Out(0) != 0 || tab.In(0) != 0 {
			t.Fatalf("EXPC(%d) shape wrong", dh)
		}
		c := math.Exp2(float64(ExpCK0(dh)-24)) / math.Sqrt(float64(dh))
		for k := 0; k < 2000; k++ {
			j := rng.IntN(tab.Size())
			v := Theta * math.Exp(-float64(j)*c)
			if nearHalf(v, 1e-6) {
				continue
			}
			if got, want := tab.Out(j), Theta-int64(math.RoundToEven(v)); got != want {
				t.Fatalf("EXPC(%d)[%d] = %d, float64 gives %d", dh, j, got, want)
			}
		}
		// Outputs are non-decreasing in j and within [0, θ].
		for j := 1; j < tab.Size(); j++ {
			if tab.Out(j) < tab.Out(j-1) || tab.Out(j) > Theta {
				t.Fatalf("EXPC(%d) not monotone at %d", dh, j)
			}
		}
		checkMLE(t, tab, rng)
	}
}

func TestExpEntryDirect(t *testing.T) {
	// One EXPC entry from the definition, independent of the split tables.
	tab, err := ExpC(128)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range []int{1, 255, 256, 257, 12345, 65535} {
		x := newFloat(Prec).SetInt64(128)
		x.Sqrt(x)
		x.Quo(newFloat(Prec).SetInt64(int64(-j)<<ExpCK0(128)), x)
		x.SetMantExp(x, -24)
		v := Exp(x, Prec)
		v.Mul(v, big.NewFloat(Theta))
		if got, want := tab.Out(j), Theta-RoundHalfEven(v).Int64(); got != want {
			t.Errorf("EXPC(128)[%d] = %d, direct %d", j, got, want)
		}
	}
}
