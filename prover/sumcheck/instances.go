package sumcheck

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// Instance is a typed sumcheck instance of PROTOCOL §5.4:
//
//	S = Σ_{x∈{0,1}^n} E(x)·Σ_t coeff_t·Π_k f_{t,k}(x),  E(x) = Σ_k μ_k·eq(u_k, x_top),
//
// where each u_k binds the TOP len(u_k) coordinates of x (the head/layer/row
// axes of a stacked instance) and E is omitted when there is no point. Every
// instance of §5.4 is one of these (see the constructors below). The spec
// (the caller) fixes NumVars, the points and the factor kinds, so the round
// count and degree are never read from a proof.
type Instance struct {
	NumVars  int
	EqPoints [][]fr.Element // optional; each of length ≤ NumVars
	Mu       []fr.Element   // weights of the points; nil means all 1
	Public   []bool         // per user factor: the verifier computes it
	Terms    []Term         // over user factors; nil means one term Π_k f_k
	// Degree overrides the degree; 0 means (E present) + max factors per term,
	// which is the MUST rule of §5.4 when every factor depends on every
	// variable (with Support: the per-variable degree).
	Degree int
	// Support, optional, gives per user factor the bit set of the variables
	// it depends on (support.go: broadcast factors); E's is derived from the
	// points. Form.Validate then checks Degree per variable.
	Support []uint64
}

func (in *Instance) terms() []Term {
	if in.Terms != nil {
		return in.Terms
	}
	t := Term{Factors: make([]int, len(in.Public))}
	t.Coeff.SetOne()
	for k := range t.Factors {
		t.Factors[k] = k
	}
	return []Term{t}
}

func (in *Instance) hasEq() bool { return len(in.EqPoints) > 0 }

// Form returns the instance's Form: factor 0 is E when present, then the
// user factors in order.
func (in *Instance) Form() (*Form, error) {
	if in.Mu != nil && len(in.Mu) != len(in.EqPoints) {
		return nil, fmt.Errorf("%w: %d weights for %d points", ErrForm, len(in.Mu), len(in.EqPoints))
	}
	for k, u := range in.EqPoints {
		if len(u) > in.NumVars {
			return nil, fmt.Errorf("%w: point %d has %d coordinates for %d variables", ErrForm, k, len(u), in.NumVars)
		}
	}
	off := 0
	f := &Form{NumVars: in.NumVars}
	if in.hasEq() {
		off = 1
		f.Public = append(f.Public, true)
	}
	f.Public = append(f.Public, in.Public...)
	maxFactors := 0
	for _, t := range in.terms() {
		nt := Term{Coeff: t.Coeff}
		if in.hasEq() {
			nt.Factors = append(nt.Factors, 0)
		}
		for _, k := range t.Factors {
			nt.Factors = append(nt.Factors, k+off)
		}
		maxFactors = max(maxFactors, len(nt.Factors))
		f.Terms = append(f.Terms, nt)
	}
	sup, err := in.formSupport()
	if err != nil {
		return nil, err
	}
	f.Support = sup
	f.Degree = in.Degree
	if f.Degree == 0 {
		f.Degree = maxFactors
		if sup != nil {
			f.Degree = f.VariableDegree()
		}
	}
	return f, f.Validate()
}

// eqModePoint returns the point when E is a single eq(u,·) over all
// variables with weight 1 (the prover's eq mode), else nil.
func (in *Instance) eqModePoint() []fr.Element {
	if len(in.EqPoints) != 1 || len(in.EqPoints[0]) != in.NumVars {
		return nil
	}
	if in.Mu != nil && !in.Mu[0].IsOne() {
		return nil
	}
	if in.NumVars == 0 {
		return nil // nothing to factor; keep the plain path
	}
	return in.EqPoints[0]
}

