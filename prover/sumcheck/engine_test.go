package sumcheck

import (
	"slices"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// The cleartext engine against the definition: every round satisfies
// p_j(0)+p_j(1) = claim_j, the last claim equals F(ρ) evaluated from the
// ORIGINAL tables, and the caller's tables are untouched. Sizes cover the
// serial and the parallel path, several degrees and repeated factors.
func TestEngineMatchesDefinition(t *testing.T) {
	two, three := fr.One(), fr.One()
	two.SetUint64(2)
	three.SetUint64(3)
	shapes := []struct {
		n     int
		terms []Term
		nf    int
	}{
		{3, []Term{{Coeff: fr.One(), Factors: []int{0, 1}}}, 2},
		{13, []Term{{Coeff: fr.One(), Factors: []int{0, 1}}}, 2},                                       // fast path, parallel
		{13, []Term{{Coeff: two, Factors: []int{0, 1, 2}}, {Coeff: three, Factors: []int{2}}}, 3},      // generic, parallel
		{5, []Term{{Coeff: fr.One(), Factors: []int{0, 0, 1}}, {Coeff: two, Factors: []int{1, 1}}}, 2}, // squares
		{4, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2, 3, 0}}}, 4},                               // degree 5
	}
	for _, sh := range shapes {
		form := &Form{NumVars: sh.n, Public: make([]bool, sh.nf), Terms: sh.terms}
		for _, tm := range sh.terms {
			form.Degree = max(form.Degree, len(tm.Factors))
		}
		tables := make([][]fr.Element, sh.nf)
		orig := make([][]fr.Element, sh.nf)
		for k := range tables {
			tables[k] = field.RandomScalars((1 << sh.n) - k) // non-powers of two
			orig[k] = append([]fr.Element(nil), tables[k]...)
		}
		poly := &Polynomial{Form: form, Tables: tables}
		if err := poly.Validate(); err != nil {
			t.Fatal(err)
		}
		claim := poly.Sum()
		eng := newEngine(poly, claim)
		coeffs := make([]fr.Element, form.Degree+1)
		point := field.RandomScalars(sh.n)
		for j := 0; j < sh.n; j++ {
			eng.round(coeffs)
			// p_j(1), which the engine derives from the claim, recomputed
			// from the definition: Σ_{x>j} F(ρ_<j, 1, x_>j).
			if sh.n <= 5 {
				prefix := append(append([]fr.Element(nil), point[:j]...), fr.One())
				rest := &Polynomial{Form: &Form{NumVars: sh.n - j - 1, Degree: form.Degree, Public: form.Public, Terms: form.Terms}}
				for k := range orig {
					tab, _ := mle.PartialEvalLow(orig[k], prefix)
					rest.Tables = append(rest.Tables, tab)
				}
				want := rest.Sum()
				got := EvalPoly(coeffs, fr.One())
				if !got.Equal(&want) {
					t.Fatalf("n=%d round %d: p_j(1) differs from the definition", sh.n, j)
				}
			}
			eng.bind(coeffs, point[j])
			claim = EvalPoly(coeffs, point[j])
		}
		vals := make([]fr.Element, sh.nf)
		for k := range orig {
			vals[k], _ = mle.Evaluate(orig[k], point)
		}
		f := form.Evaluate(vals)
		if !f.Equal(&claim) {
			t.Fatalf("n=%d: final claim != F(ρ)", sh.n)
		}
		got := eng.finals()
		for k := range vals {
			if !got[k].Equal(&vals[k]) {
				t.Fatalf("n=%d: factor %d final value differs", sh.n, k)
			}
			for i := range orig[k] {
				if !tables[k][i].Equal(&orig[k][i]) {
					t.Fatalf("n=%d: the caller's table %d was modified", sh.n, k)
				}
			}
		}
	}
}

// The interpolation matrix reproduces a polynomial from its values at 0..d.
func TestInterpolate(t *testing.T) {
	for d := 1; d <= MaxDegree; d++ {
		c := field.RandomScalars(d + 1)
		ev := make([]fr.Element, d+1)
		for k := range ev {
			var x fr.Element
			x.SetUint64(uint64(k))
			ev[k] = EvalPoly(c, x)
		}
		got := make([]fr.Element, d+1)
		interpolate(got, ev)
		for i := range c {
			if !got[i].Equal(&c[i]) {
				t.Fatalf("d=%d: coefficient %d wrong", d, i)
			}
		}
	}
}

