package sumcheck

import (
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/mle"
)

// Term is Coeff·Π_k factor_{Factors[k]}(x). A factor may repeat (X·X).
type Term struct {
	Coeff   fr.Element
	Factors []int
}

// Form is the public shape of one sumcheck instance Σ_{x∈{0,1}^n} F(x) = S
// with F(x) = Σ_t Coeff_t·Π_k f_{t,k}(x), fixed by the spec before any proof
// byte is read: the variable count, the degree d, which factors the verifier
// evaluates itself (eq, masks, public tables) and the terms. Both sides
// derive every count of the proof (rounds, slots, final commitments, product
// proofs) from it, so a proof with a wrong round count or degree cannot be
// encoded.
type Form struct {
	NumVars int
	Degree  int
	Public  []bool // Public[f]: factor f is computed by the verifier
	Terms   []Term
	// Support, when non-nil, gives per factor the bit set of the variables
	// it depends on (support.go); Degree is then checked against the
	// per-variable degree, not the factor count (§5.4).
	Support []uint64
}

// ErrForm reports an ill-formed Form (a programming error of the caller).
var ErrForm = errors.New("sumcheck: invalid form")

// NumFactors returns the number of factors.
func (f *Form) NumFactors() int { return len(f.Public) }

// Validate checks the form: degree in [1, MaxDegree] and at least the
// per-variable degree of every term (its factor count without Support),
// factor indices in range.
func (f *Form) Validate() error {
	if f.NumVars < 0 || f.NumVars > 40 {
		return fmt.Errorf("%w: %d variables", ErrForm, f.NumVars)
	}
	if f.Degree < 1 || f.Degree > MaxDegree {
		return fmt.Errorf("%w: degree %d outside [1,%d]", ErrForm, f.Degree, MaxDegree)
	}
	if len(f.Terms) == 0 {
		return fmt.Errorf("%w: no terms", ErrForm)
	}
	if err := f.validateSupport(); err != nil {
		return err
	}
	for ti, t := range f.Terms {
		if len(t.Factors) == 0 || f.TermDegree(t) > f.Degree {
			return fmt.Errorf("%w: term %d has %d factors (per-variable degree %d) for degree %d", ErrForm, ti, len(t.Factors), f.TermDegree(t), f.Degree)
		}
		for _, k := range t.Factors {
			if k < 0 || k >= len(f.Public) {
				return fmt.Errorf("%w: term %d names factor %d of %d", ErrForm, ti, k, len(f.Public))
			}
		}
	}
	return nil
}

// committedFactors lists, in index order, the factors the prover sends as
// ⟦e_f⟧ at the end; pos maps a factor to its position there.
func (f *Form) committedFactors() (list []int, pos map[int]int) {
	pos = make(map[int]int)
	for k, pub := range f.Public {
		if !pub {
			pos[k] = len(list)
			list = append(list, k)
		}
	}
	return list, pos
}

// productStep is one product proof of the final evaluation: ⟦z⟧ = left·right,
// where left is the running product of a term's earlier committed factors
// (or its first ⟦e⟧) and right is the next committed factor's ⟦e⟧.
type productStep struct {
	left  int // index into the product chain (−1−k means committed factor k's ⟦e⟧)
	right int // committed factor index (into the ⟦e⟧ list)
}

// finalPlan is the fixed order of final messages derived from a Form:
// one ⟦e⟧ per committed factor, then one product commitment and proof per
// step. Terms sharing a committed-factor prefix share its product.
type finalPlan struct {
	committed []int // factor indices sent as ⟦e⟧, in order
	steps     []productStep
	// termProduct[t] is the handle of term t's committed product:
	// −1 = no committed factor; −2−k = ⟦e_k⟧ itself; s ≥ 0 = product step s.
	termProduct []int
}

func (f *Form) plan() finalPlan {
	committed, pos := f.committedFactors()
	p := finalPlan{committed: committed, termProduct: make([]int, len(f.Terms))}
	memo := make(map[string]int) // committed-factor prefix → handle
	for ti, t := range f.Terms {
		handle := -1
		key := ""
		for _, k := range t.Factors {
			if f.Public[k] {
				continue
			}
			e := pos[k]
			key += fmt.Sprintf("%d,", e)
			if h, ok := memo[key]; ok {
				handle = h
				continue
			}
			if handle == -1 {
				handle = -2 - e
			} else {
				p.steps = append(p.steps, productStep{left: handle, right: e})
				handle = len(p.steps) - 1
			}
			memo[key] = handle
		}
		p.termProduct[ti] = handle
	}
	return p
}

// NumRoundSlots returns the slot count n·(d+1) used by the rounds.
func (f *Form) NumRoundSlots() int { return f.NumVars * (f.Degree + 1) }

// NumFinals returns the number of ⟦e⟧ commitments the prover sends.
func (f *Form) NumFinals() int { c, _ := f.committedFactors(); return len(c) }

// NumProducts returns the number of product proofs of the final step.
func (f *Form) NumProducts() int { return len(f.plan().steps) }

// Polynomial is the prover's witness for a Form: one table per factor, each
// of length ≤ 2^NumVars (zero-padded). Public factors must hold the same
// table the verifier's evaluation describes.
type Polynomial struct {
	Form   *Form
	Tables [][]fr.Element
	// EqPoint, when set, declares factor EqFactor to be eq(EqPoint,·) over
	// all NumVars variables; its table may then be nil and is never built.
	// Every term must contain that factor exactly once. The proof is the
	// same; the prover saves one fold and one evaluation point per pair.
	EqPoint  []fr.Element
	EqFactor int
	// Scratch, when set, supplies the engine's fold buffers, so a proof
	// that runs many sumchecks one after another (the GKR layers) folds
	// into the same memory instead of allocating per sumcheck. It must not
	// be shared by two sumchecks that run at the same time, and must not
	// hold any table of this Polynomial.
	Scratch *Scratch
	// Kernel, when set, computes the round polynomials in place of the
	// generic engine (Tables, EqPoint and Scratch are then ignored and may
	// be empty): a caller that knows more about its tables than the engine
	// can (the LogUp-GKR layers: constant tails, numerators ≡ 1) supplies
	// its own. Each round polynomial is unique, so an honest kernel gives
	// the same proof bytes as the engine.
	Kernel RoundKernel
}

