package layertest

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
)

// Span is the byte range [Lo, Hi) of one gadget's messages in a proof.
type Span struct{ Lo, Hi int }

// Recorder wraps a prover gadget and records the span of the proof bytes
// its Prove writes (the closing proof comes after every gadget, so the
// offsets hold in the final proof).
type Recorder struct {
	layers.ProverGadget
	Span *Span
}

// Prove implements layers.ProverGadget.
func (r Recorder) Prove(p *layers.Prover) error {
	lo := p.ProofLen()
	err := r.ProverGadget.Prove(p)
	r.Span.Lo, r.Span.Hi = lo, p.ProofLen()
	return err
}

// Tamper attacks every 48-byte chunk of span in proof (every step-th chunk
// with step > 1): a random bit flip, and, where the chunk decodes as a
// group element, its substitution by P + G. verify must reject each forged
// proof; it fails the test naming the chunk otherwise. It returns the
// number of forgeries tried.
func Tamper(t testing.TB, proof []byte, span Span, step int, verify func([]byte) error) int {
	t.Helper()
	if span.Hi <= span.Lo || span.Hi > len(proof) {
		t.Fatalf("tamper: empty or bad span %+v of a %d-byte proof", span, len(proof))
	}
	rng := rand.New(rand.NewPCG(uint64(span.Lo), uint64(span.Hi))) // test-only fixed seed: reproducible positions
	_, _, g, _ := bls12381.Generators()
	tried := 0
	for off := span.Lo; off+field.PointSize <= span.Hi; off += field.PointSize * max(step, 1) {
		bad := slices.Clone(proof)
		bit := rng.IntN(8 * field.PointSize)
		bad[off+bit/8] ^= 1 << (bit % 8)
		if verify(bad) == nil {
			t.Fatalf("tamper: bit %d of the chunk at byte %d flipped: accepted", bit, off)
		}
		tried++
		pt, err := field.DecodePoint(proof[off : off+field.PointSize])
		if err != nil {
			continue
		}
		pt.Add(&pt, &g)
		bad = field.AppendPoint(slices.Clone(proof[:off]), &pt)
		bad = append(bad, proof[off+field.PointSize:]...)
		if verify(bad) == nil {
			t.Fatalf("tamper: the point at byte %d plus G: accepted", off)
		}
		tried++
	}
	return tried
}

// ProofElements proves in (committed inputs, may be empty) and g, then
// attacks every step-th 48-byte chunk of g's proof bytes (Tamper); the
// verifier side is in.Public() and pub. It returns the number of forgeries
// tried and the size of g's bytes.
func ProofElements(t testing.TB, w *layers.WeightBlob, in Inputs, g layers.ProverGadget, pub layers.VerifierGadget, step int) (tried, bytes int) {
	t.Helper()
	span := &Span{}
	vs := []layers.VerifierGadget{in.Public(), pub}
	ps := []layers.ProverGadget{in, Recorder{ProverGadget: g, Span: span}}
	if len(in) == 0 {
		vs, ps = vs[1:], ps[1:]
	}
	proof, err := Run(t, w, ps, vs)
	if err != nil {
		t.Fatalf("control proof rejected: %v", err)
	}
	return Tamper(t, proof, *span, step, func(b []byte) error { return Verify(w, vs, b) }), span.Hi - span.Lo
}

// Sweep reports whether the exhaustive gadget soundness sweeps run
// (ZKLLM_GADGET_SWEEP=1): every forgery case and an attack on every proof
// chunk. Default runs keep one case per category and a sampled attack, so
// each gadget package stays within its CI time budget.
func Sweep() bool { return os.Getenv("ZKLLM_GADGET_SWEEP") == "1" }

// Step returns the chunk stride for ProofElements: 1 in a sweep, else
// sampled (every def-th chunk; coarser with -short).
func Step(def int) int {
	switch {
	case Sweep():
		return 1
	case testing.Short():
		return 3 * def
	}
	return def
}
