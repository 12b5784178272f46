package field

import (
	"bytes"
	"testing"
)

// FuzzDecodeScalar: every accepted encoding re-encodes to itself.
func FuzzDecodeScalar(f *testing.F) {
	f.Add(make([]byte, 32))
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := DecodeScalar(b)
		if err != nil {
			return
		}
		if !bytes.Equal(AppendScalar(nil, &x), b) {
			t.Fatalf("non-canonical scalar accepted: %x", b)
		}
	})
}

// FuzzDecodePoint: every accepted encoding is a non-identity subgroup point
// that re-encodes to itself.
func FuzzDecodePoint(f *testing.F) {
	p := randomPoint()
	f.Add(AppendPoint(nil, &p))
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := DecodePoint(b)
		if err != nil {
			return
		}
		if q.IsInfinity() || !q.IsInSubGroup() || !bytes.Equal(AppendPoint(nil, &q), b) {
			t.Fatalf("bad point accepted: %x", b)
		}
	})
}

// FuzzReader drives a Reader with a count taken from the input, as a proof
// decoder would; it must never panic or over-allocate, and Done must hold
// exactly when everything was consumed.
func FuzzReader(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(b)
		n, err := r.ReadU32()
		if err != nil {
			return
		}
		if _, err := r.ReadScalars(int(n & 0xFF)); err != nil {
			return
		}
		pts, err := r.ReadPoints(int(n >> 8))
		if err != nil {
			return
		}
		if len(pts) != int(n>>8) {
			t.Fatal("wrong count")
		}
		if (r.Done() == nil) != (r.Remaining() == 0) {
			t.Fatal("Done inconsistent with Remaining")
		}
	})
}
