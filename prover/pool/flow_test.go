package pool

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// committedBlob is a blob with its layout, values, blindings and rows.
type committedBlob struct {
	shape  Shape
	values []fr.Element
	blinds []fr.Element
	rows   []Point
}

type Point = sumcheck.Point

func commitBlob(t *testing.T, specs []pedersen.TensorSpec, logC int, fill map[string][]fr.Element) *committedBlob {
	t.Helper()
	layout, err := pedersen.Place(specs)
	if err != nil {
		t.Fatal(err)
	}
	b := &committedBlob{shape: Shape{Layout: layout, LogC: logC}, values: make([]fr.Element, layout.Size())}
	for name, data := range fill {
		pt, _ := layout.Lookup(name)
		copy(b.values[pt.Offset:], data)
	}
	b.blinds = field.RandomScalars(1 << (layout.LogSize - logC))
	gens, _ := pedersen.Get(1 << logC)
	if b.rows, err = gens.CommitRows(b.values, 1<<logC, 0, len(b.blinds), b.blinds); err != nil {
		t.Fatal(err)
	}
	return b
}

// The whole flow of a matmul Y = X·Wᵀ with X in the advice blob and W in
// the weight blob: a claim on Y goes through the inner-product sumcheck, its
// two final values become pool claims, each blob settles with one RED and
// one opening, and the proof-wide DLC closes. A wrong claim on Y fails.
func TestMatmulThroughPools(t *testing.T) {
	const logD, logB, logO = 3, 2, 2             // contracted axis i (low), rows b, outputs o
	X := field.RandomScalars(1 << (logD + logB)) // X[i + 2^logD·b]
	W := field.RandomScalars(1 << (logD + logO)) // W[i + 2^logD·o]
	weights := commitBlob(t, []pedersen.TensorSpec{{Name: "W", Shape: []uint64{1 << logD, 1 << logO}}, {Name: "bias", Shape: []uint64{4}}}, 2,
		map[string][]fr.Element{"W": W, "bias": field.RandomScalars(4)})
	advice := commitBlob(t, []pedersen.TensorSpec{{Name: "X", Shape: []uint64{1 << logD, 1 << logB}}}, 3, map[string][]fr.Element{"X": X})

	run := func(lie bool) error {
		// ---- prover ----
		ptr := transcript.New()
		ptr.AbsorbBytes(transcript.LabelTest, statement)
		ptr.AbsorbPoints(transcript.LabelAdviceRows, advice.rows)
		dp, _ := sumcheck.NewDLCProver(ptr)
		uo := ptr.Challenges(transcript.LabelPointU, logO)
		ub := ptr.Challenges(transcript.LabelPointU, logB)
		xb, _ := mle.PartialEvalHigh(X, ub) // X(·, u_b)
		wo, _ := mle.PartialEvalHigh(W, uo) // W(·, u_o)
		y := mle.InnerProduct(xb, wo)       // Y(u_o, u_b)
		if lie {
			one := fr.One()
			y.Add(&y, &one)
		}
		sy, py := dp.Send(transcript.LabelClaim, y)
		mm, res, err := sumcheck.InnerProduct(logD).Prove(dp, [][]fr.Element{xb, wo}, sy)
		if err != nil {
			t.Fatal(err)
		}
		pw, _ := NewProver(weights.shape, weights.values, weights.blinds)
		pa, _ := NewProver(advice.shape, advice.values, advice.blinds)
		if err := pa.Add("X", append(append([]fr.Element(nil), res.Point...), ub...), res.Openings[0]); err != nil {
			t.Fatal(err)
		}
		if err := pw.Add("W", append(append([]fr.Element(nil), res.Point...), uo...), res.Openings[1]); err != nil {
			t.Fatal(err)
		}
		settleW, err := pw.Settle(dp)
		if err != nil {
			t.Fatal(err)
		}
		settleA, err := pa.Settle(dp)
		if err != nil {
			t.Fatal(err)
		}
		closing, err := dp.Close()
		if err != nil {
			t.Fatal(err)
		}

		// ---- verifier: commitments and proofs only ----
		vtr := transcript.New()
		vtr.AbsorbBytes(transcript.LabelTest, statement)
		vtr.AbsorbPoints(transcript.LabelAdviceRows, advice.rows)
		dv, _ := sumcheck.NewDLCVerifier(vtr)
		vuo := vtr.Challenges(transcript.LabelPointU, logO)
		vub := vtr.Challenges(transcript.LabelPointU, logB)
		vy := dv.Receive(transcript.LabelClaim, py)
		vres, err := sumcheck.InnerProduct(logD).Verify(dv, vy, mm, nil)
		if err != nil {
			return err
		}
		vw, _ := NewVerifier(weights.shape, weights.rows)
		va, _ := NewVerifier(advice.shape, advice.rows)
		if err := va.Add("X", append(append([]fr.Element(nil), vres.Point...), vub...), vres.Commitments[0]); err != nil {
			return err
		}
		if err := vw.Add("W", append(append([]fr.Element(nil), vres.Point...), vuo...), vres.Commitments[1]); err != nil {
			return err
		}
		if err := vw.Settle(dv, settleW); err != nil {
			return err
		}
		if err := va.Settle(dv, settleA); err != nil {
			return err
		}
		return dv.Close(closing)
	}
	if err := run(false); err != nil {
		t.Fatalf("honest matmul flow rejected: %v", err)
	}
	if err := run(true); err == nil {
		t.Fatal("a wrong claim on Y was accepted")
	}
}
