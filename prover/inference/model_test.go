package inference

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/model/tokenizer"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// committed is a model as an owner publishes it and a prover opens it.
type committed struct {
	model                  *Model
	manifest, spec, vk, wp []byte
}

// commitStories commits stories260K as its owner would (secret, manifest,
// spec, vk, weight proof) and opens it for proving.
func commitStories(t testing.TB) *committed { return commitStoriesWith(t, true) }

// commitStoriesWith may skip the owner's weight proof (a prover that only
// needs the key, e.g. the kill -9 child process).
func commitStoriesWith(t testing.TB, weightProof bool) *committed {
	t.Helper()
	ckpt, tokFile, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := llama2c.Decode(ckpt.Data)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := llama2c.DecodeTokenizer(tokFile.Data, m.Config.VocabSize)
	if err != nil {
		t.Fatal(err)
	}
	q, err := quant.Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	return commitQuant(t, q, tok, []spec.SourceFile{{Role: "checkpoint", Name: "stories260K.bin", Size: uint64(len(ckpt.Data)), SHA256: sha256.Sum256(ckpt.Data)}}, weightProof)
}

// commitQuant commits a quantized model as its owner would (secret,
// manifest naming the sources, spec, vk and, when weightProof is set, the
// weight proof) and opens it for proving with the tokenizer tok.
func commitQuant(t testing.TB, q *quant.Model, tok *tokenizer.Tokenizer, sources []spec.SourceFile, weightProof bool) *committed {
	t.Helper()
	c := &committed{}
	man, err := spec.NewManifest(q, tok.Digest(), sources)
	if err != nil {
		t.Fatal(err)
	}
	if c.manifest, err = man.Marshal(); err != nil {
		t.Fatal(err)
	}
	blob, err := owner.BlobForConfig(q.Config)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := spec.New(q, pedersen.GeneratorVersion, blob.LogC)
	if err != nil {
		t.Fatal(err)
	}
	if c.spec, err = sp.Marshal(); err != nil {
		t.Fatal(err)
	}
	secret := &owner.Secret{4, 2}
	md := sha256.Sum256(c.manifest)
	op, err := owner.OpenProver(secret, md, q)
	if err != nil {
		t.Fatal(err)
	}
	vk, _, err := op.Commit(context.Background(), secret, owner.CommitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.vk, err = vk.Marshal(); err != nil {
		t.Fatal(err)
	}
	var key *owner.VerifierKey
	if weightProof {
		wp, err := op.ProveWeights(c.vk)
		if err != nil {
			t.Fatal(err)
		}
		c.wp = wp.Marshal()
		key, err = owner.LoadVerifierKey(c.manifest, c.spec, c.vk, c.wp)
	} else {
		key, err = owner.ParseVerifierKey(c.manifest, c.spec, c.vk)
	}
	if err != nil {
		t.Fatal(err)
	}
	c.model = &Model{Quant: q, Weights: op, Key: key, Tokenizer: tok}
	return c
}
