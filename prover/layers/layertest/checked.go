package layertest

import (
	"testing"

	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/rescale"
)

// Checked returns the inputs that commit a limb-committed tensor (e.g. x1,
// O or x2, produced by another gadget as a rescale quotient): one input per
// limb of c, dense values of shape s. It fails the test when a value leaves
// c's format. The limbs' range lookups belong to the producer and are not
// added here.
func Checked(t testing.TB, c rescale.Checked, s layers.Shape, dense []int64) Inputs {
	t.Helper()
	limbs, err := c.Limbs(dense)
	if err != nil {
		t.Fatal(err)
	}
	out := make(Inputs, len(limbs))
	for i, l := range limbs {
		out[i] = Input{Name: c.LimbName(i), Shape: s, Data: l}
	}
	return out
}
