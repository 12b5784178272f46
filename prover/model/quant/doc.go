// Package quant quantizes a model's float32 weights to int16 per PROTOCOL §9.1.
//
// Each tensor gets one exponent e: the largest integer in [MinExp, MaxExp]
// (MaxEmbeddingExp for the embedding, PROTOCOL's e_E ≤ 16) such that
// roundHalfEven(max|w|·2^e) ≤ 2^15 − 1; then w_q = roundHalfEven(w·2^e). This
// is §9.1's "max with max|w|·2^e < 2^15", tightened by the rounding so that no
// value can round up to 2^15 and leave int16 (SRANGE_16). An all-zero tensor
// gets MaxExp. w·2^e is exact in float64 (a float32 times a power of two), so
// the result is bit-identical on every platform.
//
// Per-layer tensors of one role ("layers.ℓ.wq" for every ℓ) share one
// exponent, the smallest of their per-layer exponents, so the layer-stacked
// proof (PROTOCOL §8.4) rescales every layer by the same public shift.
//
// Invariants of a *Model: tensors are in spec order (model.Model.Tensors),
// every Data has the length of its Shape, exponents are within bounds.
package quant
