package spec

import (
	"os/exec"
	"strings"
	"testing"
)

// The spec is public data the verifier decodes: it must not pull in the
// witness-computing packages (PROTOCOL §12.2).
func TestNoWitnessDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/zkllm/zkllm/prover/model/spec").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"/prover/model/fixed", "/prover/model/floatref", "/prover/model/synth"} {
			if strings.HasSuffix(dep, banned) {
				t.Errorf("spec depends on %s", dep)
			}
		}
	}
}
