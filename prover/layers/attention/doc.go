// Package attention is the layer gadget "attention" (PROTOCOL §7.6–7.7,
// §8.5 steps 4–5): scores, the causal mask, the zkAttn softmax with its
// digit lookups and the row-sum band, and O = rescale(Y·V, 18), stacked
// over heads and layers in one set of sumchecks.
//
// # Objects
//
// Inputs (committed by the qkv gadget, limb tensors): Q_r [Dh·H, T, L],
// K_r and V [Dh·H_kv, T, L]. Axes are least significant first, so a point
// on Q_r is (k, h, t, ℓ) and one on the scores (j key, i query, h, ℓ).
//
//   - virtual: Z(j,i,h,ℓ) = Σ_k Q_r(k,h,i,ℓ)·K_r(k,h/G,j,ℓ) at 2^24;
//     v = M ⊙ (ẑ·1ᵀ − Z); x_2 = (v − x_0 − 2^k0·x_1)/2^(k0+16) (the INDC
//     lookup's input column, not committed); Y = P ⊙ (θ − ȳ) ⊙ (1 − ῑ) with
//     P(j,i,h,ℓ) = [j ≤ i < T]·[h < H]·[ℓ < L]; the accumulator Y·V.
//   - committed (advice): ẑ [T,H,L] (attn.zhat); x_0 ∈ RANGE_k0, x_1, ȳ
//     with (x_1, ȳ) ∈ EXPC, ῑ with (x_2, ῑ) ∈ INDC_wI, all [T,T,H,L];
//     e ∈ RANGE_(log E) [T,H,L] (attn.e); O's quotient and remainder limbs.
//   - public: M(a,b) (mle.CausalMask, O(log T)); P (mle.CausalRowMask, a
//     3×3-state bitwise automaton, times prefix masks; O(log T + log H +
//     log L)); the head selection a(h') (GQA with a group that is not a
//     power of two; O(H)).
//
// # Protocol (transcript order, after phase B left the leaf claim on x_2)
//
//	(a) x_2(r) from the GKR leaves:
//	    P→ ⟦x_0(r)⟧, ⟦x_1(r)⟧ (attn/digits; pool)
//	    v(r) = 2^(k0+16)·x_2(r) + x_0(r) + 2^k0·x_1(r)
//	    Hadamard Σ_x eq(r,x)·M(j,i)·(ẑ(i,h,ℓ) − Z(x)), d = 3
//	      → ẑ(ρ_i,ρ_h,ρ_ℓ) (pool), Z(ρ)
//	    stacked matmul over (k, h, ℓ), E = eq((ρ_h,ρ_ℓ),·), d = 3, on
//	      Q_r(·,·,ρ_i,·) and K̃(·,·,ρ_j,·) → Q_r claim (limbs), K̃ claim
//	    heads: K̃ → K_r (see below)
//	O: u ← pt/u on O; RescaleAt (O's quotient and remainder limbs)
//	    stacked matmul over (j, h, ℓ), E = eq((u_h,u_ℓ),·), d = 3, on
//	      Y(·,u_i,·,·) and Ṽ(u_k,·,·,·) → Y(ρ_j,u_i,ρ_h,ρ_ℓ), Ṽ claim
//	    heads: Ṽ → V
//	band: w ← attn/w on [T,H,L]; P→ ⟦e(w)⟧ (attn/e; pool); μ ← attn/mu
//	(b) Hadamard μ_1·Y(u_Y) + μ·Σ_j Y(j,w) = Σ_x E(x)·P(x)·(θ − ȳ(x))·(1 − ῑ(x)),
//	    E = eq(u_Y, x) + μ·eq(w, x_top), claim ⟦Y(u_Y)⟧ + μ·(θ·V(w) − ⟦e(w)⟧),
//	    d = 4 → ȳ(ρ), ῑ(ρ) (pool)
//
// Heads (GQA). If G = H/H_kv is a power of two, K̃ and Ṽ are the KV tensor
// broadcast over the low log G bits of the query head, and the claim is the
// KV tensor at ρ_h without them (identity (b)). Otherwise the prover sends
// ⟦y_h'⟧ = ⟦X(…, h', …)⟧ for each KV head (attn/kv), the DLC checks
// X̃ = Σ_h' a(h')·y_h' with a(h') = Σ_{h<H, h/G = h'} eq(ρ_h, h), and a fresh
// v′ (attn/kvfold) folds the y_h' into one claim Σ_h' eq(v′,h')·y_h' on X at
// (…, v′, …) — H_kv commitments and one challenge.
//
// # Invariants
//
//   - Every claim is registered and settled through layers.Prover/Verifier
//     (pool, SettleChecked, Equate, Consume); no claim point has a ½ or
//     Boolean coordinate: the band's row sum is the sum over j that the
//     partial eq(w, x_top) leaves free, not a claim at (½,…,½, w).
//   - Y is zero on every padded query row, head and layer (P holds the full
//     validity mask, not V_L only), so the band is rowsum(Y) = θ·V − e with
//     V = [i < T]·[h < H]·[ℓ < L], and e = 0 on padded rows.
//   - The digits give ẑ ≥ max_j Z (v ≥ 0 on real entries; no wrap, since
//     x_0 + 2^k0·x_1 + 2^(k0+16)·x_2 < 2^(k0+16+w_I) ≪ r); the band gives
//     θ − E < rowsum ≤ θ, so ẑ cannot be raised (attack 11).
//   - Degrees are the per-variable maxima of §5.4: 3, 3, 3, 4.
//   - The prover's witness is derived from prover/model/fixed and checked
//     against it: Y and O equal the fixed pass entry by entry.
//   - The two scores-size sumchecks (v and the Y Hadamard, T²·H·L entries)
//     run on the gadget's own round kernels (vkernel.go, ykernel.go through
//     layers.Prover.SumcheckKernel): M·(ẑ − Z) and E·P·(θ − ȳ)·(1 − ῑ) as
//     one product each, pairs where the causal/validity mask (or W) is zero
//     on both sides skipped. They compute the engine's round polynomials,
//     so the proof is byte-identical to the generic engine's (tested); the
//     verifier is unchanged.
package attention
