package pedersen

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// Layout errors.
var ErrLayout = errors.New("pedersen: invalid layout")

// MaxLogBlob bounds a blob at 2^40 entries.
const MaxLogBlob = 40

// TensorSpec names a tensor and its shape, least significant axis first.
type TensorSpec struct {
	Name  string
	Shape []uint64
}

// Placed is a tensor inside a blob.
type Placed struct {
	TensorSpec
	LogSize int    // log2 of the padded size (Σ of per-axis padded logs)
	Offset  uint64 // first blob index; a multiple of 2^LogSize
	axisLog []int  // per-axis padded log
}

// Layout is the placement of tensors into one blob of 2^LogSize entries.
type Layout struct {
	Tensors []Placed // in placement order (size descending, stable)
	LogSize int
	index   map[string]int
}

func ceilLog2(x uint64) int {
	if x <= 1 {
		return 0
	}
	return bits.Len64(x - 1)
}

// Place builds the layout of tensors given in spec order (§4.2). Names must
// be unique and non-empty, every axis length ≥ 1; the blob size is the next
// power of two ≥ the placed total (at least 1).
func Place(specs []TensorSpec) (*Layout, error) {
	l := &Layout{index: make(map[string]int, len(specs))}
	placed := make([]Placed, len(specs))
	for i, s := range specs {
		if s.Name == "" || len(s.Name) > 0xFFFF {
			return nil, fmt.Errorf("%w: tensor %d has an empty or over-long name", ErrLayout, i)
		}
		if len(s.Shape) == 0 || len(s.Shape) > 64 {
			return nil, fmt.Errorf("%w: tensor %q needs 1..64 axes", ErrLayout, s.Name)
		}
		p := Placed{TensorSpec: TensorSpec{Name: s.Name, Shape: slices.Clone(s.Shape)}}
		for _, d := range s.Shape {
			if d == 0 {
				return nil, fmt.Errorf("%w: tensor %q has an empty axis", ErrLayout, s.Name)
			}
			lg := ceilLog2(d)
			p.axisLog = append(p.axisLog, lg)
			p.LogSize += lg
		}
		if p.LogSize > MaxLogBlob {
			return nil, fmt.Errorf("%w: tensor %q larger than 2^%d", ErrLayout, s.Name, MaxLogBlob)
		}
		placed[i] = p
	}
	slices.SortStableFunc(placed, func(a, b Placed) int { return b.LogSize - a.LogSize })
	var off uint64
	for i := range placed {
		if _, dup := l.index[placed[i].Name]; dup {
			return nil, fmt.Errorf("%w: duplicate tensor name %q", ErrLayout, placed[i].Name)
		}
		placed[i].Offset = off // aligned: sizes are descending powers of two
		l.index[placed[i].Name] = i
		off += 1 << placed[i].LogSize
		if off > 1<<MaxLogBlob {
			return nil, fmt.Errorf("%w: blob larger than 2^%d", ErrLayout, MaxLogBlob)
		}
	}
	l.Tensors = placed
	l.LogSize = ceilLog2(off)
	return l, nil
}

// Specs returns the tensors in placement order.
func (l *Layout) Specs() []TensorSpec {
	out := make([]TensorSpec, len(l.Tensors))
	for i, t := range l.Tensors {
		out[i] = TensorSpec{Name: t.Name, Shape: slices.Clone(t.Shape)}
	}
	return out
}

// Size is the blob length 2^LogSize.
func (l *Layout) Size() uint64 { return 1 << l.LogSize }

// Lookup returns the placed tensor called name.
func (l *Layout) Lookup(name string) (*Placed, bool) {
	i, ok := l.index[name]
	if !ok {
		return nil, false
	}
	return &l.Tensors[i], true
}

// IDBits returns id_t: the LogSize−t.LogSize top bits of t's offset, least
// significant first, so that t(u) = Blob(u ‖ id_t).
func (l *Layout) IDBits(t *Placed) []bool {
	n := l.LogSize - t.LogSize
	id := t.Offset >> t.LogSize
	out := make([]bool, n)
	for j := range out {
		out[j] = id>>j&1 == 1
	}
	return out
}

