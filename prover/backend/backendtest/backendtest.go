// Package backendtest checks a backend.Backend against the CPU reference,
// bit for bit, on random inputs and edge values (0, 1, r−1, the point at
// infinity, P and −P, repeated points) at sizes around block and chunk
// boundaries. Every backend's tests call Run; the CPU backend's own tests
// check it against naive references with the same inputs.
package backendtest

import (
	"math/big"

	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/backend"
	"github.com/zkllm/zkllm/prover/field"
)

// Sizes are the vector lengths every elementwise op is tried at: empty,
// tiny, odd, around the inverse block (32) and 2^k ± 1.
var Sizes = []int{0, 1, 2, 3, 31, 32, 33, 257, 1023, 1024, 1025, 4099}

// Vector returns n scalars: the edge values 0, 1, r−1, 2 first, then
// uniform ones (crypto/rand).
func Vector(n int) []fr.Element {
	v := field.RandomScalars(n)
	edges := []fr.Element{{}, fr.One(), minusOne(), field.FromInt64(2)}
	copy(v, edges[:min(n, len(edges))])
	return v
}

func minusOne() fr.Element {
	var e fr.Element
	e.SetOne()
	e.Neg(&e)
	return e
}

// Points returns n affine points: multiples of a random point Q plus a
// random offset, with the point at infinity, a repeated point and a
// point/negation pair among them, so every special case of the bucket
// additions occurs.
func Points(n int) []bls12381.G1Affine {
	_, _, g, _ := bls12381.Generators()
	var start, step bls12381.G1Jac
	s := field.RandomScalar()
	start.ScalarMultiplicationBase(s.BigInt(new(big.Int)))
	t := field.RandomScalar()
	step.ScalarMultiplication(new(bls12381.G1Jac).FromAffine(&g), t.BigInt(new(big.Int)))
	jac := make([]bls12381.G1Jac, n)
	cur := start
	for i := range jac {
		jac[i] = cur
		cur.AddAssign(&step)
	}
	pts := bls12381.BatchJacobianToAffineG1(jac)
	if n > 3 {
		pts[1] = bls12381.G1Affine{} // infinity
		pts[2] = pts[0]              // repeated
		pts[3].Neg(&pts[0])          // negation
	}
	return pts
}

// SmallScalars returns n signed integers below 2^bits in magnitude, with 0,
// ±1, ±(2^bits − 1) first.
func SmallScalars(n, bits int) []int64 {
	r := field.RandomScalars(n)
	out := make([]int64, n)
	lim := uint64(1)<<uint(bits) - 1
	for i := range out {
		u := r[i].Bits()[0] & lim
		if r[i].Bits()[1]&1 == 1 {
			out[i] = -int64(u)
		} else {
			out[i] = int64(u)
		}
	}
	edges := []int64{0, 1, -1, int64(lim), -int64(lim)}
	copy(out, edges[:min(n, len(edges))])
	return out
}

// Run checks every method of b against backend.CPU. Heavy cases (the
// largest MSMs) are skipped under -short.
func Run(t *testing.T, b backend.Backend) {
	t.Helper()
	t.Logf("checking backend %q against the CPU reference", b.Name())
	t.Run("Vector", func(t *testing.T) { runVector(t, b) })
	t.Run("Reduce", func(t *testing.T) { runReduce(t, b) })
	t.Run("BatchInverse", func(t *testing.T) { runBatchInverse(t, b) })
	t.Run("Fold", func(t *testing.T) { runFold(t, b) })
	t.Run("EqTable", func(t *testing.T) { runEqTable(t, b) })
	t.Run("RoundSums", func(t *testing.T) { runRoundSums(t, b) })
	t.Run("FracLayer", func(t *testing.T) { runFracLayer(t, b) })
	t.Run("MSM", func(t *testing.T) { runMSM(t, b) })
	t.Run("MSMSmall", func(t *testing.T) { runMSMSmall(t, b) })
	t.Run("Shapes", func(t *testing.T) { runShapes(t, b) })
}

