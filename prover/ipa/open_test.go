package ipa

import (
	"errors"
	"math/big"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/transcript"
)

type opening struct {
	gens  *pedersen.Generators
	v     []fr.Element // n entries; the blob is v zero-padded
	logC  int
	rows  []bls12381.G1Affine
	blind []fr.Element
	q     []fr.Element
	y     fr.Element
	Y     bls12381.G1Affine
	proof *Proof
}

// naiveMLE evaluates Σ_x v[x]·Π_j eq(q_j, x_j) index by index (LSB-first).
func naiveMLE(v []fr.Element, q []fr.Element) fr.Element {
	var acc fr.Element
	for x := range v {
		term := v[x]
		for j := range q {
			var f fr.Element
			if x>>j&1 == 1 {
				f = q[j]
			} else {
				f.SetOne()
				f.Sub(&f, &q[j])
			}
			term.Mul(&term, &f)
		}
		acc.Add(&acc, &term)
	}
	return acc
}

func (o *opening) transcript() *transcript.Transcript {
	tr := transcript.New()
	var present []bls12381.G1Affine
	for _, r := range o.rows {
		if !r.IsInfinity() {
			present = append(present, r)
		}
	}
	tr.AbsorbPoints(transcript.LabelAdviceRows, present)
	tr.AbsorbScalars(transcript.LabelTest, o.q)
	tr.AbsorbPoint(transcript.LabelClaim, &o.Y)
	return tr
}

// makeOpening commits n random entries as rows of 2^logC (rows wholly past
// n are padding: identity, ρ = 0) and opens at a random point.
func makeOpening(t testing.TB, n, logC int) *opening {
	t.Helper()
	c := 1 << logC
	logN := 0
	for 1<<logN < n || 1<<logN < c {
		logN++
	}
	o := &opening{gens: mustGens(t, c), v: field.RandomScalars(n), logC: logC}
	nRows := 1 << (logN - logC)
	o.blind = make([]fr.Element, nRows)
	for k := range o.blind {
		if k*c < n {
			o.blind[k] = field.RandomScalar()
		}
	}
	var err error
	if o.rows, err = o.gens.CommitRows(o.v, c, 0, nRows, o.blind); err != nil {
		t.Fatal(err)
	}
	o.q = field.RandomScalars(logN)
	o.y = naiveMLE(o.v, o.q)
	beta := field.RandomScalar()
	o.Y = o.gens.CommitScalar(&o.y, &beta)
	qCol, qRow, err := SplitPoint(o.q, logC)
	if err != nil {
		t.Fatal(err)
	}
	a, alpha, err := OpenWitness(o.v, c, o.blind, qRow)
	if err != nil {
		t.Fatal(err)
	}
	cStar, err := OpenStatement(o.rows, qRow)
	if err != nil {
		t.Fatal(err)
	}
	if o.proof, err = OpenProve(o.transcript(), o.gens, cStar.Eval(), o.Y, qCol, a, alpha, beta); err != nil {
		t.Fatal(err)
	}
	return o
}

func (o *opening) verify(p *Proof) error {
	return OpenVerify(o.transcript(), o.gens, o.rows, o.logC, o.q, o.Y, p)
}

func openingTarget(o *opening) target {
	return target{
		name:   "opening",
		enc:    o.proof.Marshal(),
		fields: ipaFields(o.logC),
		check: func(b []byte) (error, error) {
			p, err := UnmarshalProof(b, o.logC)
			if err != nil {
				return err, nil
			}
			return nil, o.verify(p)
		},
		reencode: func(b []byte) []byte {
			p, _ := UnmarshalProof(b, o.logC)
			return p.Marshal()
		},
	}
}

func TestOpeningCompleteness(t *testing.T) {
	for _, tc := range []struct{ n, logC int }{{1, 0}, {5, 1}, {20, 3}, {64, 3}, {100, 4}, {33, 5}, {16, 4}} {
		o := makeOpening(t, tc.n, tc.logC)
		if err := o.verify(o.proof); err != nil {
			t.Fatalf("n=%d logC=%d: honest opening rejected: %v", tc.n, tc.logC, err)
		}
	}
}

