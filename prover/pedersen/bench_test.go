package pedersen

import (
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/internal/cputime"
	"github.com/zkllm/zkllm/prover/field"
)

// benchHyrax commits a rows×c matrix of small signed ints with
// CommitRowsSmall and, in the same iteration, runs the baseline: raw
// MultiExp per row on the same magnitudes |w| over the same bases g (scalars
// converted beforehand, no blinding), after one untimed block of each.
// Reports the ratio ours/baseline.
func benchHyrax[T Small](b *testing.B, rows, c int, gen func(r *rand.Rand) T) {
	gs, err := Get(c)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	w := make([]T, rows*c)
	for i := range w {
		w[i] = gen(rng)
	}
	abs := make([]fr.Element, len(w))
	for i, x := range w {
		v := int64(x)
		if v < 0 {
			v = -v
		}
		abs[i].SetUint64(uint64(v))
	}
	blind := field.RandomScalars(rows)
	// Warm-up, untimed: one block of each (first-use allocations, caches).
	warm := min(64, rows)
	for k := 0; k < warm; k++ {
		MSM(gs.Vector(c), abs[k*c:(k+1)*c])
	}
	if _, err := CommitRowsSmall(gs, w, c, 0, warm, blind[:warm]); err != nil {
		b.Fatal(err)
	}
	var ours, base, oursCPU, baseCPU time.Duration
	b.ResetTimer()
	for range b.N {
		// Interleave blocks of rows so machine noise hits both alike.
		const block = 64
		for from := 0; from < rows; from += block {
			to := min(from+block, rows)
			t0, c0 := time.Now(), cputime.Process()
			for k := from; k < to; k++ {
				MSM(gs.Vector(c), abs[k*c:(k+1)*c])
			}
			t1, c1 := time.Now(), cputime.Process()
			if _, err := CommitRowsSmall(gs, w, c, from, to, blind[from:to]); err != nil {
				b.Fatal(err)
			}
			t2, c2 := time.Now(), cputime.Process()
			base += t1.Sub(t0)
			ours += t2.Sub(t1)
			baseCPU += c1 - c0
			oursCPU += c2 - c1
		}
	}
	b.ReportMetric(base.Seconds()/float64(b.N), "baseline-s/op")
	b.ReportMetric(ours.Seconds()/float64(b.N), "hyrax-s/op")
	b.ReportMetric(ours.Seconds()/base.Seconds(), "ratio")
	// CPU time is less sensitive than wall time to other load on the machine.
	b.ReportMetric(oursCPU.Seconds()/baseCPU.Seconds(), "cpu-ratio")
}

func BenchmarkHyraxCommit4096x4096Int8(b *testing.B) {
	benchHyrax(b, 4096, 4096, func(r *rand.Rand) int8 { return int8(r.IntN(256) - 128) })
}

func BenchmarkHyraxCommit4096x4096Int16(b *testing.B) {
	benchHyrax(b, 4096, 4096, func(r *rand.Rand) int16 { return int16(r.IntN(65536) - 32768) })
}

// BenchmarkHyraxCommitSmall is a quick variant for development (256×1024).
func BenchmarkHyraxCommitSmallInt16(b *testing.B) {
	benchHyrax(b, 256, 1024, func(r *rand.Rand) int16 { return int16(r.IntN(65536) - 32768) })
}

