//go:build cuda

package kernels

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// FuzzHostField checks the nvcc-compiled Fr and Fp arithmetic against
// gnark-crypto on fuzzed operands (reduced from 48 arbitrary bytes each).
func FuzzHostField(f *testing.F) {
	ff := make([]byte, 48)
	for i := range ff {
		ff[i] = 0xff
	}
	f.Add(make([]byte, 48), make([]byte, 48))
	f.Add(ff, ff)
	f.Add(append(make([]byte, 47), 1), ff)
	f.Fuzz(func(t *testing.T, x, y []byte) {
		var a, b [1]fr.Element
		a[0].SetBytes(x)
		b[0].SetBytes(y)
		var pa, pb [1]fp.Element
		pa[0].SetBytes(x)
		pb[0].SetBytes(y)
		for _, op := range fieldOps {
			if op.op == opToMont || op.op == opFromMont {
				continue // covered by TestHostFr/TestHostFp; needs canonical integer inputs
			}
			var got [1]fr.Element
			if err := statusErr(zkHostFr(op.op, got[:], a[:], b[:])); err != nil {
				t.Fatal(err)
			}
			var gotP [1]fp.Element
			if err := statusErr(zkHostFp(op.op, gotP[:], pa[:], pb[:])); err != nil {
				t.Fatal(err)
			}
			want, wantP := refFr(op.op, &a[0], &b[0]), refFp(op.op, &pa[0], &pb[0])
			if got[0] != want || gotP[0] != wantP {
				t.Fatalf("%s differs from gnark-crypto on %x, %x", op.name, x, y)
			}
		}
	})
}
