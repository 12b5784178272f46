// Package bpe is the tokenizer of Hugging Face tokenizer.json files with a
// BPE model, as LLaMA-family checkpoints ship them:
//
//   - SentencePiece-style BPE with byte fallback (Llama 2, TinyLlama):
//     normalizer Prepend("▁") + Replace(" " → "▁"), no pre-tokenizer,
//     pieces missing from the vocabulary become <0xXX> byte pieces;
//   - byte-level BPE (Llama 3, GPT-2, SmolLM): a Split pre-tokenizer with the
//     model's regular expression (lookaheads included, run by
//     github.com/dlclark/regexp2), an optional Digits split, then the
//     ByteLevel byte→character map; "ignore_merges" whole-word lookup.
//
// Encoding follows the reference pipeline (transformers.js, which agrees with
// the tokenizers crate on these files): split the text on added tokens
// (longest match first, lstrip/rstrip honoured); normalize, pre-tokenize and
// BPE-merge each remaining section (the lowest merge rank first, leftmost on
// ties); then the post-processor's template adds the model's special tokens
// (Llama 2's and Llama 3.1's templates add BOS; a plain ByteLevel
// post-processor adds nothing). The regular expressions are rewritten so
// that \s means ECMAScript's white space and the "(?i:'s|…)" contraction
// group is expanded to ASCII case pairs, as the reference does.
//
// Decoding runs the file's decoder chain (Replace, ByteFallback, Fuse, Strip,
// ByteLevel) without transformers' optional clean-up of spaces before
// punctuation; invalid UTF-8 becomes U+FFFD.
//
// Anything else in a tokenizer.json (other models, normalizers,
// pre-tokenizers, post-processors or decoders) is refused at Parse with the
// component named. Invariants of a *Tokenizer: ids are unique and below the
// vocabulary size; every merge's parts and result are in the vocabulary;
// a byte-level tokenizer has all 256 byte characters; the template's special
// tokens exist. Digest is the SHA-256 of a canonical encoding of exactly the
// parsed fields, so two files that parse to the same tokenizer share it.
package bpe
