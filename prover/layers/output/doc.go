// Package output proves the output binding of PROTOCOL §7.11: every bound
// token o_g = s_{P+g} (public, g < G) is the one the statement's decoding
// rule (package prover/model/sample) emits from the committed logits ℓ
// [V, G] (layers.TensorLogits, A24 limbs, committed by the final head).
//
// # Objects
//
//   - score = κ·ℓ + N with N[g][v] = round(2^24·(−ln(−ln U))) from the
//     seed (Gumbel-max, sample.Noise); greedy is κ = 1, N = 0.
//   - Δ[g][v] = b·(m_g − score[g][v] − [v < o_g]) ≥ 0, committed with range
//     limbs (Unsigned(25): 2 limbs for greedy; Unsigned(bitlen(κ·2^24 +
//     2^29)) when sampling, 3 limbs at temperature 1), m_g = score[g][o_g]
//     virtual; b ≡ 1 without top-k. Δ ≥ 0 on every real (v, g) proves o_g is
//     the first maximizer (ties to the lowest id).
//   - Top-k (sample.Candidates): key_v = ℓ_v·V_pad + (V_pad − 1 − v)
//     (unique), committed bits b ∈ RANGE_1, threshold τ_g (Signed(25+log
//     V_pad)) and A = b·(key − τ), B = (1−b)·(τ − 1 − key), both range
//     checked (Unsigned(25+log V_pad)): b = [key ≥ τ].
//
// # Protocol, in transcript order
//
//  1. w ← zc/w over [V, G] (with top-k: μ ← out/mu). One zero-check
//     0 = Σ eq(w,x)·V_V(v)·V_G(g)·(R1 + μ·R2 + μ²·R3) with
//     R1 = Δ − b·(κ·m − κ·ℓ + N_o − N − LT), R2 = A − b·(key − τ),
//     R3 = B − (1−b)·(τ − 1 − key); LT = [v < o_g] (its MLE
//     Σ_g eq(ρ_g,g)·LTc(ρ_v; o_g), O(G log V)), N (O(G·V), the verifier's
//     own), N_o(g) = N[g][o_g] and I(v) = v are public. d = 3 (4 with
//     top-k) → claims Δ, m (at ρ_g), ℓ, and b, τ, A, B.
//  2. The m claim goes to the sparse selection Σ_{v,g} a(v,g)·ℓ(v,g) with
//     a = eq(ρ_g,g)·[v = o_g] (the verifier evaluates a(ρ') in O(G log V))
//     → a claim on ℓ.
//  3. Top-k: r_g ← pt/u, μ1, μ2 ← out/mu; Σ_{v,g} eq(r_g,g)·(μ1 + μ2·[v =
//     o_g])·b(v,g) = (μ1·k + μ2)·V_G(r_g) proves Σ_v b_v = k and b(o_g) = 1
//     on every real row (b is zero on padded ids and rows: the engine's
//     padding check) → a claim on b.
//  4. Every claim is settled through its limbs (SettleChecked).
//
// # Invariants
//
//   - No wrap: |score| < 2^48, Δ, A, B < 2^50 ≪ r/2, so the relations hold
//     over the integers.
//   - The witness exists exactly for sample.Rule.Choose's token (tested for
//     every id of every row); any other token needs an out-of-range value
//     and is rejected (non-maximal token, tie broken upward, changed seed,
//     token outside the top-k: attacks 17, 18).
//   - The seed must be fixed before the prover sees the prompt (§7.11
//     MUST); this package only computes with it.
package output
