package quant

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/zkllm/zkllm/prover/model"
)

// Exponent bounds. Weights with max|w| ≥ 2^15 would need e < 0, which the
// rescale rules (shifts by e, e+4, e+6, e+18) do not support.
const (
	MinExp          = 0
	MaxExp          = 32
	MaxEmbeddingExp = 16
	maxInt16        = 1<<15 - 1
)

// ErrRange reports a tensor whose values cannot be quantized within bounds.
var ErrRange = errors.New("quant: tensor out of quantizable range")

// Tensor is one quantized tensor: value = Data[i] / 2^Exp.
type Tensor struct {
	Name  string
	Shape []int
	Kind  model.TensorKind
	Exp   int
	Data  []int16
}

// Len is the number of values (the product of Shape).
func (t *Tensor) Len() int { return len(t.Data) }

// Model is a quantized model: the architecture and its tensors in spec order.
type Model struct {
	Config  model.Config
	Tensors []Tensor
	index   map[string]int
}

// Quantize converts every tensor of m (spec order).
func Quantize(m *model.Model) (*Model, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	src := m.Tensors()
	q := &Model{Config: m.Config, Tensors: make([]Tensor, len(src)), index: make(map[string]int, len(src))}
	exps := make([]int, len(src))
	shared := map[string]int{} // per-layer role → the smallest exponent over the layers
	for i, t := range src {
		maxExp := MaxExp
		if t.Kind == model.KindEmbedding {
			maxExp = MaxEmbeddingExp
		}
		e, err := Exponent(t.Data, maxExp)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrRange, t.Name, err)
		}
		exps[i] = e
		if role, ok := LayerRole(t.Name); ok {
			if old, seen := shared[role]; !seen || e < old {
				shared[role] = e
			}
		}
	}
	for i, t := range src {
		e := exps[i]
		if role, ok := LayerRole(t.Name); ok {
			e = shared[role]
		}
		q.Tensors[i] = Tensor{Name: t.Name, Shape: slices.Clone(t.Shape), Kind: t.Kind, Exp: e, Data: Apply(t.Data, e)}
		q.index[t.Name] = i
	}
	return q, nil
}

// LayerRole returns the role of a per-layer tensor ("wq" for
// "layers.3.wq") and true, or false for a model-level tensor. Every layer's
// tensor of one role shares one exponent (the smallest of the per-layer
// ones), so that the layer-stacked proof (PROTOCOL §8.4) rescales every
// layer by the same public shift.
func LayerRole(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, "layers.")
	if !ok {
		return "", false
	}
	_, role, ok := strings.Cut(rest, ".")
	return role, ok
}

// Exponent returns the largest e in [MinExp, maxExp] with
// roundHalfEven(max|w|·2^e) ≤ 2^15 − 1.
func Exponent(w []float32, maxExp int) (int, error) {
	var m float64
	for _, x := range w {
		m = max(m, math.Abs(float64(x)))
	}
	return exponentOfMax(m, maxExp)
}

func exponentOfMax(m float64, maxExp int) (int, error) {
	for e := maxExp; e >= MinExp; e-- {
		if math.RoundToEven(math.Ldexp(m, e)) <= maxInt16 {
			return e, nil
		}
	}
	return 0, fmt.Errorf("max |w| = %v needs an exponent below %d", m, MinExp)
}

// Chunks passes a tensor's values to each, in order, chunk by chunk. It may
// be called more than once and must yield the same values each time.
type Chunks func(each func([]float32) error) error

// QuantizeStream quantizes the model of architecture cfg whose tensors
// (spec order, model.TensorLayout) are streamed by read, exactly as Quantize
// does for the same values: a first pass over every tensor finds max|w| (and
// refuses non-finite values and wrong lengths), the per-layer roles then
// share their smallest exponent, and a second pass converts each tensor into
// a new []int16 — skipped when exponentOnly, which leaves every Data nil (the
// exponents are all that the manifest and the spec need). Peak memory is the
// int16 tensors (none with exponentOnly) plus read's buffers.
func QuantizeStream(cfg model.Config, read func(i int, t model.Tensor) Chunks, exponentOnly bool) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	layout := model.TensorLayout(cfg)
	q := &Model{Config: cfg, Tensors: make([]Tensor, len(layout))}
	shared := map[string]int{}
	for i, t := range layout {
		e, err := streamExponent(t, read(i, t))
		if err != nil {
			return nil, err
		}
		q.Tensors[i] = Tensor{Name: t.Name, Shape: slices.Clone(t.Shape), Kind: t.Kind, Exp: e}
		if role, ok := LayerRole(t.Name); ok {
			if old, seen := shared[role]; !seen || e < old {
				shared[role] = e
			}
		}
	}
	for i, t := range layout {
		qt := &q.Tensors[i]
		if role, ok := LayerRole(t.Name); ok {
			qt.Exp = shared[role]
		}
		if exponentOnly {
			continue
		}
		var err error
		if qt.Data, err = streamApply(t, read(i, t), qt.Exp); err != nil {
			return nil, err
		}
	}
	q.reindex()
	if !exponentOnly {
		if err := q.Validate(); err != nil {
			return nil, err
		}
	}
	return q, nil
}

