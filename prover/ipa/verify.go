package ipa

import (
	"crypto/rand"
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

// ErrReject is returned when a proof's group equation does not hold.
var ErrReject = errors.New("ipa: proof rejected")

// Combination is a public linear combination Σ Coeffs[j]·Points[j]; the
// verifier folds it into its MSM instead of computing it separately.
type Combination struct {
	Points []bls12381.G1Affine
	Coeffs []fr.Element
}

// Single is the combination 1·p.
func Single(p bls12381.G1Affine) Combination {
	return Combination{Points: []bls12381.G1Affine{p}, Coeffs: []fr.Element{fr.One()}}
}

// Eval computes the combination (for provers and tests).
func (c Combination) Eval() bls12381.G1Affine {
	j := pedersen.MSM(c.Points, c.Coeffs)
	var p bls12381.G1Affine
	p.FromJacobian(&j)
	return p
}

// equation is Σ gen[i]·g_i + g·G + h·H + Σ coeffs[j]·points[j], which must be
// the identity.
type equation struct {
	gen    []fr.Element
	g, h   fr.Element
	points []bls12381.G1Affine
	coeffs []fr.Element
}

func (e *equation) add(p bls12381.G1Affine, c fr.Element) {
	e.points = append(e.points, p)
	e.coeffs = append(e.coeffs, c)
}

func (e *equation) addNeg(p bls12381.G1Affine, c fr.Element) {
	c.Neg(&c)
	e.add(p, c)
}

// holds evaluates the equation with one MSM.
func (e *equation) holds(gens *pedersen.Generators) bool {
	pts := make([]bls12381.G1Affine, 0, len(e.gen)+2+len(e.points))
	sc := make([]fr.Element, 0, cap(pts))
	pts = append(pts, gens.Vector(len(e.gen))...)
	sc = append(sc, e.gen...)
	pts = append(pts, gens.G, gens.H)
	sc = append(sc, e.g, e.h)
	pts = append(pts, e.points...)
	sc = append(sc, e.coeffs...)
	res := pedersen.MSM(pts, sc)
	return res.Z.IsZero()
}

// ipaEquation replays the transcript of an IPA and returns its final
// equation z1·Q + z2·H − S − z·P = 0 expanded over the base points.
func ipaEquation(tr *transcript.Transcript, gens *pedersen.Generators, pa Combination, Y bls12381.G1Affine, w Weights, p *Proof) (*equation, error) {
	k := w.LogLen()
	if k > MaxRounds { // also keeps w.Len() from wrapping below
		return nil, fmt.Errorf("%w: 2^%d weights exceed 2^%d", ErrReject, k, MaxRounds)
	}
	if p == nil || len(p.L) != k || len(p.R) != k {
		return nil, fmt.Errorf("%w: proof has wrong round count for 2^%d weights", ErrReject, k)
	}
	if w.Len() > gens.Len() {
		return nil, fmt.Errorf("%w: %d weights > %d generators", ErrReject, w.Len(), gens.Len())
	}
	if len(pa.Points) != len(pa.Coeffs) {
		return nil, fmt.Errorf("%w: malformed P_a combination", ErrReject)
	}
	// The statement is absorbed here, by construction: P_a is evaluated
	// (one MSM over its terms) and enters the equation as that one point.
	paPoint := pa.Eval()
	absorbStatement(tr, &paPoint, &Y)
	x := tr.ChallengeNonZero(transcript.LabelIPAx)
	e := make([]fr.Element, k)
	for t := 0; t < k; t++ {
		tr.AbsorbPoints(transcript.LabelIPALR, []bls12381.G1Affine{p.L[t], p.R[t]})
		e[t] = tr.ChallengeNonZero(transcript.LabelIPAe)
	}
	tr.AbsorbPoint(transcript.LabelIPAS, &p.S)
	z := tr.ChallengeNonZero(transcript.LabelIPAz)
	tr.AbsorbScalars(transcript.LabelIPAResp, []fr.Element{p.Z1, p.Z2})

	eInv := fr.BatchInvert(e)
	s := foldCoefficients(e, eInv)
	wStar := w.folded(s, e, eInv)

	eq := &equation{gen: s}
	field.ScalarMul(eq.gen, eq.gen, &p.Z1) // z1·g*
	eq.g.Mul(&p.Z1, &wStar).Mul(&eq.g, &x) // z1·w*·x·G
	eq.h = p.Z2                            // z2·H
	eq.addNeg(p.S, fr.One())               // −S
	eq.addNeg(paPoint, z)                  // −z·P_a
	var zx fr.Element
	zx.Mul(&z, &x)
	eq.addNeg(Y, zx) // −z·x·Y
	for t := 0; t < k; t++ {
		var c fr.Element
		c.Square(&e[t]).Mul(&c, &z)
		eq.addNeg(p.L[t], c) // −z·e²·L
		c.Square(&eInv[t]).Mul(&c, &z)
		eq.addNeg(p.R[t], c) // −z·e⁻²·R
	}
	return eq, nil
}

// Verify checks a zk-IPA proof that P_a and Y commit to a and y with
// ⟨a,w⟩ = y, replaying the transcript exactly as Prove did.
func Verify(tr *transcript.Transcript, gens *pedersen.Generators, pa Combination, Y bls12381.G1Affine, w Weights, p *Proof) error {
	eq, err := ipaEquation(tr, gens, pa, Y, w, p)
	if err != nil {
		return err
	}
	if !eq.holds(gens) {
		return fmt.Errorf("%w: IPA final equation fails", ErrReject)
	}
	return nil
}

// Batch accumulates the group equations of many proofs, each multiplied by
// an independent 128-bit weight from crypto/rand, and checks them all with
// one MSM (§11). A false equation survives with probability ≤ 2^-128.
type Batch struct {
	gens *pedersen.Generators
	acc  equation
	n    int
}

// NewBatch starts an empty batch over gens.
func NewBatch(gens *pedersen.Generators) *Batch { return &Batch{gens: gens} }

// Len is the number of equations added.
func (b *Batch) Len() int { return b.n }

func randomWeight() fr.Element {
	var buf [16]byte
	for {
		if _, err := rand.Read(buf[:]); err != nil {
			panic("ipa: crypto/rand failed: " + err.Error())
		}
		var w fr.Element
		w.SetBytes(buf[:]) // < 2^128 < r: no reduction
		if !w.IsZero() {
			return w
		}
	}
}

// merge adds ρ·e to the accumulator for a fresh random ρ.
func (b *Batch) merge(e *equation) {
	rho := randomWeight()
	if len(e.gen) > len(b.acc.gen) {
		b.acc.gen = append(b.acc.gen, make([]fr.Element, len(e.gen)-len(b.acc.gen))...)
	}
	field.Parallel(len(e.gen), func(lo, hi int) {
		var t fr.Element
		for i := lo; i < hi; i++ {
			t.Mul(&e.gen[i], &rho)
			b.acc.gen[i].Add(&b.acc.gen[i], &t)
		}
	})
	var t fr.Element
	t.Mul(&e.g, &rho)
	b.acc.g.Add(&b.acc.g, &t)
	t.Mul(&e.h, &rho)
	b.acc.h.Add(&b.acc.h, &t)
	for j := range e.points {
		t.Mul(&e.coeffs[j], &rho)
		b.acc.add(e.points[j], t)
	}
	b.n++
}

// AddIPA replays the IPA transcript and adds its equation to the batch.
// The batch's generators grow to w.Len() if needed (generators are
// deterministic, so a longer set extends the shorter one).
func (b *Batch) AddIPA(tr *transcript.Transcript, pa Combination, Y bls12381.G1Affine, w Weights, p *Proof) error {
	if w.LogLen() <= MaxRounds && w.Len() > b.gens.Len() {
		if g, err := pedersen.Get(w.Len()); err == nil {
			b.gens = g
		} // else ipaEquation rejects: more weights than generators
	}
	eq, err := ipaEquation(tr, b.gens, pa, Y, w, p)
	if err != nil {
		return err
	}
	b.merge(eq)
	return nil
}

// Verify checks every added equation with one MSM.
func (b *Batch) Verify() error {
	if !b.acc.holds(b.gens) {
		return fmt.Errorf("%w: batched group equation fails (%d equations)", ErrReject, b.n)
	}
	return nil
}
