package tlookup

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/zkllm/zkllm/internal/testutil"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/tables"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden proof digests in testdata/ (only for an intended format change)")

// bundleBytes is every byte a verifier of b receives, in a fixed order.
func bundleBytes(b *bundle) []byte {
	out := b.proof.Marshal()
	for _, op := range b.openings {
		out = op.Append(out)
	}
	return b.dlc.Append(out)
}

// TestProofBytesGolden pins the bytes of seeded proofs: a speed-up of the
// prover must not change a single proof byte. The mixed instance is tiny;
// the wide one has layers past the engine's parallel threshold.
func TestProofBytesGolden(t *testing.T) {
	cases := []struct {
		name string
		make func(t testing.TB) (*Layout, *Witness)
		long bool
	}{
		{"mixed", func(t testing.TB) (*Layout, *Witness) { return mixedInstance(t, 7) }, false},
		{"wide", wideInstance, true},
	}
	// Each instance is proved with the small-tree path (layer n−1
	// generated) and the large-tree path forced (layers n−1 and n−2
	// generated: genLayersMinLog): the same bytes.
	for _, c := range cases {
		for _, large := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/large-tree=%v", c.name, large), func(t *testing.T) {
				if c.long && testing.Short() {
					t.Skip("wide instance skipped under -short")
				}
				if large {
					defer setGenLayersMinLog(0)()
				}
				defer field.SeedForTesting([32]byte{18})()
				l, w := c.make(t)
				if large != (generatedLayers(l.LogLeaves) == 2) {
					t.Fatalf("large-tree path %v not taken at 2^%d leaves", large, l.LogLeaves)
				}
				b := proveBundle(t, l, w, mustMult(t, l, w), nil)
				if err := verifyBundle(l, b); err != nil {
					t.Fatal(err)
				}
				testutil.CheckDigest(t, "testdata/golden_"+c.name+".sha256", bundleBytes(b), *updateGolden)
			})
		}
	}
}

// setGenLayersMinLog sets genLayersMinLog (the large-tree path from 2^v
// leaves on) and returns the function restoring it.
func setGenLayersMinLog(v int) func() {
	old := genLayersMinLog
	genLayersMinLog = v
	return func() { genLayersMinLog = old }
}

// wideInstance has 2^13 leaves and two tables, so the top GKR layers run
// on several goroutines.
func wideInstance(t testing.TB) (*Layout, *Witness) {
	rng := rand.New(rand.NewPCG(18, 1))
	r10 := mustTable(tables.Range(10))
	ind := mustTable(tables.Indicator(8))
	l, err := NewLayout(Spec{Lookups: []Lookup{
		{Name: "r", Table: r10, LogSize: 12},
		{Name: "ind", Table: ind, LogSize: 11},
	}})
	if err != nil {
		t.Fatal(err)
	}
	w := &Witness{Columns: []Column{
		randomColumn(rng, r10, 3000, false),
		randomColumn(rng, ind, 2000, true),
	}}
	return l, w
}
