package field

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"runtime"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

func TestSignedRoundTrip(t *testing.T) {
	for _, z := range []int64{0, 1, -1, 2, -2, 1 << 40, -(1 << 40), math.MaxInt64, math.MinInt64} {
		x := FromInt64(z)
		got, ok := ToInt64(&x)
		if !ok || got != z {
			t.Fatalf("ToInt64(FromInt64(%d)) = %d, %v", z, got, ok)
		}
		// differential check against math/big: z mod r
		want := new(big.Int).Mod(big.NewInt(z), Modulus())
		if x.BigInt(new(big.Int)).Cmp(want) != 0 {
			t.Fatalf("FromInt64(%d) is not z mod r", z)
		}
	}
}

func TestFromBigRange(t *testing.T) {
	half := new(big.Int).Rsh(Modulus(), 1) // (r−1)/2
	for _, tc := range []struct {
		z  *big.Int
		ok bool
	}{
		{half, true},
		{new(big.Int).Neg(half), true},
		{new(big.Int).Add(half, big.NewInt(1)), false},
		{new(big.Int).Neg(new(big.Int).Add(half, big.NewInt(1))), false},
		{new(big.Int).Lsh(big.NewInt(1), 149), true},
		{new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 149)), true},
	} {
		x, err := FromBig(tc.z)
		if (err == nil) != tc.ok {
			t.Fatalf("FromBig(%v): err=%v", tc.z, err)
		}
		if err != nil {
			if !errors.Is(err, ErrSignedRange) {
				t.Fatal(err)
			}
			continue
		}
		if back := ToSigned(&x, nil); back.Cmp(tc.z) != 0 {
			t.Fatalf("ToSigned(FromBig(%v)) = %v", tc.z, back)
		}
	}
	big64 := new(big.Int).Lsh(big.NewInt(1), 70)
	x, _ := FromBig(big64)
	if _, ok := ToInt64(&x); ok {
		t.Fatal("2^70 reported as fitting int64")
	}
}

func TestScalarEncoding(t *testing.T) {
	r := Modulus()
	enc := func(v *big.Int) []byte { b := make([]byte, 32); v.FillBytes(b); return b }
	rMinus1 := new(big.Int).Sub(r, big.NewInt(1))
	if x, err := DecodeScalar(enc(rMinus1)); err != nil || x.BigInt(new(big.Int)).Cmp(rMinus1) != 0 {
		t.Fatalf("r−1: %v", err)
	}
	for _, bad := range []*big.Int{r, new(big.Int).Add(r, big.NewInt(5)), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))} {
		if _, err := DecodeScalar(enc(bad)); !errors.Is(err, ErrNonCanonicalScalar) {
			t.Fatalf("%v accepted: %v", bad, err)
		}
	}
	for _, n := range []int{0, 31, 33} {
		if _, err := DecodeScalar(make([]byte, n)); !errors.Is(err, ErrScalarLength) {
			t.Fatalf("length %d: %v", n, err)
		}
	}
	x := RandomScalar()
	b := AppendScalar(nil, &x)
	y, err := DecodeScalar(b)
	if err != nil || !x.Equal(&y) || !bytes.Equal(AppendScalar(nil, &y), b) {
		t.Fatal("round trip failed")
	}
}

// pointWithX builds the compressed encoding of a point with the given x
// (no validity implied).
func pointWithX(x *fp.Element, flags byte) []byte {
	b := x.Bytes()
	b[0] |= flags
	return b[:]
}

// curvePointOutsideSubgroup returns an on-curve point not in the subgroup.
func curvePointOutsideSubgroup(t *testing.T) bls12381.G1Affine {
	var x, y2, y fp.Element
	var four fp.Element
	four.SetUint64(4)
	for i := uint64(1); i < 1000; i++ {
		x.SetUint64(i)
		y2.Square(&x).Mul(&y2, &x).Add(&y2, &four)
		if y.Sqrt(&y2) != nil {
			p := bls12381.G1Affine{X: x, Y: y}
			if p.IsOnCurve() && !p.IsInSubGroup() {
				return p
			}
		}
	}
	t.Fatal("no point found")
	return bls12381.G1Affine{}
}

func randomPoint() bls12381.G1Affine {
	_, _, g, _ := bls12381.Generators()
	s := RandomScalar()
	var p bls12381.G1Affine
	p.ScalarMultiplication(&g, s.BigInt(new(big.Int)))
	return p
}

