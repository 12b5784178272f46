package backend_test

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/backend"
	"github.com/zkllm/zkllm/prover/backend/backendtest"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// The harness itself passes on the reference (and exercises the shape checks).
func TestCPUHarness(t *testing.T) { backendtest.Run(t, backend.CPU{}) }

// RoundSums against the definition: evaluate each factor's line at X by
// mle.Fold with r = X and multiply out.
func TestCPURoundSumsNaive(t *testing.T) {
	for _, sh := range backendtest.RoundShapes() {
		for _, eq := range []bool{false, true} {
			in := backendtest.RoundInputFor(sh.Tables, sh.Degree, sh.Terms, 17, eq)
			got := make([]fr.Element, sh.Degree+1)
			if err := (backend.CPU{}).RoundSums(got, in); err != nil {
				t.Fatal(err)
			}
			for X := 0; X <= sh.Degree; X++ {
				x := field.FromInt64(int64(X))
				at := make([][]fr.Element, len(in.Tables))
				for k, tab := range in.Tables {
					at[k] = make([]fr.Element, len(tab)/2)
					mle.FoldInto(at[k], tab, x)
				}
				var want fr.Element
				for i := range at[0] {
					var s fr.Element
					for _, term := range in.Terms {
						p := term.Coeff
						for _, k := range term.Factors {
							p.Mul(&p, &at[k][i])
						}
						s.Add(&s, &p)
					}
					if eq {
						s.Mul(&s, &in.Weights[i])
					}
					want.Add(&want, &s)
				}
				if got[X] != want {
					t.Fatalf("%s eq=%v: sum at X=%d differs", sh.Name, eq, X)
				}
			}
		}
	}
}

func TestCPUEqTableNaive(t *testing.T) {
	u := backendtest.Vector(6)
	scale := field.RandomScalar()
	got := make([]fr.Element, 64)
	if err := (backend.CPU{}).EqTable(got, u, scale); err != nil {
		t.Fatal(err)
	}
	for x := range got {
		want := mle.EqAt(u, uint64(x))
		want.Mul(&want, &scale)
		if got[x] != want {
			t.Fatalf("entry %d differs from scale·EqAt", x)
		}
	}
}

func TestCPUFracLayerNaive(t *testing.T) {
	pIn, qIn := backendtest.Vector(16), backendtest.Vector(16)
	p, q := make([]fr.Element, 8), make([]fr.Element, 8)
	if err := (backend.CPU{}).FracLayer(p, q, pIn, qIn); err != nil {
		t.Fatal(err)
	}
	// As fractions: p/q = pIn[x]/qIn[x] + pIn[x+8]/qIn[x+8] (random q ≠ 0).
	for x := range p {
		var lhs, rhs, t1, inv fr.Element
		inv.Inverse(&q[x])
		lhs.Mul(&p[x], &inv)
		inv.Inverse(&qIn[x])
		rhs.Mul(&pIn[x], &inv)
		inv.Inverse(&qIn[x+8])
		t1.Mul(&pIn[x+8], &inv)
		rhs.Add(&rhs, &t1)
		if qIn[x].IsZero() || qIn[x+8].IsZero() {
			continue
		}
		if lhs != rhs {
			t.Fatalf("p/q at %d differs from the sum of fractions", x)
		}
	}
}

func TestCPUBatchInverseNaive(t *testing.T) {
	a := backendtest.Vector(100)
	got := make([]fr.Element, 100)
	if err := (backend.CPU{}).BatchInverse(got, a); err != nil {
		t.Fatal(err)
	}
	for i := range a {
		var want fr.Element
		want.Inverse(&a[i]) // 0 ↦ 0
		if got[i] != want {
			t.Fatalf("entry %d differs", i)
		}
	}
}

// MSM and MSMSmall against double-and-add, MSMSmall also against MSM on w mod r.
func TestCPUMSMNaive(t *testing.T) {
	pts := backendtest.Points(9)
	sc := backendtest.Vector(9)
	w := backendtest.SmallScalars(9, 12)
	var want, wantSmall bls12381.G1Jac
	for i := range pts {
		var p bls12381.G1Jac
		p.FromAffine(&pts[i])
		var t1 bls12381.G1Jac
		t1.ScalarMultiplication(&p, sc[i].BigInt(new(big.Int)))
		want.AddAssign(&t1)
		t1.ScalarMultiplication(&p, big.NewInt(w[i]))
		wantSmall.AddAssign(&t1)
	}
	got, err := backend.CPU{}.MSM(pts, sc)
	if err != nil || !got.Equal(&want) {
		t.Fatalf("MSM differs from double-and-add (err %v)", err)
	}
	gotSmall, err := backend.CPU{}.MSMSmall(pts, w)
	if err != nil || !gotSmall.Equal(&wantSmall) {
		t.Fatalf("MSMSmall differs from double-and-add (err %v)", err)
	}
	wf := make([]fr.Element, len(w))
	for i := range w {
		wf[i] = field.FromInt64(w[i])
	}
	viaMod, _ := backend.CPU{}.MSM(pts, wf)
	if !viaMod.Equal(&gotSmall) {
		t.Fatal("MSMSmall differs from MSM on w mod r")
	}
}

type fakeAccel struct {
	backend.CPU
}

func (fakeAccel) Name() string { return "fake" }

// Select logs one line and falls back on ErrNoDevice.
func TestSelect(t *testing.T) {
	t.Setenv("ZKLLM_BACKEND", "")
	cases := []struct {
		name    string
		factory backend.Factory
		want    string
		log     string
	}{
		{"none", nil, "cpu", "no accelerator linked in"},
		{"noDevice", func() (backend.Backend, error) {
			return nil, errors.Join(backend.ErrNoDevice, errors.New("cudaErrorNoDevice"))
		}, "cpu", "unavailable"},
		{"present", func() (backend.Backend, error) { return fakeAccel{}, nil }, "fake", "backend: fake"},
	}
	for _, c := range cases {
		backend.RegisterAccelerator("test", c.factory)
		var lines []string
		b := backend.Select(func(f string, a ...any) { lines = append(lines, fmt.Sprintf(f, a...)) })
		if b.Name() != c.want {
			t.Errorf("%s: selected %q, want %q", c.name, b.Name(), c.want)
		}
		if len(lines) != 1 || !strings.Contains(lines[0], c.log) {
			t.Errorf("%s: log %q, want one line containing %q", c.name, lines, c.log)
		}
	}
	backend.RegisterAccelerator("test", func() (backend.Backend, error) { return fakeAccel{}, nil })
	t.Setenv("ZKLLM_BACKEND", "cpu")
	var line string
	if b := backend.Select(func(f string, a ...any) { line = f }); b.Name() != "cpu" || !strings.Contains(line, "ZKLLM_BACKEND") {
		t.Errorf("ZKLLM_BACKEND=cpu: selected %q, log %q", b.Name(), line)
	}
	backend.RegisterAccelerator("", nil)
}
