// Package attnout is the "attn_out" layer gadget (PROTOCOL §8.5 step 6):
// a = rescale(O·W_oᵀ, e_o), committed through its limbs (layers.TensorA,
// FormatAct, A32 at 2^16), stacked over layers.
//
// # Objects
//
//   - Gadget: the public dims and W_o's exponent (one per role across
//     layers); the prover side holds the fixed-point witness (AAcc).
//   - O (layers.TensorO, FormatAct) is the attention gadget's rescale
//     quotient; its claim is settled here through its limbs
//     (SettleChecked), W_o's through the weight pool (SettleLayers).
//
// # Protocol (transcript order)
//
//	u ← pt/u (fresh on a); RescaleAt: ⟦a(u)⟧ limbs, ⟦rem(u)⟧ limbs (pool)
//	    → claim on the accumulator O·W_oᵀ at u
//	matmul.Layer [wo] on O: stacked sumcheck over (i, ℓ), d = 3
//	    → ⟦W_o(ρ_i, u_o, ρ_ℓ)⟧ (mm/w) → SettleLayers
//	    → claim on O(ρ_i, u_t, ρ_ℓ) → SettleChecked (O's limbs, pool)
//
// # Invariants
//
//   - Quotient and remainder are both range-checked (A32; Signed(e_o)).
//   - Every claim is registered and settled here; the residual gadget
//     reads a through its own claims (SettleChecked on the same limbs).
package attnout
