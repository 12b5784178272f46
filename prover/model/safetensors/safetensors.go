package safetensors

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strconv"
)

// ErrFormat reports a malformed safetensors file.
var ErrFormat = errors.New("safetensors: malformed file")

// Limits.
const (
	MaxHeaderSize = 100 << 20 // the reference implementation's limit
	MaxRank       = 8
	MaxTensors    = 1 << 20
)

// DType is a supported element type.
type DType string

const (
	F32  DType = "F32"
	F16  DType = "F16"
	BF16 DType = "BF16"
)

// Size is the element size in bytes (0 for unsupported types).
func (d DType) Size() int {
	switch d {
	case F32:
		return 4
	case F16, BF16:
		return 2
	}
	return 0
}

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	Name       string
	DType      DType
	Shape      []int
	Begin, End int // byte range inside the data section
}

// File is a parsed safetensors file; it aliases the input bytes.
type File struct {
	Metadata map[string]string
	tensors  map[string]*TensorInfo
	order    []string // by offset
	data     []byte
}

type rawEntry struct {
	DType       string   `json:"dtype"`
	Shape       []uint64 `json:"shape"`
	DataOffsets []uint64 `json:"data_offsets"`
}

// Parse validates b and returns its tensors.
func Parse(b []byte) (*File, error) {
	if len(b) < 8 {
		return nil, fmt.Errorf("%w: %d bytes, no header length", ErrFormat, len(b))
	}
	n := binary.LittleEndian.Uint64(b)
	if n > MaxHeaderSize {
		return nil, fmt.Errorf("%w: header length %d exceeds %d", ErrFormat, n, MaxHeaderSize)
	}
	if n > uint64(len(b)-8) {
		return nil, fmt.Errorf("%w: header length %d but only %d bytes follow", ErrFormat, n, len(b)-8)
	}
	header := b[8 : 8+n]
	if len(header) == 0 || header[0] != '{' {
		return nil, fmt.Errorf("%w: header does not start with '{'", ErrFormat)
	}
	data := b[8+n:]
	f := &File{tensors: map[string]*TensorInfo{}, data: data}
	if err := f.parseHeader(header); err != nil {
		return nil, err
	}
	return f, f.checkLayout()
}

func (f *File) parseHeader(header []byte) error {
	dec := json.NewDecoder(bytes.NewReader(header))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("%w: header is not a JSON object", ErrFormat)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: header JSON: %v", ErrFormat, err)
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("%w: header key is not a string", ErrFormat)
		}
		if _, dup := f.tensors[key]; dup || key == "__metadata__" && f.Metadata != nil {
			return fmt.Errorf("%w: duplicate header key %q", ErrFormat, key)
		}
		if key == "__metadata__" {
			var md map[string]string
			if err := decodeStrict(dec, &md); err != nil {
				return fmt.Errorf("%w: __metadata__: %v", ErrFormat, err)
			}
			if md == nil {
				md = map[string]string{}
			}
			f.Metadata = md
			continue
		}
		if len(f.tensors) >= MaxTensors {
			return fmt.Errorf("%w: more than %d tensors", ErrFormat, MaxTensors)
		}
		var e rawEntry
		if err := decodeStrict(dec, &e); err != nil {
			return fmt.Errorf("%w: tensor %q: %v", ErrFormat, key, err)
		}
		t, err := f.entry(key, e)
		if err != nil {
			return err
		}
		f.tensors[key] = t
		f.order = append(f.order, key)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return fmt.Errorf("%w: header JSON object not closed", ErrFormat)
	}
	// Only whitespace padding may follow the object.
	if len(bytes.TrimRight(header[dec.InputOffset():], " \t\r\n")) != 0 {
		return fmt.Errorf("%w: bytes after the header object", ErrFormat)
	}
	return nil
}

// decodeStrict decodes the next JSON value into v rejecting unknown fields.
func decodeStrict(dec *json.Decoder, v any) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func (f *File) entry(name string, e rawEntry) (*TensorInfo, error) {
	dt := DType(e.DType)
	if dt.Size() == 0 {
		return nil, fmt.Errorf("%w: tensor %q has dtype %q (supported: F32, F16, BF16)", ErrFormat, name, e.DType)
	}
	if len(e.Shape) > MaxRank {
		return nil, fmt.Errorf("%w: tensor %q has rank %d (max %d)", ErrFormat, name, len(e.Shape), MaxRank)
	}
	if len(e.DataOffsets) != 2 {
		return nil, fmt.Errorf("%w: tensor %q data_offsets must have 2 entries", ErrFormat, name)
	}
	begin, end := e.DataOffsets[0], e.DataOffsets[1]
	if begin > end || end > uint64(len(f.data)) {
		return nil, fmt.Errorf("%w: tensor %q offsets [%d, %d] outside data of %d bytes", ErrFormat, name, begin, end, len(f.data))
	}
	n := uint64(dt.Size())
	shape := make([]int, len(e.Shape))
	for i, s := range e.Shape {
		hi, lo := bits.Mul64(n, s)
		// s > MaxInt matters once an earlier 0 has made n zero: int(s) would
		// turn negative.
		if hi != 0 || lo > uint64(len(f.data)) || s > math.MaxInt {
			return nil, fmt.Errorf("%w: tensor %q shape %v overflows the file", ErrFormat, name, e.Shape)
		}
		n = lo
		shape[i] = int(s)
	}
	if n != end-begin {
		return nil, fmt.Errorf("%w: tensor %q: shape %v of %s needs %d bytes, offsets give %d", ErrFormat, name, e.Shape, dt, n, end-begin)
	}
	return &TensorInfo{Name: name, DType: dt, Shape: shape, Begin: int(begin), End: int(end)}, nil
}

