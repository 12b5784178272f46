// Package backend is the compute interface of the prover's hot loops and its
// CPU implementation, which is always built and is the reference every other
// implementation (the CUDA kernels in package kernels, build tag `cuda`) is
// checked against bit for bit.
//
// # Objects
//
//   - Backend: field-vector ops (Add, Sub, Mul, ScalarMul, InnerProduct, Sum,
//     BatchInverse), MLE folding and eq tables (Fold, EqTable), sumcheck round
//     sums for sums of products of up to four MLEs with optional eq weights
//     (RoundSums), one layer of the LogUp-GKR fractional-sum tree (FracLayer)
//     and G1 multi-scalar multiplication, full-width and small signed
//     (MSM, MSMSmall).
//   - CPU: the reference, delegating to package field, mle, pedersen and
//     gnark-crypto.
//   - Select / Default: the run-time choice. An accelerator registers itself
//     (RegisterAccelerator, from package kernels); Select tries it and falls
//     back to the CPU when it reports no device, logging one line that says
//     which backend runs and why. ZKLLM_BACKEND=cpu forces the CPU.
//
// # Invariants
//
//   - Every method returns exactly the value the CPU backend returns (field
//     results are canonical Montgomery elements; points are compared as
//     points), so proof bytes never depend on the backend.
//   - Kernels take vectors, never the transcript: Fiat–Shamir stays in Go.
//   - Conventions are package mle's: tables are LSB-first, Fold binds x_0
//     (pairs 2i, 2i+1), EqTable's u_0 is the least significant index bit.
//     FracLayer pairs x with x + half, as tlookup's tree (PROTOCOL §6.4).
//   - Methods validate shapes and return errors (ErrShape) instead of
//     panicking; an accelerator failure is returned, never silently retried.
//
// The prover's packages do not call this interface yet: wiring the
// sumcheck engine, tlookup and pedersen to it is a follow-up (docs/cuda.md).
package backend
