package pedersen

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// testVK commits a random int16 blob for testSpecs with rows of 2^logC.
func testVK(t testing.TB, logC int) (*VerifyingKey, []int16, []fr.Element) {
	t.Helper()
	l, err := Place(testSpecs())
	if err != nil {
		t.Fatal(err)
	}
	present, _ := l.PresentRows(logC)
	blob := make([]int16, l.Size())
	for i := range l.Tensors {
		tt := &l.Tensors[i]
		for j := uint64(0); j < 1<<tt.LogSize; j++ {
			if tt.realBefore(j+1) > tt.realBefore(j) { // real entry
				blob[tt.Offset+j] = int16(j*7919%65536 - 32768)
			}
		}
	}
	blind := make([]fr.Element, len(present))
	for k, p := range present {
		if p {
			blind[k] = field.RandomScalar()
		}
	}
	gs, _ := Get(1 << logC)
	rows, err := CommitRowsSmall(gs, blob, 1<<logC, 0, len(present), blind)
	if err != nil {
		t.Fatal(err)
	}
	return &VerifyingKey{GeneratorVersion: GeneratorVersion, LogC: logC, Layout: l, Rows: rows}, blob, blind
}

func TestVerifyingKeyRoundTrip(t *testing.T) {
	for _, logC := range []int{2, 4, 9} {
		vk, _, _ := testVK(t, logC)
		b, err := vk.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		got, err := UnmarshalVerifyingKey(b)
		if err != nil {
			t.Fatalf("logC=%d: %v", logC, err)
		}
		b2, _ := got.Marshal()
		if !bytes.Equal(b, b2) || Digest(b) != Digest(b2) {
			t.Fatal("encode(decode(b)) != b")
		}
		for k := range vk.Rows {
			if !vk.Rows[k].Equal(&got.Rows[k]) {
				t.Fatalf("row %d differs", k)
			}
		}
	}
}

func TestVerifyingKeyRejects(t *testing.T) {
	vk, _, _ := testVK(t, 2)
	good, _ := vk.Marshal()
	if _, err := UnmarshalVerifyingKey(good); err != nil {
		t.Fatal(err)
	}
	mut := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	headerEnd := 8 + 16
	firstRow := len(good) - 48*countPresent(vk)
	cases := map[string][]byte{
		"magic":          mut(func(b []byte) []byte { b[0] ^= 1; return b }),
		"version":        mut(func(b []byte) []byte { b[11] = 3; return b }),
		"gen version":    mut(func(b []byte) []byte { b[15] = 2; return b }),
		"logC":           mut(func(b []byte) []byte { b[19]++; return b }),
		"logC huge":      mut(func(b []byte) []byte { b[16] = 0x7f; return b }),
		"tensor count":   mut(func(b []byte) []byte { b[23]++; return b }),
		"huge count":     mut(func(b []byte) []byte { binary.BigEndian.PutUint32(b[20:], 0xFFFFFFFF); return b }),
		"name length":    mut(func(b []byte) []byte { b[headerEnd+1]++; return b }),
		"axes count":     mut(func(b []byte) []byte { b[headerEnd+2+5]++; return b }),
		"offset":         mut(func(b []byte) []byte { b[headerEnd+2+5+1+16+7] ^= 64; return b }),
		"truncated":      good[:len(good)-1],
		"trailing":       append(bytes.Clone(good), 0),
		"identity row":   mut(func(b []byte) []byte { copy(b[firstRow:], append([]byte{0xC0}, make([]byte, 47)...)); return b }),
		"row bad flags":  mut(func(b []byte) []byte { b[firstRow] &^= 0x80; return b }),
		"extra row":      append(bytes.Clone(good), good[firstRow:firstRow+48]...),
		"empty":          nil,
		"only the magic": []byte(VKMagic),
	}
	// A 2^30-entry tensor in rows of 1 with no row bytes: refused by the
	// row-count bound, without scanning or allocating 2^30 rows.
	huge := []byte(VKMagic)
	huge = binary.BigEndian.AppendUint32(huge, VKVersion)
	huge = binary.BigEndian.AppendUint32(huge, GeneratorVersion)
	huge = binary.BigEndian.AppendUint32(huge, 0)
	huge = binary.BigEndian.AppendUint32(huge, 1)
	huge = binary.BigEndian.AppendUint16(huge, 1)
	huge = append(huge, 'w', 1)
	huge = binary.BigEndian.AppendUint64(huge, 1<<30)
	huge = binary.BigEndian.AppendUint64(huge, 0)
	huge = binary.BigEndian.AppendUint64(huge, 1<<30)
	cases["huge row count"] = huge
	for name, b := range cases {
		if _, err := UnmarshalVerifyingKey(b); !errors.Is(err, ErrVK) {
			t.Errorf("%s: accepted or unclear error: %v", name, err)
		}
	}
	// Marshal refuses a vk whose rows break the padding rule.
	bad := *vk
	bad.Rows = append([]bls12381.G1Affine(nil), vk.Rows...)
	for k := range bad.Rows {
		if !bad.Rows[k].IsInfinity() {
			bad.Rows[k] = bls12381.G1Affine{}
			break
		}
	}
	if _, err := bad.Marshal(); !errors.Is(err, ErrVK) {
		t.Fatalf("identity at a real row marshalled: %v", err)
	}
}

