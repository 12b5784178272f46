// Package kernels is the one cgo package: CUDA sources for the prover's hot
// loops (MSM, sumcheck, field vectors) behind the `cuda` build tag. Built
// without that tag, every entry point returns ErrNoGPU and callers fall back
// to the CPU reference in prover/, which every GPU result is checked against.
package kernels