// Index maps a coordinate vector of t (least significant axis first, each
// within the real shape) to its blob index.
func (t *Placed) Index(coord []uint64) (uint64, error) {
	if len(coord) != len(t.Shape) {
		return 0, fmt.Errorf("%w: %d coordinates for %d axes of %q", ErrLayout, len(coord), len(t.Shape), t.Name)
	}
	var idx uint64
	shift := 0
	for a, c := range coord {
		if c >= t.Shape[a] {
			return 0, fmt.Errorf("%w: coordinate %d of %q out of range", ErrLayout, a, t.Name)
		}
		idx |= c << shift
		shift += t.axisLog[a]
	}
	return t.Offset + idx, nil
}

// realBefore counts real (non-padding) entries of t at local indices < x.
func (t *Placed) realBefore(x uint64) uint64 {
	if x >= 1<<t.LogSize {
		return t.realCount()
	}
	// Walk axes from most significant: entries agreeing with x above axis a
	// and smaller on axis a, all lower axes free (but real).
	var count uint64
	lowerReal := t.realCount()
	shift := t.LogSize
	for a := len(t.Shape) - 1; a >= 0; a-- {
		shift -= t.axisLog[a]
		lowerReal /= t.Shape[a]
		c := (x >> shift) & (1<<t.axisLog[a] - 1)
		count += min(c, t.Shape[a]) * lowerReal
		if c >= t.Shape[a] {
			return count
		}
	}
	return count
}

func (t *Placed) realCount() uint64 {
	n := uint64(1)
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// HasReal reports whether blob indices [from, to) hold any real entry.
func (l *Layout) HasReal(from, to uint64) bool {
	for i := range l.Tensors {
		t := &l.Tensors[i]
		lo, hi := max(from, t.Offset), min(to, t.Offset+1<<t.LogSize)
		if lo >= hi {
			continue
		}
		if t.realBefore(hi-t.Offset) > t.realBefore(lo-t.Offset) {
			return true
		}
	}
	return false
}

// PaddingRow reports whether Hyrax row k (rows of 2^logC entries) is
// structural padding: it holds no real entry, so it is the identity, has
// ρ_k = 0 and is never sent.
func (l *Layout) PaddingRow(k uint64, logC int) bool {
	c := uint64(1) << logC
	return !l.HasReal(k*c, (k+1)*c)
}

// MaxRows bounds the Hyrax row count of one blob (a vk of 2^24 rows is 800 MB).
const MaxRows = 1 << 24

// PresentRows returns, for rows of length 2^logC, which rows hold a real
// entry (true) and which are structural padding (false). It fails when the
// blob has more than MaxRows rows. Cost: O(rows·axes + tensors).
func (l *Layout) PresentRows(logC int) ([]bool, error) {
	n := l.NumRows(logC)
	if n > MaxRows {
		return nil, fmt.Errorf("%w: %d rows > %d", ErrLayout, n, MaxRows)
	}
	present := make([]bool, n)
	c := uint64(1) << logC
	for i := range l.Tensors {
		t := &l.Tensors[i]
		size := uint64(1) << t.LogSize
		first, last := t.Offset/c, (t.Offset+size-1)/c
		for k := first; k <= last; k++ {
			if present[k] {
				continue
			}
			lo, hi := max(k*c, t.Offset)-t.Offset, min((k+1)*c, t.Offset+size)-t.Offset
			if t.realBefore(hi) > t.realBefore(lo) {
				present[k] = true
			}
		}
	}
	return present, nil
}

// NumRows is the number of Hyrax rows of length 2^logC (at least 1).
func (l *Layout) NumRows(logC int) uint64 {
	if logC >= l.LogSize {
		return 1
	}
	return 1 << (l.LogSize - logC)
}
