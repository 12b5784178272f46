package sumcheck

import (
	"testing"
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
