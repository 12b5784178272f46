package mle

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

func randVec(t testing.TB, n int) []fr.Element {
	t.Helper()
	v := make([]fr.Element, n)
	for i := range v {
		if _, err := v[i].SetRandom(); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

// naiveEval is the definition f(u) = Σ_x f[x]·eq(u,x), one eq per index.
func naiveEval(f, u []fr.Element) fr.Element {
	var acc, t fr.Element
	for x := range f {
		e := EqAt(u, uint64(x))
		t.Mul(&f[x], &e)
		acc.Add(&acc, &t)
	}
	return acc
}

func TestEqTableMatchesDefinition(t *testing.T) {
	for _, n := range []int{0, 1, 3, 13} { // 13 crosses the parallel threshold
		u := randVec(t, n)
		tab := EqTable(u)
		for _, x := range []int{0, 1, len(tab) / 2, len(tab) - 1} {
			if x >= len(tab) {
				continue
			}
			want := EqAt(u, uint64(x))
			if !tab[x].Equal(&want) {
				t.Fatalf("n=%d: eq table[%d] differs from EqAt", n, x)
			}
		}
		// Σ_x eq(u,x) = 1 for every u.
		var s fr.Element
		for i := range tab {
			s.Add(&s, &tab[i])
		}
		if !s.IsOne() {
			t.Fatalf("n=%d: eq table does not sum to 1", n)
		}
	}
}

func TestEqOnBooleanPointsIsIndicator(t *testing.T) {
	n := 4
	for a := 0; a < 16; a++ {
		pa := make([]fr.Element, n)
		for j := 0; j < n; j++ {
			pa[j].SetUint64(uint64(a >> j & 1))
		}
		for b := 0; b < 16; b++ {
			got := EqAt(pa, uint64(b))
			pb := make([]fr.Element, n)
			for j := 0; j < n; j++ {
				pb[j].SetUint64(uint64(b >> j & 1))
			}
			sym := Eq(pa, pb)
			if !got.Equal(&sym) {
				t.Fatal("Eq and EqAt disagree")
			}
			if (a == b) != got.IsOne() || (a != b) != got.IsZero() {
				t.Fatalf("eq(%d,%d) is not the indicator", a, b)
			}
		}
	}
}

func TestEvaluateMatchesNaiveIncludingPadding(t *testing.T) {
	for _, tc := range []struct{ length, n int }{{1, 0}, {1, 3}, {5, 3}, {8, 3}, {100, 7}, {5000, 13}} {
		f := randVec(t, tc.length)
		u := randVec(t, tc.n)
		got, err := Evaluate(f, u)
		if err != nil {
			t.Fatal(err)
		}
		want := naiveEval(f, u)
		if !got.Equal(&want) {
			t.Fatalf("len=%d n=%d: Evaluate differs from the definition", tc.length, tc.n)
		}
	}
	if _, err := Evaluate(randVec(t, 9), randVec(t, 3)); err == nil {
		t.Fatal("a table longer than 2^n must be rejected")
	}
}

func TestEvaluateOnHypercubeIsLookupLSBFirst(t *testing.T) {
	f := randVec(t, 8)
	for x := 0; x < 8; x++ {
		u := make([]fr.Element, 3)
		for j := range u {
			u[j].SetUint64(uint64(x >> j & 1))
		}
		got, _ := Evaluate(f, u)
		if !got.Equal(&f[x]) {
			t.Fatalf("f(bits(%d)) != f[%d]: convention is not LSB-first", x, x)
		}
	}
}

func TestFoldBindsLowestVariable(t *testing.T) {
	n := 5
	f := randVec(t, 1<<n)
	u := randVec(t, n)
	want, _ := Evaluate(f, u)
	// Fold in place with u_0, then u_1, … must give f(u).
	g := append([]fr.Element(nil), f...)
	for _, r := range u {
		g = Fold(g, r)
	}
	if !g[0].Equal(&want) {
		t.Fatal("sequential Fold does not reach f(u)")
	}
	// One fold: the result is f with x_0 fixed, checked against Evaluate.
	h := make([]fr.Element, 1<<(n-1))
	FoldInto(h, f, u[0])
	rest, _ := Evaluate(h, u[1:])
	if !rest.Equal(&want) {
		t.Fatal("FoldInto does not bind x_0")
	}
	// Large (parallel) fold agrees with the serial one.
	big := randVec(t, 1<<14)
	a := make([]fr.Element, 1<<13)
	FoldInto(a, big, u[0])
	b := Fold(append([]fr.Element(nil), big...), u[0])
	for i := range a {
		if !a[i].Equal(&b[i]) {
			t.Fatal("parallel and serial folds differ")
		}
	}
}

func TestPartialEvaluation(t *testing.T) {
	f := randVec(t, 1<<6)
	u := randVec(t, 6)
	want, _ := Evaluate(f, u)
	low, err := PartialEvalLow(f, u[:2])
	if err != nil {
		t.Fatal(err)
	}
	got, _ := Evaluate(low, u[2:])
	if !got.Equal(&want) {
		t.Fatal("PartialEvalLow then Evaluate differs")
	}
	high, err := PartialEvalHigh(f, u[4:])
	if err != nil {
		t.Fatal(err)
	}
	got, _ = Evaluate(high, u[:4])
	if !got.Equal(&want) {
		t.Fatal("PartialEvalHigh then Evaluate differs")
	}
	// Non-power-of-two input pads with zeros.
	g := randVec(t, 37)
	h, _ := PartialEvalHigh(g, u[4:])
	got, _ = Evaluate(h, u[:4])
	want, _ = Evaluate(g, u)
	if !got.Equal(&want) {
		t.Fatal("PartialEvalHigh on a padded table differs")
	}
}

// Identity (a): Σ_x f(x) = 2^n·f(½,…,½).
func TestIdentitySumIsScaledCenter(t *testing.T) {
	n := 5
	f := randVec(t, 1<<n)
	var sum, half, two fr.Element
	for i := range f {
		sum.Add(&sum, &f[i])
	}
	two.SetUint64(2)
	half.Inverse(&two)
	u := make([]fr.Element, n)
	for j := range u {
		u[j] = half
	}
	center, _ := Evaluate(f, u)
	var scale fr.Element
	scale.SetUint64(1 << n)
	center.Mul(&center, &scale)
	if !center.Equal(&sum) {
		t.Fatal("identity (a) fails")
	}
}

// Identity (b): B[x_a,x_b] = b[x_b] ⇒ B(u_a,u_b) = b(u_b).
func TestIdentityBroadcast(t *testing.T) {
	na, nb := 3, 4
	b := randVec(t, 1<<nb)
	B := make([]fr.Element, 1<<(na+nb))
	for xb := 0; xb < 1<<nb; xb++ {
		for xa := 0; xa < 1<<na; xa++ {
			B[xa+(xb<<na)] = b[xb] // x_a are the low coordinates
		}
	}
	u := randVec(t, na+nb)
	got, _ := Evaluate(B, u)
	want, _ := Evaluate(b, u[na:])
	if !got.Equal(&want) {
		t.Fatal("identity (b) fails")
	}
}

// Identity (c): f(…,τ,…) = (1−τ)·f(…,0,…) + τ·f(…,1,…), at every coordinate.
func TestIdentityLinearInEachCoordinate(t *testing.T) {
	n := 4
	f := randVec(t, 1<<n)
	u := randVec(t, n)
	for k := 0; k < n; k++ {
		u0 := append([]fr.Element(nil), u...)
		u1 := append([]fr.Element(nil), u...)
		u0[k].SetZero()
		u1[k].SetOne()
		f0, _ := Evaluate(f, u0)
		f1, _ := Evaluate(f, u1)
		var one, lhs, t0 fr.Element
		one.SetOne()
		t0.Sub(&one, &u[k])
		lhs.Mul(&t0, &f0)
		t0.Mul(&u[k], &f1)
		lhs.Add(&lhs, &t0)
		want, _ := Evaluate(f, u)
		if !lhs.Equal(&want) {
			t.Fatalf("identity (c) fails at coordinate %d", k)
		}
	}
}

func TestLessThanMatchesTable(t *testing.T) {
	n := 5
	r := randVec(t, n)
	for _, c := range []uint64{0, 1, 2, 7, 16, 17, 31, 32, 33, 1 << 40} {
		got := LessThan(r, c)
		want := naiveEval(PrefixMaskTable(n, c), r)
		if !got.Equal(&want) {
			t.Fatalf("LTc(r;%d) differs from the table's MLE", c)
		}
		pm := PrefixMask(r, c)
		if !pm.Equal(&got) {
			t.Fatal("PrefixMask differs from LessThan")
		}
	}
}

func TestPadRejectsLongTables(t *testing.T) {
	if _, err := Pad(make([]fr.Element, 9), 3); err == nil {
		t.Fatal("Pad must reject a table longer than 2^n")
	}
	p, err := Pad(randVec(t, 3), 2)
	if err != nil || len(p) != 4 || !p[3].IsZero() {
		t.Fatal("Pad must zero-pad to 2^n")
	}
	if Log2Ceil(1) != 0 || Log2Ceil(5) != 3 || Log2Ceil(8) != 3 || Log2Ceil(0) != 0 {
		t.Fatal("Log2Ceil wrong")
	}
}

func TestBroadcastHelpers(t *testing.T) {
	f := randVec(t, 5) // padded to 8
	u := randVec(t, 2+3)
	lowB := BroadcastLow(f, 2)
	got, _ := Evaluate(lowB, u)
	want, _ := Evaluate(f, u[2:])
	if !got.Equal(&want) {
		t.Fatal("BroadcastLow: B(u_a,u_b) != f(u_b)")
	}
	highB := BroadcastHigh(f, 2)
	v := randVec(t, 3+2)
	got, _ = Evaluate(highB, v)
	want, _ = Evaluate(f, v[:3])
	if !got.Equal(&want) {
		t.Fatal("BroadcastHigh: B(u_a,u_b) != f(u_a)")
	}
}
