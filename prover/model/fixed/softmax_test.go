package fixed

import (
	"math/rand/v2"
	"testing"

	"github.com/zkllm/zkllm/prover/tables"
)

// naiveShift is the reference: plain bisection over [0, 2^(k0+16)].
func naiveShift(e *Engine, live []int64) int64 {
	if e.rowSum(live, 0) <= tables.Theta {
		return 0
	}
	lo, hi := int64(0), int64(1)<<(e.k0+ExpDigitLog)
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if e.rowSum(live, mid) <= tables.Theta {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func TestFindShiftMatchesBisection(t *testing.T) {
	_, q := stories(t)
	e, err := New(q, 8, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	cut := int64(1) << (e.k0 + ExpDigitLog)
	rows := [][]int64{{0}, {0, 0}, {0, 0, 0, 0, 0, 0, 0, 0}, {0, cut - 1}, {0, 1, 2, 3}}
	for range 3000 {
		n := 1 + r.IntN(300)
		row := make([]int64, n)
		scale := int64(1) << (10 + r.IntN(26))
		for i := 1; i < n; i++ { // d_0 = 0: the maximum
			row[i] = min(r.Int64N(scale), cut-1)
			if r.IntN(5) == 0 {
				row[i] = row[r.IntN(i)] // duplicates
			}
		}
		rows = append(rows, row)
	}
	for _, row := range rows {
		want := naiveShift(e, row)
		if got := e.findShift(append([]int64(nil), row...), e.rowSum(row, 0)); got != want {
			t.Fatalf("row %v: findShift %d, bisection %d", row[:min(len(row), 8)], got, want)
		}
	}
}

func BenchmarkFindShift(b *testing.B) {
	_, q := stories(b)
	e, _ := New(q, 8, Options{})
	r := rand.New(rand.NewPCG(5, 6))
	row := make([]int64, 128)
	for i := 1; i < len(row); i++ {
		row[i] = r.Int64N(1 << 26)
	}
	var fast float64
	b.Run("findShift", func(b *testing.B) {
		for b.Loop() {
			e.findShift(row, e.rowSum(row, 0))
		}
		fast = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("bisection", func(b *testing.B) {
		for b.Loop() {
			naiveShift(e, row)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/fast, "x-findShift")
	})
}
