package params

import (
	"testing"

	"github.com/zkllm/zkllm/prover/model"
)

func TestDerivedParameters(t *testing.T) {
	for _, c := range []struct{ dh, k0, wI int }{{8, 14, 20}, {64, 15, 22}, {128, 16, 22}, {96, 16, 22}, {4, 13, 20}} {
		if K0(c.dh) != c.k0 || WI(c.dh) != c.wI {
			t.Errorf("d_h %d: k0 %d w_I %d, want %d %d", c.dh, K0(c.dh), WI(c.dh), c.k0, c.wI)
		}
	}
	// stories260K: κ = round(64 · 1e-5 · 2^32) = round(2748779.069…).
	if k := Kappa(model.Config{Dim: 64, NormEps: 1e-5}); k.Int64() != 2748779 {
		t.Errorf("κ = %v", k)
	}
	// LLaMA-2-7B: round(4096 · 1e-5 · 2^32) = round(175921860.44…).
	if k := Kappa(model.Config{Dim: 4096, NormEps: 1e-5}); k.Int64() != 175921860 {
		t.Errorf("κ = %v", k)
	}
}
