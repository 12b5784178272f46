package tlookup

import (
	"testing"

	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// bundle is everything a test verifier receives: every leaf column committed
// as its own Hyrax vector (one opening per vector), the GKR proof, the
// openings and the DLC closing proof.
type bundle struct {
	vectors  []committedVector
	proof    *Proof
	openings []*ipa.Proof
	dlc      *sumcheck.DLCProof
}

const testStatement = "tlookup test statement"

func testGens(t testing.TB) *pedersen.Generators {
	g, err := pedersen.Get(1 << 11)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// newTestProver starts a prover's DLC on a transcript that has absorbed the
// test statement (rec, if non-nil, records everything from the start).
func newTestProver(t testing.TB, rec *transcript.Recorder) (*sumcheck.DLCProver, *pedersen.Generators) {
	t.Helper()
	tr := transcript.New()
	if rec != nil {
		tr.Observe(rec)
	}
	tr.AbsorbBytes(transcript.LabelTest, []byte(testStatement))
	dlc, err := sumcheck.NewDLCProver(tr)
	if err != nil {
		t.Fatal(err)
	}
	gens := testGens(t)
	if _, err := dlc.Generators(gens.Len()); err != nil {
		t.Fatal(err)
	}
	return dlc, gens
}

// proveBundle runs a complete standalone proof: statement, commitments of
// every column (phase A), LogUp-GKR (phase B), openings, DLC close; rec
// (optional) records the prover's transcript.
func proveBundle(t testing.TB, l *Layout, w *Witness, mult [][]uint64, rec *transcript.Recorder) *bundle {
	t.Helper()
	dlc, gens := newTestProver(t, rec)
	tr := dlc.Transcript
	var err error
	cols := l.columnValues(w, multToField(mult))
	vecs := make([]*vectorOpening, len(cols))
	b := &bundle{}
	for c, col := range cols {
		vecs[c], err = commitVector(gens, col, l.columnLogSize(c))
		if err != nil {
			t.Fatal(err)
		}
		b.vectors = append(b.vectors, vecs[c].committedVector)
		tr.AbsorbPoints(transcript.LabelAdviceRows, vecs[c].rows)
	}
	b.proof, b.openings, b.dlc = proveRest(t, dlc, gens, l, w, mult, vecs)
	return b
}

func proveRest(t testing.TB, dlc *sumcheck.DLCProver, gens *pedersen.Generators, l *Layout, w *Witness, mult [][]uint64, vecs []*vectorOpening) (*Proof, []*ipa.Proof, *sumcheck.DLCProof) {
	t.Helper()
	proof, claims, err := Prove(dlc, l, w, mult)
	if err != nil {
		t.Fatal(err)
	}
	var opens []*ipa.Proof
	for c := range claims.Columns {
		op, err := openClaim(dlc.Transcript, gens, vecs[c], &claims.Columns[c])
		if err != nil {
			t.Fatal(err)
		}
		opens = append(opens, op)
	}
	dp, err := dlc.Close()
	if err != nil {
		t.Fatal(err)
	}
	return proof, opens, dp
}

// verifyBundle is the verifier: it sees only commitments and proofs.
func verifyBundle(l *Layout, b *bundle) error {
	tr := transcript.New()
	tr.AbsorbBytes(transcript.LabelTest, []byte(testStatement))
	dlc, err := sumcheck.NewDLCVerifier(tr)
	if err != nil {
		return err
	}
	gens, err := dlc.Generators(1 << 11)
	if err != nil {
		return err
	}
	if len(b.vectors) != l.NumLeafColumns() || len(b.openings) != l.NumLeafColumns() {
		return ErrReject
	}
	for c := range b.vectors {
		if b.vectors[c].logSize != l.columnLogSize(c) {
			return ErrReject
		}
		tr.AbsorbPoints(transcript.LabelAdviceRows, b.vectors[c].rows)
	}
	claims, err := Verify(dlc, l, b.proof)
	if err != nil {
		return err
	}
	for c := range claims.Columns {
		if err := verifyClaim(tr, gens, &b.vectors[c], &claims.Columns[c], b.openings[c]); err != nil {
			return err
		}
	}
	return dlc.Close(b.dlc)
}
