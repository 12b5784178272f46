package sumcheck

import (
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// The block-restricted E table equals the full tabulation for points with
// Boolean top coordinates (RED's q ‖ id_t), short points and mixed ones.
func TestEqTableBooleanTopBlocks(t *testing.T) {
	checkEqBlocks(t, 7, 0)
	checkEqBlocks(t, 15, 8) // blocks past the parallel threshold
}

// checkEqBlocks compares Instance.EqTable over n variables with the
// definition, for claim points of which extra coordinates are random.
func checkEqBlocks(t *testing.T, n, extra int) {
	one := fr.One()
	var zero fr.Element
	r := func(k int) []fr.Element { return field.RandomScalars(k) }
	points := [][]fr.Element{
		append(r(4+extra), one, zero, one), // claim on a 2^(4+extra) tensor in block 5
		r(7 + extra),                       // whole-blob claim
		append(r(2), zero),                 // a short point over the top 3 coordinates
		append(r(extra), one, zero, one, one, zero, one, zero), // a Boolean point: a single entry (extra = 0)
		append(append(r(2), one), r(2+extra)...),               // a Boolean coordinate below random ones
	}
	checkEqTable(t, n, points)
}

// checkEqTable compares Instance.EqTable with the definition Σ_k μ_k·eq(u_k, x_top).
func checkEqTable(t *testing.T, n int, points [][]fr.Element) {
	t.Helper()
	in := &Instance{NumVars: n, EqPoints: points, Mu: field.RandomScalars(len(points)), Public: []bool{false}}
	got := in.EqTable()
	want := make([]fr.Element, 1<<n)
	for k, u := range points {
		low := mle.Size(n - len(u))
		top := mle.EqTable(u)
		for x := range want {
			var v fr.Element
			v.Mul(&top[x/low], &in.Mu[k])
			want[x].Add(&want[x], &v)
		}
	}
	for x := range want {
		if !got[x].Equal(&want[x]) {
			t.Fatalf("entry %d differs", x)
		}
	}
}

// Claims on disjoint tensors (written in place) beside a tensor claimed
// twice, a claim nested in another tensor's block, and a short point (added).
func TestEqTableDisjointBlocks(t *testing.T) {
	const n, logT = 9, 6
	id := func(b int) []fr.Element { // the 3 id bits of block b, LSB first
		out := make([]fr.Element, 3)
		for j := range out {
			if b>>j&1 == 1 {
				out[j].SetOne()
			}
		}
		return out
	}
	var points [][]fr.Element
	for b := 0; b < 8; b++ {
		points = append(points, append(field.RandomScalars(logT), id(b)...))
	}
	only := slices.Clone(points)
	points = append(points, append(field.RandomScalars(logT), id(3)...))                                      // block 3 again
	points = append(points, append(field.RandomScalars(logT-1), append([]fr.Element{fr.One()}, id(5)...)...)) // half of block 5
	checkEqTable(t, n, only)
	checkEqTable(t, n, points)
	checkEqTable(t, n, append(points, field.RandomScalars(2))) // a short point over everything
	if got := overlapping([]eqBlock{{base: 0, span: 4}, {base: 4, span: 4}, {base: 8, span: 8}, {base: 12, span: 2}}); !slices.Equal(got, []bool{false, false, true, true}) {
		t.Fatalf("overlapping = %v", got)
	}
}
