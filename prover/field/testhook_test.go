package field

import (
	"sync"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// The read trace sees every decoded element at its offset, and nothing
// after restore.
func TestTraceReadsForTesting(t *testing.T) {
	_, _, g, _ := bls12381.Generators()
	x := fr.NewElement(7)
	buf := AppendScalar(nil, &x)
	buf = AppendPoints(buf, []bls12381.G1Affine{g, g})
	buf = AppendScalar(buf, &x)
	type read struct{ off, size int }
	var mu sync.Mutex
	var got []read
	restore := TraceReadsForTesting(func(b []byte, off, size int) {
		if &b[0] != &buf[0] {
			t.Error("trace names another buffer")
		}
		mu.Lock()
		got = append(got, read{off, size})
		mu.Unlock()
	})
	r := NewReader(buf)
	r.ReadScalar()
	r.ReadPoints(2)
	r.ReadScalars(1)
	restore()
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	want := []read{{0, ScalarSize}, {32, PointSize}, {80, PointSize}, {128, ScalarSize}}
	if len(got) != len(want) {
		t.Fatalf("trace %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("trace %v, want %v", got, want)
		}
	}
	NewReader(buf).ReadScalar()
	if len(got) != len(want) {
		t.Fatal("trace after restore")
	}
}