func TestPointEncoding(t *testing.T) {
	p := randomPoint()
	b := AppendPoint(nil, &p)
	q, err := DecodePoint(b)
	if err != nil || !q.Equal(&p) || !bytes.Equal(AppendPoint(nil, &q), b) {
		t.Fatalf("round trip: %v", err)
	}

	var id bls12381.G1Affine
	if _, err := DecodePoint(AppendPoint(nil, &id)); !errors.Is(err, ErrIdentity) {
		t.Fatalf("identity accepted: %v", err)
	}
	for _, flags := range []byte{0x00, 0x20, 0x40, 0x60, 0xE0} {
		bad := bytes.Clone(b)
		bad[0] = bad[0]&^0xE0 | flags
		if _, err := DecodePoint(bad); !errors.Is(err, ErrPointFlags) {
			t.Fatalf("flags %#x accepted: %v", flags, err)
		}
	}
	// x = p (not reduced), with a valid compression flag
	pBytes := fp.Modulus().FillBytes(make([]byte, 48))
	pBytes[0] |= 0x80
	if _, err := DecodePoint(pBytes); !errors.Is(err, ErrPointInvalid) {
		t.Fatalf("x = p accepted: %v", err)
	}
	// off the curve: an x with x^3+4 a non-square
	var x, y2, y, four fp.Element
	four.SetUint64(4)
	for i := uint64(1); ; i++ {
		x.SetUint64(i)
		y2.Square(&x).Mul(&y2, &x).Add(&y2, &four)
		if y.Sqrt(&y2) == nil {
			break
		}
	}
	if _, err := DecodePoint(pointWithX(&x, 0x80)); !errors.Is(err, ErrPointInvalid) {
		t.Fatalf("off-curve x accepted: %v", err)
	}
	// on the curve, outside the subgroup
	ns := curvePointOutsideSubgroup(t)
	nsb := ns.Bytes() // gnark encodes without checking membership
	if _, err := DecodePoint(nsb[:]); !errors.Is(err, ErrPointInvalid) {
		t.Fatalf("non-subgroup point accepted: %v", err)
	}
	for _, n := range []int{0, 47, 49, 96} {
		if _, err := DecodePoint(make([]byte, n)); !errors.Is(err, ErrPointLength) {
			t.Fatalf("length %d: %v", n, err)
		}
	}
}

func TestReaderStrict(t *testing.T) {
	p := randomPoint()
	s := RandomScalar()
	var buf []byte
	buf = append(buf, 0, 0, 0, 2)
	buf = AppendScalar(buf, &s)
	buf = AppendPoint(buf, &p)
	buf = append(buf, 0, 0, 0, 0, 0, 0, 0, 9)

	r := NewReader(buf)
	n, _ := r.ReadU32()
	xs, _ := r.ReadScalars(int(n) - 1)
	ps, _ := r.ReadPoints(1)
	v, _ := r.ReadU64()
	if err := r.Done(); err != nil || len(xs) != 1 || !xs[0].Equal(&s) || !ps[0].Equal(&p) || v != 9 {
		t.Fatalf("decode: %v", err)
	}

	r = NewReader(append(bytes.Clone(buf), 0))
	r.ReadBytes(len(buf))
	if err := r.Done(); !errors.Is(err, ErrTrailing) {
		t.Fatalf("trailing byte: %v", err)
	}

	r = NewReader(buf[:10])
	r.ReadU32()
	if _, err := r.ReadScalar(); !errors.Is(err, ErrShort) {
		t.Fatalf("short: %v", err)
	}
	if _, err := r.ReadU8(); err == nil {
		t.Fatal("error not sticky")
	}
}

// TestReaderHugeCountNoAllocation: a count far beyond the input is refused
// before any allocation proportional to it.
func TestReaderHugeCountNoAllocation(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, n := range []int{1 << 30, math.MaxInt32, math.MaxInt} {
		r := NewReader(make([]byte, 100))
		if _, err := r.ReadPoints(n); !errors.Is(err, ErrCount) {
			t.Fatalf("ReadPoints(%d): %v", n, err)
		}
		r = NewReader(make([]byte, 100))
		if _, err := r.ReadScalars(n); !errors.Is(err, ErrCount) {
			t.Fatalf("ReadScalars(%d): %v", n, err)
		}
	}
	r := NewReader(make([]byte, 100))
	if err := r.CheckCount(math.MaxUint64, PointSize); !errors.Is(err, ErrCount) {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("refusing huge counts allocated %d bytes", grew)
	}
}

func TestParallelHelpersMatchSerial(t *testing.T) {
	for _, n := range []int{0, 1, 511, 512, 513, 5000} {
		a, b := fr.Vector(RandomScalars(n)), fr.Vector(RandomScalars(n))
		got := make([]fr.Element, n)
		want := make(fr.Vector, n)
		Mul(got, a, b)
		want.Mul(a, b)
		if !want.Equal(got) {
			t.Fatalf("Mul n=%d", n)
		}
		Add(got, a, b)
		want.Add(a, b)
		if !want.Equal(got) {
			t.Fatalf("Add n=%d", n)
		}
		Sub(got, a, b)
		want.Sub(a, b)
		if !want.Equal(got) {
			t.Fatalf("Sub n=%d", n)
		}
		s := RandomScalar()
		ScalarMul(got, a, &s)
		want.ScalarMul(a, &s)
		if !want.Equal(got) {
			t.Fatalf("ScalarMul n=%d", n)
		}
		ip, wip := InnerProduct(a, b), a.InnerProduct(b)
		if !ip.Equal(&wip) {
			t.Fatalf("InnerProduct n=%d", n)
		}
		sum, wsum := Sum(a), a.Sum()
		if !sum.Equal(&wsum) {
			t.Fatalf("Sum n=%d", n)
		}
	}
	covered := make([]int, 10000)
	ParallelMin(len(covered), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			covered[i]++
		}
	})
	for i, c := range covered {
		if c != 1 {
			t.Fatalf("index %d covered %d times", i, c)
		}
	}
}
