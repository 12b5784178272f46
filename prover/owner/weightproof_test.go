package owner

import (
	"testing"
	"time"
)

func TestWeightProofHonest(t *testing.T) {
	start := time.Now()
	f := tinyFixture(t)
	t.Logf("fixture (commit + prove, 2^%d blob): %v", f.prover.Blob.Layout.LogSize, time.Since(start))
	start = time.Now()
	k, err := LoadVerifierKey(f.manifest, f.spec, f.vkFile, f.proof)
	if err != nil {
		t.Fatalf("honest weight proof rejected: %v", err)
	}
	t.Logf("verify: %v, proof %d bytes", time.Since(start), len(f.proof))
	if k.ModelID != ModelID(f.md, f.vkFile) {
		t.Fatal("model id")
	}
}
