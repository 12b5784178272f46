package tlookup

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
)

// leafForm is the verifier's description of the leaf layer at a point r:
// P(r) = constP + Σ_c coefP[c]·col_c and Q(r) = constQ + Σ_c coefQ[c]·col_c,
// where col_c are the leaf column claims in column order (per lookup In then
// Out if any, then per table m). Table columns are public and folded into
// the constants (PROTOCOL §6.4, "leaves").
type leafForm struct {
	constP, constQ fr.Element
	coefP, coefQ   []fr.Element
	points         [][]fr.Element // r_lo of each column
}

// segmentEq returns eq(r_hi, id) for a segment: the MLE of its indicator.
func segmentEq(r []fr.Element, seg segment) fr.Element {
	return mle.EqAt(r[seg.logSize:], seg.offset>>seg.logSize)
}

// columnIndex returns the position of lookup i's In column (Out follows it).
func (l *Layout) columnIndex(i int) int {
	c := 0
	for _, lk := range l.spec.Lookups[:i] {
		c++
		if lk.HasOut() {
			c++
		}
	}
	return c
}

// multIndex returns the position of table ti's multiplicity column.
func (l *Layout) multIndex(ti int) int {
	return l.NumLeafColumns() - len(l.Tables) + ti
}

// leafForm builds the leaf relations at r (len LogLeaves). The table MLEs
// are evaluated here, by the verifier itself.
func (l *Layout) leafForm(r []fr.Element, gamma, beta fr.Element) (*leafForm, error) {
	if len(r) != l.LogLeaves {
		return nil, fmt.Errorf("tlookup: leaf point has %d coordinates, want %d", len(r), l.LogLeaves)
	}
	nc := l.NumLeafColumns()
	f := &leafForm{coefP: make([]fr.Element, nc), coefQ: make([]fr.Element, nc), points: make([][]fr.Element, nc)}
	var gamma2, sumE, t, u fr.Element
	gamma2.Square(&gamma)
	for _, seg := range l.segments {
		e := segmentEq(r, seg)
		sumE.Add(&sumE, &e)
		rlo := r[:seg.logSize]
		var tag fr.Element
		tag.SetInt64(l.Tag(seg.table))
		tag.Mul(&tag, &gamma2) // γ²τ
		if seg.lookup >= 0 {
			c := l.columnIndex(seg.lookup)
			f.constP.Add(&f.constP, &e)
			t.Sub(&beta, &tag)
			t.Mul(&t, &e)
			f.constQ.Add(&f.constQ, &t)
			f.coefQ[c].Neg(&e)
			f.points[c] = rlo
			if l.spec.Lookups[seg.lookup].HasOut() {
				f.coefQ[c+1].Mul(&e, &gamma)
				f.coefQ[c+1].Neg(&f.coefQ[c+1])
				f.points[c+1] = rlo
			}
			continue
		}
		tab := l.Tables[seg.table]
		in, err := tab.EvalIn(rlo)
		if err != nil {
			return nil, err
		}
		out, err := tab.EvalOut(rlo)
		if err != nil {
			return nil, err
		}
		c := l.multIndex(seg.table)
		f.coefP[c].Neg(&e)
		f.points[c] = rlo
		// e·(β − t_in − γ·t_out − γ²τ)
		u.Mul(&out, &gamma)
		t.Sub(&beta, &in)
		t.Sub(&t, &u)
		t.Sub(&t, &tag)
		t.Mul(&t, &e)
		f.constQ.Add(&f.constQ, &t)
	}
	// Unused leaves: q = 1 on the complement of the segments.
	var one fr.Element
	one.SetOne()
	t.Sub(&one, &sumE)
	f.constQ.Add(&f.constQ, &t)
	return f, nil
}
