// Package prover is the root of zkllm's proof system: the packages below it
// hold one mathematical object each (field tensors and MLEs, the transcript,
// commitments, sumcheck, lookups, layers, the model) and together prove that a
// committed LLaMA-style model produced a given output. Nothing under prover/
// imports chain, IPFS, go-ethereum or boxo code.
package prover
