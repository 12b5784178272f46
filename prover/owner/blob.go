package owner

import (
	"errors"
	"fmt"
	"slices"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/pool"
)

// ErrBlob wraps every error about the weight blob's layout or values.
var ErrBlob = errors.New("owner: invalid weight blob")

// MaxLogBlob bounds the weight blob at 2^34 int16 entries (32 GiB).
const MaxLogBlob = 34

// LogRowLength is c_W's log for a blob of 2^logSize entries (PROTOCOL §4.2
// [R]): c_W = 2^⌈(n_W+1)/2⌉, capped at the blob (one row at most).
func LogRowLength(logSize int) int { return min(logSize, (logSize+2)/2) }

// Blob is the public layout of a model's weight blob: every weight tensor of
// the architecture, padded per axis to powers of two and placed by
// pedersen.Place, with Hyrax rows of 2^LogC entries. Both sides derive it:
// the prover from the quantized model, the verifier from the manifest's
// architecture (BlobForConfig), never from the vk.
type Blob struct {
	Layout *pedersen.Layout
	LogC   int // c_W = 2^LogC, LogRowLength(Layout.LogSize)
}

// Tensor is one weight tensor as placed in the blob.
type Tensor struct {
	Name    string
	Shape   []uint64 // real shape, least significant axis first (quant's reversed)
	LogSize int      // log2 of the padded size: the length of a tensor-local point
	Offset  uint64   // first blob index, a multiple of 2^LogSize
	IDBits  []bool   // id_t, LSB first: t(u) = Blob(u ‖ id_t)
}

// blobSpecs lists the architecture's tensors in spec order with their axes
// reversed to least significant first (quant and model list the outermost
// axis first; the blob's axis 0 is the one that varies fastest in Data).
func blobSpecs(ts []model.Tensor) []pedersen.TensorSpec {
	specs := make([]pedersen.TensorSpec, len(ts))
	for i, t := range ts {
		shape := make([]uint64, len(t.Shape))
		for a, d := range t.Shape {
			shape[len(t.Shape)-1-a] = uint64(d)
		}
		specs[i] = pedersen.TensorSpec{Name: t.Name, Shape: shape}
	}
	return specs
}

// NewBlob places tensors given in spec order (shapes least significant axis
// first) and fixes c_W by LogRowLength.
func NewBlob(specs []pedersen.TensorSpec) (*Blob, error) {
	for _, s := range specs {
		if !pedersen.ValidName(s.Name) {
			return nil, fmt.Errorf("%w: tensor name %q is not printable ASCII", ErrBlob, s.Name)
		}
	}
	layout, err := pedersen.Place(specs)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlob, err)
	}
	if layout.LogSize > MaxLogBlob {
		return nil, fmt.Errorf("%w: weight blob of 2^%d entries is too large (at most 2^%d)", ErrBlob, layout.LogSize, MaxLogBlob)
	}
	return &Blob{Layout: layout, LogC: LogRowLength(layout.LogSize)}, nil
}

// BlobForConfig is the weight blob an architecture implies
// (model.TensorLayout): what a verifier derives from the manifest.
func BlobForConfig(c model.Config) (*Blob, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlob, err)
	}
	return NewBlob(blobSpecs(model.TensorLayout(c)))
}

