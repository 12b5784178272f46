package quant

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/internal/modeltest"
)

func TestExponentRule(t *testing.T) {
	for _, c := range []struct {
		w    []float32
		max  int
		want int
	}{
		{[]float32{1}, 32, 14},        // 2^14 fits, 2^15 does not
		{[]float32{0.5, -1}, 32, 14},  // the sign does not matter
		{[]float32{0.99999}, 32, 14},  // 32767.67 rounds to 32768: e = 15 would overflow
		{[]float32{0.999969}, 32, 15}, // 32766.98 → 32767 fits at e = 15
		{[]float32{0}, 32, 32},        // all zero: the cap
		{[]float32{1e-9}, 16, 16},     // embedding cap
		{[]float32{32767}, 32, 0},     // exactly the largest int16
		{[]float32{-32767.4}, 32, 0},
	} {
		got, err := Exponent(c.w, c.max)
		if err != nil || got != c.want {
			t.Errorf("Exponent(%v, %d) = %d, %v; want %d", c.w, c.max, got, err, c.want)
		}
	}
	if _, err := Exponent([]float32{40000}, 32); err == nil {
		t.Error("value needing a negative exponent accepted")
	}
	if got := Apply([]float32{0.5, 1.5, 2.5, -2.5, -0.5}, 0); got[0] != 0 || got[1] != 2 || got[2] != 2 || got[3] != -2 || got[4] != 0 {
		t.Errorf("round half even: %v", got)
	}
}

func TestQuantizeStories260K(t *testing.T) {
	m, _ := modeltest.Stories260K(t)
	q, err := Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	src := m.Tensors()
	if len(q.Tensors) != len(src) {
		t.Fatal("tensor count")
	}
	roleMax := map[string]float64{} // per-layer role → max |w_q| over its layers
	for i, qt := range q.Tensors {
		if qt.Name != src[i].Name || len(qt.Data) != len(src[i].Data) {
			t.Fatalf("tensor %d: %s vs %s", i, qt.Name, src[i].Name)
		}
		var maxAbs, maxErr float64
		for j, v := range qt.Data {
			maxAbs = max(maxAbs, math.Abs(float64(v)))
			maxErr = max(maxErr, math.Abs(float64(v)/math.Ldexp(1, qt.Exp)-float64(src[i].Data[j])))
		}
		if role, ok := LayerRole(qt.Name); ok {
			roleMax[role] = max(roleMax[role], maxAbs)
			if e, _ := q.Tensor("layers.0." + role); e.Exp != qt.Exp {
				t.Errorf("%s: exponent %d differs from layer 0's %d", qt.Name, qt.Exp, e.Exp)
			}
			continue
		}
		// The exponent is maximal: max|w_q| is in the top octave of int16 unless capped.
		if maxAbs < 1<<14 && !(qt.Kind == model.KindEmbedding && qt.Exp == MaxEmbeddingExp) && qt.Exp != MaxExp {
			t.Errorf("%s: e = %d not maximal (max |w_q| = %v)", qt.Name, qt.Exp, maxAbs)
		}
		if maxErr > math.Ldexp(0.5, -qt.Exp)*(1+1e-12) {
			t.Errorf("%s: error %v beyond half a unit", qt.Name, maxErr)
		}
	}
	// A shared per-role exponent is maximal for the role's largest layer.
	for role, m := range roleMax {
		if e, _ := q.Tensor("layers.0." + role); m < 1<<14 && e.Exp != MaxExp {
			t.Errorf("role %s: e = %d not maximal (max |w_q| over layers = %v)", role, e.Exp, m)
		}
	}
	cls, err := q.Classifier()
	if err != nil || cls.Name != "embed" {
		t.Fatal("shared classifier should be the embedding", err)
	}
}

func TestValidate(t *testing.T) {
	m, _ := modeltest.Stories260K(t)
	q, err := Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(*Model){
		"short data":   func(q *Model) { q.Tensors[3].Data = q.Tensors[3].Data[:10] },
		"bad exponent": func(q *Model) { q.Tensors[0].Exp = 17 },
		"renamed":      func(q *Model) { q.Tensors[2].Name = "x" },
		"missing":      func(q *Model) { q.Tensors = q.Tensors[:5] },
	} {
		c, _ := Quantize(m)
		mutate(c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// Streaming quantization in chunks gives exactly Quantize's tensors (shared
// per-role exponents included), and refuses non-finite values.
func TestQuantizeStreamMatchesQuantize(t *testing.T) {
	m, _ := modeltest.Stories260K(t)
	q, err := Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	src := m.Tensors()
	chunked := func(data []float32) Chunks {
		return func(each func([]float32) error) error {
			for i := 0; i < len(data); i += 1000 {
				if err := each(data[i:min(i+1000, len(data))]); err != nil {
					return err
				}
			}
			return nil
		}
	}
	read := func(i int, _ model.Tensor) Chunks { return chunked(src[i].Data) }
	for _, exponentOnly := range []bool{false, true} {
		q2, err := QuantizeStream(m.Config, read, exponentOnly)
		if err != nil {
			t.Fatal(err)
		}
		for i := range q.Tensors {
			a, b := q.Tensors[i], q2.Tensors[i]
			if a.Exp != b.Exp || a.Name != b.Name || !exponentOnly && !slices.Equal(a.Data, b.Data) || exponentOnly && b.Data != nil {
				t.Fatalf("exponentOnly %v: tensor %s differs (exp %d vs %d)", exponentOnly, a.Name, a.Exp, b.Exp)
			}
		}
	}
	nan := float32(math.NaN())
	for name, bad := range map[string][]float32{"NaN": {nan}, "short": {1}} {
		_, err := QuantizeStream(m.Config, func(i int, t model.Tensor) Chunks {
			if i == 3 {
				return chunked(bad)
			}
			return read(i, t)
		}, true)
		if !errors.Is(err, model.ErrInvalid) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}
