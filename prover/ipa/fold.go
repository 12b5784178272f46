package ipa

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// Generator folding: every round sets lo[i] = lo[i] + s·hi[i] for one
// scalar s and all i. The scalar is shared, so its GLV split and wNAF
// digits are computed once and every point runs the same sequence of
// doublings and additions; those run in affine coordinates over a chunk of
// points at a time with one field inversion per step for the whole chunk
// (Montgomery's batch inversion), about half the field work of a Jacobian
// scalar multiplication per point. A step whose denominator is zero for a
// point (an input at infinity, or an intermediate sum hitting ±a table
// entry: negligible for honest inputs) marks that point, which is then
// recomputed with gnark's Jacobian arithmetic, so the result is always
// exactly lo[i] + s·hi[i].

// foldChunk is the number of points sharing a batch inversion.
const foldChunk = 512

// foldMinBatch is the point count below which the per-step inversion costs
// more than it saves: such folds use gnark's scalar multiplication.
const foldMinBatch = 32

// foldWindow is the wNAF window: tables of the odd multiples 1..15.
const foldWindow = 5

// The GLV constants and lattice are pedersen's (checked there at start-up).
var (
	glvBeta  = pedersen.GLVBeta
	glvBasis = &pedersen.GLVBasis
)

// foldPoints sets lo[i] = lo[i] + s·hi[i] for all i, in parallel.
func foldPoints(lo, hi []bls12381.G1Affine, s *fr.Element) {
	var sb big.Int
	s.BigInt(&sb)
	if len(lo) < foldMinBatch {
		foldJacobian(lo, hi, &sb)
		return
	}
	plan := newFoldPlan(&sb)
	if plan == nil { // s = 0
		return
	}
	field.ParallelMin(len(lo), foldMinBatch, func(a, b int) {
		w := newFoldWork(min(foldChunk, b-a))
		for c := a; c < b; c += foldChunk {
			e := min(c+foldChunk, b)
			if e-c < foldMinBatch {
				foldJacobian(lo[c:e], hi[c:e], &sb)
				continue
			}
			w.fold(plan, lo[c:e], hi[c:e], &sb)
		}
	})
}

// foldJacobian is the reference: lo[i] += s·hi[i] with gnark's Jacobian
// scalar multiplication, one point at a time.
func foldJacobian(lo, hi []bls12381.G1Affine, s *big.Int) {
	for i := range lo {
		var j bls12381.G1Jac
		j.FromAffine(&hi[i])
		j.ScalarMultiplication(&j, s)
		j.AddMixed(&lo[i])
		lo[i].FromJacobian(&j)
	}
}

// foldPlan is the shared scalar's GLV split s ≡ k1 + k2·λ (mod r) as wNAF
// digits (index 0 least significant) and the signs of k1, k2.
type foldPlan struct {
	naf    [2][]int8
	neg    [2]bool
	length int
}

func newFoldPlan(s *big.Int) *foldPlan {
	k := ecc.SplitScalar(s, glvBasis)
	p := &foldPlan{}
	for h := range k {
		if k[h].Sign() < 0 {
			k[h].Neg(&k[h])
			p.neg[h] = true
		}
		digits := make([]int8, fr.Bits+2)
		n := ecc.WnafDecomposition(&k[h], foldWindow, digits)
		p.naf[h] = digits[:n]
		p.length = max(p.length, n)
	}
	if p.length == 0 {
		return nil
	}
	return p
}

// digit returns the wNAF digit of half h at index i (0 past its length).
func (p *foldPlan) digit(h, i int) int8 {
	if i < len(p.naf[h]) {
		return p.naf[h][i]
	}
	return 0
}

// foldWork is one goroutine's buffers for a chunk of up to foldChunk points.
type foldWork struct {
	tab      [1 << (foldWindow - 2)][]bls12381.G1Affine // (2j+1)·P
	acc      []bls12381.G1Affine
	den, pre []fp.Element
	qx, qy   []fp.Element
	bad      []bool
	started  bool
}

func newFoldWork(n int) *foldWork {
	w := &foldWork{
		acc: make([]bls12381.G1Affine, n),
		den: make([]fp.Element, n), pre: make([]fp.Element, n),
		qx: make([]fp.Element, n), qy: make([]fp.Element, n),
		bad: make([]bool, n),
	}
	for j := range w.tab {
		w.tab[j] = make([]bls12381.G1Affine, n)
	}
	return w
}