func countPresent(vk *VerifyingKey) int {
	n := 0
	for k := range vk.Rows {
		if !vk.Rows[k].IsInfinity() {
			n++
		}
	}
	return n
}

func FuzzUnmarshalVerifyingKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		vk, err := UnmarshalVerifyingKey(b)
		if err != nil {
			return
		}
		b2, err := vk.Marshal()
		if err != nil || !bytes.Equal(b, b2) {
			t.Fatalf("accepted vk does not re-encode to itself: %v", err)
		}
	})
}

func rowsBlind(n int) []fr.Element { return field.RandomScalars(n) }

// TestVerifyingKeyVersion1RefusedByName: a version-1 file (blindings not
// bound to the row length, no whole-file binding in its weight proof) is
// refused with an error that says so and what to do.
func TestVerifyingKeyVersion1RefusedByName(t *testing.T) {
	vk, _, _ := testVK(t, 2)
	b, _ := vk.Marshal()
	binary.BigEndian.PutUint32(b[len(VKMagic):], 1)
	_, err := UnmarshalVerifyingKey(b)
	if !errors.Is(err, ErrVKVersion1) || !errors.Is(err, ErrVK) {
		t.Fatalf("version 1 not refused by name: %v", err)
	}
	if !bytes.Contains([]byte(err.Error()), []byte("version 1 is no longer accepted")) {
		t.Fatalf("unclear message: %v", err)
	}
}

// TestVerifyingKeyNamesPrintableASCII: a tensor name with a control byte,
// DEL or a non-ASCII byte is refused at decode (tools print names as they
// are) and at encode.
func TestVerifyingKeyNamesPrintableASCII(t *testing.T) {
	vk, _, _ := testVK(t, 2)
	good, _ := vk.Marshal()
	name := vk.Layout.Tensors[0].Name
	at := bytes.Index(good, []byte(name))
	for _, c := range []byte{0x00, 0x1b, 0x7f, 0x80, 0xff} {
		b := bytes.Clone(good)
		b[at] = c
		if _, err := UnmarshalVerifyingKey(b); !errors.Is(err, ErrVK) || !bytes.Contains([]byte(err.Error()), []byte("printable ASCII")) {
			t.Fatalf("name byte %#x: %v", c, err)
		}
	}
	if !ValidName("layers.0.wq") || ValidName("") || ValidName("a\nb") || ValidName("é") {
		t.Fatal("ValidName")
	}
	bad := *vk
	l, err := Place([]TensorSpec{{Name: "w\x1b[31m", Shape: []uint64{4}}})
	if err != nil {
		t.Fatal(err)
	}
	bad.Layout = l
	if _, err := bad.Marshal(); !errors.Is(err, ErrVK) {
		t.Fatalf("non-printable name marshalled: %v", err)
	}
}

// TestFileSizeMatchesMarshal: the size a verifier derives from the layout
// alone is the encoded size.
func TestFileSizeMatchesMarshal(t *testing.T) {
	for _, logC := range []int{0, 2, 4, 9} {
		vk, _, _ := testVK(t, logC)
		b, err := vk.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		n, err := FileSize(vk.Layout, logC)
		if err != nil || n != len(b) {
			t.Fatalf("logC=%d: FileSize %d (%v), encoded %d", logC, n, err, len(b))
		}
	}
}