func (f *File) checkLayout() error {
	sort.SliceStable(f.order, func(i, j int) bool {
		a, b := f.tensors[f.order[i]], f.tensors[f.order[j]]
		if a.Begin != b.Begin {
			return a.Begin < b.Begin
		}
		return a.End < b.End
	})
	at := 0
	for _, name := range f.order {
		t := f.tensors[name]
		if t.Begin != at {
			if t.Begin < at {
				return fmt.Errorf("%w: tensor %q overlaps the previous one (begins at %d, previous ends at %d)", ErrFormat, name, t.Begin, at)
			}
			return fmt.Errorf("%w: hole in the data before tensor %q (%d..%d)", ErrFormat, name, at, t.Begin)
		}
		at = t.End
	}
	if at != len(f.data) {
		return fmt.Errorf("%w: %d data bytes after the last tensor", ErrFormat, len(f.data)-at)
	}
	return nil
}

// Names lists the tensors in data order.
func (f *File) Names() []string { return append([]string(nil), f.order...) }

// Info returns a tensor's description.
func (f *File) Info(name string) (*TensorInfo, bool) {
	t, ok := f.tensors[name]
	return t, ok
}

// Float32 returns a tensor's values converted to float32 (exact for F16 and BF16).
func (f *File) Float32(name string) ([]float32, error) {
	t, ok := f.tensors[name]
	if !ok {
		return nil, fmt.Errorf("safetensors: no tensor %q", name)
	}
	raw := f.data[t.Begin:t.End]
	out := make([]float32, len(raw)/t.DType.Size())
	switch t.DType {
	case F32:
		for i := range out {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	case BF16:
		for i := range out {
			out[i] = math.Float32frombits(uint32(binary.LittleEndian.Uint16(raw[2*i:])) << 16)
		}
	case F16:
		for i := range out {
			out[i] = HalfToFloat32(binary.LittleEndian.Uint16(raw[2*i:]))
		}
	}
	return out, nil
}

// HalfToFloat32 converts an IEEE-754 binary16 value exactly.
func HalfToFloat32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // inf / NaN
		return math.Float32frombits(sign | 0xff<<23 | mant<<13)
	case exp == 0 && mant == 0:
		return math.Float32frombits(sign)
	case exp == 0: // subnormal: mant·2^-24
		v := float32(mant) * (1.0 / (1 << 24))
		if sign != 0 {
			return -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}

// Tensor is one float32 tensor to encode.
type Tensor struct {
	Name  string
	Shape []int
	Data  []float32
}

// Encode writes tensors (F32) in the given order with optional metadata. The
// header lists tensors in that order, then __metadata__, and is padded with
// spaces to a multiple of 8 bytes.
func Encode(tensors []Tensor, metadata map[string]string) ([]byte, error) {
	var hdr bytes.Buffer
	hdr.WriteByte('{')
	off := 0
	seen := map[string]bool{}
	for i, t := range tensors {
		if t.Name == "" || t.Name == "__metadata__" || seen[t.Name] {
			return nil, fmt.Errorf("safetensors: bad or duplicate tensor name %q", t.Name)
		}
		seen[t.Name] = true
		n := 1
		for _, s := range t.Shape {
			n *= s
		}
		if n != len(t.Data) {
			return nil, fmt.Errorf("safetensors: tensor %q has %d values for shape %v", t.Name, len(t.Data), t.Shape)
		}
		if i > 0 {
			hdr.WriteByte(',')
		}
		name, _ := json.Marshal(t.Name)
		hdr.Write(name)
		hdr.WriteString(`:{"dtype":"F32","shape":[`)
		for a, s := range t.Shape {
			if a > 0 {
				hdr.WriteByte(',')
			}
			hdr.WriteString(strconv.Itoa(s))
		}
		fmt.Fprintf(&hdr, `],"data_offsets":[%d,%d]}`, off, off+4*n)
		off += 4 * n
	}
	if len(metadata) > 0 {
		md, err := json.Marshal(metadata) // keys sorted: deterministic
		if err != nil {
			return nil, err
		}
		if len(tensors) > 0 {
			hdr.WriteByte(',')
		}
		hdr.WriteString(`"__metadata__":`)
		hdr.Write(md)
	}
	hdr.WriteByte('}')
	for hdr.Len()%8 != 0 {
		hdr.WriteByte(' ')
	}
	out := make([]byte, 8, 8+hdr.Len()+off)
	binary.LittleEndian.PutUint64(out, uint64(hdr.Len()))
	out = append(out, hdr.Bytes()...)
	for _, t := range tensors {
		for _, v := range t.Data {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
		}
	}
	return out, nil
}