// Values lays q's tensors out as the weight blob (zero at every padded
// entry). Each tensor's name and shape must be the blob's.
func (b *Blob) Values(q *quant.Model) ([]int16, error) {
	if len(q.Tensors) != len(b.Layout.Tensors) {
		return nil, fmt.Errorf("%w: %d tensors for a layout of %d", ErrBlob, len(q.Tensors), len(b.Layout.Tensors))
	}
	out := make([]int16, b.Layout.Size())
	seen := make(map[string]bool, len(q.Tensors))
	for i := range q.Tensors {
		t := &q.Tensors[i]
		if seen[t.Name] {
			return nil, fmt.Errorf("%w: tensor %q appears twice", ErrBlob, t.Name)
		}
		seen[t.Name] = true
		shape := make([]uint64, len(t.Shape))
		for a, d := range t.Shape {
			shape[len(t.Shape)-1-a] = uint64(d)
		}
		if err := b.Scatter(t.Name, shape, t.Data, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Scatter copies tensor name's values (shape least significant axis first,
// Data with axis 0 varying fastest) into blob at the tensor's placement,
// walking coordinates with an odometer; shape must be the layout's.
func (b *Blob) Scatter(name string, shape []uint64, data []int16, blob []int16) error {
	p, ok := b.Layout.Lookup(name)
	if !ok {
		return fmt.Errorf("%w: tensor %q is not in the layout", ErrBlob, name)
	}
	if uint64(len(blob)) != b.Layout.Size() {
		return fmt.Errorf("%w: blob of %d entries for a layout of 2^%d", ErrBlob, len(blob), b.Layout.LogSize)
	}
	if !slices.Equal(shape, p.Shape) {
		return fmt.Errorf("%w: tensor %q has shape %v, the layout %v (least significant first)", ErrBlob, name, shape, p.Shape)
	}
	n := uint64(1)
	// Blob index of a coordinate: Offset | Σ_a coord_a << (Σ_{b<a} axisLog_b).
	shifts := make([]uint, len(shape))
	var shift uint
	for a, d := range shape {
		n *= d
		shifts[a] = shift
		shift += uint(ceilLog2(d))
	}
	if uint64(len(data)) != n {
		return fmt.Errorf("%w: tensor %q: %d values for shape %v", ErrBlob, name, len(data), shape)
	}
	coord := make([]uint64, len(shape))
	for i := uint64(0); i < n; i++ {
		idx := p.Offset
		for a, c := range coord {
			idx |= c << shifts[a]
		}
		if i == 0 || i == n-1 { // cross-check the odometer against the layout
			if want, err := p.Index(coord); err != nil || want != idx {
				return fmt.Errorf("%w: tensor %q: placement mismatch at %v", ErrBlob, name, coord)
			}
		}
		blob[idx] = data[i]
		for a := range coord {
			coord[a]++
			if coord[a] < shape[a] {
				break
			}
			coord[a] = 0
		}
	}
	return nil
}

func ceilLog2(x uint64) int {
	l := 0
	for uint64(1)<<l < x {
		l++
	}
	return l
}

// NumRows is the Hyrax row count 2^(LogSize−LogC).
func (b *Blob) NumRows() int { return int(b.Layout.NumRows(b.LogC)) }

// PresentRows marks the rows that hold a real entry; the others are
// structural padding (identity commitment, ρ = 0, never sent).
func (b *Blob) PresentRows() ([]bool, error) { return b.Layout.PresentRows(b.LogC) }

// PoolShape is the shape pool.NewProver / pool.NewVerifier take for the
// weight blob: claims are then addressed by tensor name.
func (b *Blob) PoolShape() pool.Shape { return pool.Shape{Layout: b.Layout, LogC: b.LogC} }

// Tensor returns the placement of the tensor called name.
func (b *Blob) Tensor(name string) (Tensor, bool) {
	p, ok := b.Layout.Lookup(name)
	if !ok {
		return Tensor{}, false
	}
	return Tensor{Name: p.Name, Shape: slices.Clone(p.Shape), LogSize: p.LogSize, Offset: p.Offset, IDBits: b.Layout.IDBits(p)}, true
}

// LayerTensorName is the blob name of a per-layer weight: role "wq" of layer
// 3 is "layers.3.wq" (model.TensorLayout's naming).
func LayerTensorName(role string, layer int) string { return fmt.Sprintf("layers.%d.%s", layer, role) }

// LayerTensor returns layer ℓ's tensor of a per-layer role. Every layer's
// tensor of one role has the same shape and padded size, so a gadget
// stacked over layers (PROTOCOL §8.4) can address "layer ℓ of wq" as the
// tensor-local point u with blob point u ‖ IDBits; the layers are separate
// tensors, not one stacked tensor (see the package doc).
func (b *Blob) LayerTensor(role string, layer int) (Tensor, error) {
	t, ok := b.Tensor(LayerTensorName(role, layer))
	if !ok {
		return Tensor{}, fmt.Errorf("%w: no tensor %q", ErrBlob, LayerTensorName(role, layer))
	}
	return t, nil
}

// BlobPoint returns q ‖ id_t, the whole-blob point of a claim on tensor
// name at the tensor-local point q (len(q) = the tensor's LogSize).
func (b *Blob) BlobPoint(name string, q []fr.Element) ([]fr.Element, error) {
	t, ok := b.Tensor(name)
	if !ok {
		return nil, fmt.Errorf("%w: no tensor %q", ErrBlob, name)
	}
	if len(q) != t.LogSize {
		return nil, fmt.Errorf("%w: tensor %q needs a %d-coordinate point, got %d", ErrBlob, name, t.LogSize, len(q))
	}
	out := append(make([]fr.Element, 0, b.Layout.LogSize), q...)
	for _, bit := range t.IDBits {
		var e fr.Element
		if bit {
			e.SetOne()
		}
		out = append(out, e)
	}
	return out, nil
}
