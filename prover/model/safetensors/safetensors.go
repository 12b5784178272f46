package safetensors

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// File is a parsed safetensors file; it aliases the input bytes. A File from
// ParseHeader has no data: Float32 is unavailable, DataStart locates it.
type File struct {
	Metadata  map[string]string
	tensors   map[string]*TensorInfo
	order     []string // by offset
	data      []byte
	dataLen   int
	DataStart int64 // file offset of the data section (8 + header length)
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
	data := b[8+n:]
	f := &File{tensors: map[string]*TensorInfo{}, data: data, dataLen: len(data), DataStart: int64(8 + n)}
	if err := f.parseHeader(header); err != nil {
		return nil, err
	}
	return f, f.checkLayout()
}

// ParseHeader reads only the header of a safetensors file of size bytes and
// checks it against that size: every tensor's offsets, shape and dtype, and
// that the tensors tile the data section exactly. It reads at most
// 8 + MaxHeaderSize bytes whatever the file claims.
func ParseHeader(r io.ReaderAt, size int64) (*File, error) {
	var lb [8]byte
	if size < 8 {
		return nil, fmt.Errorf("%w: %d bytes, no header length", ErrFormat, size)
	}
	if _, err := r.ReadAt(lb[:], 0); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	n := binary.LittleEndian.Uint64(lb[:])
	if n > MaxHeaderSize {
		return nil, fmt.Errorf("%w: header length %d exceeds %d", ErrFormat, n, MaxHeaderSize)
	}
	if n > uint64(size-8) {
		return nil, fmt.Errorf("%w: header length %d but only %d bytes follow", ErrFormat, n, size-8)
	}
	header := make([]byte, n)
	if _, err := r.ReadAt(header, 8); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	rest := size - 8 - int64(n)
	if rest > math.MaxInt {
		return nil, fmt.Errorf("%w: %d data bytes", ErrFormat, rest)
	}
	f := &File{tensors: map[string]*TensorInfo{}, dataLen: int(rest), DataStart: int64(8 + n)}
	if err := f.parseHeader(header); err != nil {
		return nil, err
	}
	return f, f.checkLayout()
}