// BenchmarkAdviceCommit commits a realistic advice blob (2^22 int32 values,
// 2^20 with -short; rows of the advice length 2^⌈(n+2)/2⌉; rows alternate
// 16-bit limbs in [0, 2^16) and signed 32-bit activations) with
// CommitRowsSmall, and in the same iteration runs raw gnark MultiExp on the
// same magnitudes |w| over the same generators (scalars converted
// beforehand, no blinding) twice: on the schedule CommitRowsSmall uses for
// such short rows (rows over the cores, one single-core MSM each) and on
// the old one (rows in order, one all-core MSM each). Reported: ratio and
// cpu-ratio = ours / raw on the same schedule (acceptance: ≤ 1.15), and
// x_allcore, cpu_x_allcore = ours / raw all-core per row (the row-parallel
// gain where < 1).
func BenchmarkAdviceCommit(b *testing.B) {
	logN := 22
	if testing.Short() {
		logN = 20
	}
	c := 1 << ((logN + 3) / 2) // layers.AdviceLogC
	rows := 1 << logN / c
	gs, err := Get(c)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 8))
	w := make([]int32, rows*c)
	for k := range rows {
		for i := k * c; i < (k+1)*c; i++ {
			if k%2 == 0 {
				w[i] = int32(rng.IntN(1 << 16))
			} else {
				w[i] = int32(rng.Uint32())
			}
		}
	}
	abs := make([]fr.Element, len(w))
	for i, x := range w {
		abs[i].SetUint64(uint64(max(int64(x), -int64(x))))
	}
	blind := field.RandomScalars(rows)
	g := gs.Vector(c)
	rawRowParallel := func(from, to int) {
		eachRow(from, to, rowWorkers(c, to-from), func(k, _ int, cfg ecc.MultiExpConfig) {
			var r bls12381.G1Jac
			if _, err := r.MultiExp(g, abs[k*c:(k+1)*c], cfg); err != nil {
				b.Error(err)
			}
		})
	}
	rawAllCore := func(from, to int) {
		for k := from; k < to; k++ {
			MSM(g, abs[k*c:(k+1)*c])
		}
	}
	ours := func(from, to int) {
		if _, err := CommitRowsSmall(gs, w, c, from, to, blind[from:to]); err != nil {
			b.Fatal(err)
		}
	}
	subjects := []func(from, to int){ours, rawRowParallel, rawAllCore}
	wall := make([]time.Duration, len(subjects))
	cpu := make([]time.Duration, len(subjects))
	for _, f := range subjects { // warm-up: tables, scratch, page faults
		f(0, min(4, rows))
	}
	b.ResetTimer()
	for range b.N {
		// Interleave blocks of rows so machine noise hits all alike.
		const block = 32
		for from := 0; from < rows; from += block {
			to := min(from+block, rows)
			for i, f := range subjects {
				t0, c0 := time.Now(), cputime.Process()
				f(from, to)
				wall[i] += time.Since(t0)
				cpu[i] += cputime.Process() - c0
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(wall[0].Seconds()/n, "commit-s/op")
	b.ReportMetric(wall[1].Seconds()/n, "baseline-s/op")
	b.ReportMetric(wall[0].Seconds()/wall[1].Seconds(), "ratio")
	b.ReportMetric(cpu[0].Seconds()/cpu[1].Seconds(), "cpu-ratio")
	b.ReportMetric(wall[0].Seconds()/wall[2].Seconds(), "x_allcore")
	b.ReportMetric(cpu[0].Seconds()/cpu[2].Seconds(), "cpu_x_allcore")
}

func BenchmarkDeriveGenerators1024(b *testing.B) {
	for range b.N {
		g := make([]bls12381.G1Affine, 1024)
		derive(g, 0, 1024)
	}
}

// BenchmarkGeneratorFileVsDerive loads 2^12 generators from the pinned file
// cache and reports the speed-up over deriving them (measured in the run).
func BenchmarkGeneratorFileVsDerive4096(b *testing.B) {
	const n = 4096
	gs, err := Get(n)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), CacheFileName(n))
	if err := gs.WriteFile(path); err != nil {
		b.Fatal(err)
	}
	var load, der time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := LoadFile(path, n); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		g := make([]bls12381.G1Affine, n)
		derive(g, 0, n)
		der += time.Since(t1)
		load += t1.Sub(t0)
	}
	b.ReportMetric(load.Seconds()*1e3/float64(b.N), "load-ms/op")
	b.ReportMetric(der.Seconds()*1e3/float64(b.N), "derive-ms/op")
	b.ReportMetric(der.Seconds()/load.Seconds(), "speedup")
}
