// Package params holds the public fixed-point parameters of PROTOCOL §7–§9:
// the scales and rescale shifts, κ, the softmax digit split k0 and the INDC
// width w_I. Both the witness side (prover/model/fixed) and the public side
// (prover/model/spec, the verifier) read them from here, so the verifier
// never has to import the package that computes witnesses.
package params
