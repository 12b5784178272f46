package owner

import (
	"context"
	"crypto/sha256"
	"sync"
	"testing"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/model/synth"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// tinyConfig: vocabulary 300 (padded to 512 on its axis), d_ff 12 (padded
// to 16), two layers, GQA — every kind of padding a real model has, in a
// blob of 2^13 entries.
func tinyConfig() model.Config {
	return model.Config{Dim: 8, HiddenDim: 12, NLayers: 2, NHeads: 2, NKVHeads: 1, VocabSize: 300, SeqLen: 16,
		SharedClassifier: true, NormEps: 1e-5, RopeTheta: 10000}
}

// fixture is a committed tiny model: the owner's files and opening.
type fixture struct {
	q        *quant.Model
	secret   Secret
	manifest []byte
	spec     []byte
	md       [32]byte
	prover   *Prover
	vk       *pedersen.VerifyingKey
	vkFile   []byte
	proof    []byte
}

var (
	committedOnce sync.Once
	committedVal  *fixture
	committedErr  error
	fixtureOnce   sync.Once
	fixtureVal    *fixture
	fixtureErr    error
)

// tinyCommitted builds (once per test binary) the committed tiny model,
// without a weight proof (proof is nil). Tests must not modify it.
func tinyCommitted(t testing.TB) *fixture {
	t.Helper()
	committedOnce.Do(func() { committedVal, committedErr = buildCommitted(tinyConfig(), [32]byte{7}) })
	if committedErr != nil {
		t.Fatal(committedErr)
	}
	return committedVal
}

// tinyFixture is tinyCommitted with its weight proof. Tests must not
// modify it.
func tinyFixture(t testing.TB) *fixture {
	t.Helper()
	c := tinyCommitted(t)
	fixtureOnce.Do(func() {
		p, err := c.prover.ProveWeights(c.vkFile)
		if err != nil {
			fixtureErr = err
			return
		}
		f := *c
		f.proof = p.Marshal()
		fixtureVal = &f
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureVal
}

func buildCommitted(cfg model.Config, seed [32]byte) (*fixture, error) {
	q, err := synth.QuantizedSeeded(cfg, seed)
	if err != nil {
		return nil, err
	}
	f := &fixture{q: q, secret: Secret{1, 2, 3}}
	if f.manifest, f.spec, err = encodeModel(q); err != nil {
		return nil, err
	}
	f.md = sha256.Sum256(f.manifest)
	if f.prover, err = OpenProver(&f.secret, f.md, q); err != nil {
		return nil, err
	}
	if f.vk, _, err = f.prover.Commit(context.Background(), &f.secret, CommitOptions{}); err != nil {
		return nil, err
	}
	if f.vkFile, err = f.vk.Marshal(); err != nil {
		return nil, err
	}
	return f, nil
}

// encodeModel returns the manifest and spec files of q (one made-up source).
func encodeModel(q *quant.Model) (manifest, specFile []byte, err error) {
	m, err := spec.NewManifest(q, [32]byte{9}, []spec.SourceFile{{Role: "checkpoint", Name: "tiny.bin", Size: 1, SHA256: [32]byte{5}}})
	if err != nil {
		return nil, nil, err
	}
	if manifest, err = m.Marshal(); err != nil {
		return nil, nil, err
	}
	b, err := BlobForConfig(q.Config)
	if err != nil {
		return nil, nil, err
	}
	s, err := spec.New(q, pedersen.GeneratorVersion, b.LogC)
	if err != nil {
		return nil, nil, err
	}
	specFile, err = s.Marshal()
	return manifest, specFile, err
}

// mustQuant is a seeded tiny model with the given vocabulary size.
func mustQuant(t testing.TB, vocab int) *quant.Model {
	t.Helper()
	cfg := tinyConfig()
	cfg.VocabSize = vocab
	q, err := synth.QuantizedSeeded(cfg, [32]byte{8})
	if err != nil {
		t.Fatal(err)
	}
	return q
}
