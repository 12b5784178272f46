package sumcheck

import (
	"testing"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/transcript"
)

func TestCompletenessEveryInstance(t *testing.T) {
	for _, c := range allCases() {
		t.Run(c.name, func(t *testing.T) {
			msgs, dp := honestRun(t, []testCase{c})
			if err := verifyRun(t, statement, msgs, dp); err != nil {
				t.Fatalf("honest proof rejected: %v", err)
			}
		})
	}
	// All instances on one proof-wide DLC.
	msgs, dp := honestRun(t, allCases())
	if err := verifyRun(t, statement, msgs, dp); err != nil {
		t.Fatalf("honest multi-instance proof rejected: %v", err)
	}
}

// TestStatementsAbsorbedByConstruction: a prover whose caller absorbs
// nothing still binds every statement before the challenge that depends on
// it (PROTOCOL §4.5 rev 1.2): ⟦S⟧ (sc/claim) before the first ρ, each product
// proof's X, Y, Z (prod/stmt) before its c, and the closing IPA's P_a, Y
// (ipa/stmt) before its x.
func TestStatementsAbsorbedByConstruction(t *testing.T) {
	for _, c := range allCases() {
		rec := &transcript.Recorder{}
		p := newProver(t)
		p.Transcript.Observe(rec)
		s, pt := p.Commit(c.sum()) // not absorbed by the caller
		if _, _, err := c.in.Prove(p, c.tables, s); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Close(); err != nil {
			t.Fatal(err)
		}
		if n, ok := rec.SqueezesBefore(field.AppendPoint(nil, &pt)); !ok || n != 0 {
			t.Fatalf("%s: ⟦S⟧ absorbed after %d squeezes (%v)\n%s", c.name, n, ok, rec)
		}
		requirePrecededBy(t, c.name, rec, transcript.LabelIPAx, transcript.LabelIPAStatement)
		requirePrecededBy(t, c.name, rec, transcript.LabelProductT, transcript.LabelProductStatement)
	}
}

// requirePrecededBy fails unless every event labelled label comes right
// after an absorb labelled before.
func requirePrecededBy(t *testing.T, name string, rec *transcript.Recorder, label, before string) {
	t.Helper()
	for i, e := range rec.Events {
		if e.Label != label {
			continue
		}
		if i == 0 || rec.Events[i-1].Kind != transcript.Absorb || rec.Events[i-1].Label != before {
			t.Fatalf("%s: event %d (%s) not preceded by %s\n%s", name, i, label, before, rec)
		}
	}
}
