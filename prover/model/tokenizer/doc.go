// Package tokenizer is a byte-level BPE tokenizer that encodes and decodes
// exactly as llama2.c's run.c: BOS, then (for non-empty text) the dummy-prefix
// space token, then each UTF-8 code point as its own piece when the vocabulary
// has it, otherwise its bytes as byte-fallback ids (byte + 3); then merges of
// the adjacent pair whose merged piece has the highest score (leftmost on
// ties) until none applies. Decoding drops the leading space of the piece
// after BOS and turns "<0xXX>" pieces into raw bytes.
//
// It also owns the llama2.c tokenizer file format (tok512.bin): int32
// max_token_length, then per token float32 score, int32 length, bytes; all
// little-endian. That encoding, re-emitted canonically, is what Digest hashes,
// so a tokenizer read from tokenizer.json and one read from a llama2.c file
// have the same digest exactly when they tokenize identically.
//
// Invariants of a *Tokenizer: ids 0..2 are <unk>, <s>, </s>; ids 3..258 are
// the byte pieces <0x00>..<0xFF>; no piece is empty or longer than
// MaxTokenLength; pieces are unique; scores are finite.
package tokenizer
