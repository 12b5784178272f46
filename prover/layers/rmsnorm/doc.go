// Package rmsnorm proves RMSNorm with the reciprocal root (PROTOCOL §7.4):
// the component Norm, used for the final norm on the G selected rows
// (§7.10, FinalSpec), and the two layer gadgets "attn_norm" and "ffn_norm"
// stacked over layers (Gadget, LayerSpec; §8.4, §8.5 steps 1 and 7).
//
// # Objects
//
// For an input h of shape [D, Rows…] (Rows = [T, L] for the layer norms,
// [G] for the final norm) and a norm weight g (per layer when stacked, one
// exponent e_g across layers), each row has
//
//	S = Σ_j h_j²,  u = S + κ,  K = d·2^64,  ρ = ⌊√(K/u)⌋,
//	e_1 = K − ρ²u ∈ [0, 2^96),  e_2 = (ρ+1)²u − K − 1 ∈ [0, 2^96),
//	x = rescale(h ⊙ (ρ ⊗ g), 16 + e_g) ∈ A32.
//
// Committed (advice, through range-checked limbs): ρ (FormatRho, 2 limbs),
// e_1 and e_2 (FormatNormE, 6 limbs each), x's quotient (FormatAct) and
// remainder (Signed(16+e_g)). S, u, h·ρ·g are virtual; h is the caller's
// (the checkpoints' In view R_ℓ for attn_norm, h1 = R_ℓ + a for ffn_norm,
// the selected rows for the final norm).
//
// # Protocol, in transcript order
//
//  1. u ← pt/u over [D, Rows…]; x's rescale at u (limbs of x and its
//     remainder, pool claims) gives ⟦X(u)⟧ with X = h·ρ·g.
//  2. w ← zc/w over Rows, μ ← rms/mu; the floor-sqrt zero-check
//     0 = Σ_r eq(w,r)·V(r)·[e_1 + ρ²u − K + μ(e_2 − (ρ+1)²u + K + 1)] with V
//     the real-row mask ([t<T]·[ℓ<L]), d = 5, products ρ·ρ, ρ²·u, ρ·u →
//     claims e_1, e_2, ρ, u at r_z.
//  3. β ← rms/mu; one sumcheck for X(u) + β·S(r_z), S(r_z) = u(r_z) − κ:
//     Σ_x eq(u,x)·h(x)·ρ(rows)·g(col, ℓ) + β·eq(r_z, rows)·h(x)² — the
//     output Hadamard and the stacked sum of squares (squaring does not
//     commute with the MLE) in one instance. ρ is broadcast over columns, g
//     over positions, so d = 3 on one layer (four factors) and d = 4
//     stacked (every factor depends on ℓ), declared through per-variable
//     factor supports (sumcheck.Instance.Support); products h·ρ, hρ·g,
//     h·h → claims h(ρ), ρ(ρ_rows), g(ρ_col, ρ_ℓ).
//  4. Settlement: e_1, e_2, ρ (twice) by their limbs (SettleChecked); g by
//     SettleLayers (stacked) or the weight pool; h by the caller:
//     attn_norm through SlotViews (In view), ffn_norm through SlotViews
//     plus ⟦a(u)⟧ opened by its limbs (h1 = R_ℓ + a, §7.8).
//
// # Invariants
//
//   - No wrap: ρ < 2^26, u < 2^92, e's < 2^96, so every term is < 2^145 <
//     r/2 and the zero-check's relations hold over the integers; with the
//     ranges, ρ is the unique floor root (a free reciprocal root, attack
//     13, is rejected: see TestFreeReciprocalRootRejected).
//   - Padded rows are masked in the zero-check (V) and hold zero advice
//     (the engine's padding check); padded columns of h are zero, so x's
//     padding is zero too.
//   - The prover's witness equals prover/model/fixed's (ρ and x per entry;
//     the tests compare them).
package rmsnorm
