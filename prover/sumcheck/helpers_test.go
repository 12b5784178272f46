package sumcheck

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/transcript"
)

var statement = []byte("zkllm sumcheck test statement")

func newProver(t testing.TB) *DLCProver {
	t.Helper()
	tr := transcript.New()
	tr.AbsorbBytes(transcript.LabelTest, statement)
	p, err := NewDLCProver(tr)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newVerifier(t testing.TB, stmt []byte) *DLCVerifier {
	t.Helper()
	tr := transcript.New()
	tr.AbsorbBytes(transcript.LabelTest, stmt)
	v, err := NewDLCVerifier(tr)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// sent is one instance as it travels: the claim commitment and the proof.
type sent struct {
	in     *Instance
	claim  Point
	proof  *Proof
	public PublicEvaluator
}

// honestRun proves the instances in order on one DLC and returns what the
// prover sends plus the closing proof.
func honestRun(t testing.TB, cases []testCase) ([]sent, *DLCProof) {
	t.Helper()
	return observedRun(t, cases, nil)
}

// observedRun is honestRun with obs (if non-nil) watching the prover's
// transcript after the statement.
func observedRun(t testing.TB, cases []testCase, obs transcript.Observer) ([]sent, *DLCProof) {
	t.Helper()
	p := newProver(t)
	if obs != nil {
		p.Transcript.Observe(obs)
	}
	var out []sent
	for _, c := range cases {
		s, pt := p.Commit(c.sum())
		p.Transcript.AbsorbPoint(transcript.LabelSumcheckClaim, &pt)
		proof, _, err := c.in.Prove(p, c.tables, s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sent{in: c.in, claim: pt, proof: proof, public: c.public})
	}
	dp, err := p.Close()
	if err != nil {
		t.Fatal(err)
	}
	return out, dp
}

// verifyRun replays the verifier over what was sent.
func verifyRun(t testing.TB, stmt []byte, msgs []sent, dp *DLCProof) error {
	t.Helper()
	v := newVerifier(t, stmt)
	for _, m := range msgs {
		v.Transcript.AbsorbPoint(transcript.LabelSumcheckClaim, &m.claim)
		if _, err := m.in.Verify(v, m.claim, m.proof, m.public); err != nil {
			return err
		}
	}
	return v.Close(dp)
}

// testCase is an instance with its witness and public evaluator.
type testCase struct {
	name   string
	in     *Instance
	tables [][]fr.Element
	public PublicEvaluator
}

// sum computes the honest claim directly from the definition.
func (c testCase) sum() fr.Element {
	form, err := c.in.Form()
	if err != nil {
		panic(err)
	}
	all := c.tables
	if c.in.hasEq() {
		all = append([][]fr.Element{c.in.EqTable()}, c.tables...)
	}
	return (&Polynomial{Form: form, Tables: all}).Sum()
}

func randTable(n int) []fr.Element { return field.RandomScalars(n) }

// tablePublic evaluates the given public tables (nil entries = committed).
func tablePublic(tabs [][]fr.Element) PublicEvaluator {
	return func(point []fr.Element) ([]fr.Element, error) {
		out := make([]fr.Element, len(tabs))
		for k, tab := range tabs {
			if tab != nil {
				v, err := mle.Evaluate(tab, point)
				if err != nil {
					return nil, err
				}
				out[k] = v
			}
		}
		return out, nil
	}
}

// allCases builds one random instance of every §5.4 kind, with
// non-power-of-two table lengths (zero-padded).
func allCases() []testCase {
	var cs []testCase
	cs = append(cs, testCase{name: "inner product", in: InnerProduct(4), tables: [][]fr.Element{randTable(13), randTable(16)}})
	us := randTable(2)
	cs = append(cs, testCase{name: "stacked matmul", in: StackedMatmul(3, us), tables: [][]fr.Element{randTable(32), randTable(27)}})
	pts := [][]fr.Element{randTable(4), randTable(4)}
	pub := randTable(16)
	cs = append(cs, testCase{name: "hadamard", in: Hadamard(4, pts, randTable(2), []bool{false, true, false}),
		tables: [][]fr.Element{randTable(11), pub, randTable(16)}, public: tablePublic([][]fr.Element{nil, pub, nil})})
	// Zero-check: P(a,b) = a·b − c on data where it holds, masked by [x < 10].
	a, b := randTable(10), randTable(10)
	c := make([]fr.Element, 10)
	for i := range c {
		c[i].Mul(&a[i], &b[i])
	}
	one, minus := fr.One(), fr.One()
	minus.Neg(&minus)
	mask := mle.PrefixMaskTable(4, 10)
	cs = append(cs, testCase{name: "zero-check", in: ZeroCheck(randTable(4), 3, []Term{{Coeff: one, Factors: []int{1, 2}}, {Coeff: minus, Factors: []int{3}}}),
		tables: [][]fr.Element{mask, a, b, c},
		public: func(pt []fr.Element) ([]fr.Element, error) {
			return []fr.Element{mle.PrefixMask(pt, 10), {}, {}, {}}, nil
		}})
	cs = append(cs, testCase{name: "sum of squares", in: SumOfSquares(3, randTable(2)), tables: [][]fr.Element{randTable(30)}})
	cs = append(cs, testCase{name: "RED", in: RED(5, [][]fr.Element{randTable(5), randTable(5), randTable(5)}, randTable(3)), tables: [][]fr.Element{randTable(20)}})
	sel := make([]fr.Element, 8)
	sel[3].SetUint64(5)
	sel[6].SetUint64(7)
	cs = append(cs, testCase{name: "selection", in: Selection(3), tables: [][]fr.Element{sel, randTable(8)}, public: tablePublic([][]fr.Element{sel, nil})})
	cs = append(cs, testCase{name: "zero variables", in: InnerProduct(0), tables: [][]fr.Element{randTable(1), randTable(1)}})
	return cs
}

func oneElement() fr.Element { return fr.One() }

type bigInt = big.Int
