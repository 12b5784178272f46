// Package model holds the in-memory form of a LLaMA-architecture model as the
// loaders produce it: the architecture (Config) and float32 weights (Model),
// with validation of both.
//
// Subpackages:
//   - llama2c: llama2.c checkpoints (legacy and v1 headers) and tokenizer files;
//   - safetensors, hf: the Hugging Face layout (config.json + *.safetensors +
//     tokenizer.json) and a converter writing a Model in that layout;
//   - tokenizer: llama2.c-exact BPE encode/decode;
//   - bpe: tokenizer.json BPE tokenizers (Llama 2 byte fallback, Llama 3 /
//     GPT-2 byte-level), checked against a reference implementation;
//   - quant: int16 per-tensor quantization (PROTOCOL §9.1);
//   - spec: the canonical manifest and spec encodings, spec_hash, model_id;
//   - rope: the integer RoPE tables; floatref: the float32 reference forward
//     pass; fixed: the fixed-point forward pass the prover proves (and its
//     witness); sample: decoding rules (greedy, Gumbel-max, top-k);
//   - synth: LLaMA-2-7B-shaped synthetic models for benchmarks, and synthetic
//     checkpoints of SmolLM2-135M, TinyLlama-1.1B and Llama-3.2-1B.
//
// Config.RopeScaling carries Llama 3.1/3.2's "llama3" frequency scaling; it
// is part of the architecture (spec and manifest version 2).
//
// Invariants: a *Model returned by a loader has passed Validate, so every
// weight slice has exactly the length its Config implies; matrices are
// row-major [out][in]. Tensors() lists the tensors in spec order, the order
// that the manifest, the spec and the weight blob use.
package model