func tensorLen(t model.Tensor) int {
	n := 1
	for _, s := range t.Shape {
		n *= s
	}
	return n
}

// streamExponent is Exponent over a streamed tensor.
func streamExponent(t model.Tensor, read Chunks) (int, error) {
	maxExp := MaxExp
	if t.Kind == model.KindEmbedding {
		maxExp = MaxEmbeddingExp
	}
	var m float64
	seen := 0
	err := read(func(v []float32) error {
		for i, x := range v {
			if x != x || x > math.MaxFloat32 || x < -math.MaxFloat32 {
				return fmt.Errorf("%w: tensor %s[%d] = %v is not finite", model.ErrInvalid, t.Name, seen+i, x)
			}
			m = max(m, math.Abs(float64(x)))
		}
		seen += len(v)
		return nil
	})
	if err != nil {
		return 0, err
	}
	if n := tensorLen(t); seen != n {
		return 0, fmt.Errorf("%w: tensor %s has %d values, shape %v needs %d", model.ErrInvalid, t.Name, seen, t.Shape, n)
	}
	e, err := exponentOfMax(m, maxExp)
	if err != nil {
		return 0, fmt.Errorf("%w: %s: %w", ErrRange, t.Name, err)
	}
	return e, nil
}

// streamApply is Apply over a streamed tensor.
func streamApply(t model.Tensor, read Chunks, e int) ([]int16, error) {
	n := tensorLen(t)
	out := make([]int16, n)
	at := 0
	err := read(func(v []float32) error {
		if at+len(v) > n {
			return fmt.Errorf("%w: tensor %s changed between passes", model.ErrInvalid, t.Name)
		}
		for i, x := range v {
			out[at+i] = int16(math.RoundToEven(math.Ldexp(float64(x), e)))
		}
		at += len(v)
		return nil
	})
	if err == nil && at != n {
		err = fmt.Errorf("%w: tensor %s changed between passes", model.ErrInvalid, t.Name)
	}
	return out, err
}

// Apply returns roundHalfEven(w·2^e) for each w. The caller guarantees that
// e came from Exponent, so every value fits int16.
func Apply(w []float32, e int) []int16 {
	out := make([]int16, len(w))
	for i, x := range w {
		out[i] = int16(math.RoundToEven(math.Ldexp(float64(x), e)))
	}
	return out
}

// Tensor returns the tensor with the given canonical name.
func (q *Model) Tensor(name string) (*Tensor, error) {
	if q.index == nil {
		q.reindex()
	}
	i, ok := q.index[name]
	if !ok {
		return nil, fmt.Errorf("quant: no tensor %q", name)
	}
	return &q.Tensors[i], nil
}

func (q *Model) reindex() {
	q.index = make(map[string]int, len(q.Tensors))
	for i, t := range q.Tensors {
		q.index[t.Name] = i
	}
}

// Classifier returns the output projection: lm_head, or the embedding when shared.
func (q *Model) Classifier() (*Tensor, error) {
	if q.Config.SharedClassifier {
		return q.Tensor("embed")
	}
	return q.Tensor("lm_head")
}

// Validate checks that q has exactly the tensors its Config implies, in spec
// order, each with the right shape, kind, length and an exponent in bounds —
// what the inference and the blob layout rely on for a model built by hand.
func (q *Model) Validate() error {
	if err := q.Config.Validate(); err != nil {
		return err
	}
	layout := model.TensorLayout(q.Config)
	if len(q.Tensors) != len(layout) {
		return fmt.Errorf("%w: %d tensors, the architecture has %d", ErrRange, len(q.Tensors), len(layout))
	}
	for i, want := range layout {
		t := &q.Tensors[i]
		n := 1
		for _, s := range want.Shape {
			n *= s
		}
		maxExp := MaxExp
		if want.Kind == model.KindEmbedding {
			maxExp = MaxEmbeddingExp
		}
		switch {
		case t.Name != want.Name || t.Kind != want.Kind || !slices.Equal(t.Shape, want.Shape):
			return fmt.Errorf("%w: tensor %d is %s %v, want %s %v", ErrRange, i, t.Name, t.Shape, want.Name, want.Shape)
		case len(t.Data) != n:
			return fmt.Errorf("%w: tensor %s has %d values, shape needs %d", ErrRange, t.Name, len(t.Data), n)
		case t.Exp < MinExp || t.Exp > maxExp:
			return fmt.Errorf("%w: tensor %s exponent %d outside [%d, %d]", ErrRange, t.Name, t.Exp, MinExp, maxExp)
		}
	}
	return nil
}

// CheckStackable reports whether every per-layer role has one exponent
// across the layers, as the layer-stacked proof needs (Quantize ensures it;
// a model built by hand may not).
func (q *Model) CheckStackable() error {
	roleExp := map[string]int{}
	for _, t := range q.Tensors {
		if role, ok := LayerRole(t.Name); ok {
			if e, seen := roleExp[role]; seen && e != t.Exp {
				return fmt.Errorf("%w: tensor %s exponent %d, another layer's %s has %d (one exponent per role)", ErrRange, t.Name, t.Exp, role, e)
			}
			roleExp[role] = t.Exp
		}
	}
	return nil
}
