// Package floatref is the float32 reference forward pass of a LLaMA-style
// model, a line-by-line equivalent of llama2.c's run.c (RMSNorm with ε inside
// the root, RoPE on pairs chosen by the Config's pair bit, grouped-query causal
// attention with a 1/√d_h scale, SwiGLU FFN), with a KV cache.
//
// It is the accuracy yardstick for the fixed-point inference the prover
// proves; it is never part of a proof. Its float32 results may differ in the
// last bits across platforms (Go may fuse multiply-adds on some
// architectures); the fixed-point inference is what must be bit-exact.
package floatref
