package verifier

import (
	"os/exec"
	"strings"
	"testing"
)

// The verifier's import graph (PROTOCOL §12.2, issue 14): no witness code
// (the plain witness types of prover/model/trace are data, not code),
// no kernels, no chain or IPFS code — only the statement, the proof, the vk
// and the spec reach it.
func TestImportGraph(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/zkllm/zkllm/prover/verifier").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	banned := []string{
		"/prover/model/fixed", "/prover/model/floatref", "/prover/model/synth",
		"/prover/inference", "/prover/layers/layertest", "/prover/backend",
		"github.com/zkllm/zkllm/kernels", "github.com/zkllm/zkllm/anchor", "github.com/zkllm/zkllm/ipfsstore",
		"github.com/zkllm/zkllm/cli", "github.com/ethereum/go-ethereum", "github.com/ipfs/",
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, b := range banned {
			if strings.Contains(dep, b) {
				t.Errorf("the verifier depends on %s", dep)
			}
		}
	}
}
