//go:build cuda

package kernels

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/backend"
	"github.com/zkllm/zkllm/prover/backend/backendtest"
)

// BenchmarkBackends times every kernel on the CPU reference and on the GPU
// in the same run (GPU rows are skipped without a device); the ratio of a
// cpu row to its cuda row is the speed-up, transfers included:
//
//	go test -tags cuda -run '^$' -bench Backends -benchtime 3x ./kernels
func BenchmarkBackends(b *testing.B) {
	const logN = 20
	n := 1 << logN
	x, y := backendtest.Vector(n), backendtest.Vector(n)
	dst := make([]fr.Element, n)
	u := backendtest.Vector(logN)
	in := backendtest.RoundInputFor(3, 3, [][]int{{0, 1, 2}}, n/2, true)
	sums := make([]fr.Element, 4)
	const logM = 16
	pts := backendtest.Points(1 << logM)
	sc := backendtest.Vector(1 << logM)
	small := backendtest.SmallScalars(1<<logM, 8)
	ops := []struct {
		name string
		f    func(backend.Backend) error
	}{
		{"Mul_2^20", func(be backend.Backend) error { return be.Mul(dst, x, y) }},
		{"InnerProduct_2^20", func(be backend.Backend) error { _, err := be.InnerProduct(x, y); return err }},
		{"BatchInverse_2^20", func(be backend.Backend) error { return be.BatchInverse(dst, x) }},
		{"Fold_2^20", func(be backend.Backend) error { return be.Fold(dst[:n/2], x, y[0]) }},
		{"EqTable_2^20", func(be backend.Backend) error { return be.EqTable(dst, u, y[1]) }},
		{"RoundSums_eq_deg3_2^20", func(be backend.Backend) error { return be.RoundSums(sums, in) }},
		{"FracLayer_2^20", func(be backend.Backend) error { return be.FracLayer(dst[:n/2], y[:n/2], x, y) }},
		{"MSM_2^16", func(be backend.Backend) error { _, err := be.MSM(pts, sc); return err }},
		{"MSMSmall_int8_2^16", func(be backend.Backend) error { _, err := be.MSMSmall(pts, small); return err }},
	}
	backends := []struct {
		name string
		open func() (backend.Backend, error)
	}{
		{"cpu", func() (backend.Backend, error) { return backend.CPU{}, nil }},
		{"cuda", func() (backend.Backend, error) { return Open() }},
	}
	for _, op := range ops {
		for _, bk := range backends {
			b.Run(op.name+"/"+bk.name, func(b *testing.B) {
				be, err := bk.open()
				if err != nil {
					b.Skipf("could not run: %v", err)
				}
				if err := op.f(be); err != nil { // warm-up: touches buffers, loads the module
					b.Fatal(err)
				}
				b.ResetTimer()
				for range b.N {
					if err := op.f(be); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
