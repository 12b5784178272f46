package rope

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"testing"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/tables"
)

func TestPi(t *testing.T) {
	const piDigits = "3.14159265358979323846264338327950288419716939937510582097494459"
	want, _, _ := newFloat().Parse(piDigits, 10)
	diff := newFloat().Sub(pi(Prec), want)
	if diff.Abs(diff).Cmp(newFloat().SetMantExp(newFloat().SetInt64(1), -200)) > 0 {
		t.Fatalf("π off by %v", diff)
	}
}

// Against float64: the entries can differ from math's only where the exact
// value is within float64 error of a half-integer, which never happens here.
func TestTablesAgainstFloat64(t *testing.T) {
	tab, err := Get(8, 10000, 512)
	if err != nil {
		t.Fatal(err)
	}
	for p := range 512 {
		for i := range 4 {
			w := 1 / math.Pow(10000, float64(2*i)/8)
			c := math.RoundToEven(16384 * math.Cos(float64(p)*w))
			s := math.RoundToEven(16384 * math.Sin(float64(p)*w))
			if float64(tab.Cos[p*4+i]) != c || float64(tab.Sin[p*4+i]) != s {
				t.Fatalf("t=%d i=%d: (%d,%d) vs float64 (%v,%v)", p, i, tab.Cos[p*4+i], tab.Sin[p*4+i], c, s)
			}
		}
	}
}

// Golden digest of the stories260K tables (head 8, base 10000, T 512): any
// change to the generator shows here. Values as int32 little-endian, C then S.
func TestGoldenDigest(t *testing.T) {
	tab, err := Get(8, 10000, 512)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, v := range append(append([]int32{}, tab.Cos...), tab.Sin...) {
		binary.Write(h, binary.LittleEndian, v)
	}
	const want = "2ad61d44e04a5266db1d65b1eb2ad496e6e23b745bca649f4d8b267fd541d8f3"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Fatalf("digest %s, want %s", got, want)
	}
}

func TestGetRejects(t *testing.T) {
	for _, c := range []struct {
		hs, T int
		th    float64
	}{{7, 10, 1e4}, {0, 10, 1e4}, {8, 0, 1e4}, {8, MaxPositions + 1, 1e4}, {8, 10, 1}, {8, 10, math.NaN()}} {
		if _, err := Get(c.hs, c.th, c.T); err == nil {
			t.Errorf("Get(%d, %v, %d) accepted", c.hs, c.th, c.T)
		}
	}
}

// The direct evaluation (reduction + series per angle) agrees with the
// recurrence the generator uses, at the largest positions of a 7B context.
func TestRecurrenceMatchesDirect(t *testing.T) {
	const hs = 128
	T := 4096
	if testing.Short() {
		T = 512
	}
	tab, err := Get(hs, 10000, T)
	if err != nil {
		t.Fatal(err)
	}
	twoPi := pi(Prec)
	twoPi.Mul(twoPi, newFloat().SetInt64(2))
	lnTheta := tables.Log(newFloat().SetFloat64(10000), Prec)
	scale := newFloat().SetMantExp(newFloat().SetInt64(1), ScaleLog)
	for _, i := range []int{0, 1, 17, 63} {
		arg := newFloat().Quo(newFloat().SetInt64(int64(-2*i)), newFloat().SetInt64(hs))
		omega := tables.Exp(arg.Mul(arg, lnTheta), Prec)
		for _, p := range []int{1, T / 4, T - 1} {
			c, s := cosSin(newFloat().Mul(omega, newFloat().SetInt64(int64(p))), twoPi)
			if got, want := tab.Cos[p*hs/2+i], int32(tables.RoundHalfEven(c.Mul(c, scale)).Int64()); got != want {
				t.Fatalf("C[%d][%d] = %d, direct %d", p, i, got, want)
			}
			if got, want := tab.Sin[p*hs/2+i], int32(tables.RoundHalfEven(s.Mul(s, scale)).Int64()); got != want {
				t.Fatalf("S[%d][%d] = %d, direct %d", p, i, got, want)
			}
		}
	}
}

// Concurrent first use builds the tables once and hands everyone the same ones.
func TestGetConcurrent(t *testing.T) {
	const n = 8
	res := make(chan *Tables, n)
	for range n {
		go func() {
			tab, err := Get(16, 500000, 64)
			if err != nil {
				t.Error(err)
			}
			res <- tab
		}()
	}
	first := <-res
	for range n - 1 {
		if <-res != first {
			t.Fatal("different tables for the same key")
		}
	}
}

// Llama 3.2's rope_scaling (factor 32, low 1, high 4, L 8192, θ = 500000,
// head 64): the exact tables agree with the float64 reference of
// model.RopeScaling.Frequency up to a one-step rounding difference where the
// float64 value is within 1e-6 of a half-integer, and all three regimes
// (kept, divided, interpolated) occur.
func TestLlama3ScaledAgainstFloat64(t *testing.T) {
	sc := model.RopeScaling{Type: model.RopeScalingLlama3, Factor: 32, LowFreqFactor: 1, HighFreqFactor: 4, OriginalMaxPositions: 8192}
	const hs, T, theta = 64, 300, 500000.0
	tab, err := GetScaled(hs, theta, sc, T)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := Get(hs, theta, T)
	kept, divided, mixed := 0, 0, 0
	for i := range hs / 2 {
		w := 1 / math.Pow(theta, float64(2*i)/hs)
		switch ws := sc.Frequency(theta, i, hs); {
		case ws == w:
			kept++
		case math.Abs(ws-w/32) < 1e-18:
			divided++
		default:
			mixed++
		}
		for p := range T {
			ws := sc.Frequency(theta, i, hs)
			for _, c := range []struct {
				got int32
				f   float64
			}{{tab.Cos[p*hs/2+i], 16384 * math.Cos(float64(p)*ws)}, {tab.Sin[p*hs/2+i], 16384 * math.Sin(float64(p)*ws)}} {
				if float64(c.got) != math.RoundToEven(c.f) && math.Abs(math.Abs(c.f-math.Trunc(c.f))-0.5) > 1e-6 {
					t.Fatalf("t=%d i=%d: %d vs float64 %v", p, i, c.got, c.f)
				}
			}
		}
	}
	if kept == 0 || divided == 0 || mixed == 0 {
		t.Fatalf("regimes kept %d divided %d interpolated %d: want all three", kept, divided, mixed)
	}
	if tab.Cos[T/2*hs/2+hs/2-1] == plain.Cos[T/2*hs/2+hs/2-1] && tab.Sin[(T-1)*hs/2+hs/2-1] == plain.Sin[(T-1)*hs/2+hs/2-1] {
		t.Fatal("scaled tables equal the unscaled ones at the lowest frequency")
	}
	if _, err := GetScaled(hs, theta, model.RopeScaling{Type: 7}, T); err == nil {
		t.Fatal("unknown scaling type accepted")
	}
}
