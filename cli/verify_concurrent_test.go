package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/proof"
	"github.com/zkllm/zkllm/prover/verifier"
)

// The fixture in testdata/proof is a stories260K commitment (manifest, spec, vk, weight
// proof) and one proof of "Once" → " upon a" (greedy, T = 3) made by `zkllm prove --local`.
// Regenerate it after a proof-format change with the commands in docs/testing.md.
func proofFixture(t testing.TB) (*verifier.Key, []byte) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "proof", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	key, err := owner.LoadVerifierKey(read(manifestFile), read(specFile), read(vkFile), read(rangeFile))
	if err != nil {
		t.Fatal(err)
	}
	_, tf, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := llama2c.DecodeTokenizer(tf.Data, key.Manifest.Config.VocabSize)
	if err != nil {
		t.Fatal(err)
	}
	return &verifier.Key{Owner: key, Tokenizer: tok}, read("proof.zkp")
}

// proofVariants: the valid proof and invalid ones (flipped body bytes, edited output text,
// truncated, empty).
func proofVariants(t testing.TB, good []byte) [][]byte {
	f, err := proof.Unmarshal(good)
	if err != nil {
		t.Fatal(err)
	}
	f.Statement.Output += "!"
	edited, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	flip := func(at int) []byte {
		b := bytes.Clone(good)
		b[at] ^= 0x10
		return b
	}
	return [][]byte{good, flip(len(good) - 100), edited, flip(len(good) / 2), good[:len(good)-1], nil, good, flip(len(good) - 2000)}
}

func verdictOf(key *verifier.Key, file []byte) string {
	r := &verifyResult{}
	checkProof(r, key, file, nil)
	out := strconv.FormatBool(r.valid())
	for _, c := range r.Checks {
		if !c.OK {
			out += " " + c.Name + ": " + c.Detail
		}
	}
	return out
}

// TestConcurrentVerificationsMatchSequential: n verifications of valid and invalid proofs at
// once (64 with ZKLLM_HEAVY_VERIFY=1; run it under -race) give exactly the sequential
// verdicts and reasons.
func TestConcurrentVerificationsMatchSequential(t *testing.T) {
	if testing.Short() {
		t.Skip("verifies whole-model proofs")
	}
	n := 8
	if os.Getenv("ZKLLM_HEAVY_VERIFY") == "1" {
		n = 64
	}
	key, good := proofFixture(t)
	vs := proofVariants(t, good)
	seq := make([]string, len(vs))
	for i, v := range vs {
		seq[i] = verdictOf(key, v)
	}
	if seq[0] != "true" || seq[6] != "true" {
		t.Fatalf("the fixture proof does not verify: %s", seq[0])
	}
	for i, s := range seq {
		if i != 0 && i != 6 && s[:5] != "false" {
			t.Fatalf("variant %d verified", i)
		}
	}
	got := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = verdictOf(key, vs[i%len(vs)])
		}()
	}
	wg.Wait()
	for i := range n {
		if got[i] != seq[i%len(vs)] {
			t.Errorf("verification %d: %s, sequentially %s", i, got[i], seq[i%len(vs)])
		}
	}
	fmt.Fprintf(os.Stderr, "%d concurrent verifications equal the sequential verdicts (%d valid)\n", n, 2*n/len(vs))
}