// RoundKernel computes a sumcheck's round polynomials for Polynomial.Kernel.
// Round j receives claim = p_{j−1}(ρ_{j−1}) (S for j = 0) and writes the
// d+1 coefficients of p_j(X) = Σ_{x>j} F(ρ_{<j}, X, x); Bind fixes x_j = ρ_j;
// after NumVars binds, Finals returns every factor's value at ρ (factor
// order; public factors included).
type RoundKernel interface {
	Round(coeffs []fr.Element, claim fr.Element)
	Bind(rho fr.Element)
	Finals() []fr.Element
}

// rounder is what ProveRounds drives: the engine or a caller's kernel.
type rounder interface {
	round(coeffs []fr.Element)
	bind(coeffs []fr.Element, rho fr.Element)
	finals() []fr.Element
}

// kernelRounder adapts a RoundKernel, tracking the running claim.
type kernelRounder struct {
	k     RoundKernel
	claim fr.Element
}

func (r *kernelRounder) round(coeffs []fr.Element) { r.k.Round(coeffs, r.claim) }

func (r *kernelRounder) bind(coeffs []fr.Element, rho fr.Element) {
	r.claim = EvalPoly(coeffs, rho)
	r.k.Bind(rho)
}

func (r *kernelRounder) finals() []fr.Element { return r.k.Finals() }

// rounder returns the round computer for p: its Kernel, else the engine.
func (p *Polynomial) rounder(claim fr.Element) rounder {
	if p.Kernel != nil {
		return &kernelRounder{k: p.Kernel, claim: claim}
	}
	return newEngine(p, claim)
}

// Scratch is reusable fold space: buffer i of at least n elements. Its
// contents are never read before the engine writes them.
type Scratch struct {
	bufs   [][]fr.Element
	minCap int
}

// NewScratch returns a scratch area whose buffers, once allocated, hold at
// least minCap elements (the largest fold the caller will need), so a
// sequence of growing sumchecks allocates each buffer once.
func NewScratch(minCap int) *Scratch { return &Scratch{minCap: minCap} }

// take returns buffer i with length n (contents unspecified).
func (s *Scratch) take(i, n int) []fr.Element {
	for len(s.bufs) <= i {
		s.bufs = append(s.bufs, nil)
	}
	if cap(s.bufs[i]) < n {
		s.bufs[i] = make([]fr.Element, max(n, s.minCap))
	}
	return s.bufs[i][:n]
}

// Validate checks the tables against the form.
func (p *Polynomial) Validate() error {
	if err := p.Form.Validate(); err != nil {
		return err
	}
	if p.Kernel != nil {
		return nil // the kernel holds the tables
	}
	if len(p.Tables) != p.Form.NumFactors() {
		return fmt.Errorf("%w: %d tables for %d factors", ErrForm, len(p.Tables), p.Form.NumFactors())
	}
	size := mle.Size(p.Form.NumVars)
	if p.EqPoint != nil {
		if len(p.EqPoint) != p.Form.NumVars || p.EqFactor < 0 || p.EqFactor >= p.Form.NumFactors() {
			return fmt.Errorf("%w: eq point of %d coordinates on factor %d for %d variables", ErrForm, len(p.EqPoint), p.EqFactor, p.Form.NumVars)
		}
		for ti, t := range p.Form.Terms {
			n := 0
			for _, k := range t.Factors {
				if k == p.EqFactor {
					n++
				}
			}
			if n != 1 {
				return fmt.Errorf("%w: term %d holds the eq factor %d times, want once", ErrForm, ti, n)
			}
		}
	}
	for k, t := range p.Tables {
		if t == nil && (p.EqPoint == nil || k != p.EqFactor) {
			return fmt.Errorf("%w: table %d missing", ErrForm, k)
		}
		if len(t) > size {
			return fmt.Errorf("%w: table %d has %d entries for %d variables", ErrForm, k, len(t), p.Form.NumVars)
		}
	}
	return p.checkSupports()
}

// Evaluate returns F at the given factor values (one per factor).
func (f *Form) Evaluate(values []fr.Element) fr.Element {
	var acc, prod fr.Element
	for _, t := range f.Terms {
		prod = t.Coeff
		for _, k := range t.Factors {
			prod.Mul(&prod, &values[k])
		}
		acc.Add(&acc, &prod)
	}
	return acc
}

// Sum returns Σ_x F(x) over the hypercube, computed directly (used by
// callers to form honest claims and by tests).
func (p *Polynomial) Sum() fr.Element {
	size := mle.Size(p.Form.NumVars)
	vals := make([]fr.Element, p.Form.NumFactors())
	tables := p.Tables
	if p.EqPoint != nil && p.Tables[p.EqFactor] == nil {
		tables = append([][]fr.Element(nil), p.Tables...)
		tables[p.EqFactor] = mle.EqTable(p.EqPoint)
	}
	var acc fr.Element
	for x := 0; x < size; x++ {
		for k, t := range tables {
			if x < len(t) {
				vals[k] = t[x]
			} else {
				vals[k].SetZero()
			}
		}
		v := p.Form.Evaluate(vals)
		acc.Add(&acc, &v)
	}
	return acc
}