func (f *File) parseHeader(header []byte) error {
	if len(header) == 0 || header[0] != '{' {
		return fmt.Errorf("%w: header does not start with '{'", ErrFormat)
	}
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
	if begin > end || end > uint64(f.dataLen) {
		return nil, fmt.Errorf("%w: tensor %q offsets [%d, %d] outside data of %d bytes", ErrFormat, name, begin, end, f.dataLen)
	}
	n := uint64(dt.Size())
	shape := make([]int, len(e.Shape))
	for i, s := range e.Shape {
		hi, lo := bits.Mul64(n, s)
		// s > MaxInt matters once an earlier 0 has made n zero: int(s) would
		// turn negative.
		if hi != 0 || lo > uint64(f.dataLen) || s > math.MaxInt {
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
	if at != f.dataLen {
		return fmt.Errorf("%w: %d data bytes after the last tensor", ErrFormat, f.dataLen-at)
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
	if f.data == nil && f.dataLen > 0 {
		return nil, fmt.Errorf("safetensors: header-only file: read %q through Chunks", name)
	}
	raw := f.data[t.Begin:t.End]
	out := make([]float32, len(raw)/t.DType.Size())
	Decode(out, raw, t.DType)
	return out, nil
}

// Decode converts len(dst) little-endian values of type dt from raw into dst
// (exact for F16 and BF16).
func Decode(dst []float32, raw []byte, dt DType) {
	switch dt {
	case F32:
		for i := range dst {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	case BF16:
		for i := range dst {
			dst[i] = math.Float32frombits(uint32(binary.LittleEndian.Uint16(raw[2*i:])) << 16)
		}
	case F16:
		for i := range dst {
			dst[i] = HalfToFloat32(binary.LittleEndian.Uint16(raw[2*i:]))
		}
	}
}

// chunkValues is how many values Chunks reads at a time (4 MiB of F32).
const chunkValues = 1 << 20

// Chunks returns a reader of the n values of type dt stored at byte offset
// off of r: each call passes them to each in order, chunk by chunk, through
// one reused buffer of at most 1 Mi values (so a caller can stream a tensor
// of any size in bounded memory, as many times as it needs).
func Chunks(r io.ReaderAt, off int64, n int, dt DType) func(each func([]float32) error) error {
	return func(each func([]float32) error) error {
		size := dt.Size()
		if size == 0 {
			return fmt.Errorf("%w: dtype %q", ErrFormat, dt)
		}
		c := min(n, chunkValues)
		raw := make([]byte, c*size)
		vals := make([]float32, c)
		for done := 0; done < n; {
			k := min(c, n-done)
			if _, err := r.ReadAt(raw[:k*size], off+int64(done)*int64(size)); err != nil {
				return fmt.Errorf("%w: reading at %d: %v", ErrFormat, off+int64(done)*int64(size), err)
			}
			Decode(vals[:k], raw[:k*size], dt)
			if err := each(vals[:k]); err != nil {
				return err
			}
			done += k
		}
		return nil
	}
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

// Tensor is one tensor to encode: Data, or for large synthetic tensors Gen,
// which fills dst with the values starting at index off.
type Tensor struct {
	Name  string
	Shape []int
	DType DType // "" means F32; F16 and BF16 round to nearest even
	Data  []float32
	Gen   func(dst []float32, off int)
}

// Encode writes tensors in the given order with optional metadata (see Write).
func Encode(tensors []Tensor, metadata map[string]string) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, tensors, metadata); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Write streams a safetensors file to w. The header lists tensors in the
// given order, then __metadata__, and is padded with spaces to a multiple of
// 8 bytes.
func Write(w io.Writer, tensors []Tensor, metadata map[string]string) error {
	var hdr bytes.Buffer
	hdr.WriteByte('{')
	off := 0
	seen := map[string]bool{}
	for i, t := range tensors {
		if t.Name == "" || t.Name == "__metadata__" || seen[t.Name] {
			return fmt.Errorf("safetensors: bad or duplicate tensor name %q", t.Name)
		}
		seen[t.Name] = true
		dt := t.DType
		if dt == "" {
			dt = F32
		}
		if dt.Size() == 0 {
			return fmt.Errorf("safetensors: tensor %q: dtype %q", t.Name, dt)
		}
		n := 1
		for _, s := range t.Shape {
			n *= s
		}
		if t.Gen == nil && n != len(t.Data) {
			return fmt.Errorf("safetensors: tensor %q has %d values for shape %v", t.Name, len(t.Data), t.Shape)
		}
		if i > 0 {
			hdr.WriteByte(',')
		}
		name, _ := json.Marshal(t.Name)
		hdr.Write(name)
		fmt.Fprintf(&hdr, `:{"dtype":"%s","shape":[`, dt)
		for a, s := range t.Shape {
			if a > 0 {
				hdr.WriteByte(',')
			}
			hdr.WriteString(strconv.Itoa(s))
		}
		fmt.Fprintf(&hdr, `],"data_offsets":[%d,%d]}`, off, off+dt.Size()*n)
		off += dt.Size() * n
	}
	if len(metadata) > 0 {
		md, err := json.Marshal(metadata) // keys sorted: deterministic
		if err != nil {
			return err
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
	var lb [8]byte
	binary.LittleEndian.PutUint64(lb[:], uint64(hdr.Len()))
	if _, err := w.Write(lb[:]); err != nil {
		return err
	}
	if _, err := w.Write(hdr.Bytes()); err != nil {
		return err
	}
	buf := make([]float32, chunkValues)
	var raw []byte
	for _, t := range tensors {
		dt := t.DType
		if dt == "" {
			dt = F32
		}
		n := 1
		for _, s := range t.Shape {
			n *= s
		}
		for done := 0; done < n; {
			k := min(n-done, len(buf))
			vals := buf[:k]
			if t.Gen != nil {
				t.Gen(vals, done)
			} else {
				vals = t.Data[done : done+k]
			}
			raw = appendEncoded(raw[:0], vals, dt)
			if _, err := w.Write(raw); err != nil {
				return err
			}
			done += k
		}
	}
	return nil
}

func appendEncoded(out []byte, vals []float32, dt DType) []byte {
	for _, v := range vals {
		switch dt {
		case F32:
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
		case BF16:
			out = binary.LittleEndian.AppendUint16(out, Float32ToBF16(v))
		case F16:
			out = binary.LittleEndian.AppendUint16(out, Float32ToHalf(v))
		}
	}
	return out
}

// Float32ToBF16 rounds to the nearest bfloat16, ties to even (NaN stays NaN).
func Float32ToBF16(v float32) uint16 {
	b := math.Float32bits(v)
	if v != v {
		return uint16(b>>16) | 0x40
	}
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}

// Float32ToHalf rounds to the nearest binary16, ties to even; values beyond
// its range become ±Inf.
func Float32ToHalf(v float32) uint16 {
	b := math.Float32bits(v)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23&0xff) - 127 + 15
	mant := b & 0x7fffff
	switch {
	case b&0x7fffffff > 0x7f800000: // NaN
		return sign | 0x7e00
	case exp >= 0x1f: // overflow or Inf
		return sign | 0x7c00
	case exp <= 0: // subnormal or zero
		if exp < -10 {
			return sign
		}
		mant |= 0x800000
		shift := uint(14 - exp)
		half := mant >> shift
		rem := mant & (1<<shift - 1)
		mid := uint32(1) << (shift - 1)
		if rem > mid || rem == mid && half&1 == 1 {
			half++
		}
		return sign | uint16(half)
	}
	h := uint32(exp)<<10 | mant>>13
	rem := mant & 0x1fff
	if rem > 0x1000 || rem == 0x1000 && h&1 == 1 {
		h++ // may carry into the exponent, up to Inf: still correct
	}
	return sign | uint16(h)
}
