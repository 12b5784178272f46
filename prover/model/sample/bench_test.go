package sample

import (
	"math/big"
	"testing"

	"github.com/zkllm/zkllm/prover/tables"
)

// BenchmarkNoise: one N[g][v]; the baseline is the same formula through
// tables.Log at the same precision (what ln replaces), in the same run.
func BenchmarkNoise(b *testing.B) {
	var seed [32]byte
	var fastNs float64
	b.Run("ln", func(b *testing.B) {
		i := 0
		for b.Loop() {
			Noise(seed, 0, i)
			i++
		}
		fastNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("tables.Log", func(b *testing.B) {
		i := 0
		for b.Loop() {
			u := new(big.Float).SetPrec(lnPrec).SetUint64(uint64(2*i + 1))
			u.SetMantExp(u, -33)
			l := tables.Log(u, lnPrec)
			l.Neg(l)
			tables.Log(l, lnPrec)
			i++
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/fastNs, "x-slower-than-ln")
	})
}
