// Package spec owns the canonical, versioned byte encodings of a model's
// manifest and spec (PROTOCOL §1.1, §9; docs/model-formats.md), their
// digests, and model_id.
//
//   - Manifest: architecture, quantization parameters (per-tensor exponents),
//     tokenizer digest, and the SHA-256 of every source file. Its SHA-256 is
//     the manifest digest, what the on-chain record binds.
//   - Spec: generator version, c_W, architecture, every fixed-point constant
//     of §7–§9, the quantization parameters and the lookup tables with their
//     SHA-256. Its SHA-256 is spec_hash, the first statement field.
//   - model_id = SHA-256(manifest digest ‖ vk-file SHA-256).
//
// Invariants: encodings are canonical — Unmarshal accepts a byte string only
// if re-encoding the decoded value reproduces it exactly, so every value has
// one encoding and digests are well defined. Every length is bounded before
// anything is allocated. All integers are big-endian (PROTOCOL §2.5).
package spec
