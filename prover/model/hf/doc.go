// Package hf reads and writes the Hugging Face LLaMA layout: config.json,
// model.safetensors (or shards listed by model.safetensors.index.json) and
// tokenizer.json.
//
// Weights keep the HF convention: q_proj/k_proj rows are in rotate_half order,
// so a loaded model has RopePairBit = log2(head_size) − 1 (PROTOCOL §7.5's
// pairing bit); Convert permutes llama2.c's interleaved rows into that order,
// so both layouts compute the same function and quantize to the same
// exponents. The FFN maps gate_proj → w1, up_proj → w3, down_proj → w2.
//
// Tokenizer: tokenizer.json must hold a byte-fallback BPE model. Its
// vocabulary becomes a llama2.c-style scored vocabulary ("▁" read as a space):
// a piece produced by merge number r gets score −r, a piece no merge produces
// gets −1e10, which llama2.c's encoder never merges into; encoding then follows
// package tokenizer (run.c's rules). For tokenizers converted from
// SentencePiece BPE (LLaMA's), merge order and piece order agree, and this
// reproduces their tokenization.
//
// Validation: config.json must describe a LLaMA (model_type "llama", silu, no
// rope_scaling, no biases); every expected tensor must be present exactly once
// with the right shape, unexpected ones are errors (except rotary inv_freq
// buffers); every file is size-bounded before it is read.
package hf
