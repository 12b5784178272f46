package pedersen

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// naiveMul is the reference: math/big scalar, bit-by-bit double-and-add on
// Jacobian points, no GLV, no windows.
func naiveMul(p *bls12381.G1Affine, k *big.Int) bls12381.G1Jac {
	var acc, base bls12381.G1Jac // acc = identity (Z = 0)
	acc.X.SetOne()
	acc.Y.SetOne()
	base.FromAffine(p)
	for i := k.BitLen() - 1; i >= 0; i-- {
		acc.DoubleAssign()
		if k.Bit(i) == 1 {
			acc.AddAssign(&base)
		}
	}
	return acc
}

// naiveCommit is Σ v_i·g_i + ρ·H by naiveMul.
func naiveCommit(gs *Generators, v []fr.Element, rho fr.Element) bls12381.G1Affine {
	var acc bls12381.G1Jac
	acc.X.SetOne()
	acc.Y.SetOne()
	for i := range v {
		t := naiveMul(&gs.g[i], v[i].BigInt(new(big.Int)))
		acc.AddAssign(&t)
	}
	t := naiveMul(&gs.H, rho.BigInt(new(big.Int)))
	acc.AddAssign(&t)
	var out bls12381.G1Affine
	out.FromJacobian(&acc)
	return out
}

// edgeScalars are 0, 1, r−1, 2, (r−1)/2 and randoms.
func edgeScalars(n int) []fr.Element {
	rMinus1 := field.FromInt64(-1)
	half, _ := field.FromBig(new(big.Int).Rsh(field.Modulus(), 1))
	base := []fr.Element{field.FromInt64(0), field.FromInt64(1), rMinus1, field.FromInt64(2), half}
	for len(base) < n {
		base = append(base, field.RandomScalar())
	}
	return base[:n]
}

func TestCommitmentsMatchNaive(t *testing.T) {
	gs, _ := Get(8)
	// Scalar commitments on edge values, against naive v·G + ρ·H.
	for _, v := range edgeScalars(6) {
		for _, rho := range edgeScalars(4) {
			got := gs.CommitScalar(&v, &rho)
			a := naiveMul(&gs.G, v.BigInt(new(big.Int)))
			b := naiveMul(&gs.H, rho.BigInt(new(big.Int)))
			a.AddAssign(&b)
			var want bls12381.G1Affine
			want.FromJacobian(&a)
			if !got.Equal(&want) {
				t.Fatalf("CommitScalar(%v,%v) differs from naive", v.String(), rho.String())
			}
		}
	}
	// Vector commitments: edge vectors, all-zero (identity), random.
	zero := make([]fr.Element, 8)
	for _, tc := range []struct {
		v   []fr.Element
		rho fr.Element
	}{
		{edgeScalars(8), field.RandomScalar()},
		{zero, fr.Element{}},
		{field.RandomScalars(5), fr.Element{}},
		{field.RandomScalars(8), field.FromInt64(-1)},
	} {
		got, err := gs.CommitVector(tc.v, &tc.rho)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveCommit(gs, tc.v, tc.rho)
		if !got.Equal(&want) {
			t.Fatal("CommitVector differs from naive")
		}
	}
	if got, _ := gs.CommitVector(zero, &fr.Element{}); !got.IsInfinity() {
		t.Fatal("zero vector with zero blinding is not the identity")
	}
	if _, err := gs.CommitVector(make([]fr.Element, 9), &fr.Element{}); err == nil {
		t.Fatal("vector longer than generators accepted")
	}
}

func TestCommitRowsMatchesNaiveAndRanges(t *testing.T) {
	const c, rows = 4, 5
	gs, _ := Get(c)
	v := append(edgeScalars(c*rows-2), fr.Element{}, fr.Element{})
	copy(v[2*c:3*c], make([]fr.Element, c)) // row 2 all zero
	blind := field.RandomScalars(rows)
	blind[2] = fr.Element{} // structural-padding-style row
	all, err := gs.CommitRows(v, c, 0, rows, blind)
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < rows; k++ {
		want := naiveCommit(gs, v[k*c:(k+1)*c], blind[k])
		if !all[k].Equal(&want) {
			t.Fatalf("row %d differs from naive", k)
		}
	}
	if !all[2].IsInfinity() {
		t.Fatal("zero row with ρ = 0 is not the identity")
	}
	// Independent ranges give the same rows (resumable commit).
	part, err := gs.CommitRows(v, c, 3, 5, blind[3:5])
	if err != nil || !part[0].Equal(&all[3]) || !part[1].Equal(&all[4]) {
		t.Fatalf("range commit differs: %v", err)
	}
	// A short vector is zero-padded.
	short, _ := gs.CommitRows(v[:c+1], c, 1, 2, blind[1:2])
	want := naiveCommit(gs, append(append([]fr.Element{}, v[c:c+1]...), make([]fr.Element, c-1)...), blind[1])
	if !short[0].Equal(&want) {
		t.Fatal("short vector not zero-padded")
	}
	for _, bad := range []struct{ c, from, to, nb int }{{3, 0, 1, 1}, {8, 0, 1, 1}, {4, 2, 1, 0}, {4, 0, 2, 1}} {
		if _, err := gs.CommitRows(v, bad.c, bad.from, bad.to, make([]fr.Element, bad.nb)); err == nil {
			t.Fatalf("bad request %+v accepted", bad)
		}
	}
}

