// Package head holds the model-level gadget after the last layer (PROTOCOL
// §7.10): the final RMSNorm on the G selected rows H_sel[g] = R_L[P−1+g]
// (the positions whose next token the statement binds) and the logits
// logits = rescale(x_f·W_clsᵀ, e_cls), committed [V, G] (A24 at 2^16), W_cls
// the classifier ("lm_head", or the embedding when the model ties them).
//
// Protocol, in transcript order:
//  1. logits: a fresh point u on [V, G]; the rescale's limbs at u (pool)
//     give ⟦acc(u)⟧; the inner product acc(u_v, u_g) = Σ_i x_f(i, u_g)·W(i, u_v)
//     (prover/layers/matmul.Model, d = 2) leaves W's claim in the weight
//     pool and x_f's, settled through x_f's limbs.
//  2. the final norm (prover/layers/rmsnorm, FinalSpec) whose input claims
//     on H_sel go to the checkpoints by a sparse selection
//     (residual.ProveSelected).
//
// The output binding (prover/layers/output) is a separate gadget on the
// committed logits.
package head