// Eq mode (eq factored out, Gruen) produces exactly the round polynomials
// of the plain engine on the tabulated eq, including degree 1 (F = eq),
// zero coordinates in the point (q_j(1) computed directly) and the
// parallel path.
func TestEngineEqModeMatchesPlain(t *testing.T) {
	two := fr.One()
	two.SetUint64(2)
	cases := []struct {
		name  string
		n     int
		terms []Term
		nf    int
		zero  int // coordinate of the eq point set to 0 (−1: none)
	}{
		{"eq only", 3, []Term{{Coeff: two, Factors: []int{0}}}, 1, -1},
		{"eq*T", 4, []Term{{Coeff: fr.One(), Factors: []int{0, 1}}}, 2, -1},
		{"eq*a*b + 2 eq*c", 5, []Term{{Coeff: fr.One(), Factors: []int{1, 0, 2}}, {Coeff: two, Factors: []int{3, 0}}}, 4, -1},
		{"eq*a*a*b zero coordinate", 4, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 1, 2}}}, 3, 2},
		{"pairs (one term) eq*a*b parallel", 13, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}}, 3, 0},
		// The eqPairsShape kernel: eq·(a·b + c·d) (the GKR layers), with a
		// zero coordinate, a common coefficient ≠ 1, and past parallelPairs.
		{"pairs eq*(a*b + c*d)", 6, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}, {Coeff: fr.One(), Factors: []int{3, 0, 4}}}, 5, -1},
		{"pairs zero coordinate", 5, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}, {Coeff: fr.One(), Factors: []int{0, 3, 4}}}, 5, 3},
		{"pairs 2*(a*b + c*a + d*d)", 5, []Term{{Coeff: two, Factors: []int{0, 1, 2}}, {Coeff: two, Factors: []int{3, 0, 1}}, {Coeff: two, Factors: []int{4, 4, 0}}}, 5, -1},
		{"pairs unequal coefficients", 4, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}, {Coeff: two, Factors: []int{0, 3, 4}}}, 5, -1},
		{"pairs parallel", 13, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}, {Coeff: fr.One(), Factors: []int{0, 3, 4}}}, 5, 1},
	}
	shared := NewScratch(0) // reused by every case: fold buffers of earlier, other-sized sumchecks
	for _, c := range cases {
		form := &Form{NumVars: c.n, Public: make([]bool, c.nf), Terms: c.terms}
		for _, tm := range c.terms {
			form.Degree = max(form.Degree, len(tm.Factors))
		}
		u := field.RandomScalars(c.n)
		if c.zero >= 0 {
			u[c.zero].SetZero()
		}
		tables := make([][]fr.Element, c.nf)
		tables[0] = mle.EqTable(u)
		for k := 1; k < c.nf; k++ {
			tables[k] = field.RandomScalars((1 << c.n) - k)
		}
		plain := &Polynomial{Form: form, Tables: tables}
		eqTables := append([][]fr.Element{nil}, tables[1:]...)
		fast := &Polynomial{Form: form, Tables: eqTables, EqPoint: u}
		if err := fast.Validate(); err != nil {
			t.Fatal(err)
		}
		claim := plain.Sum()
		if s := fast.Sum(); !s.Equal(&claim) {
			t.Fatalf("%s: Sum differs in eq mode", c.name)
		}
		a, b := newEngine(plain, claim), newEngine(fast, claim)
		withScratch := *fast
		withScratch.Scratch = shared
		sc := newEngine(&withScratch, claim)
		wantPairs := strings.HasPrefix(c.name, "pairs") && !strings.Contains(c.name, "unequal")
		if b.eqPairs != wantPairs {
			t.Fatalf("%s: eqPairs kernel selected %v, want %v", c.name, b.eqPairs, wantPairs)
		}
		ca, cb := make([]fr.Element, form.Degree+1), make([]fr.Element, form.Degree+1)
		for j := 0; j < c.n; j++ {
			a.round(ca)
			b.round(cb)
			cs := make([]fr.Element, len(cb))
			sc.round(cs)
			for i := range ca {
				if !ca[i].Equal(&cb[i]) {
					t.Fatalf("%s: round %d coefficient %d differs", c.name, j, i)
				}
				if !cs[i].Equal(&cb[i]) {
					t.Fatalf("%s: round %d coefficient %d differs with a reused Scratch", c.name, j, i)
				}
			}
			r := field.RandomScalar()
			a.bind(ca, r)
			b.bind(cb, r)
			sc.bind(cs, r)
		}
		if fs, fb := sc.finals(), b.finals(); !slices.Equal(fs, fb) {
			t.Fatalf("%s: finals differ with a reused Scratch", c.name)
		}
		fa, fb := a.finals(), b.finals()
		for k := range fa {
			if !fa[k].Equal(&fb[k]) {
				t.Fatalf("%s: final value of factor %d differs", c.name, k)
			}
		}
	}
	// Validation: the eq factor must occur exactly once per term.
	bad := &Polynomial{Form: &Form{NumVars: 2, Degree: 2, Public: []bool{false, false},
		Terms: []Term{{Coeff: fr.One(), Factors: []int{1, 1}}}}, Tables: [][]fr.Element{nil, randTable(4)}, EqPoint: randTable(2)}
	if err := bad.Validate(); err == nil {
		t.Fatal("a term without the eq factor was accepted in eq mode")
	}
}

