package pedersen

import (
	"math/big"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// TestSmallMSMMatchesMultiExp: SmallMSM (and MSMAuto) give gnark's
// MultiExp point for 0..SmallMSMMax+1 points, edge scalars (0, 1, r−1, 2,
// (r−1)/2) included, a point at infinity, and repeated points (the additions
// then hit equal operands and must double).
func TestSmallMSMMatchesMultiExp(t *testing.T) {
	gs, _ := Get(SmallMSMMax + 1)
	for n := 0; n <= SmallMSMMax+1; n++ {
		pts := append([]bls12381.G1Affine(nil), gs.Vector(n)...)
		sc := edgeScalars(max(n, 5))[:n]
		if n >= 6 {
			pts[5] = bls12381.G1Affine{} // infinity
		}
		if n >= 8 {
			pts[7], sc[7] = pts[6], sc[6] // equal terms
		}
		var want, got, auto bls12381.G1Affine
		w := MSM(pts, sc)
		want.FromJacobian(&w)
		g := SmallMSM(pts, sc)
		got.FromJacobian(&g)
		a := MSMAuto(pts, sc)
		auto.FromJacobian(&a)
		if !got.Equal(&want) || !auto.Equal(&want) {
			t.Fatalf("n = %d: SmallMSM/MSMAuto differ from MultiExp", n)
		}
	}
	// All scalars zero: the identity.
	z := SmallMSM(gs.Vector(3), make([]fr.Element, 3))
	if !z.Z.IsZero() {
		t.Fatal("zero scalars: not the identity")
	}
}

// BenchmarkSmallMSM: SmallMSM against gnark's MultiExp around the MSMAuto threshold.
func BenchmarkSmallMSM(b *testing.B) {
	gs, _ := Get(34)
	for _, n := range []int{4, SmallMSMMax, 34} { // 34: the first IPA round of a 64-slot DLC
		pts := gs.Vector(n)
		sc := edgeScalars(n + 5)[5:]
		b.Run("small", func(b *testing.B) {
			for b.Loop() {
				SmallMSM(pts, sc)
			}
		})
		b.Run("multiexp", func(b *testing.B) {
			for b.Loop() {
				MSM(pts, sc)
			}
		})
	}
}

// TestFixedBaseMatchesNaive: MulG and MulH (the fixed-base tables) against
// bit-by-bit double-and-add on edge scalars (0, 1, r−1, 2, (r−1)/2), a
// scalar with every byte 0xff below r, and randoms.
func TestFixedBaseMatchesNaive(t *testing.T) {
	gs, _ := Get(0)
	sc := edgeScalars(9)
	var ff fr.Element
	ff.SetBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 248), big.NewInt(1)))
	sc = append(sc, ff)
	for _, s := range sc {
		for _, c := range []struct {
			p   *bls12381.G1Affine
			got bls12381.G1Jac
		}{{&gs.G, gs.MulG(&s)}, {&gs.H, gs.MulH(&s)}} {
			want := naiveMul(c.p, s.BigInt(new(big.Int)))
			if !c.got.Equal(&want) {
				t.Fatalf("fixed-base %v·P differs from double-and-add", s.String())
			}
		}
	}
}

func BenchmarkFixedBase(b *testing.B) {
	gs, _ := Get(0)
	s := edgeScalars(6)[5]
	gs.MulH(&s) // table built outside the timing
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			gs.MulH(&s)
		}
	})
	b.Run("glv", func(b *testing.B) {
		var j bls12381.G1Jac
		for b.Loop() {
			j.FromAffine(&gs.H)
			j.ScalarMultiplication(&j, s.BigInt(new(big.Int)))
		}
	})
}
