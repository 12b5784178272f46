package layers

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// Shape is a tensor's real shape, least significant axis first (PROTOCOL
// §2.4): each axis is padded to a power of two, and a point on the tensor is
// the concatenation of per-axis sub-points in this order.
type Shape []int

// Logs returns each axis' padded log size.
func (s Shape) Logs() []int {
	out := make([]int, len(s))
	for i, d := range s {
		out[i] = mle.Log2Ceil(d)
	}
	return out
}

// LogSize returns the log of the padded size (Σ of per-axis logs).
func (s Shape) LogSize() int {
	n := 0
	for _, l := range s.Logs() {
		n += l
	}
	return n
}

// Size returns 2^LogSize.
func (s Shape) Size() int { return 1 << s.LogSize() }

// Len returns the number of real entries.
func (s Shape) Len() int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}

// Offsets returns the first coordinate of each axis in a point.
func (s Shape) Offsets() []int {
	out := make([]int, len(s)+1)
	for i, l := range s.Logs() {
		out[i+1] = out[i] + l
	}
	return out
}

// Spec returns the pedersen tensor spec of a tensor of this shape.
func (s Shape) Spec(name string) pedersen.TensorSpec {
	sh := make([]uint64, len(s))
	for i, d := range s {
		sh[i] = uint64(d)
	}
	return pedersen.TensorSpec{Name: name, Shape: sh}
}

// Index returns the padded index of a coordinate vector.
func (s Shape) Index(coord ...int) int {
	idx, shift := 0, 0
	for a, l := range s.Logs() {
		idx |= coord[a] << shift
		shift += l
	}
	return idx
}

// Pad lays a dense tensor (axis 0 fastest, Len() entries) out in padded
// order with zeros in the padding (P1).
func (s Shape) Pad(dense []int64) ([]int64, error) {
	if len(dense) != s.Len() {
		return nil, fmt.Errorf("layers: %d values for shape %v", len(dense), []int(s))
	}
	out := make([]int64, s.Size())
	s.walk(func(i, idx int) { out[idx] = dense[i] })
	return out, nil
}

// walk calls f(dense index, padded index) for every real entry.
func (s Shape) walk(f func(i, idx int)) {
	logs := s.Logs()
	coord := make([]int, len(s))
	n := s.Len()
	for i := 0; i < n; i++ {
		idx, shift := 0, 0
		for a, c := range coord {
			idx |= c << shift
			shift += logs[a]
		}
		f(i, idx)
		for a := range coord {
			coord[a]++
			if coord[a] < s[a] {
				break
			}
			coord[a] = 0
		}
	}
}

// ToField converts int64 values to field elements (signed, §2.2).
func ToField(v []int64) []fr.Element {
	out := make([]fr.Element, len(v))
	for i, x := range v {
		out[i].SetInt64(x)
	}
	return out
}

// Mask returns the real-entry mask of the shape in padded order (1 real, 0
// padding) as a table, and MaskAt its MLE at r in O(len r).
func (s Shape) Mask() []fr.Element {
	out := make([]fr.Element, s.Size())
	s.walk(func(_, idx int) { out[idx].SetOne() })
	return out
}

// MaskAt evaluates the real-entry mask's MLE at r (len LogSize).
func (s Shape) MaskAt(r []fr.Element) fr.Element {
	var acc fr.Element
	acc.SetOne()
	off := s.Offsets()
	for a, d := range s {
		m := mle.PrefixMask(r[off[a]:off[a+1]], uint64(d))
		acc.Mul(&acc, &m)
	}
	return acc
}
