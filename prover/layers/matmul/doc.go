// Package matmul is the weight matmul component of the layer gadgets
// (PROTOCOL §5.4, §8.4, §8.5 [R]): it reduces claims on virtual matmul
// accumulators to a claim on the shared input X and settles the weight
// claims itself.
//
// # Objects
//
//   - Layer: weights m = 1…M (role, output width) sharing one layer-stacked
//     input X of shape [In, T, L] (layers.Dims.Act). Accumulator m is
//     Y_m(o, t, ℓ) = Σ_i X(i, t, ℓ)·W_m,ℓ(i, o), W_m,ℓ the weight-blob
//     tensor layers.WeightName(ℓ, role) with LSB-first shape [In, Out_m].
//     The claims on the Y_m must share the token and layer point:
//     (u_o^m ‖ u_t ‖ u_ℓ) (q/v fused on x1, gate/up fused on x2).
//   - Model: one model-level weight (lm_head: X = xf over the G selected
//     positions, weight "embed" when the classifier is shared, else
//     "lm_head"); no layer axis.
//   - PartialEvalMiddle: the prover's partial evaluation of X at u_t on its
//     middle (position) axis, in one pass over X skipping zero entries.
//     Each weight is folded at its output point in place in the weight blob
//     (layers.Prover.PartialEvalHigh), never copied.
//
// # Protocol (Layer, transcript order)
//
//	μ_1…μ_M ← stack/mu (none when M = 1: μ = 1)
//	sumcheck over (i, ℓ): Σ_m μ_m·Y_m = Σ_{i,ℓ} eq(u_ℓ, ℓ)·X̃(i, ℓ)·W̃(i, ℓ),
//	    X̃(i, ℓ) = X(i, u_t, ℓ), W̃ = Σ_m μ_m·W_m,ℓ(i, u_o^m); d = 3 (E, X̃ and
//	    W̃ all depend on ℓ), d = 2 when L = 1 (no layer variable, no E)
//	    → ⟦X̃(ρ)⟧, ⟦W̃(ρ)⟧ (one product proof)
//	P→ ⟦W_m(ρ_i, u_o^m, ρ_ℓ)⟧ for every m (mm/w, one absorb)
//	DLC: Σ_m μ_m·⟦W_m⟧ − ⟦W̃(ρ)⟧ = 0
//	each ⟦W_m⟧ → layers.SettleLayers (one ⟦W_m,ℓ(ρ_i, u_o^m)⟧ per real layer,
//	    pooled on the weight blob; padded layers are zero by construction)
//	⟦X(ρ_i, u_t, ρ_ℓ)⟧ is returned to the caller (its producer settles it)
//
// Model: the inner product Σ_i X(i, u_g)·W(i, u_o) (d = 2) → ⟦X(ρ, u_g)⟧
// (returned) and ⟦W(ρ, u_o)⟧ (weight pool).
//
// # Invariants
//
//   - Every accumulator claim is consumed here and every derived claim is
//     registered in the proof's ledger; only the returned X claim is left
//     to the caller, who must settle it (or the proof fails to close).
//   - All counts (rounds, weights, layers) come from the public shapes; a
//     claim whose point has the wrong length or another token/layer point
//     than the first is a gadget error, never silently combined.
//   - Padding: X's padded entries are zero (the engine's padding check), so
//     padded rows/columns of a weight cannot change an accumulator; padded
//     layers of a stacked weight are zero because SettleLayers sums only the
//     real layers.
package matmul
