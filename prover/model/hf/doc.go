// Package hf reads and writes the Hugging Face LLaMA layout: config.json,
// model.safetensors (or shards listed by model.safetensors.index.json, in
// F32, F16 or BF16) and tokenizer.json.
//
// Families: Llama 2, TinyLlama, Llama 3.0/3.1/3.2 (rope_scaling with
// rope_type "llama3" becomes model.RopeScaling), SmolLM/SmolLM2
// (tie_word_embeddings: the embedding is the one committed matrix that also
// serves as lm_head), grouped-query attention, and any head size with a
// pinned softmax table (for one that is no power of two, q/k rows are read
// from rotate_half into the interleaved order, pair bit 0). Everything else is refused by a sentence
// naming the config.json field: another model_type or architecture, biases,
// sliding windows, other rope types, mixtures of experts, partial RoPE, a
// head_dim other than hidden_size/num_attention_heads.
//
// Weights keep the HF convention: q_proj/k_proj rows are in rotate_half order,
// so a loaded model has RopePairBit = log2(head_size) − 1 (PROTOCOL §7.5's
// pairing bit); Convert permutes llama2.c's interleaved rows into that order,
// so both layouts compute the same function and quantize to the same
// exponents. The FFN maps gate_proj → w1, up_proj → w3, down_proj → w2.
//
// Tokenizer: tokenizer.json is read by package bpe (SentencePiece-style
// byte-fallback BPE and byte-level BPE, added tokens, the post-processor's
// BOS rule); EOS ids come from config.json's eos_token_id.
//
// Memory: a weights file is opened, its safetensors header checked against
// the file size, and its SHA-256 taken by streaming; tensors are then
// streamed in 4 MiB chunks. Load builds float32 weights; LoadQuantized goes
// straight to int16 (or, for an import, to the exponents alone), so no
// float32 copy of a model is ever made. Every expected tensor must be present
// exactly once with the right shape, unexpected ones are errors (except
// rotary inv_freq buffers and an lm_head equal to a tied embedding); JSON
// files are size-bounded before they are read.
package hf
