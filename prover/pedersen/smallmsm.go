package pedersen

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// GLV: BLS12-381's G1 endomorphism φ(x, y) = (β·x, y) equals λ·(x, y), so a
// scalar s ≡ k1 + k2·λ (mod r) with |k1|, |k2| ≈ √r gives
// s·P = k1·P + k2·φ(P): half as many doublings.
var (
	// GLVLambda is λ = x₀² − 1 and GLVBeta the primitive cube root of unity
	// β ∈ Fp with φ(P) = λ·P (checked on the generator at start-up).
	GLVLambda, GLVBeta = glvConstants()
	// GLVBasis is the lattice ecc.SplitScalar splits scalars with.
	GLVBasis ecc.Lattice
)

func init() { ecc.PrecomputeLattice(fr.Modulus(), GLVLambda, &GLVBasis) }

// glvConstants returns (λ, β) after checking φ(G) = λ·G on the generator,
// so a wrong pair can never produce a wrong point silently.
func glvConstants() (*big.Int, fp.Element) {
	lambda, _ := new(big.Int).SetString("228988810152649578064853576960394133503", 10)
	var beta fp.Element
	if _, err := beta.SetString("4002409555221667392624310435006688643935503118305586438271171395842971157480381377015405980053539358417135540939436"); err != nil {
		panic("pedersen: GLV constant: " + err.Error())
	}
	_, _, g, _ := bls12381.Generators()
	var lg bls12381.G1Affine
	lg.ScalarMultiplication(&g, lambda)
	phi := g
	phi.X.Mul(&phi.X, &beta)
	if !phi.Equal(&lg) {
		panic("pedersen: GLV constants do not match the curve")
	}
	return lambda, beta
}

// SmallMSMMax is the largest point count MSMAuto gives SmallMSM: beyond it
// gnark's Pippenger MultiExp does fewer group operations.
const SmallMSMMax = 20

// smallWindow is SmallMSM's wNAF window: tables of the odd multiples 1, 3, 5, 7.
const smallWindow = 4

// SmallMSM returns Σ scalars[i]·points[i] on the calling goroutine, by
// Straus's method over the GLV halves: every scalar splits into two ≈128-bit
// halves with wNAF digits, every point (and its endomorphism image) gets a
// table of odd multiples in affine form (one batch inversion for all), and
// one shared run of ≈128 doublings adds each non-zero digit's table entry.
// For a handful of points this is several times cheaper than MultiExp,
// whose set-up (buckets, goroutines) dominates at that size; the point is
// the same. Points at infinity and zero scalars contribute nothing.
func SmallMSM(points []bls12381.G1Affine, scalars []fr.Element) bls12381.G1Jac {
	if len(points) != len(scalars) {
		panic("pedersen: SmallMSM: length mismatch") // a bug in the caller
	}
	const tabLen = 1 << (smallWindow - 2)
	type half struct {
		digits []int8
		tab    int  // index of its table in affine
		phi    bool // the endomorphism image's table: x·β
		neg    bool // the half scalar was negative
	}
	halves := make([]half, 0, 2*len(points))
	jac := make([]bls12381.G1Jac, 0, tabLen*len(points))
	digitBuf := make([]int8, 2*len(points)*(fr.Bits/2+4))
	length := 0
	var s big.Int
	for i := range points {
		if points[i].IsInfinity() || scalars[i].IsZero() {
			continue
		}
		scalars[i].BigInt(&s)
		k := ecc.SplitScalar(&s, &GLVBasis)
		tab := len(jac) / tabLen
		used := false
		for h := range k {
			neg := k[h].Sign() < 0
			if neg {
				k[h].Neg(&k[h])
			}
			d := digitBuf[:fr.Bits/2+4]
			n := ecc.WnafDecomposition(&k[h], smallWindow, d)
			if n == 0 {
				continue
			}
			digitBuf = digitBuf[fr.Bits/2+4:]
			halves = append(halves, half{digits: d[:n], tab: tab, phi: h == 1, neg: neg})
			length = max(length, n)
			used = true
		}
		if !used {
			continue
		}
		// P, 3P, 5P, 7P.
		var p, twice bls12381.G1Jac
		p.FromAffine(&points[i])
		twice.Double(&p)
		jac = append(jac, p)
		for j := 1; j < tabLen; j++ {
			next := jac[len(jac)-1]
			next.AddAssign(&twice)
			jac = append(jac, next)
		}
	}
	var acc bls12381.G1Jac // identity: X = Y = 1, Z = 0
	acc.X.SetOne()
	acc.Y.SetOne()
	if len(halves) == 0 {
		return acc
	}
	aff := bls12381.BatchJacobianToAffineG1(jac)
	// Per half: its table with the sign and the endomorphism applied.
	tabs := make([]bls12381.G1Affine, len(halves)*tabLen)
	for hi, h := range halves {
		t := tabs[hi*tabLen : (hi+1)*tabLen]
		copy(t, aff[h.tab*tabLen:(h.tab+1)*tabLen])
		for j := range t {
			if h.phi {
				t[j].X.Mul(&t[j].X, &GLVBeta)
			}
			if h.neg {
				t[j].Y.Neg(&t[j].Y)
			}
		}
	}
	var negEntry bls12381.G1Affine
	for bit := length - 1; bit >= 0; bit-- {
		acc.DoubleAssign()
		for hi, h := range halves {
			if bit >= len(h.digits) || h.digits[bit] == 0 {
				continue
			}
			d := h.digits[bit]
			if d > 0 {
				acc.AddMixed(&tabs[hi*tabLen+int(d-1)/2])
				continue
			}
			negEntry = tabs[hi*tabLen+int(-d-1)/2]
			negEntry.Y.Neg(&negEntry.Y)
			acc.AddMixed(&negEntry)
		}
	}
	return acc
}

// MSMAuto is SmallMSM for at most SmallMSMMax points and MSM (gnark's
// all-core MultiExp) beyond: the same point either way.
func MSMAuto(points []bls12381.G1Affine, scalars []fr.Element) bls12381.G1Jac {
	if len(points) <= SmallMSMMax {
		return SmallMSM(points, scalars)
	}
	return MSM(points, scalars)
}
