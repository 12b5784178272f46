// Package proof holds the statement of an inference proof (PROTOCOL §1.1)
// and the proof file's wire format (§10.1).
//
// Statement: the model (model id, the manifest digest that binds the model
// files' SHA-256, the vk file digest, the spec hash, the tokenizer digest),
// the prompt and output texts, the tokens s_0…s_T (prompt of P tokens, then
// the generated ones; s_T is the last emitted token and is not an input),
// and the decoding rule (greedy, or Gumbel-max sampling with κ, top-k and a
// public seed). The verifier re-tokenizes the prompt and detokenizes the
// output itself (outside the proof) and checks the model id against the
// manifest and vk digests.
//
// Encoding (all integers big-endian, canonical, strictly decoded):
//
//	statement: "ZKLLMST1" ‖ model_id ‖ manifest ‖ vk ‖ spec_hash ‖ tokenizer (5×32 B)
//	           ‖ u32 P ‖ u32 n = T+1 ‖ n × u32 token ‖ u8 rule ‖ u64 κ ‖ u32 top-k ‖ seed (32 B)
//	           ‖ u32 |prompt| ‖ prompt ‖ u32 |output| ‖ output
//	file:      "ZKLLMPF1" ‖ u16 version ‖ u32 |statement| ‖ statement ‖ body
//
// The body is the byte stream of prover/layers (advice rows, GKR, the
// gadgets, settlements, DLC), whose every count the verifier derives from
// the spec, the vk and the statement; the file's SHA-256 is what goes
// on-chain. Absorb writes the statement into a fresh transcript first,
// before any challenge (§3): spec_hash, model_id, T, P, the tokens, s_T,
// the rule with its seed, then the SHA-256 of the whole statement encoding
// (which binds the texts and digests as well).
package proof