// The vectorised kernels (block folds, the product kernel, the general
// vector kernel, plain and eq mode) against the per-pair scalar kernel: the
// same round coefficients and final values bit for bit, for sizes below, at
// and past a block and the parallel threshold, with factors sharing a
// table, repeated factors, an eq-alone term and a zero eq coordinate.
func TestEngineVectorKernelsMatchScalar(t *testing.T) {
	two := fr.NewElement(2)
	cases := []struct {
		name  string
		nf    int
		terms []Term
		eq    bool // factor 0 is eq(u,·), in eq mode
		zero  int  // eq coordinate set to zero (−1: none)
		want  kernel
	}{
		{"product", 2, []Term{{Coeff: fr.One(), Factors: []int{0, 1}}}, false, -1, kernelProduct2},
		{"generic", 3, []Term{{Coeff: two, Factors: []int{0, 1, 2}}, {Coeff: fr.One(), Factors: []int{2}}}, false, -1, kernelVector},
		{"squares", 2, []Term{{Coeff: fr.One(), Factors: []int{0, 0, 1}}, {Coeff: two, Factors: []int{1, 1}}}, false, -1, kernelVector},
		{"eq pairs", 5, []Term{{Coeff: two, Factors: []int{0, 1, 2}}, {Coeff: two, Factors: []int{0, 3, 4}}}, true, -1, kernelVector},
		{"eq generic", 3, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}, {Coeff: two, Factors: []int{0}}, {Coeff: two, Factors: []int{1, 0}}}, true, -1, kernelVector},
		{"eq zero coordinate", 3, []Term{{Coeff: fr.One(), Factors: []int{0, 1, 2}}}, true, 1, kernelVector},
	}
	for _, c := range cases {
		for _, n := range []int{1, 2, 3, 8, 9, 10, 13} {
			form := &Form{NumVars: n, Public: make([]bool, c.nf), Terms: c.terms}
			for _, tm := range c.terms {
				form.Degree = max(form.Degree, len(tm.Factors))
			}
			tables := make([][]fr.Element, c.nf)
			for k := range tables {
				tables[k] = field.RandomScalars(1<<n - k%2) // one table short
			}
			if c.nf == 2 && n > 3 {
				tables[1] = tables[0] // two factors, one table
			}
			poly := &Polynomial{Form: form, Tables: tables}
			if c.eq {
				u := field.RandomScalars(n)
				if c.zero >= 0 && c.zero < n {
					u[c.zero].SetZero()
				}
				tables[0] = nil
				poly.EqPoint = u
			}
			if err := poly.Validate(); err != nil {
				t.Fatalf("%s n=%d: %v", c.name, n, err)
			}
			claim := poly.Sum()
			fast, slow := newEngine(poly, claim), newEngine(poly, claim)
			if fast.kind != c.want {
				t.Fatalf("%s: kernel %d selected, want %d", c.name, fast.kind, c.want)
			}
			slow.kind = kernelScalar
			cf, cs := make([]fr.Element, form.Degree+1), make([]fr.Element, form.Degree+1)
			for j := 0; j < n; j++ {
				fast.round(cf)
				slow.round(cs)
				if !slices.Equal(cf, cs) {
					t.Fatalf("%s n=%d: round %d differs from the scalar kernel", c.name, n, j)
				}
				r := field.RandomScalar()
				fast.bind(cf, r)
				slow.bind(cs, r)
			}
			if !slices.Equal(fast.finals(), slow.finals()) {
				t.Fatalf("%s n=%d: finals differ from the scalar kernel", c.name, n)
			}
		}
	}
}
