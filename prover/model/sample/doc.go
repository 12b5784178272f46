// Package sample holds the decoding rules the proof checks (PROTOCOL §7.11),
// over fixed-point logits ℓ (integers at 2^16):
//
//   - greedy: the first maximizer of ℓ (ties go to the lowest id);
//   - sample(κ, k_top, seed): Gumbel-max. score_v = κ·ℓ_v + N[g][v] with
//     N[g][v] = round(2^24·(−ln(−ln U))), U = (u32(SHA256(seed ‖ u32(g) ‖ u32(v))) + ½)/2^32
//     (u32 = first four bytes big-endian; g is the index of the generated token,
//     v the candidate id), computed with math/big.Float and rounded half to even,
//     so prover and verifier agree bit for bit; the emitted token is the first
//     maximizer of score among the candidates;
//   - top-k: candidates are the k_top largest keys key_v = ℓ_v·V_pad + (V_pad−1−v)
//     (unique; V_pad the next power of two ≥ V); k_top = V means all.
//
// κ = round(2^8/temperature). The seed must be fixed before the prover sees the
// prompt (chosen by the verifier or a public beacon); this package only
// computes with it.
package sample
