package llama2c

import (
	"bytes"
	"testing"
)

func FuzzDecode(f *testing.F) {
	good := stories(f)
	f.Add(good[:64])
	f.Add(good[:28])
	f.Fuzz(func(t *testing.T, b []byte) {
		m, v, err := Decode(b)
		if err != nil {
			return
		}
		if v == V1 {
			enc, err := EncodeV1(m)
			if err != nil || !bytes.Equal(enc, b) {
				t.Fatalf("accepted v1 file does not re-encode to itself: %v", err)
			}
		}
	})
}
