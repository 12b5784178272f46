// Package llama2c reads and writes llama2.c checkpoints and tokenizer files.
//
// Checkpoint formats (all little-endian):
//   - legacy (v0): seven int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads,
//     vocab_size, seq_len; a negative vocab_size means an unshared classifier),
//     then float32 token_embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3,
//     rms_final, the legacy RoPE table (seq_len·head_size/2 cos, then sin; skipped,
//     since RoPE is computed from positions), then the classifier if unshared;
//   - v1: a 256-byte header (uint32 magic 0x616b3432 "ak42", int32 version 1, the
//     seven int32, uint8 shared_classifier, zero padding), then float32 rms_att,
//     rms_ffn, rms_final, token_embedding, wq, wk, wv, wo, w1, w2, w3 and the
//     classifier if unshared. (Version 2, Q8_0, is rejected.)
//
// Invariants: the file size must equal exactly what the header implies; it is
// checked before any weight is allocated, so a hostile header cannot cause an
// allocation larger than the input. Every weight must be finite. llama2.c fixes
// RMSNorm ε = 1e-5, RoPE base 10000 and pairs (2i, 2i+1), so the returned
// Config carries those.
package llama2c