// TestSmallTrickMatchesFieldPath: committing small signed ints by negating
// generators gives exactly the points of committing w mod r (§4.3).
func TestSmallTrickMatchesFieldPath(t *testing.T) {
	const c, rows = 16, 3
	gs, _ := Get(c)
	rng := rand.New(rand.NewPCG(1, 2))
	w8 := make([]int8, c*rows)
	w16 := make([]int16, c*rows)
	for i := range w8 {
		w8[i] = int8(rng.IntN(256) - 128)
		w16[i] = int16(rng.IntN(65536) - 32768)
	}
	w8[0], w8[1], w8[2] = -128, 127, 0
	w16[0], w16[1], w16[2] = -32768, 32767, 0
	blind := field.RandomScalars(rows)
	blind[1] = fr.Element{}
	check := func(name string, small, full []bls12381.G1Affine, err1, err2 error) {
		t.Helper()
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for k := range small {
			if !small[k].Equal(&full[k]) {
				t.Fatalf("%s row %d: small-scalar path differs", name, k)
			}
		}
	}
	s8, e1 := CommitRowsSmall(gs, w8, c, 0, rows, blind)
	f8, e2 := gs.CommitRows(SmallToField(w8), c, 0, rows, blind)
	check("int8", s8, f8, e1, e2)
	s16, e1 := CommitRowsSmall(gs, w16, c, 0, rows, blind)
	f16, e2 := gs.CommitRows(SmallToField(w16), c, 0, rows, blind)
	check("int16", s16, f16, e1, e2)
	// and against the naive reference for one row
	want := naiveCommit(gs, SmallToField(w16[:c]), blind[0])
	if !s16[0].Equal(&want) {
		t.Fatal("int16 row differs from naive")
	}
	// int32 and int64 (advice): edge magnitudes, the table boundary 2^16,
	// the most negative values, a zero row.
	w32 := make([]int32, c*rows)
	w64 := make([]int64, c*rows)
	for i := range w32 {
		w32[i] = int32(rng.Uint32())
		w64[i] = int64(rng.Uint64())
	}
	copy(w32, []int32{math.MinInt32, math.MaxInt32, 0, 1 << 16, 1<<16 - 1, -(1 << 16), -1})
	copy(w64, []int64{math.MinInt64, math.MaxInt64, 0, 1 << 16, 1<<16 - 1, -(1 << 16), -1, math.MinInt32})
	clear(w64[2*c : 3*c])
	s32, e1 := CommitRowsSmall(gs, w32, c, 0, rows, blind)
	f32, e2 := gs.CommitRows(SmallToField(w32), c, 0, rows, blind)
	check("int32", s32, f32, e1, e2)
	s64, e1 := CommitRowsSmall(gs, w64, c, 0, rows, blind)
	f64, e2 := gs.CommitRows(SmallToField(w64), c, 0, rows, blind)
	check("int64", s64, f64, e1, e2)
	for i, x := range w64[:c] {
		if got, want := SmallToField(w64[i : i+1])[0], field.FromInt64(x); got != want {
			t.Fatalf("SmallToField(%d) = %s", x, got.String())
		}
	}
}

// TestRowParallelMatchesSequential: the row-parallel schedule (short rows,
// one single-core MSM each) and the in-order all-core one give the same
// points, for the field and the small-integer paths, zero rows and a short
// last row included.
func TestRowParallelMatchesSequential(t *testing.T) {
	const c, rows = 32, 11
	gs, _ := Get(c)
	rng := rand.New(rand.NewPCG(3, 4))
	w := make([]int32, c*rows-5)
	for i := range w {
		w[i] = int32(rng.Uint32()) >> rng.IntN(32)
	}
	clear(w[3*c : 4*c])
	blind := field.RandomScalars(rows)
	blind[3] = fr.Element{}
	v := SmallToField(w)
	commitBoth := func() ([]bls12381.G1Affine, []bls12381.G1Affine) {
		s, err1 := CommitRowsSmall(gs, w, c, 0, rows, blind)
		f, err2 := gs.CommitRows(v, c, 0, rows, blind)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		return s, f
	}
	ps, pf := commitBoth()
	defer func(old int) { rowParallelMax = old }(rowParallelMax)
	rowParallelMax = 0 // every row in order, all-core MSMs
	ss, sf := commitBoth()
	for k := range rows {
		if !ps[k].Equal(&ss[k]) || !pf[k].Equal(&sf[k]) || !ps[k].Equal(&pf[k]) {
			t.Fatalf("row %d: row-parallel and sequential commitments differ", k)
		}
	}
	if !ps[3].IsInfinity() {
		t.Fatal("zero row with ρ = 0 is not the identity")
	}
}
