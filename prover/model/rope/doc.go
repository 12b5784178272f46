// Package rope generates the integer RoPE tables of PROTOCOL §7.5:
// C[t][i] = round(2^14·cos(t·ω_i)) and S[t][i] = round(2^14·sin(t·ω_i)) with
// ω_i = base^(−2i/d_h), for positions t < T and pair indices i < d_h/2
// (element k of a head has pair index π(k), see model.Config.RopePairIndex).
//
// Determinism: everything is computed with math/big.Float at Prec bits — the
// exponential and logarithm from prover/tables, cosine and sine here (π by
// Machin's formula, reduction mod 2π, Taylor series at a small argument and
// double-angle steps) for e^{iω}, then e^{iωt} by repeated complex
// multiplication — and rounded half to even. No platform float enters,
// so prover and verifier build identical tables everywhere.
//
// Layout: both tables are row-major [t][i], i.e. index t·(d_h/2) + i; values
// lie in [−2^14, 2^14].
package rope