func equal(t *testing.T, what string, got, want []fr.Element) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d results, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: entry %d of %d = %s, want %s", what, i, len(got), got[i].String(), want[i].String())
		}
	}
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func runVector(t *testing.T, b backend.Backend) {
	cpu := backend.CPU{}
	ops := []struct {
		name string
		f    func(backend.Backend, []fr.Element, []fr.Element, []fr.Element) error
	}{
		{"Add", backend.Backend.Add},
		{"Sub", backend.Backend.Sub},
		{"Mul", backend.Backend.Mul},
		{"ScalarMul", func(be backend.Backend, d, a, x []fr.Element) error {
			s := minusOne()
			if len(x) > 4 {
				s = x[4]
			}
			return be.ScalarMul(d, a, s)
		}},
	}
	for _, n := range Sizes {
		a, x := Vector(n), Vector(n)
		for i := 0; i < n && i < 4; i++ {
			x[i] = a[(i+1)%min(n, 4)] // edge × edge pairs
		}
		for _, op := range ops {
			got, want := make([]fr.Element, n), make([]fr.Element, n)
			must(t, op.name, op.f(b, got, a, x))
			must(t, op.name, op.f(cpu, want, a, x))
			equal(t, op.name, got, want)
		}
	}
}

func runReduce(t *testing.T, b backend.Backend) {
	for _, n := range Sizes {
		a, x := Vector(n), Vector(n)
		got, err := b.InnerProduct(a, x)
		must(t, "InnerProduct", err)
		want, _ := backend.CPU{}.InnerProduct(a, x)
		equal(t, "InnerProduct", []fr.Element{got}, []fr.Element{want})
		got, err = b.Sum(a)
		must(t, "Sum", err)
		want, _ = backend.CPU{}.Sum(a)
		equal(t, "Sum", []fr.Element{got}, []fr.Element{want})
	}
}

func runBatchInverse(t *testing.T, b backend.Backend) {
	for _, n := range Sizes {
		a := Vector(n)
		for i := 40; i < n; i += 97 {
			a[i].SetZero() // zeros inside later blocks too
		}
		got, want := make([]fr.Element, n), make([]fr.Element, n)
		must(t, "BatchInverse", b.BatchInverse(got, a))
		must(t, "BatchInverse", backend.CPU{}.BatchInverse(want, a))
		equal(t, "BatchInverse", got, want)
	}
}

func runFold(t *testing.T, b backend.Backend) {
	for _, n := range Sizes {
		if n%2 != 0 {
			continue
		}
		src := Vector(n)
		for _, r := range []fr.Element{{}, fr.One(), minusOne(), field.RandomScalar()} {
			got, want := make([]fr.Element, n/2), make([]fr.Element, n/2)
			must(t, "Fold", b.Fold(got, src, r))
			must(t, "Fold", backend.CPU{}.Fold(want, src, r))
			equal(t, "Fold", got, want)
		}
	}
}

func runEqTable(t *testing.T, b backend.Backend) {
	for _, nu := range []int{0, 1, 2, 5, 11, 13} {
		u := Vector(nu)
		for _, scale := range []fr.Element{fr.One(), field.RandomScalar()} {
			got, want := make([]fr.Element, 1<<nu), make([]fr.Element, 1<<nu)
			must(t, "EqTable", b.EqTable(got, u, scale))
			must(t, "EqTable", backend.CPU{}.EqTable(want, u, scale))
			equal(t, "EqTable", got, want)
		}
	}
}

// RoundShapes are the sumcheck shapes tried: products of 2, 3 and 4 MLEs,
// the GKR layer's two-term form and a squared factor.
func RoundShapes() []struct {
	Name   string
	Tables int
	Degree int
	Terms  [][]int
} {
	return []struct {
		Name   string
		Tables int
		Degree int
		Terms  [][]int
	}{
		{"product2", 2, 2, [][]int{{0, 1}}},
		{"product3", 3, 3, [][]int{{0, 1, 2}}},
		{"product4", 4, 4, [][]int{{0, 1, 2, 3}}},
		{"gkrLayer", 4, 2, [][]int{{0, 1}, {2, 3}}},
		{"square", 2, 3, [][]int{{0, 0, 1}, {1}}},
	}
}

func runRoundSums(t *testing.T, b backend.Backend) {
	for _, sh := range RoundShapes() {
		for _, pairs := range []int{1, 2, 33, 1000} {
			for _, eq := range []bool{false, true} {
				in := RoundInputFor(sh.Tables, sh.Degree, sh.Terms, pairs, eq)
				got, want := make([]fr.Element, sh.Degree+1), make([]fr.Element, sh.Degree+1)
				must(t, "RoundSums", b.RoundSums(got, in))
				must(t, "RoundSums", backend.CPU{}.RoundSums(want, in))
				equal(t, "RoundSums "+sh.Name, got, want)
			}
		}
	}
}

