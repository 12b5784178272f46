// Package verifier checks a whole-model inference proof (PROTOCOL §11)
// from public data only: the owner's verifier key (manifest, spec, vk and
// the owner's weight proof, prover/owner), the tokenizer, and the proof
// file. It never sees a witness: its import graph excludes the fixed-point
// engine and the witness types (a test holds that line), the kernels, and
// every chain or IPFS package.
//
// Verify, in order: decode the file strictly (prover/proof); the statement
// must name this model (model id = H(manifest digest ‖ vk digest), spec
// hash, vk and manifest digests, tokenizer digest); its ranges (1 ≤ P ≤ T ≤
// the context, tokens < V, the decoding rule); the prompt must re-tokenize
// to the statement's prompt tokens and the generated tokens must decode to
// its output text; then the transcript absorbs the statement and the proof
// body is replayed gadget by gadget (prover/layers), every group equation
// of the product proofs and of the closing IPA in one batched MSM. Accept
// iff everything passes and every byte is consumed.
package verifier
