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
	// generated) and the large-tree paths forced (layers n−1 … n−g
	// generated: forceGenLayers): the same bytes.
	for _, c := range cases {
		for g := 1; g <= 3; g++ {
			t.Run(fmt.Sprintf("%s/generated-layers=%d", c.name, g), func(t *testing.T) {
				if c.long && testing.Short() {
					t.Skip("wide instance skipped under -short")
				}
				defer setForceGenLayers(g)()
				defer field.SeedForTesting([32]byte{18})()
				l, w := c.make(t)
				if got := generatedLayers(l.LogLeaves); got != g {
					t.Fatalf("%d generated layers at 2^%d leaves, want %d", got, l.LogLeaves, g)
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

// setForceGenLayers forces g generated tree layers (0: by size) and
// returns the function restoring the previous setting.
func setForceGenLayers(g int) func() {
	old := forceGenLayers
	forceGenLayers = g
	return func() { forceGenLayers = old }
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
