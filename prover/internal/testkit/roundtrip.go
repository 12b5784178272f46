package testkit

import (
	"bytes"
	"testing"
)

// RoundTrip checks the fuzz property of a strict decoder: when decode
// accepts b, encode gives back exactly b (one encoding per value). Inputs
// decode refuses pass; a panic in either fails the fuzz run by itself.
func RoundTrip[T any](t testing.TB, b []byte, decode func([]byte) (T, error), encode func(T) []byte) {
	t.Helper()
	v, err := decode(b)
	if err != nil {
		return
	}
	if got := encode(v); !bytes.Equal(got, b) {
		t.Fatalf("accepted input does not re-encode to itself:\n in  %x\n out %x", b, got)
	}
}
