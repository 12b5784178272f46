package sumcheck

import (
	"syscall"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/transcript"
)

// proveCleartext is the non-ZK sumcheck (round coefficients and the final
// factor values sent in the clear): the baseline the ZK version's overhead
// is measured against. It returns the point.
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
	tr.AbsorbScalars(transcript.LabelFinalEvals, eng.finals())
	return point
}

// measured accumulates wall and process CPU time and minor page faults of
// one operation.
type measured struct {
	wall, cpu time.Duration
	faults    int64
}

func (m *measured) run(f func()) {
	start, c0, f0 := time.Now(), cpuTime(), minorFaults()
	f()
	m.wall += time.Since(start)
	m.cpu += cpuTime() - c0
	m.faults += minorFaults() - f0
}

// BenchmarkProductSumcheck: sumcheck of a product of two MLEs over 2^20,
// cleartext and ZK, against one fr.Vector.Mul over 2^20 (gnark's method as
// shipped: one goroutine, AVX-512 IFMA where the CPU has it). Each iteration
// times one Mul and one sumcheck back to back, so both see the same load;
// the metrics are ratios of the sums (wall and process CPU time). The Mul's
// output buffer is written before timing and every sub-benchmark runs its
// baseline and its subject once untimed, so -benchtime 1x times neither
// page faults nor first-use allocations. prove_ms is the subject's wall time
// per op: scripts/bench runs this at GOMAXPROCS 1 and N for the speed-up.
// Acceptance: cleartext ≤ 5× the Mul; ZK ≤ 8× on an IFMA machine.
func BenchmarkProductSumcheck(b *testing.B) {
	n := 20
	if testing.Short() {
		n = 18 // large enough that the rounds run on all cores
	}
	size := 1 << n
	x, w := field.RandomScalars(size), field.RandomScalars(size)
	form, _ := InnerProduct(n).Form()
	poly := &Polynomial{Form: form, Tables: [][]fr.Element{x, w}}
	claim := field.InnerProduct(x, w)
	out := make(fr.Vector, size)
	touch(out)
	mulOnce := func() { out.Mul(x, w) }
	zkProve := func() {
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
	}
	clearProve := func() { proveCleartext(transcript.New(), poly, claim) }

	report := func(b *testing.B, base, got measured) {
		n := float64(b.N)
		b.ReportMetric(float64(got.wall)/float64(base.wall), "x_VectorMul")
		b.ReportMetric(float64(got.cpu)/float64(base.cpu), "cpu_x_VectorMul")
		b.ReportMetric(float64(base.wall.Microseconds())/1000/n, "VectorMul_ms")
		b.ReportMetric(float64(got.wall.Microseconds())/1000/n, "prove_ms")
		b.ReportMetric(float64(got.faults)/n, "faults/op")
	}
	b.Run("cleartext", func(b *testing.B) {
		mulOnce() // warm-up, untimed
		clearProve()
		var base, got measured
		for b.Loop() {
			base.run(mulOnce)
			got.run(clearProve)
		}
		report(b, base, got)
	})
	b.Run("zk", func(b *testing.B) {
		mulOnce() // warm-up, untimed
		clearProve()
		zkProve()
		var base, clear, got measured
		for b.Loop() {
			base.run(mulOnce)
			clear.run(clearProve)
			got.run(zkProve)
		}
		report(b, base, got)
		b.ReportMetric(float64(got.wall)/float64(clear.wall), "x_cleartext")
	})
}

// touch writes every page of v, so a later write into it takes no page
// fault (a fresh large allocation is mapped lazily).
func touch(v fr.Vector) {
	for i := range v {
		v[i].SetOne()
	}
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// minorFaults is the process's count of minor page faults (first touches of
// fresh memory): a benchmark that reports none timed no page faults.
func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Minflt
}

// BenchmarkEqWeightedSumcheck: Σ eq(u,x)·a(x)·b(x) (d = 3) over 2^18, with
// the eq factor tabulated (plain) and factored out (eq mode), same run,
// after one untimed run of each.
func BenchmarkEqWeightedSumcheck(b *testing.B) {
	n := 18
	if testing.Short() {
		n = 12
	}
	u := field.RandomScalars(n)
	x, w := field.RandomScalars(1<<n), field.RandomScalars(1<<n)
	form := &Form{NumVars: n, Degree: 3, Public: make([]bool, 3), Terms: []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}}}
	fast := &Polynomial{Form: form, Tables: [][]fr.Element{nil, x, w}, EqPoint: u}
	claim := fast.Sum()
	plain := func() {
		// The plain engine includes building the eq table, as callers must.
		p := &Polynomial{Form: form, Tables: [][]fr.Element{mle.EqTable(u), x, w}}
		proveCleartext(transcript.New(), p, claim)
	}
	eqMode := func() { proveCleartext(transcript.New(), fast, claim) }
	plain() // warm-up, untimed
	eqMode()
	var base, got measured
	for b.Loop() {
		base.run(plain)
		got.run(eqMode)
	}
	b.ReportMetric(float64(got.wall)/float64(base.wall), "x_plain")
	b.ReportMetric(float64(got.cpu)/float64(base.cpu), "cpu_x_plain")
}
