package pedersen

import (
	"sync"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Fixed-base multiplication for G and H, the two points every scalar
// commitment and every blinding uses: a table of d·2^{8w}·P for the 32
// byte positions w and d = 1..255 (8,160 affine points, ≈780 KB per base,
// built once per process on first use in ≈ the time of 60 variable-base
// multiplications) turns s·P into at most 32 mixed additions and no
// doubling, several times cheaper than a GLV scalar multiplication. The
// point is the same; only the cost differs.

// fixedWindows is the number of 8-bit digits of a scalar (fr.Bits ≤ 256).
const fixedWindows = 32

// fixedBase is the table of one point: tab[w·255 + d − 1] = d·2^{8w}·P.
type fixedBase struct {
	tab []bls12381.G1Affine
}

// fixedBases caches the tables by point (only G and H are ever given).
var fixedBases sync.Map // bls12381.G1Affine → *fixedBase

// fixedBaseFor returns p's table, building it on first use.
func fixedBaseFor(p *bls12381.G1Affine) *fixedBase {
	if v, ok := fixedBases.Load(*p); ok {
		return v.(*fixedBase)
	}
	v, _ := fixedBases.LoadOrStore(*p, newFixedBase(p))
	return v.(*fixedBase)
}

func newFixedBase(p *bls12381.G1Affine) *fixedBase {
	jac := make([]bls12381.G1Jac, 0, fixedWindows*255)
	var base bls12381.G1Jac
	base.FromAffine(p)
	for w := 0; w < fixedWindows; w++ {
		cur := base
		jac = append(jac, cur)
		for d := 2; d <= 255; d++ {
			cur.AddAssign(&base) // AddAssign doubles when the operands are equal
			jac = append(jac, cur)
		}
		for range 8 {
			base.DoubleAssign()
		}
	}
	return &fixedBase{tab: bls12381.BatchJacobianToAffineG1(jac)}
}

// mul returns s·P.
func (f *fixedBase) mul(s *fr.Element) bls12381.G1Jac {
	var acc bls12381.G1Jac // identity: X = Y = 1, Z = 0
	acc.X.SetOne()
	acc.Y.SetOne()
	limbs := s.Bits() // regular form, little-endian
	for w := 0; w < fixedWindows; w++ {
		d := int(byte(limbs[w/8] >> (8 * (w % 8))))
		if d != 0 {
			acc.AddMixed(&f.tab[w*255+d-1])
		}
	}
	return acc
}

// MulG returns s·G through the fixed-base table of G.
func (gs *Generators) MulG(s *fr.Element) bls12381.G1Jac { return fixedBaseFor(&gs.G).mul(s) }

// MulH returns s·H through the fixed-base table of H.
func (gs *Generators) MulH(s *fr.Element) bls12381.G1Jac { return fixedBaseFor(&gs.H).mul(s) }
