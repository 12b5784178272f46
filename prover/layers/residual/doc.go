// Package residual holds the checkpoint gadget of PROTOCOL §7.8, §7.9 and
// §8.4: it commits the checkpoints R = (R_0, …, R_L) as one tensor
// [D, T, L+1] (slot s = R_s, scale 2^16) and proves
//
//   - the residual stream of every layer at once: R_{ℓ+1} = R_ℓ + a_ℓ + f_ℓ
//     (a = attention output after o_proj, f = FFN output, both committed by
//     their gadgets as range-checked rescale quotients). At a fresh point
//     (u over [D, T], v over the layer bits) the slot values y_s = R(u, s)
//     are sent (layers.SlotValues, folded into one pool claim on R), and the
//     DLC checks Σ_{ℓ<L} eq(v,ℓ)·(y_{ℓ+1} − y_ℓ) − a(u,v) − f(u,v) = 0, with
//     a(u,v), f(u,v) opened through their limbs. The relation is linear in
//     committed data and holds on padded layers and positions (all zero), so
//     one random point is sound (≤ (log D + log T + log L)/r).
//   - the embedding of the public tokens (§7.9): R_0[t][j] = 2^(16−e_E)·E[s_t][j].
//     At a fresh (u_j, u_t): y_0 = R_0(u_j, u_t) from the slot values, and a
//     sparse-selection sumcheck over the vocabulary v (d = 2)
//     y_0·2^−(16−e_E) = Σ_v a(v)·E(u_j, v), a(v) = Σ_{t<T} eq(u_t,t)·[s_t = v],
//     which the verifier evaluates at ρ as Σ_t eq(u_t,t)·eq(ρ, s_t) in
//     O(T·log V). The claim E(u_j, ρ) goes to the weight pool (tensor
//     "embed", axes [D, V]).
//
// R needs no range check of its own: R_0 is an int16 weight times a public
// power of two and every later slot adds two range-checked A32 terms, so
// |R_ℓ| < 2^31·(1 + 2ℓ) (< 2^39 for ℓ < 128, §9.1).
//
// Transcript order: pt/u (inner), pt/v (layer) → ckpt/y, ckpt/v, claim/value
// (a limbs), claim/value (f limbs); then pt/u (embedding point) → ckpt/y,
// ckpt/v → the selection sumcheck (sc/*).
package residual
