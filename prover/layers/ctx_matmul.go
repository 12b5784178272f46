package layers

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// CheckedTable returns the prover's padded table of a limb-committed tensor
// (rescale.Checked): v = Σ_i 2^(16i)·l_i, recomposed from the committed limb
// tensors, so it is exactly the tensor the commitments bind (the table a
// matmul or Hadamard over a committed activation folds).
func (p *Prover) CheckedTable(c rescale.Checked) ([]fr.Element, error) {
	w := limbWeights(c.NumLimbs())
	var out []fr.Element
	for i := 0; i < c.NumLimbs(); i++ {
		l, err := p.Table(c.LimbName(i))
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = l
			continue
		}
		field.Parallel(len(out), func(lo, hi int) {
			a, b := fr.Vector(out[lo:hi]), fr.Vector(l[lo:hi])
			b.ScalarMul(b, &w[i]) // l is this call's copy
			a.Add(a, b)
		})
	}
	return out, nil
}

// ProofLen returns the number of proof bytes written so far: gadget tests
// use it to find the byte range of a gadget's messages (the closing proof
// is appended after them, so offsets stay valid in the final proof).
func (p *Prover) ProofLen() int { return len(p.out) }

// CheckedSpecs returns the advice tensor specs of a limb-committed tensor of
// shape s (one per limb).
func CheckedSpecs(s Shape, c rescale.Checked) []pedersen.TensorSpec {
	out := make([]pedersen.TensorSpec, c.NumLimbs())
	for i, n := range c.LimbNames() {
		out[i] = s.Spec(n)
	}
	return out
}

// RescaleSpecs returns the advice tensor specs of a rescale's quotient and
// remainder limbs, all of shape s.
func RescaleSpecs(s Shape, r rescale.Rescale) []pedersen.TensorSpec {
	return append(CheckedSpecs(s, r.Quotient()), CheckedSpecs(s, r.Remainder())...)
}

// PutRescale stores a rescale witness' limb tensors in vals (by advice
// name) and returns its lookup columns in the order of r.Lookups().
func PutRescale(vals map[string][]int64, r rescale.Rescale, w *rescale.RescaleWitness) []tlookup.Column {
	for i, n := range r.Quotient().LimbNames() {
		vals[n] = w.QLimbs[i]
	}
	for i, n := range r.Remainder().LimbNames() {
		vals[n] = w.RLimbs[i]
	}
	return r.Columns(w)
}

// PartialEvalHigh binds the top len(u) variables of a committed tensor
// (advice or weights) to u, reading the blob in place (no copy of the
// tensor, small-integer blobs never converted: pool.Prover.PartialEvalHigh):
// out[x] = Σ_y T[x + 2^(n−k)·y]·eq(u, y), n = the tensor's log size. A
// weight matmul folds each weight at its output point this way.
func (p *Prover) PartialEvalHigh(tensor string, u []fr.Element) ([]fr.Element, error) {
	pl, err := pickPool(tensor, p.advice, p.weights)
	if err != nil {
		return nil, err
	}
	t, _ := pl.Shape().Layout.Lookup(tensor)
	if len(u) > t.LogSize {
		return nil, fmt.Errorf("%w: %q has %d variables, bound %d", ErrGadget, tensor, t.LogSize, len(u))
	}
	return pl.PartialEvalHigh(t.Offset, t.LogSize, u), nil
}
