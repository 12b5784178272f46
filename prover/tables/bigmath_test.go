package tables

import (
	"math"
	"math/big"
	"testing"
)

func parseFloat(t *testing.T, s string) *big.Float {
	t.Helper()
	f, _, err := big.ParseFloat(s, 10, Prec, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// relErr returns |a−b|/|b|.
func relErr(a, b *big.Float) float64 {
	d := newFloat(Prec).Sub(a, b)
	d.Quo(d, b)
	f, _ := d.Float64()
	return math.Abs(f)
}

func TestExpLogKnownConstants(t *testing.T) {
	e := parseFloat(t, "2.71828182845904523536028747135266249775724709369995957496696762772407663035354759")
	ln2 := parseFloat(t, "0.693147180559945309417232121458176568075500134360255254120680009493393621969694715")
	one := newFloat(Prec).SetInt64(1)
	if got := Exp(one, Prec); relErr(got, e) > 1e-44 {
		t.Fatalf("Exp(1) = %s", got.Text('g', 50))
	}
	if got := Log(newFloat(Prec).SetInt64(2), Prec); relErr(got, ln2) > 1e-44 {
		t.Fatalf("Log(2) = %s", got.Text('g', 50))
	}
	if got := Log(e, Prec); relErr(got, one) > 1e-44 {
		t.Fatalf("Log(e) = %s", got.Text('g', 50))
	}
}

func TestExpLogAgainstFloat64(t *testing.T) {
	for _, x := range []float64{-700, -512, -37.5, -1, -1e-9, 1e-12, 0.25, 3.75, 100, 600} {
		got, _ := Exp(big.NewFloat(x), Prec).Float64()
		if want := math.Exp(x); math.Abs(got-want) > 1e-14*want {
			t.Errorf("Exp(%g) = %g, float64 %g", x, got, want)
		}
	}
	for _, x := range []float64{1e-300, 1e-5, 0.5, 0.999999, 1, 1.5, 7, 1e20, 1e300} {
		got, _ := Log(big.NewFloat(x), Prec).Float64()
		if want := math.Log(x); math.Abs(got-want) > 1e-14*math.Max(1, math.Abs(want)) {
			t.Errorf("Log(%g) = %g, float64 %g", x, got, want)
		}
	}
}

func TestExpLogRoundTrip(t *testing.T) {
	for _, s := range []string{"0.001", "0.7", "1.25", "13", "123456.789"} {
		x := parseFloat(t, s)
		back := Exp(Log(x, Prec), Prec)
		if relErr(back, x) > 1e-42 {
			t.Errorf("Exp(Log(%s)) = %s", s, back.Text('g', 50))
		}
	}
}

func TestRoundHalfEven(t *testing.T) {
	cases := map[float64]int64{
		0: 0, 0.5: 0, 1.5: 2, 2.5: 2, -0.5: 0, -1.5: -2, -2.5: -2,
		2.4999: 2, 2.5001: 3, -2.6: -3, -2.4: -2, 7: 7, -7: -7, 1e15 + 0.5: 1e15,
	}
	for x, want := range cases {
		if got := RoundHalfEven(newFloat(Prec).SetFloat64(x)).Int64(); got != want {
			t.Errorf("RoundHalfEven(%v) = %d, want %d", x, got, want)
		}
	}
}