// RoundInputFor builds a random round input of the given shape; eq mode
// adds weights.
func RoundInputFor(tables, degree int, terms [][]int, pairs int, eq bool) *backend.RoundInput {
	in := &backend.RoundInput{Degree: degree}
	for k := 0; k < tables; k++ {
		in.Tables = append(in.Tables, Vector(2*pairs))
	}
	for i, f := range terms {
		c := fr.One()
		if i > 0 {
			c = field.RandomScalar()
		}
		in.Terms = append(in.Terms, backend.Term{Coeff: c, Factors: f})
	}
	if eq {
		in.Weights = Vector(pairs)
	}
	return in
}

func runFracLayer(t *testing.T, b backend.Backend) {
	for _, h := range []int{1, 2, 31, 1024} {
		pIn, qIn := Vector(2*h), Vector(2*h)
		gp, gq := make([]fr.Element, h), make([]fr.Element, h)
		wp, wq := make([]fr.Element, h), make([]fr.Element, h)
		must(t, "FracLayer", b.FracLayer(gp, gq, pIn, qIn))
		must(t, "FracLayer", backend.CPU{}.FracLayer(wp, wq, pIn, qIn))
		equal(t, "FracLayer p", gp, wp)
		equal(t, "FracLayer q", gq, wq)
	}
}

// equalPoint compares points as the proof encodes them: equal as points
// and with equal compressed encodings.
func equalPoint(t *testing.T, what string, got, want bls12381.G1Jac) {
	t.Helper()
	var ga, wa bls12381.G1Affine
	ga.FromJacobian(&got)
	wa.FromJacobian(&want)
	if !got.Equal(&want) || ga.Bytes() != wa.Bytes() {
		t.Fatalf("%s: got %s, want %s", what, ga.String(), wa.String())
	}
}

// MSMSizes are the MSM lengths tried (the last only without -short).
var MSMSizes = []int{0, 1, 2, 5, 64, 300, 3000}

func msmSizes() []int {
	if testing.Short() {
		return MSMSizes[:len(MSMSizes)-1]
	}
	return MSMSizes
}

func runMSM(t *testing.T, b backend.Backend) {
	for _, n := range msmSizes() {
		pts, sc := Points(n), Vector(n)
		got, err := b.MSM(pts, sc)
		must(t, "MSM", err)
		want, _ := backend.CPU{}.MSM(pts, sc)
		equalPoint(t, "MSM", got, want)
	}
}

func runMSMSmall(t *testing.T, b backend.Backend) {
	for _, bits := range []int{1, 8, 16, 31, 62} {
		for _, n := range msmSizes() {
			pts, w := Points(n), SmallScalars(n, bits)
			got, err := b.MSMSmall(pts, w)
			must(t, "MSMSmall", err)
			want, _ := backend.CPU{}.MSMSmall(pts, w)
			equalPoint(t, "MSMSmall", got, want)
		}
	}
}

// runShapes checks that bad shapes are errors (never panics) on b.
func runShapes(t *testing.T, b backend.Backend) {
	a := Vector(4)
	if err := b.Add(make([]fr.Element, 3), a, a); err == nil {
		t.Error("Add with a short destination: no error")
	}
	if err := b.Fold(make([]fr.Element, 1), a, fr.One()); err == nil {
		t.Error("Fold into a wrong-size destination: no error")
	}
	if err := b.EqTable(make([]fr.Element, 3), a[:2], fr.One()); err == nil {
		t.Error("EqTable into a wrong-size destination: no error")
	}
	if err := b.RoundSums(make([]fr.Element, 3), &backend.RoundInput{Tables: [][]fr.Element{a}, Degree: 2}); err == nil {
		t.Error("RoundSums without terms: no error")
	}
	if _, err := b.MSM(Points(2), a); err == nil {
		t.Error("MSM with 2 points and 4 scalars: no error")
	}
	if _, err := b.MSMSmall(Points(1), []int64{-1 << 63}); err == nil {
		t.Error("MSMSmall with -2^63: no error")
	}
}
