package ipa

import (
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// ErrWitness is returned when the prover's inputs do not fit together.
var ErrWitness = errors.New("ipa: invalid witness")

// Prove proves ⟨a,w⟩ = y for P_a = ⟨a,g⟩ + α·H and Y = y·G + β·H, where
// y = ⟨a,w⟩ (computed here). len(a) must equal w.Len() and not exceed the
// generators. pa and Y are the statement exactly as the verifier will hold
// it; Prove absorbs them (ipa/stmt) before its first challenge, so no caller
// can forget to (PROTOCOL §4.5 rev 1.2).
func Prove(tr *transcript.Transcript, gens *pedersen.Generators, pa, Y bls12381.G1Affine, w Weights, a []fr.Element, alpha, beta fr.Element) (*Proof, error) {
	n := w.Len()
	k := w.LogLen()
	if len(a) != n {
		return nil, fmt.Errorf("%w: %d witness entries for %d weights", ErrWitness, len(a), n)
	}
	if n > gens.Len() || k > MaxRounds {
		return nil, fmt.Errorf("%w: %d entries > %d generators", ErrWitness, n, gens.Len())
	}
	a = append([]fr.Element(nil), a...)
	wv := w.Values()
	// g is kept as gScale·gStored so each fold costs one scalar multiplication
	// per point: g' = e⁻¹·(g_lo + e²·g_hi).
	gStored := append([]bls12381.G1Affine(nil), gens.Vector(n)...)
	gScale := fr.One()

	absorbStatement(tr, &pa, &Y)
	x := tr.ChallengeNonZero(transcript.LabelIPAx)
	var U bls12381.G1Affine
	uj := gens.MulG(&x)
	U.FromJacobian(&uj)
	var tau fr.Element
	tau.Mul(&x, &beta)
	tau.Add(&tau, &alpha)

	proof := &Proof{L: make([]bls12381.G1Affine, k), R: make([]bls12381.G1Affine, k)}
	scaled := make([]fr.Element, n/2+2)
	bases := make([]bls12381.G1Affine, n/2+2)
	for t := 0; t < k; t++ {
		half := len(a) / 2
		aLo, aHi := a[:half], a[half:]
		wLo, wHi := wv[:half], wv[half:]
		gLo, gHi := gStored[:half], gStored[half:]

		// L = ⟨a_lo,g_hi⟩ + ⟨a_lo,w_hi⟩·U + l·H as one MSM over (g_hi, U, H).
		commitCross := func(av, wv2 []fr.Element, g []bls12381.G1Affine) (bls12381.G1Affine, fr.Element) {
			field.ScalarMul(scaled[:half], av, &gScale)
			copy(bases, g)
			cross := field.InnerProduct(av, wv2)
			bases[half], bases[half+1] = U, gens.H
			scaled[half] = cross
			for {
				blind := field.RandomScalar()
				scaled[half+1] = blind
				j := pedersen.MSMAuto(bases[:half+2], scaled[:half+2])
				var p bls12381.G1Affine
				p.FromJacobian(&j)
				if !p.IsInfinity() { // re-sample on the ≈2^-254 identity
					return p, blind
				}
			}
		}
		L, l := commitCross(aLo, wHi, gHi)
		R, lp := commitCross(aHi, wLo, gLo)
		proof.L[t], proof.R[t] = L, R
		tr.AbsorbPoints(transcript.LabelIPALR, []bls12381.G1Affine{L, R})
		e := tr.ChallengeNonZero(transcript.LabelIPAe)
		var eInv, e2, e2Inv fr.Element
		eInv.Inverse(&e)
		e2.Square(&e)
		e2Inv.Square(&eInv)

		// a' = e·a_lo + e⁻¹·a_hi ; w' = e⁻¹·w_lo + e·w_hi
		field.Parallel(half, func(lo, hi int) {
			var t1, t2 fr.Element
			for i := lo; i < hi; i++ {
				t1.Mul(&aLo[i], &e)
				t2.Mul(&aHi[i], &eInv)
				aLo[i].Add(&t1, &t2)
				t1.Mul(&wLo[i], &eInv)
				t2.Mul(&wHi[i], &e)
				wLo[i].Add(&t1, &t2)
			}
		})
		// g_stored' = g_lo + e²·g_hi ; scale' = scale·e⁻¹
		foldPoints(gLo, gHi, &e2)
		gScale.Mul(&gScale, &eInv)
		// τ' = τ + e²·l + e⁻²·l'
		var t1 fr.Element
		t1.Mul(&e2, &l)
		tau.Add(&tau, &t1)
		t1.Mul(&e2Inv, &lp)
		tau.Add(&tau, &t1)

		a, wv, gStored = aLo, wLo, gLo
	}

	// Q = g* + w*·U, g* = scale·g_stored[0]
	Q := pedersen.SmallMSM([]bls12381.G1Affine{gStored[0], U}, []fr.Element{gScale, wv[0]})
	var qAff bls12381.G1Affine
	qAff.FromJacobian(&Q)

	var k1, k2 fr.Element
	for {
		k1, k2 = field.RandomScalar(), field.RandomScalar()
		s := pedersen.SmallMSM([]bls12381.G1Affine{qAff}, []fr.Element{k1})
		h := gens.MulH(&k2)
		s.AddAssign(&h)
		proof.S.FromJacobian(&s)
		if !proof.S.IsInfinity() {
			break
		}
	}
	tr.AbsorbPoint(transcript.LabelIPAS, &proof.S)
	z := tr.ChallengeNonZero(transcript.LabelIPAz)
	proof.Z1.Mul(&z, &a[0])
	proof.Z1.Add(&proof.Z1, &k1)
	proof.Z2.Mul(&z, &tau)
	proof.Z2.Add(&proof.Z2, &k2)
	tr.AbsorbScalars(transcript.LabelIPAResp, []fr.Element{proof.Z1, proof.Z2})
	return proof, nil
}

// absorbStatement absorbs the IPA statement (P_a, Y) as one message; both
// sides call it before squeezing x.
func absorbStatement(tr *transcript.Transcript, pa, y *bls12381.G1Affine) {
	tr.AbsorbPoints(transcript.LabelIPAStatement, []bls12381.G1Affine{*pa, *y})
}

// CommitWitness returns ⟨a,g⟩ + α·H: the P_a a prover holding (a, α) states
// when it has no row commitments at hand (e.g. a pool opening, where it
// equals C* = Σ_k eq(q_row,k)·C_k for honest rows).
func CommitWitness(gens *pedersen.Generators, a []fr.Element, alpha fr.Element) (bls12381.G1Affine, error) {
	if len(a) > gens.Len() {
		return bls12381.G1Affine{}, fmt.Errorf("%w: %d entries > %d generators", ErrWitness, len(a), gens.Len())
	}
	pts := append(append(make([]bls12381.G1Affine, 0, len(a)+1), gens.Vector(len(a))...), gens.H)
	sc := append(append(make([]fr.Element, 0, len(a)+1), a...), alpha)
	j := pedersen.MSM(pts, sc)
	var p bls12381.G1Affine
	p.FromJacobian(&j)
	return p, nil
}
