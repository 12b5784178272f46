// Package fixed is the fixed-point forward pass that the prover proves
// (PROTOCOL §7–§9): integer weights from package quant, integer activations,
// every rounding an explicit rescale, every nonlinearity a table lookup into
// the very tables of prover/tables. It is the prover's witness generator and
// the test oracle for the layer gadgets.
//
// Per token and layer ℓ (scales in brackets, e the exponent of the weight used):
//
//	R_0       = 2^(16−e_E)·E[s_t]                                     [2^16]
//	x1        = RMSNorm(R_ℓ; g_att)                                   [2^16]
//	Q_r, K_r  = rescale(RoPE(x1·Wᵀ), e+18)   (C, S from package rope) [2^12]
//	V         = rescale(x1·W_vᵀ, e+4)                                 [2^12]
//	Z         = Q_r·K_rᵀ (GQA: query head h reads KV head h/(H/H_kv)) [2^24]
//	ẑ, Y      = zkAttn softmax (below)                                [θ = 2^22]
//	O         = rescale(Y·V, 18)                                      [2^16]
//	a         = rescale(O·W_oᵀ, e);  h1 = R_ℓ + a                     [2^16]
//	x2        = RMSNorm(h1; g_ffn)                                    [2^16]
//	u         = rescale(x2·W_1ᵀ, e+6);  s = SILU(u)                   [2^10 → 2^16]
//	up        = rescale(x2·W_3ᵀ, e);  p = rescale(s⊙up, 16)           [2^16]
//	f         = rescale(p·W_2ᵀ, e);  R_{ℓ+1} = h1 + f                 [2^16]
//	logits    = rescale(RMSNorm(R_L; g_final)·W_lmᵀ, e)               [2^16]
//
// rescale(X, k) = ⌊(X + 2^(k−1)) / 2^k⌋ exactly (§7.2: floor, never truncation;
// 128-bit intermediates where §9.3 allows products beyond int64).
// RMSNorm (§7.4): S = Σ h², u = S + κ with κ = round(d·ε·2^32), ρ = ⌊√(d·2^64/u)⌋
// (the unique ρ with ρ²u ≤ d·2^64 < (ρ+1)²u), x = rescale(h·ρ·g, 16 + e_g).
// Softmax (§7.7): for query row i, ẑ is the least z ≥ max_{j≤i} Z_ij with
// Σ_{j≤i} Y_ij(z) ≤ θ, found exactly (digit-aligned bracket, then a weighted
// selection over the points where a digit switches; the sum is non-increasing in z,
// so the answer is unique); v = ẑ − Z_ij = x0 + 2^k0·x1 + 2^(k0+16)·x2,
// Y_ij = (θ − EXPC(x1))·(1 − [x2 ≠ 0]); masked (future) entries are 0.
//
// Every value is checked against its §9.1 format (A32, A23 for Q_r/K_r, A24 for
// V and logits, A20 for u, ρ < 2^26, |R| < 2^39); a violation is an
// ErrOverflow naming the tensor, layer, position and index, never a silent
// wrap. The engine is deterministic: integers and pinned tables only.
// With Options.RecordWitness it records every intermediate tensor (Witness);
// Forward runs the teacher-forced pass the proof covers and returns it.
package fixed
