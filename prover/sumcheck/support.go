package sumcheck

import (
	"fmt"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Per-variable degree (PROTOCOL §5.4, MUST): d is the maximum over the
// summed variables of the number of factors of one term that depend on that
// variable. A factor broadcast over some axes (RMSNorm's ρ over columns, g
// over rows) does not depend on them, so a term may hold more factors than
// d. A Form declares this with Support: Support[f] is the bit set of the
// variables factor f depends on (bit i = variable i, the lowest variable
// first; 0 = a constant factor). Without Support every factor depends on
// every variable and the degree bound is the factor count of each term.
//
// Support is part of the public form, fixed by the spec like the degree: it
// changes no proof byte. The prover checks that each supported table really
// is constant along the variables outside its support (Polynomial.Validate);
// a form that declared a support too narrow for the honest tables would
// make the honest round polynomials exceed d, which the verifier rejects.

// fullSupport returns the bit set of all n variables.
func fullSupport(n int) uint64 {
	if n >= 64 {
		return ^uint64(0)
	}
	return 1<<uint(n) - 1
}

// TopSupport returns the bit set of the top k of n variables (an eq factor
// or a per-row tensor bound to the high axes).
func TopSupport(n, k int) uint64 { return fullSupport(n) &^ fullSupport(n-k) }

// RangeSupport returns the bit set of variables [lo, hi).
func RangeSupport(lo, hi int) uint64 { return fullSupport(hi) &^ fullSupport(lo) }

// support returns factor f's variable set.
func (f *Form) support(k int) uint64 {
	if f.Support == nil {
		return fullSupport(f.NumVars)
	}
	return f.Support[k]
}

// TermDegree returns the per-variable degree of term t: the largest number
// of its factors (repeats counted) depending on one variable.
func (f *Form) TermDegree(t Term) int {
	if f.Support == nil {
		return len(t.Factors)
	}
	d := 0
	for i := 0; i < f.NumVars; i++ {
		n := 0
		for _, k := range t.Factors {
			if k >= 0 && k < len(f.Support) && f.Support[k]>>uint(i)&1 == 1 {
				n++
			}
		}
		d = max(d, n)
	}
	return d
}

// VariableDegree returns the form's per-variable degree: the largest
// TermDegree (the §5.4 minimum for Degree).
func (f *Form) VariableDegree() int {
	d := 0
	for _, t := range f.Terms {
		d = max(d, f.TermDegree(t))
	}
	return d
}

func (f *Form) validateSupport() error {
	if f.Support == nil {
		return nil
	}
	if len(f.Support) != len(f.Public) {
		return fmt.Errorf("%w: %d supports for %d factors", ErrForm, len(f.Support), len(f.Public))
	}
	for k, s := range f.Support {
		if s&^fullSupport(f.NumVars) != 0 {
			return fmt.Errorf("%w: factor %d depends on variable %d of %d", ErrForm, k, bits.Len64(s)-1, f.NumVars)
		}
	}
	return nil
}

// checkSupports verifies (prover side) that every table is constant along
// the variables outside its factor's support, so the declared per-variable
// degree is the real one. O(table size) per broadcast factor.
func (p *Polynomial) checkSupports() error {
	f := p.Form
	if f.Support == nil {
		return nil
	}
	full := fullSupport(f.NumVars)
	for k, t := range p.Tables {
		s := f.Support[k]
		if t == nil || s == full {
			continue
		}
		var zero fr.Element
		for x := range 1 << uint(f.NumVars) {
			base := uint64(x) & s
			a, b := &zero, &zero
			if x < len(t) {
				a = &t[x]
			}
			if base < uint64(len(t)) {
				b = &t[base]
			}
			if !a.Equal(b) {
				return fmt.Errorf("%w: factor %d varies outside its declared support (index %d)", ErrForm, k, x)
			}
		}
	}
	return nil
}

// instanceSupport builds the form's Support from an instance's: E (when
// present) depends on the top max|u_k| variables, user factor k on
// in.Support[k]. nil when the instance declares none.
func (in *Instance) formSupport() ([]uint64, error) {
	if in.Support == nil {
		return nil, nil
	}
	if len(in.Support) != len(in.Public) {
		return nil, fmt.Errorf("%w: %d supports for %d factors", ErrForm, len(in.Support), len(in.Public))
	}
	var out []uint64
	if in.hasEq() {
		k := 0
		for _, u := range in.EqPoints {
			k = max(k, len(u))
		}
		out = append(out, TopSupport(in.NumVars, k))
	}
	return append(out, in.Support...), nil
}
