// Common definitions for the zkllm CUDA sources. Every arithmetic function is
// __host__ __device__ so that the same code runs in kernels on the GPU and,
// compiled by nvcc as host code, in the host tests and the host emulator
// (zk_exec.cuh) that CI runs without a GPU.
#pragma once
#include <stdint.h>

#ifdef __CUDACC__
#define ZK_HD __host__ __device__ __forceinline__
// ZK_HD_CALL marks the large field and curve routines: called, not inlined,
// which keeps nvcc's compile time and the kernels' code size small.
#define ZK_HD_CALL __host__ __device__ __noinline__
#else
#define ZK_HD inline
#define ZK_HD_CALL inline
#endif

namespace zk {

// mul64 returns the 128-bit product a·b as (lo, hi).
ZK_HD void mul64(uint64_t a, uint64_t b, uint64_t &lo, uint64_t &hi) {
#ifdef __CUDA_ARCH__
  lo = a * b;
  hi = __umul64hi(a, b);
#else
  unsigned __int128 p = (unsigned __int128)a * b;
  lo = (uint64_t)p;
  hi = (uint64_t)(p >> 64);
#endif
}

// mac returns the low word of a + b·c + carry and leaves the high word in
// carry (the sum is below 2^128, so nothing is lost).
ZK_HD uint64_t mac(uint64_t a, uint64_t b, uint64_t c, uint64_t &carry) {
  uint64_t lo, hi;
  mul64(b, c, lo, hi);
  lo += a;
  hi += lo < a;
  lo += carry;
  hi += lo < carry;
  carry = hi;
  return lo;
}

// adc returns a + b + carry (carry ∈ {0,1}) and sets carry to the carry out.
ZK_HD uint64_t adc(uint64_t a, uint64_t b, uint64_t &carry) {
  uint64_t s = a + b;
  uint64_t c = s < a;
  uint64_t t = s + carry;
  c += t < s;
  carry = c;
  return t;
}

// sbb returns a − b − borrow (borrow ∈ {0,1}) and sets borrow to the borrow out.
ZK_HD uint64_t sbb(uint64_t a, uint64_t b, uint64_t &borrow) {
  uint64_t d = a - b;
  uint64_t w = a < b;
  uint64_t t = d - borrow;
  w += d < borrow;
  borrow = w;
  return t;
}

}  // namespace zk
