// Package kernels is the one cgo package: the CUDA implementation of
// prover/backend.Backend behind the `cuda` build tag. Without the tag it
// registers a stub that reports ErrNoGPU, so backend.Select runs the CPU
// reference and says why. Only cmd/zkllm imports this package.
//
// # Layout
//
//   - cuda/: the CUDA sources, one translation unit (zk_kernels.cu) built by
//     cuda/build.sh into cuda/build/libzkllmcuda.a for sm_80 and sm_90.
//     zk_field.cuh (Montgomery arithmetic, bit-identical to gnark-crypto's
//     fr and fp Element), zk_g1.cuh (G1 Jacobian arithmetic with gnark's
//     formulas and special cases, so even the coordinates match),
//     zk_constants.cuh (generated from gnark's moduli by internal/constgen),
//     zk_exec.cuh (device or host-emulated execution), zk_api.h (the C
//     interface: every function returns a zk_status struct).
//   - cuda.go (tag cuda): the Backend over the C interface; plan.go (always
//     built, tested without CUDA): memory planning.
//
// # Invariants
//
//   - Kernels take vectors, never the transcript; Go combines partial
//     results (reduction partials, chunk sums, MSM windows by Horner's rule)
//     with gnark-crypto, so every result equals the CPU backend's bit for bit
//     and proof bytes do not depend on the backend.
//   - Every C call copies its inputs to the device and its outputs back into
//     Go memory before it returns; C never keeps a Go pointer (checked with
//     GOEXPERIMENT=cgocheck2 in CI).
//   - Memory planning: a call keeps at most Plan.Budget bytes on the device
//     (3/4 of the free memory at Open). Longer tensors are streamed in
//     independent chunks (elementwise ranges, pair ranges of folds and
//     rounds, 2^low blocks of an eq table scaled by eq(u_high, h), point
//     ranges of an MSM), so results never depend on the budget.
//   - Every kernel is a grid-stride functor run by Exec on the GPU or, in
//     ZK_MODE_EMULATE, sequentially on the host: CI checks the very kernel
//     code against the CPU backend without a GPU (OpenEmulator), and the
//     same tests run on the device when one is present (Open). On a machine
//     with /dev/nvidia0 or ZKLLM_REQUIRE_GPU=1, "no device" fails the tests.
//   - No device (cudaErrorNoDevice, or no driver) is ErrNoGPU wrapping
//     backend.ErrNoDevice: the caller falls back to the CPU. Open also runs a
//     one-kernel self-check against gnark-crypto, so a GPU the kernels were
//     not built for fails at Open, not in the middle of a proof.
//   - A chunk whose device allocation fails is retried in halves
//     (ErrDeviceMemory); any other CUDA error is returned.
//
// See docs/cuda.md for building, testing and what runs where.
package kernels
