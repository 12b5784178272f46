// Package models embeds the model files that zkllm ships, so that the demo and
// the tests need no download and no path: today the stories260K llama2.c
// checkpoint and its tok512 tokenizer (see stories260K/ATTRIBUTION and
// stories260K/LICENSE).
//
// Invariant: every accessor checks the embedded bytes against the SHA-256
// published with the model before returning them, so a corrupted build can
// never feed wrong weights to the prover silently.
package models
