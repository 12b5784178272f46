// Exec runs kernels either on the GPU or, for tests without one, on the host:
// a kernel is a functor K with `__host__ __device__ void operator()(uint64_t
// tid, uint64_t nthreads) const` written as a grid-stride loop, so any thread
// count computes the same result. In emulation the "threads" run one after
// another, device memory is host memory and atomics are plain updates
// (zk_atomic_add), so the emulator runs the very kernel code CI compiles.
#pragma once
#include <cuda_runtime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zk_api.h"
#include "zk_defs.cuh"

namespace zk {

// zk_atomic_add adds v to *p and returns the old value.
ZK_HD uint32_t atomic_add(uint32_t *p, uint32_t v) {
#ifdef __CUDA_ARCH__
  return atomicAdd(p, v);
#else
  uint32_t old = *p;
  *p = old + v;
  return old;
#endif
}

template <class K>
__global__ void entry(K k, uint64_t nthreads) {
  uint64_t tid = (uint64_t)blockIdx.x * blockDim.x + threadIdx.x;
  if (tid < nthreads) k(tid, nthreads);
}

inline zk_status ok() {
  zk_status s;
  memset(&s, 0, sizeof s);
  return s;
}

inline zk_status fail(int32_t code, int32_t cuda, const char *what) {
  zk_status s;
  memset(&s, 0, sizeof s);
  s.code = code;
  s.cuda_error = cuda;
  if (cuda != 0) {
    snprintf(s.msg, sizeof s.msg, "%s: %s (cuda error %d)", what, cudaGetErrorString((cudaError_t)cuda), cuda);
  } else {
    snprintf(s.msg, sizeof s.msg, "%s", what);
  }
  return s;
}

// from_cuda maps a CUDA error to a status (no device and no driver become
// ZK_ERR_NO_DEVICE, so the caller falls back to the CPU).
inline zk_status from_cuda(cudaError_t e, const char *what) {
  if (e == cudaSuccess) return ok();
  if (e == cudaErrorNoDevice || e == cudaErrorInsufficientDriver) return fail(ZK_ERR_NO_DEVICE, e, what);
  if (e == cudaErrorMemoryAllocation) return fail(ZK_ERR_NOMEM, e, what);
  return fail(ZK_ERR_CUDA, e, what);
}

#define ZK_TRY(expr)                         \
  do {                                       \
    zk_status zk_try_s = (expr);             \
    if (zk_try_s.code != ZK_OK) return zk_try_s; \
  } while (0)

class Exec {
 public:
  explicit Exec(int32_t mode) : emulate_(mode == ZK_MODE_EMULATE) {}
  bool emulated() const { return emulate_; }

  // threads returns the thread count for n work items, capped at limit on
  // the device; the emulator uses a few odd-sized "threads" so uneven
  // grid-stride splits are exercised.
  uint64_t threads(uint64_t n, uint64_t limit) const {
    uint64_t cap = emulate_ ? 5 : limit;
    if (n < 1) n = 1;
    return n < cap ? n : cap;
  }

  zk_status alloc(void **p, size_t bytes) {
    *p = nullptr;
    if (bytes == 0) bytes = 1;
    if (emulate_) {
      *p = malloc(bytes);
      return *p ? ok() : fail(ZK_ERR_NOMEM, 0, "host allocation failed");
    }
    return from_cuda(cudaMalloc(p, bytes), "cudaMalloc");
  }
  void release(void *p) {
    if (!p) return;
    if (emulate_) {
      free(p);
    } else {
      cudaFree(p);
    }
  }
  zk_status to_device(void *dst, const void *src, size_t bytes) {
    if (bytes == 0) return ok();
    if (emulate_) {
      memcpy(dst, src, bytes);
      return ok();
    }
    return from_cuda(cudaMemcpy(dst, src, bytes, cudaMemcpyHostToDevice), "cudaMemcpy H2D");
  }
  zk_status to_host(void *dst, const void *src, size_t bytes) {
    if (bytes == 0) return ok();
    if (emulate_) {
      memcpy(dst, src, bytes);
      return ok();
    }
    return from_cuda(cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy D2H");
  }
  zk_status zero(void *p, size_t bytes) {
    if (bytes == 0) return ok();
    if (emulate_) {
      memset(p, 0, bytes);
      return ok();
    }
    return from_cuda(cudaMemset(p, 0, bytes), "cudaMemset");
  }

  template <class K>
  zk_status launch(const K &k, uint64_t nthreads) {
    if (nthreads == 0) return ok();
    if (emulate_) {
      for (uint64_t t = 0; t < nthreads; t++) k(t, nthreads);
      return ok();
    }
    const uint64_t block = 128;
    uint64_t grid = (nthreads + block - 1) / block;
    entry<K><<<(unsigned)grid, (unsigned)block>>>(k, nthreads);
    ZK_TRY(from_cuda(cudaGetLastError(), "kernel launch"));
    return from_cuda(cudaDeviceSynchronize(), "kernel run");
  }

 private:
  bool emulate_;
};

// Buf is a device (or emulated) buffer freed when it goes out of scope.
template <class T>
class Buf {
 public:
  explicit Buf(Exec &ex) : ex_(ex) {}
  ~Buf() { ex_.release(p_); }
  Buf(const Buf &) = delete;
  Buf &operator=(const Buf &) = delete;
  zk_status alloc(size_t count) { return ex_.alloc((void **)&p_, count * sizeof(T)); }
  // upload allocates count entries and copies them from host memory.
  zk_status upload(const T *src, size_t count) {
    ZK_TRY(alloc(count));
    return ex_.to_device(p_, src, count * sizeof(T));
  }
  zk_status download(T *dst, size_t count) { return ex_.to_host(dst, p_, count * sizeof(T)); }
  T *get() const { return p_; }

 private:
  Exec &ex_;
  T *p_ = nullptr;
};

}  // namespace zk