// EqTable returns the prover's table of E over {0,1}^n (nil without points).
// A point whose top coordinates are Boolean (a claim on one tensor of a blob,
// u = q ‖ id_t) is non-zero on one aligned block only: it costs the size of
// that block, so RED over a blob costs O(Σ claimed tensor sizes) to tabulate
// (PROTOCOL §8.3) instead of O(#claims · blob size). A block no other point
// touches is written in place (no temporary table, no addition pass).
func (in *Instance) EqTable() []fr.Element {
	if !in.hasEq() {
		return nil
	}
	out := make([]fr.Element, mle.Size(in.NumVars))
	blocks := make([]eqBlock, len(in.EqPoints))
	for k, u := range in.EqPoints {
		mu := fr.One()
		if in.Mu != nil {
			mu = in.Mu[k]
		}
		blocks[k] = newEqBlock(in.NumVars, u, mu)
	}
	shared := overlapping(blocks)
	for k, b := range blocks {
		if !shared[k] && b.low == 1 {
			mle.EqTableScaledInto(out[b.base:b.base+b.span], b.inner, b.mu)
			continue
		}
		b.addTo(out)
	}
	return out
}

// eqBlock is μ·eq(u, x_top) over n variables: u's Boolean top coordinates
// select the aligned block [base, base+span) of x, where it equals
// μ·eq(inner, y) at x = base + y·low + (any low bits).
type eqBlock struct {
	inner     []fr.Element
	mu        fr.Element
	base      int
	span, low int
}

func newEqBlock(n int, u []fr.Element, mu fr.Element) eqBlock {
	nb := 0 // Boolean coordinates at the top of u
	for nb < len(u) {
		c := &u[len(u)-1-nb]
		if !c.IsZero() && !c.IsOne() {
			break
		}
		nb++
	}
	block := 0
	for j, c := range u[len(u)-nb:] {
		if c.IsOne() {
			block |= 1 << j
		}
	}
	return eqBlock{inner: u[:len(u)-nb], mu: mu, base: block << (n - nb), span: 1 << (n - nb), low: mle.Size(n - len(u))}
}

// overlapping reports, per block, whether another block shares an entry
// with it. Blocks are aligned powers of two, so two that meet are nested:
// after sorting by start (larger first on ties), a block meets an earlier
// one exactly when it starts before the furthest end so far.
func overlapping(blocks []eqBlock) []bool {
	order := make([]int, len(blocks))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(blocks[a].base, blocks[b].base); c != 0 {
			return c
		}
		return cmp.Compare(blocks[b].span, blocks[a].span)
	})
	shared := make([]bool, len(blocks))
	end, owner := -1, -1
	for _, i := range order {
		b := blocks[i]
		if b.base < end {
			shared[i], shared[owner] = true, true
		}
		if b.base+b.span > end {
			end, owner = b.base+b.span, i
		}
	}
	return shared
}

// addTo adds the block into out (length 2^n).
func (b eqBlock) addTo(out []fr.Element) {
	top := make([]fr.Element, mle.Size(len(b.inner)))
	mle.EqTableScaledInto(top, b.inner, b.mu) // μ·eq(inner,·), built in parallel
	// out[base + y·low + x] += top[y], in parallel over whole runs of low.
	low := b.low
	dst := out[b.base : b.base+b.span]
	field.Parallel(len(dst), func(lo, hi int) {
		for i := lo; i < hi; {
			y := i / low
			end := min(hi, (y+1)*low)
			v := &top[y]
			for ; i < end; i++ {
				dst[i].Add(&dst[i], v)
			}
		}
	})
}

// EqValue returns E(ρ) = Σ_k μ_k·eq(u_k, ρ_top), the verifier's O(Σ|u_k|) part.
func (in *Instance) EqValue(point []fr.Element) fr.Element {
	var acc fr.Element
	for k, u := range in.EqPoints {
		e := mle.Eq(u, point[len(point)-len(u):])
		if in.Mu != nil {
			e.Mul(&e, &in.Mu[k])
		}
		acc.Add(&acc, &e)
	}
	return acc
}

// Prove proves the instance for the user factor tables (public ones
// included: the prover folds them too) against the opening of ⟦S⟧.
func (in *Instance) Prove(p *DLCProver, tables [][]fr.Element, claim Scalar) (*Proof, *Result, error) {
	form, err := in.Form()
	if err != nil {
		return nil, nil, err
	}
	if len(tables) != len(in.Public) {
		return nil, nil, fmt.Errorf("%w: %d tables for %d factors", ErrForm, len(tables), len(in.Public))
	}
	poly := &Polynomial{Form: form, Tables: tables}
	switch {
	case in.eqModePoint() != nil:
		// One full-length point: eq is factored out, never tabulated.
		poly.Tables = append([][]fr.Element{nil}, tables...)
		poly.EqPoint, poly.EqFactor = in.eqModePoint(), 0
	case in.hasEq():
		poly.Tables = append([][]fr.Element{in.EqTable()}, tables...)
	}
	return p.Prove(poly, claim)
}

