package owner

import (
	"os/exec"
	"strings"
	"testing"
)

// The whole-model verifier loads vks through this package, so it must stay
// free of witness-computing code, kernels and chain/IPFS code (issue 14).
func TestNoWitnessDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/zkllm/zkllm/prover/owner").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"/prover/model/fixed", "/prover/model/floatref", "/prover/model/synth", "/kernels", "/prover/backend", "go-ethereum", "ipfs/boxo", "/cli"} {
			if strings.Contains(dep, banned) {
				t.Errorf("prover/owner depends on %s", dep)
			}
		}
	}
}