// fold computes lo[i] += s·hi[i] for one chunk (len ≥ foldMinBatch).
func (w *foldWork) fold(p *foldPlan, lo, hi []bls12381.G1Affine, s *big.Int) {
	n := len(lo)
	acc, bad := w.acc[:n], w.bad[:n]
	for i := range bad {
		bad[i] = lo[i].IsInfinity() || hi[i].IsInfinity()
	}
	// Odd multiples (2j+1)·P: T_0 = P, D = 2P, T_j = T_{j−1} + D.
	t0 := w.tab[0][:n]
	copy(t0, hi)
	copy(acc, hi)
	w.double(acc, bad)
	for j := 1; j < len(w.tab); j++ {
		tj := w.tab[j][:n]
		copy(tj, acc)
		w.add(tj, w.tab[j-1][:n], bad, false, false)
	}
	w.started = false
	for i := p.length - 1; i >= 0; i-- {
		if w.started {
			w.double(acc, bad)
		}
		for h := 0; h < 2; h++ {
			d := p.digit(h, i)
			if d == 0 {
				continue
			}
			neg := (d < 0) != p.neg[h]
			if d < 0 {
				d = -d
			}
			w.addTable(acc, w.tab[(d-1)/2][:n], bad, h == 1, neg)
		}
	}
	w.add(acc, lo, bad, false, false)
	var fallback []int
	for i := range lo {
		if bad[i] {
			fallback = append(fallback, i)
			continue
		}
		lo[i] = acc[i]
	}
	for _, i := range fallback {
		foldJacobian(lo[i:i+1], hi[i:i+1], s)
	}
}

// addTable adds ±T (or ±φ(T) when phi) to acc, or starts acc with it.
func (w *foldWork) addTable(acc, t []bls12381.G1Affine, bad []bool, phi, neg bool) {
	if !w.started {
		for i := range acc {
			acc[i] = t[i]
			if phi {
				acc[i].X.Mul(&acc[i].X, &glvBeta)
			}
			if neg {
				acc[i].Y.Neg(&acc[i].Y)
			}
		}
		w.started = true
		return
	}
	w.add(acc, t, bad, phi, neg)
}

// add sets acc[i] += q[i] (q mapped by φ and/or negated) in affine
// coordinates with one inversion; a zero denominator marks the point bad.
func (w *foldWork) add(acc, q []bls12381.G1Affine, bad []bool, phi, neg bool) {
	n := len(acc)
	den, qx, qy := w.den[:n], w.qx[:n], w.qy[:n]
	for i := range acc {
		qx[i], qy[i] = q[i].X, q[i].Y
		if phi {
			qx[i].Mul(&qx[i], &glvBeta)
		}
		if neg {
			qy[i].Neg(&qy[i])
		}
		den[i].Sub(&qx[i], &acc[i].X)
		if den[i].IsZero() {
			bad[i] = true
			den[i].SetOne()
		}
	}
	w.invert(den)
	var lambda, x3 fp.Element
	for i := range acc {
		a := &acc[i]
		lambda.Sub(&qy[i], &a.Y).Mul(&lambda, &den[i])
		x3.Square(&lambda).Sub(&x3, &a.X).Sub(&x3, &qx[i])
		setY3(a, &lambda, &x3)
	}
}

// double sets acc[i] = 2·acc[i] in affine coordinates (one inversion).
func (w *foldWork) double(acc []bls12381.G1Affine, bad []bool) {
	n := len(acc)
	den := w.den[:n]
	for i := range acc {
		den[i].Double(&acc[i].Y)
		if den[i].IsZero() {
			bad[i] = true
			den[i].SetOne()
		}
	}
	w.invert(den)
	var lambda, x3 fp.Element
	for i := range acc {
		a := &acc[i]
		lambda.Square(&a.X)
		x3.Double(&lambda)
		lambda.Add(&lambda, &x3).Mul(&lambda, &den[i]) // 3x²/(2y)
		x3.Square(&lambda).Sub(&x3, &a.X).Sub(&x3, &a.X)
		setY3(a, &lambda, &x3)
	}
}

// setY3 finishes an affine addition or doubling of a with slope λ and new
// abscissa x3: a = (x3, λ·(x_a − x3) − y_a).
func setY3(a *bls12381.G1Affine, lambda, x3 *fp.Element) {
	var y3 fp.Element
	y3.Sub(&a.X, x3).Mul(&y3, lambda).Sub(&y3, &a.Y)
	a.X, a.Y = *x3, y3
}

// invert replaces every den[i] (all nonzero) by its inverse.
func (w *foldWork) invert(den []fp.Element) {
	pre := w.pre[:len(den)]
	pre[0] = den[0]
	for i := 1; i < len(den); i++ {
		pre[i].Mul(&pre[i-1], &den[i])
	}
	var inv, t fp.Element
	inv.Inverse(&pre[len(den)-1])
	for i := len(den) - 1; i > 0; i-- {
		t.Mul(&inv, &pre[i-1])
		inv.Mul(&inv, &den[i])
		den[i] = t
	}
	den[0] = inv
}