// TestOpeningAgainstNaive: C* and the opened value agree with naive
// double-and-add and index-by-index MLE evaluation.
func TestOpeningAgainstNaive(t *testing.T) {
	o := makeOpening(t, 20, 2)
	qCol, qRow, _ := SplitPoint(o.q, o.logC)
	comb, err := OpenStatement(o.rows, qRow)
	if err != nil {
		t.Fatal(err)
	}
	// naive C* = Σ_k eq(q_row,k)·C_k by bitwise double-and-add
	var acc bls12381.G1Jac
	acc.X.SetOne()
	acc.Y.SetOne()
	for k := range o.rows {
		unit := make([]fr.Element, len(o.rows)) // eq(q_row,k) = MLE of the k-th unit vector
		unit[k] = fr.One()
		e := naiveMLE(unit, qRow)
		var base bls12381.G1Jac
		base.FromAffine(&o.rows[k])
		var term bls12381.G1Jac
		term.X.SetOne()
		term.Y.SetOne()
		kb := e.BigInt(new(big.Int))
		for i := kb.BitLen() - 1; i >= 0; i-- {
			term.DoubleAssign()
			if kb.Bit(i) == 1 {
				term.AddAssign(&base)
			}
		}
		acc.AddAssign(&term)
	}
	var want bls12381.G1Affine
	want.FromJacobian(&acc)
	if got := comb.Eval(); !got.Equal(&want) {
		t.Fatal("C* differs from naive")
	}
	a, _, _ := OpenWitness(o.v, 1<<o.logC, o.blind, qRow)
	if got := field.InnerProduct(a, EqTable(qCol)); !got.Equal(&o.y) {
		t.Fatal("⟨a, eq(q_col)⟩ differs from the naive MLE value")
	}
	// OpenWitnessSmall agrees with OpenWitness on small ints.
	w := []int16{-3, 7, 0, -32768, 32767, 1, -1, 5, 9}
	blind := field.RandomScalars(4)
	q := field.RandomScalars(2)
	a1, al1, err1 := OpenWitnessSmall(w, 4, blind[:4], q)
	a2, al2, err2 := OpenWitness(pedersen.SmallToField(w), 4, blind[:4], q)
	if err1 != nil || err2 != nil || !al1.Equal(&al2) || !fr.Vector(a1).Equal(a2) {
		t.Fatal("OpenWitnessSmall differs", err1, err2)
	}
}

func TestOpeningRejectsWrongRowsAndPoint(t *testing.T) {
	o := makeOpening(t, 20, 3)
	_, _, g, _ := bls12381.Generators()
	for k := range o.rows {
		rows := append([]bls12381.G1Affine(nil), o.rows...)
		rows[k].Add(&rows[k], &g) // includes turning a padding row into G
		if err := OpenVerify(o.transcript(), o.gens, rows, o.logC, o.q, o.Y, o.proof); !errors.Is(err, ErrReject) {
			t.Fatalf("row %d changed: accepted", k)
		}
	}
	q := append([]fr.Element(nil), o.q...)
	q[len(q)-1].Add(&q[len(q)-1], &fr.Element{1})
	if err := OpenVerify(o.transcript(), o.gens, o.rows, o.logC, q, o.Y, o.proof); !errors.Is(err, ErrReject) {
		t.Fatal("other point accepted")
	}
	if err := OpenVerify(o.transcript(), o.gens, o.rows[:2], o.logC, o.q, o.Y, o.proof); !errors.Is(err, ErrReject) {
		t.Fatal("row count mismatch accepted")
	}
}

// TestEqFoldedFormula: the O(k) w* for eq weights equals the explicit fold.
func TestEqFoldedFormula(t *testing.T) {
	for k := 0; k <= 6; k++ {
		u := field.RandomScalars(k)
		e := field.RandomScalars(k)
		eInv := fr.BatchInvert(e)
		explicit, _ := VectorWeights(EqTable(u))
		s := foldCoefficients(e, eInv)
		a, b := EqWeights(u).folded(nil, e, eInv), explicit.folded(s, e, eInv)
		if !a.Equal(&b) {
			t.Fatalf("k=%d: fast w* differs", k)
		}
	}
}