// Verify checks the instance. public returns the values at ρ of the user
// factors marked public (nil when there are none); E is computed here.
func (in *Instance) Verify(v *DLCVerifier, claim Point, proof *Proof, public PublicEvaluator) (*Result, error) {
	form, err := in.Form()
	if err != nil {
		return nil, err
	}
	eval := func(point []fr.Element) ([]fr.Element, error) {
		vals := make([]fr.Element, 0, form.NumFactors())
		if in.hasEq() {
			vals = append(vals, in.EqValue(point))
		}
		user := make([]fr.Element, len(in.Public))
		if public != nil {
			u, err := public(point)
			if err != nil {
				return nil, err
			}
			if len(u) != len(in.Public) {
				return nil, fmt.Errorf("%w: public evaluator returned %d values for %d factors", ErrForm, len(u), len(in.Public))
			}
			user = u
		} else {
			for _, p := range in.Public {
				if p {
					return nil, fmt.Errorf("%w: public factor without an evaluator", ErrForm)
				}
			}
		}
		return append(vals, user...), nil
	}
	return v.Verify(form, claim, proof, eval)
}

// InnerProduct is Σ_{i∈{0,1}^n} X(i)·W(i) (a matmul after partial
// evaluation: X(·,u_b), W(·,u_o)), d = 2 → claims X(ρ), W(ρ).
func InnerProduct(n int) *Instance {
	return &Instance{NumVars: n, Public: []bool{false, false}}
}

// StackedMatmul is Σ_{i,s} eq(u_s,s)·X(i,s)·W(i,s) with i the nInner low
// variables and s = u_s's head/layer axes on top, d = 3.
func StackedMatmul(nInner int, us []fr.Element) *Instance {
	return &Instance{NumVars: nInner + len(us), EqPoints: [][]fr.Element{us}, Public: []bool{false, false}}
}

// Hadamard is Σ_k μ_k·A(u_k) = Σ_x E(x)·Π factors(x) with E = Σ_k μ_k eq(u_k,·)
// over all n variables; public marks broadcast/public factors the verifier
// evaluates itself. d = 1 + #factors.
func Hadamard(n int, points [][]fr.Element, mu []fr.Element, public []bool) *Instance {
	return &Instance{NumVars: n, EqPoints: points, Mu: mu, Public: public}
}

// ZeroCheck is 0 = Σ_x eq(w,x)·V(x)·P(f(x)) with V a public mask (factor 0)
// and P given as terms over the user factors 1..numCommitted (factor 0 is
// the mask, added to every term here); d = deg P + 2.
func ZeroCheck(w []fr.Element, numCommitted int, p []Term) *Instance {
	public := make([]bool, 1+numCommitted)
	public[0] = true
	terms := make([]Term, len(p))
	for i, t := range p {
		terms[i] = Term{Coeff: t.Coeff, Factors: append([]int{0}, t.Factors...)}
	}
	return &Instance{NumVars: len(w), EqPoints: [][]fr.Element{w}, Public: public, Terms: terms}
}

// SumOfSquares is S(u) = Σ_{j,t} eq(u,t)·X(j,t)² with j the nInner low
// variables and t the row axes bound by u; d = 3, one product proof X·X.
func SumOfSquares(nInner int, u []fr.Element) *Instance {
	one := fr.One()
	return &Instance{NumVars: nInner + len(u), EqPoints: [][]fr.Element{u}, Public: []bool{false},
		Terms: []Term{{Coeff: one, Factors: []int{0, 0}}}}
}

// RED is Σ_k μ_k·y_k = Σ_x (Σ_k μ_k eq(q_k,x))·T(x), d = 2 → ⟦T(ρ)⟧.
func RED(n int, points [][]fr.Element, mu []fr.Element) *Instance {
	return &Instance{NumVars: n, EqPoints: points, Mu: mu, Public: []bool{false}}
}

// Selection is Σ_x a(x)·T(x) with a public sparse selector the verifier
// evaluates at ρ itself (factor 0), d = 2.
func Selection(n int) *Instance {
	return &Instance{NumVars: n, Public: []bool{true, false}}
}
