package sumcheck

import (
	"syscall"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/transcript"
)

// proveCleartext is the non-ZK sumcheck (round coefficients sent in the
// clear): the baseline the ZK version's overhead is measured against.
func proveCleartext(tr *transcript.Transcript, poly *Polynomial, claim fr.Element) []fr.Element {
	eng := newEngine(poly, claim)
	coeffs := make([]fr.Element, poly.Form.Degree+1)
	point := make([]fr.Element, 0, poly.Form.NumVars)
	for j := 0; j < poly.Form.NumVars; j++ {
		eng.round(coeffs)
		tr.AbsorbScalars(transcript.LabelSumcheckRound, coeffs)
		r := tr.Challenge(transcript.LabelSumcheckRho)
		eng.bind(coeffs, r)
		point = append(point, r)
	}
	return point
}

// BenchmarkProductSumcheck: sumcheck of a product of two MLEs over 2^20,
// cleartext and ZK, against one fr.Vector.Mul over 2^20 measured in the
// same run (ratio metrics; acceptance: cleartext ≤ 5× the Mul).
func BenchmarkProductSumcheck(b *testing.B) {
	n := 20
	if testing.Short() {
		n = 14
	}
	size := 1 << n
	x, w := field.RandomScalars(size), field.RandomScalars(size)
	form, _ := InnerProduct(n).Form()
	poly := &Polynomial{Form: form, Tables: [][]fr.Element{x, w}}
	claim := field.InnerProduct(x, w)

	// Baseline: one fr.Vector.Mul (gnark's own method, as shipped). Best of
	// a few runs in wall time and in process CPU time (the latter is robust
	// to other processes sharing the cores).
	out := make(fr.Vector, size)
	timeIt := func(f func()) (wall, cpu time.Duration) {
		wall, cpu = time.Duration(1<<62), time.Duration(1<<62)
		for i := 0; i < 3; i++ {
			start, c0 := time.Now(), cpuTime()
			f()
			wall, cpu = min(wall, time.Since(start)), min(cpu, cpuTime()-c0)
		}
		return wall, cpu
	}
	mul, mulCPU := timeIt(func() { out.Mul(x, w) })

	b.Run("cleartext", func(b *testing.B) {
		var elapsed, cpu time.Duration
		for b.Loop() {
			start, c0 := time.Now(), cpuTime()
			proveCleartext(transcript.New(), poly, claim)
			elapsed += time.Since(start)
			cpu += cpuTime() - c0
		}
		per := elapsed / time.Duration(b.N)
		b.ReportMetric(float64(per)/float64(mul), "x_VectorMul")
		b.ReportMetric(float64(cpu/time.Duration(b.N))/float64(mulCPU), "cpu_x_VectorMul")
		b.ReportMetric(float64(mul.Microseconds())/1000, "VectorMul_ms")
	})
	b.Run("zk", func(b *testing.B) {
		var elapsed, clear time.Duration
		clear, _ = timeIt(func() { proveCleartext(transcript.New(), poly, claim) })
		for b.Loop() {
			start := time.Now()
			p, err := NewDLCProver(transcript.New())
			if err != nil {
				b.Fatal(err)
			}
			s, _ := p.Commit(claim)
			if _, _, err := InnerProduct(n).Prove(p, [][]fr.Element{x, w}, s); err != nil {
				b.Fatal(err)
			}
			if _, err := p.Close(); err != nil {
				b.Fatal(err)
			}
			elapsed += time.Since(start)
		}
		per := elapsed / time.Duration(b.N)
		b.ReportMetric(float64(per)/float64(mul), "x_VectorMul")
		b.ReportMetric(float64(per)/float64(clear), "x_cleartext")
	})
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
