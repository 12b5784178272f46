package sumcheck

import (
	"bytes"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// definitionKernel computes every round polynomial from the definition,
// p_j(X) = Σ_{x>j} F(ρ_<j, X, x), by partially evaluating the ORIGINAL
// tables: slow, independent of the engine, and only for tiny instances.
type definitionKernel struct {
	form   *Form
	tables [][]fr.Element
	point  []fr.Element
}

func (k *definitionKernel) partial(prefix []fr.Element) *Polynomial {
	rest := &Polynomial{Form: &Form{NumVars: k.form.NumVars - len(prefix), Degree: k.form.Degree, Public: k.form.Public, Terms: k.form.Terms}}
	for _, t := range k.tables {
		tab, err := mle.PartialEvalLow(t, prefix)
		if err != nil {
			panic(err)
		}
		rest.Tables = append(rest.Tables, tab)
	}
	return rest
}

func (k *definitionKernel) Round(coeffs []fr.Element, _ fr.Element) {
	evals := make([]fr.Element, k.form.Degree+1)
	for X := range evals {
		var x fr.Element
		x.SetUint64(uint64(X))
		evals[X] = k.partial(append(append([]fr.Element(nil), k.point...), x)).Sum()
	}
	interpolate(coeffs, evals)
}

func (k *definitionKernel) Bind(rho fr.Element) { k.point = append(k.point, rho) }

func (k *definitionKernel) Finals() []fr.Element {
	out := make([]fr.Element, len(k.tables))
	for i, t := range k.tables {
		out[i], _ = mle.Evaluate(t, k.point)
	}
	return out
}

// A Polynomial with a Kernel gives the same proof bytes as the engine when
// the kernel computes the same round polynomials (here from the definition),
// both in the engine's eq mode and plain, under the same blinding stream.
func TestKernelSameProofAsEngine(t *testing.T) {
	const n = 5
	one := fr.One()
	form := &Form{NumVars: n, Degree: 3, Public: []bool{true, false, false, false, false}, Terms: []Term{
		{Coeff: one, Factors: []int{0, 1, 2}},
		{Coeff: one, Factors: []int{0, 3, 4}},
	}}
	r := field.RandomScalars(n)
	tables := [][]fr.Element{mle.EqTable(r)}
	for k := 1; k < 5; k++ {
		tables = append(tables, field.RandomScalars(1<<n))
	}
	engines := map[string]*Polynomial{
		"plain": {Form: form, Tables: tables},
		"eq":    {Form: form, Tables: append([][]fr.Element{nil}, tables[1:]...), EqPoint: r, EqFactor: 0},
	}
	claim := engines["plain"].Sum()
	prove := func(poly *Polynomial) []byte {
		restore := field.SeedForTesting([32]byte{7})
		defer restore()
		p := newProver(t)
		s, _ := p.Commit(claim)
		proof, _, err := p.Prove(poly, s)
		if err != nil {
			t.Fatal(err)
		}
		return proof.Marshal()
	}
	want := prove(&Polynomial{Form: form, Kernel: &definitionKernel{form: form, tables: tables}})
	for name, poly := range engines {
		if got := prove(poly); !bytes.Equal(got, want) {
			t.Fatalf("%s engine: proof differs from the definition kernel's", name)
		}
	}
}
