package layers

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// EvalAll evaluates committed tensors at one point: eq(at,·) is tabulated
// once and each tensor's value is its inner product with the table (the
// same field elements as Eval on each, at a fraction of the work when
// several tensors share the point, e.g. the limbs of a checked tensor or
// the layers of a stacked weight).
func (p *Prover) EvalAll(tensors []string, at []fr.Element) ([]fr.Element, error) {
	eq := mle.EqTable(at)
	out := make([]fr.Element, len(tensors))
	for i, name := range tensors {
		pl, err := pickPool(name, p.advice, p.weights)
		if err != nil {
			return nil, err
		}
		t, _ := pl.Shape().Layout.Lookup(name)
		vals := pl.Entries(t.Offset, 1<<t.LogSize)
		if len(vals) > len(eq) {
			return nil, fmt.Errorf("%w: tensor %q of 2^%d entries evaluated at a %d-point", ErrGadget, name, t.LogSize, len(at))
		}
		out[i] = field.InnerProduct(vals, eq[:len(vals)])
	}
	return out, nil
}
