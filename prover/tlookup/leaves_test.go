package tlookup

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// The leaf filler's fast paths (q gathered from a table's q values, or
// converted from the integers by scaleInts) give the leaves of the
// definition, compress entry by entry: on valid columns (gathered), on the
// same with gathers off (converted), and on columns outside their table
// (inputs past its end, outputs not the table's: always converted); table
// leaves p = −m from field multiplicities and from counts (up to 2^64−1).
func TestLeafFillerMatchesCompress(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	l, w := mixedInstance(t, 3)
	bad := w.Columns[2] // ind.a, INDC_6 with outputs: 11 entries
	bad.In, bad.Out = append([]int64(nil), bad.In...), append([]int64(nil), bad.Out...)
	bad.In[0], bad.Out[1], bad.In[2] = 1<<40, 7, -1<<62
	w.Columns[2] = bad
	counts := make([][]uint64, len(l.Tables))
	for ti, tab := range l.Tables {
		counts[ti] = make([]uint64, tab.Size())
		for j := range counts[ti] {
			counts[ti][j] = rng.Uint64() >> rng.IntN(64)
		}
	}
	mult := multToField(counts)
	gamma, beta := randElem(rng), randElem(rng)
	var gamma2 fr.Element
	gamma2.Square(&gamma)
	f := l.leafFiller(w, elemMult(mult), gamma, beta)
	if !f.gather[0] || !f.gather[1] || f.gather[2] || !f.gather[3] {
		t.Fatalf("gathers %v, want all but the invalid column", f.gather)
	}
	slow := l.leafFiller(w, elemMult(mult), gamma, beta)
	clear(slow.gather)
	clear(slow.tableQ)
	fromCounts := l.leafFiller(w, countMult(counts), gamma, beta)
	for name, f := range map[string]*leafFiller{"gather": f, "convert": slow, "counts": fromCounts} {
		for _, seg := range l.segments {
			n := 1 << seg.logSize
			p, q := make([]fr.Element, n), make([]fr.Element, n)
			f.fill(seg, 0, n, p, q)
			tag := l.Tag(seg.table)
			for j := range n {
				var wantP, wantQ fr.Element
				if seg.lookup >= 0 {
					col := w.Columns[seg.lookup]
					var a, b int64
					if j < len(col.In) {
						a = col.In[j]
						if col.Out != nil {
							b = col.Out[j]
						}
					}
					wantP.SetOne()
					wantQ = compress(&beta, &gamma, &gamma2, a, b, tag)
				} else {
					tab := l.Tables[seg.table]
					wantP.Neg(&mult[seg.table][j])
					wantQ = compress(&beta, &gamma, &gamma2, tab.In(j), tab.Out(j), tag)
				}
				if !p[j].Equal(&wantP) || !q[j].Equal(&wantQ) {
					t.Fatalf("%s: segment (lookup %d, table %d) entry %d differs from the definition", name, seg.lookup, seg.table, j)
				}
			}
		}
	}
}
