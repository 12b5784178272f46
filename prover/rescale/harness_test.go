package rescale

import (
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/pool"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// scenario is one small proof around a gadget: an advice blob holding every
// lookup column and multiplicity vector (and any extra tensor), the
// LogUp-GKR tree, the gadget's claims at a challenge point u, one pool
// settlement and the DLC close. It plays the caller that the layer
// composition will be.
type scenario struct {
	lookups []tlookup.Lookup
	cols    []tlookup.Column
	mult    [][]uint64              // nil: honest counts
	tensors map[string][]fr.Element // advice tensors (1-D); lookup columns added automatically

	// gadget: the rescale under test and its (possibly forged) witness, and
	// the public X whose value at u the verifier computes itself.
	rescale *Rescale
	rw      *RescaleWitness
	x       []int64
	// forge, when set, replaces the honest rescale.ProveAt (a cheating prover).
	forge func(t testing.TB, dlc *sumcheck.DLCProver, pl *pool.Prover, u []fr.Element) (sumcheck.Scalar, *RescaleAt)
	// rec, when set, records the prover's transcript.
	rec *transcript.Recorder
}

type transcriptBundle struct {
	rows     []sumcheck.Point
	gkr      *tlookup.Proof
	at       *RescaleAt
	poolP    *pool.Proof
	dlc      *sumcheck.DLCProof
	advice   *pedersen.Layout
	logC     int
	gkrShape *tlookup.Layout
}

const scenarioStatement = "rescale test statement"

func int64Field(v []int64) []fr.Element {
	out := make([]fr.Element, len(v))
	for i, x := range v {
		out[i].SetInt64(x)
	}
	return out
}

func (s *scenario) prove(t testing.TB) *transcriptBundle {
	t.Helper()
	l, err := tlookup.NewLayout(tlookup.Spec{Lookups: s.lookups})
	if err != nil {
		t.Fatal(err)
	}
	w := &tlookup.Witness{Columns: s.cols}
	mult := s.mult
	if mult == nil {
		if mult, err = l.Multiplicities(w); err != nil {
			t.Fatal(err)
		}
	}
	// Advice: lookup columns, multiplicities, extra tensors.
	tensors := map[string][]fr.Element{}
	for name, v := range s.tensors {
		tensors[name] = v
	}
	for i, lk := range s.lookups {
		c := s.cols[i]
		if c.InElems != nil {
			tensors[lk.Name] = c.InElems
		} else {
			tensors[lk.Name] = int64Field(c.In)
		}
		if lk.HasOut() {
			tensors[lk.OutName] = int64Field(c.Out)
		}
	}
	for ti, tab := range l.Tables {
		m := make([]fr.Element, len(mult[ti]))
		for j, v := range mult[ti] {
			m[j].SetUint64(v)
		}
		tensors[tlookup.MultName(tab)] = m
	}
	layout, flat := placeAdvice(t, tensors, s)
	logC := tlookup.RowLog(layout.LogSize)
	present, err := layout.PresentRows(logC)
	if err != nil {
		t.Fatal(err)
	}
	blinds := make([]fr.Element, len(present))
	for k, p := range present {
		if p {
			blinds[k] = field.RandomScalar()
		}
	}
	gens, err := pedersen.Get(1 << 11)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := gens.CommitRows(flat, 1<<logC, 0, len(blinds), blinds)
	if err != nil {
		t.Fatal(err)
	}
	b := &transcriptBundle{rows: rows, advice: layout, logC: logC, gkrShape: l}

	tr := transcript.New()
	if s.rec != nil {
		tr.Observe(s.rec)
	}
	tr.AbsorbBytes(transcript.LabelTest, []byte(scenarioStatement))
	tr.AbsorbPoints(transcript.LabelAdviceRows, rows)
	dlc, err := sumcheck.NewDLCProver(tr)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := pool.NewProver(pool.Shape{Layout: layout, LogC: logC}, flat, blinds)
	if err != nil {
		t.Fatal(err)
	}
	proof, claims, err := tlookup.Prove(dlc, l, w, mult)
	if err != nil {
		t.Fatal(err)
	}
	b.gkr = proof
	if err := claims.Route(func(name string, c *tlookup.LeafClaim) error { return pl.Add(name, c.Point, c.Opening) }); err != nil {
		t.Fatal(err)
	}
	if s.rescale != nil {
		u := tr.Challenges(transcript.LabelPointU, s.rescale.LogSize)
		var xAt sumcheck.Scalar
		var msg *RescaleAt
		if s.forge != nil {
			xAt, msg = s.forge(t, dlc, pl, u)
		} else if xAt, _, msg, err = s.rescale.ProveAt(dlc, pl, u, s.rw); err != nil {
			t.Fatal(err)
		}
		// The public X: ⟦X(u)⟧ − X(u)·G = 0.
		xu, err := mle.Evaluate(int64Field(s.x), u)
		if err != nil {
			t.Fatal(err)
		}
		if err := dlc.AddZero(xAt.Sub(sumcheck.Public(xu))); err != nil {
			t.Fatal(err)
		}
		b.at = msg
	}
	if b.poolP, err = pl.Settle(dlc); err != nil {
		t.Fatal(err)
	}
	if b.dlc, err = dlc.Close(); err != nil {
		t.Fatal(err)
	}
	return b
}

// placeAdvice places the tensors (sorted by name for determinism) as 1-D
// tensors of their padded length and returns the layout and the flat blob.
func placeAdvice(t testing.TB, tensors map[string][]fr.Element, s *scenario) (*pedersen.Layout, []fr.Element) {
	t.Helper()
	names := make([]string, 0, len(tensors))
	for n := range tensors {
		names = append(names, n)
	}
	slices.Sort(names)
	sizes := map[string]int{}
	for _, lk := range s.lookups {
		sizes[lk.Name] = 1 << lk.LogSize
		if lk.OutName != "" {
			sizes[lk.OutName] = 1 << lk.LogSize
		}
	}
	specs := make([]pedersen.TensorSpec, len(names))
	for i, n := range names {
		size := sizes[n]
		if size == 0 {
			size = 1 << mle.Log2Ceil(max(1, len(tensors[n])))
		}
		if len(tensors[n]) > size {
			t.Fatalf("tensor %s: %d entries > %d", n, len(tensors[n]), size)
		}
		specs[i] = pedersen.TensorSpec{Name: n, Shape: []uint64{uint64(size)}}
	}
	layout, err := pedersen.Place(specs)
	if err != nil {
		t.Fatal(err)
	}
	flat := make([]fr.Element, layout.Size())
	for _, pl := range layout.Tensors {
		copy(flat[pl.Offset:], tensors[pl.Name])
	}
	return layout, flat
}

// verify is the verifier: row commitments, the proof pieces, the public X.
func (s *scenario) verify(b *transcriptBundle) error {
	tr := transcript.New()
	tr.AbsorbBytes(transcript.LabelTest, []byte(scenarioStatement))
	tr.AbsorbPoints(transcript.LabelAdviceRows, b.rows)
	dlc, err := sumcheck.NewDLCVerifier(tr)
	if err != nil {
		return err
	}
	pl, err := pool.NewVerifier(pool.Shape{Layout: b.advice, LogC: b.logC}, b.rows)
	if err != nil {
		return err
	}
	claims, err := tlookup.Verify(dlc, b.gkrShape, b.gkr)
	if err != nil {
		return err
	}
	if err := claims.Route(func(name string, c *tlookup.LeafClaim) error { return pl.Add(name, c.Point, c.Commitment) }); err != nil {
		return err
	}
	if s.rescale != nil {
		u := tr.Challenges(transcript.LabelPointU, s.rescale.LogSize)
		xAt, _, err := s.rescale.VerifyAt(dlc, pl, u, b.at)
		if err != nil {
			return err
		}
		xu, err := mle.Evaluate(int64Field(s.x), u)
		if err != nil {
			return err
		}
		gens, _ := dlc.Generators(0)
		var neg sumcheck.Point
		pub := sumcheck.PublicPoint(gens, xu)
		neg.Neg(&pub)
		if err := dlc.AddZero(sumcheck.AddPoints(xAt, neg)); err != nil {
			return err
		}
	}
	if err := pl.Settle(dlc, b.poolP); err != nil {
		return err
	}
	return dlc.Close(b.dlc)
}
