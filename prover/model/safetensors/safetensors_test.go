package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// build assembles a file by hand: header length, header JSON, raw data.
func build(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

func le32(vs ...float32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

func le16(vs ...uint16) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

// A fixture written independently of Encode: F32, F16 and BF16 tensors,
// metadata, whitespace padding, keys out of data order.
func handFixture() []byte {
	header := `{"b":{"dtype":"F16","shape":[3],"data_offsets":[24,30]},` +
		`"__metadata__":{"format":"pt"},` +
		`"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},` +
		`"c":{"dtype":"BF16","shape":[2],"data_offsets":[30,34]}}   `
	data := le32(1, -2, 0.5, 3, 0, -0.25)
	data = append(data, le16(0x3c00, 0xc000, 0x0001)...) // F16: 1, −2, 2^-24
	data = append(data, le16(0x3f80, 0xc0a0)...)         // BF16: 1, −5
	return build(header, data)
}

func TestHandBuiltFixture(t *testing.T) {
	f, err := Parse(handFixture())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Names(), []string{"a", "b", "c"}) || f.Metadata["format"] != "pt" {
		t.Fatalf("names %v metadata %v", f.Names(), f.Metadata)
	}
	for name, want := range map[string][]float32{
		"a": {1, -2, 0.5, 3, 0, -0.25},
		"b": {1, -2, float32(math.Ldexp(1, -24))},
		"c": {1, -5},
	} {
		got, err := f.Float32(name)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s = %v, %v; want %v", name, got, err, want)
		}
	}
	if info, _ := f.Info("a"); !slices.Equal(info.Shape, []int{2, 3}) || info.DType != F32 {
		t.Errorf("info %+v", info)
	}
}

func TestHalfToFloat32(t *testing.T) {
	for h, want := range map[uint16]float32{
		0x0000: 0, 0x3c00: 1, 0xbc00: -1, 0x7bff: 65504, 0x0400: float32(math.Ldexp(1, -14)),
		0x03ff: float32(math.Ldexp(1023, -24)), 0x3555: 0.333251953125,
	} {
		if got := HalfToFloat32(h); got != want {
			t.Errorf("%#04x → %v, want %v", h, got, want)
		}
	}
	if !math.IsInf(float64(HalfToFloat32(0x7c00)), 1) || !math.IsNaN(float64(HalfToFloat32(0x7e00))) {
		t.Error("inf/nan")
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	in := []Tensor{{Name: "w", Shape: []int{2, 2}, Data: []float32{1, 2, 3, 4}}, {Name: "g", Shape: []int{3}, Data: []float32{-1, 0, 1}}}
	b, err := Encode(in, map[string]string{"k": "v"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range in {
		got, _ := f.Float32(tt.Name)
		if !slices.Equal(got, tt.Data) {
			t.Fatalf("%s: %v", tt.Name, got)
		}
	}
	if _, err := Encode([]Tensor{{Name: "x", Shape: []int{3}, Data: []float32{1}}}, nil); err == nil {
		t.Error("shape/data mismatch encoded")
	}
}

func TestMalformed(t *testing.T) {
	ok := `{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`
	d8 := le32(1, 2)
	hugeLen := binary.LittleEndian.AppendUint64(nil, 1<<62)
	cases := map[string][]byte{
		"empty":            nil,
		"short":            []byte{1, 2, 3},
		"huge header len":  append(hugeLen, ok...),
		"header past end":  binary.LittleEndian.AppendUint64(nil, 100),
		"not an object":    build(`[1,2]`, nil),
		"bad json":         build(`{"a":{"dtype":"F32",`, d8),
		"trailing json":    build(ok+`{}`, d8),
		"unknown dtype":    build(strings.Replace(ok, "F32", "I64", 1), d8),
		"unknown field":    build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"x":1}}`, d8),
		"duplicate key":    build(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8),
		"offsets past end": build(`{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}`, d8),
		"offsets reversed": build(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}`, d8),
		"size mismatch":    build(`{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}`, d8),
		"overlap":          build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8),
		"hole":             build(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8),
		"trailing data":    build(ok, append(d8, 0)),
		"huge shape":       build(`{"a":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}}`, d8),
		"negative shape":   build(`{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}`, d8),
		"float shape":      build(`{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}`, d8),
		"one offset":       build(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}`, d8),
		"metadata non-str": build(`{"__metadata__":{"a":1}}`, nil),
		"rank too high":    build(`{"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,2],"data_offsets":[0,8]}}`, d8),
		"leading space":    build(" "+ok, d8),
		"zero hides huge":  build(`{"a":{"dtype":"F32","shape":[0,18446744073709551615],"data_offsets":[0,0]}}`, nil),
	}
	for name, b := range cases {
		if _, err := Parse(b); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: got %v, want ErrFormat", name, err)
		}
	}
	if _, err := Parse(build(ok, d8)); err != nil {
		t.Fatalf("control: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(handFixture())
	b, _ := Encode([]Tensor{{Name: "w", Shape: []int{2}, Data: []float32{1, 2}}}, nil)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Parse(b)
		// The header-only reader accepts exactly what Parse accepts.
		hf, herr := ParseHeader(bytes.NewReader(b), int64(len(b)))
		if (err == nil) != (herr == nil) {
			t.Fatalf("Parse %v, ParseHeader %v", err, herr)
		}
		if err != nil {
			return
		}
		if !slices.Equal(hf.Names(), file.Names()) || hf.DataStart != file.DataStart {
			t.Fatal("ParseHeader and Parse disagree")
		}
		for _, n := range file.Names() {
			info, _ := file.Info(n)
			v, err := file.Float32(n)
			if err != nil || len(v)*info.DType.Size() != info.End-info.Begin {
				t.Fatalf("accepted tensor %s unreadable: %v", n, err)
			}
		}
	})
}

