// Package synth generates synthetic models with LLaMA-2-7B layer shapes (any
// number of layers) and random weights, for benchmarks of commitment, proving
// and inference at realistic sizes.
//
// Randomness: Quantized and Float draw their seed from crypto/rand. The
// seeded variants exist for tests and benchmarks that need the same model
// twice; they are not reachable from the CLI. Weights come from ChaCha8
// (math/rand/v2) keyed by the seed, so a seed fixes the model everywhere.
//
// Quantized weights are uniform int16 in [−2^15+1, 2^15−1] with exponents
// that put the float values near a trained model's scale (linear 1/√d_in,
// norms ≈ 1, embedding ≈ 1); it is built directly as int16 (2 bytes a weight:
// 400 MB per 7B layer) without a float copy.
package synth
