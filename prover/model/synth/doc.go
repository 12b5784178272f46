// Package synth generates synthetic models with LLaMA-2-7B layer shapes (any
// number of layers) and random weights, for benchmarks of commitment, proving
// and inference at realistic sizes; and synthetic checkpoints of today's
// LLaMA-family releases (families.go: SmolLM2-135M, TinyLlama-1.1B,
// Llama-3.2-1B with their published config.json) written to disk as a
// Hugging Face folder (mixed BF16/F16/F32 shards with an index) or a llama2.c
// file, weights streamed at Realistic scales, for import, commit, precision
// and memory tests. No hub is reachable: these stand in for the real weights.
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
