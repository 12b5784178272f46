// Package inference is the prover side of the whole-model proof (PROTOCOL
// §8, issue 14): it generates text with the fixed-point model, builds the
// statement, runs the teacher-forced forward pass that records the witness,
// instantiates every layer gadget (prover/layers/…) over the layer-stacked
// witness and runs phases A–F (prover/layers), writing one proof file
// (prover/proof). The verifier side is prover/verifier, which imports none
// of this package's witness code.
//
// Before proving, the run checks that the statement is true of the model:
// the decoding rule applied to the fixed-point logits must emit every
// generated token; a false statement is an error, never a proof attempt.
package inference
