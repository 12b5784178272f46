package safetensors

import (
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
	in := []Tensor{{"w", []int{2, 2}, []float32{1, 2, 3, 4}}, {"g", []int{3}, []float32{-1, 0, 1}}}
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
	if _, err := Encode([]Tensor{{"x", []int{3}, []float32{1}}}, nil); err == nil {
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
	b, _ := Encode([]Tensor{{"w", []int{2}, []float32{1, 2}}}, nil)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Parse(b)
		if err != nil {
			return
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
