package model

import "fmt"

// Layer holds one decoder layer's float32 weights, matrices row-major [out][in].
type Layer struct {
	AttnNorm []float32 // [dim]
	WQ       []float32 // [dim][dim]
	WK       []float32 // [kv_dim][dim]
	WV       []float32 // [kv_dim][dim]
	WO       []float32 // [dim][dim]
	FFNNorm  []float32 // [dim]
	W1       []float32 // gate [hidden][dim]
	W2       []float32 // down [dim][hidden]
	W3       []float32 // up [hidden][dim]
}

// Model is a validated architecture plus its float32 weights.
type Model struct {
	Config     Config
	Embedding  []float32 // [vocab][dim]
	Layers     []Layer
	FinalNorm  []float32 // [dim]
	Classifier []float32 // [vocab][dim]; nil when Config.SharedClassifier
}

// Tensor names one weight tensor: its canonical name, shape (outermost first)
// and data. Data aliases the Model's storage.
type Tensor struct {
	Name  string
	Shape []int
	Data  []float32
	// Kind says how the tensor is used, which decides its quantization rule.
	Kind TensorKind
}

// TensorKind classifies tensors for quantization (PROTOCOL §9.1).
type TensorKind uint8

const (
	KindLinear    TensorKind = iota // matmul weight
	KindNorm                        // RMSNorm gain g
	KindEmbedding                   // token embedding E (e_E ≤ 16)
)

// Allocate returns a Model for cfg with zeroed weights of the right sizes.
// The caller must have validated cfg.
func Allocate(cfg Config) *Model {
	d, h, kv, v := cfg.Dim, cfg.HiddenDim, cfg.KVDim(), cfg.VocabSize
	m := &Model{Config: cfg, Embedding: make([]float32, v*d), FinalNorm: make([]float32, d)}
	m.Layers = make([]Layer, cfg.NLayers)
	for l := range m.Layers {
		m.Layers[l] = Layer{
			AttnNorm: make([]float32, d), WQ: make([]float32, d*d),
			WK: make([]float32, kv*d), WV: make([]float32, kv*d), WO: make([]float32, d*d),
			FFNNorm: make([]float32, d), W1: make([]float32, h*d),
			W2: make([]float32, d*h), W3: make([]float32, h*d),
		}
	}
	if !cfg.SharedClassifier {
		m.Classifier = make([]float32, v*d)
	}
	return m
}

// TensorLayout lists the weight tensors a Config implies, in spec order, with
// Data nil: the embedding; then per layer attn_norm, wq, wk, wv, wo, ffn_norm,
// w1 (gate), w3 (up), w2 (down); then final_norm and, unless shared with the
// embedding, lm_head. Shapes are outermost axis first.
func TensorLayout(c Config) []Tensor {
	d, h, kv, v := c.Dim, c.HiddenDim, c.KVDim(), c.VocabSize
	ts := []Tensor{{Name: "embed", Shape: []int{v, d}, Kind: KindEmbedding}}
	for l := range c.NLayers {
		p := fmt.Sprintf("layers.%d.", l)
		ts = append(ts,
			Tensor{Name: p + "attn_norm", Shape: []int{d}, Kind: KindNorm},
			Tensor{Name: p + "wq", Shape: []int{d, d}, Kind: KindLinear},
			Tensor{Name: p + "wk", Shape: []int{kv, d}, Kind: KindLinear},
			Tensor{Name: p + "wv", Shape: []int{kv, d}, Kind: KindLinear},
			Tensor{Name: p + "wo", Shape: []int{d, d}, Kind: KindLinear},
			Tensor{Name: p + "ffn_norm", Shape: []int{d}, Kind: KindNorm},
			Tensor{Name: p + "w1", Shape: []int{h, d}, Kind: KindLinear},
			Tensor{Name: p + "w3", Shape: []int{h, d}, Kind: KindLinear},
			Tensor{Name: p + "w2", Shape: []int{d, h}, Kind: KindLinear},
		)
	}
	ts = append(ts, Tensor{Name: "final_norm", Shape: []int{d}, Kind: KindNorm})
	if !c.SharedClassifier {
		ts = append(ts, Tensor{Name: "lm_head", Shape: []int{v, d}, Kind: KindLinear})
	}
	return ts
}

// Tensors is TensorLayout with Data aliasing the Model's storage.
func (m *Model) Tensors() []Tensor {
	ts := TensorLayout(m.Config)
	i := 1
	ts[0].Data = m.Embedding
	for l := range m.Layers {
		L := &m.Layers[l]
		for _, d := range [][]float32{L.AttnNorm, L.WQ, L.WK, L.WV, L.WO, L.FFNNorm, L.W1, L.W3, L.W2} {
			ts[i].Data = d
			i++
		}
	}
	ts[i].Data = m.FinalNorm
	if !m.Config.SharedClassifier {
		ts[i+1].Data = m.Classifier
	}
	return ts
}

// ClassifierWeights is the output projection: the classifier, or the
// embedding when shared.
func (m *Model) ClassifierWeights() []float32 {
	if m.Config.SharedClassifier {
		return m.Embedding
	}
	return m.Classifier
}

// Validate checks the Config and that every tensor has the length its shape
// implies and holds only finite values.
func (m *Model) Validate() error {
	if err := m.Config.Validate(); err != nil {
		return err
	}
	if len(m.Layers) != m.Config.NLayers {
		return fmt.Errorf("%w: %d layers, config says %d", ErrInvalid, len(m.Layers), m.Config.NLayers)
	}
	if m.Config.SharedClassifier != (m.Classifier == nil) {
		return fmt.Errorf("%w: classifier presence disagrees with shared_classifier", ErrInvalid)
	}
	for _, t := range m.Tensors() {
		n := 1
		for _, s := range t.Shape {
			n *= s
		}
		if len(t.Data) != n {
			return fmt.Errorf("%w: tensor %s has %d values, shape %v needs %d", ErrInvalid, t.Name, len(t.Data), t.Shape, n)
		}
		for i, x := range t.Data {
			if x != x || x > 3.4e38 || x < -3.4e38 {
				return fmt.Errorf("%w: tensor %s[%d] = %v is not finite", ErrInvalid, t.Name, i, x)
			}
		}
	}
	return nil
}
