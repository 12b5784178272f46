// Package qkv is the "qkv" layer gadget (PROTOCOL §7.5, §8.5 steps 2–3):
// Q_r = rescale(RoPE(x1·W_qᵀ), e_q+18), K_r = rescale(RoPE(x1·W_kᵀ), e_k+18)
// (FormatQK, A23 at 2^12) and V = rescale(x1·W_vᵀ, e_v+4) (FormatV, A24),
// stacked over layers, with GQA (K and V have Hkv heads: [Dh·Hkv, T, L]).
//
// # Objects
//
//   - Rope: the RoPE step of one projection, q_rot = C ⊙ q_acc + S ⊙
//     rot(q_acc), rot(q)[k] = (2k_b − 1)·q[k ⊕ 2^b] with the model's pairing
//     bit b (model.Config.RopePairBit: 0 for llama2.c pairs (2i, 2i+1),
//     log Dh − 1 for HF rotate_half). C and S come from prover/model/rope
//     (round(2^14·cos/sin(t·ω_pair(k)))), broadcast over heads and layers,
//     zero at padded positions. The verifier evaluates C(ρ), S(ρ) itself in
//     O(T·Dh/2) (PublicAt): C is constant along bit b, the head and layer
//     bits, so only eq over the in-head bits without b and over the
//     position bits remain.
//   - Gadget: commits the limbs of Q_r, K_r, V and their remainders
//     (advice, tensor names layers.TensorQ/K/V); x1 (layers.TensorX1,
//     FormatAct) is committed by the attention RMSNorm gadget.
//
// # Protocol (transcript order)
//
//	Q: u ← pt/u (fresh, on Q_r); RescaleAt → claim on q_rot(u)
//	   Hadamard Σ_x eq(u,x)·[C·q_acc + S·rot(q_acc)] (d = 3; C, S public)
//	       → ⟦q_acc(ρ)⟧, ⟦rot(q_acc)(ρ)⟧
//	   P→ ⟦a_0⟧, ⟦a_1⟧ = q_acc(ρ with ρ_b := 0 / 1) (rope/a); DLC:
//	       ⟦q_acc(ρ)⟧ = (1−ρ_b)a_0 + ρ_b·a_1,  ⟦rot(ρ)⟧ = ρ_b·a_0 − (1−ρ_b)·a_1
//	   τ ← rope/tau; claim q_acc(ρ[b := τ]) = (1−τ)a_0 + τ·a_1
//	V: u_o ← pt/u; RescaleAt at (u_o ‖ ρ_t ‖ ρ_ℓ), q's token/layer point
//	matmul.Layer [wq, wv] on x1 (one stacked sumcheck, μ ← stack/mu)
//	    → claim on x1 → SettleChecked (limb openings, advice pool)
//	K: as Q on K_r (its own fresh point), then matmul.Layer [wk] on x1
//	    → SettleChecked
//
// K is not fused with q and v: its matmul claim sits at K's own token point
// after its RoPE reduction (RoPE binds k's position coordinates to another
// challenge than q's), so the three cannot share one token point.
//
// # Invariants
//
//   - Every claim is registered; Prove fails / Verify rejects with any open.
//   - Both rescales of Q_r and K_r range-check quotient and remainder (A23,
//     Signed(e+18)); V's likewise (A24, Signed(e+4)).
//   - The witness is computed from the accumulators exactly as
//     prover/model/fixed does (128-bit path beyond 2^46), and the tests
//     check it equals fixed's Q_r, K_r and V.
//   - A prover using other RoPE positions or another pairing bit is
//     rejected (attack 14): C, S and b are the verifier's own.
package qkv