// F16/BF16 encoding rounds to nearest even and decodes back exactly for
// representable values; ParseHeader + Chunks read what Write wrote.
func TestHalfEncodingsAndStreaming(t *testing.T) {
	for _, v := range []float32{0, 1, -2.5, 65504, 6.1035156e-05, 5.9604645e-08, 0.1, -3.1415927, 1e-3} {
		if got := HalfToFloat32(Float32ToHalf(v)); math.Abs(float64(got-v)) > math.Abs(float64(v))/1024+6e-8 {
			t.Errorf("f16 %v → %v", v, got)
		}
		bf := math.Float32frombits(uint32(Float32ToBF16(v)) << 16)
		if math.Abs(float64(bf-v)) > math.Abs(float64(v))/128 {
			t.Errorf("bf16 %v → %v", v, bf)
		}
	}
	if Float32ToHalf(1e6) != 0x7c00 || Float32ToBF16(1.00390625) != 0x3f80 || Float32ToBF16(1.01171875) != 0x3f82 {
		t.Error("rounding edge cases")
	}
	var buf bytes.Buffer
	gen := func(dst []float32, off int) {
		for i := range dst {
			dst[i] = float32(off+i) / 4
		}
	}
	ts := []Tensor{
		{Name: "a", Shape: []int{3, 5}, DType: BF16, Gen: gen},
		{Name: "b", Shape: []int{chunkValues + 7}, DType: F16, Gen: func(dst []float32, off int) {
			for i := range dst {
				dst[i] = float32((off+i)%1000) / 8
			}
		}},
		{Name: "c", Shape: []int{2}, Data: []float32{1.5, -2}},
	}
	if err := Write(&buf, ts, map[string]string{"format": "pt"}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	f, err := ParseHeader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	full, _ := Parse(b)
	for _, name := range []string{"a", "b", "c"} {
		info, _ := f.Info(name)
		n := (info.End - info.Begin) / info.DType.Size()
		var got []float32
		err := Chunks(bytes.NewReader(b), f.DataStart+int64(info.Begin), n, info.DType)(func(v []float32) error {
			got = append(got, v...)
			return nil
		})
		want, _ := full.Float32(name)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%s: streamed %d values (%v), parsed %d", name, len(got), err, len(want))
		}
	}
	if v, _ := full.Float32("b"); v[999] != 999.0/8 || v[chunkValues+6] != float32((chunkValues+6)%1000)/8 {
		t.Fatal("F16 values")
	}
	// The header is checked against the file size before any data is read.
	if _, err := ParseHeader(bytes.NewReader(b[:len(b)-1]), int64(len(b)-1)); err == nil {
		t.Fatal("truncated file accepted")
	}
	if _, err := f.Float32("a"); err == nil {
		t.Fatal("header-only file returned data")
	}
}
