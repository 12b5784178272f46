/* C interface of libzkllmcuda, the only thing the Go package kernels sees.
 *
 * Every function returns a zk_status by value; code 0 means success. Every
 * buffer argument is HOST memory owned by the caller (Go slices): a function
 * copies its inputs to the device, runs its kernels, copies the results back
 * and frees what it allocated before it returns, so no pointer outlives the
 * call. Field elements are 4 little-endian uint64 limbs in Montgomery form
 * (gnark-crypto fr.Element), G1 affine points 12 limbs (X, Y of fp.Element;
 * infinity = all zero), G1 Jacobian points 18 limbs (X, Y, Z).
 *
 * mode selects where kernels run: ZK_MODE_DEVICE (the GPU) or
 * ZK_MODE_EMULATE (the same kernel bodies run sequentially on the host, a
 * handful of "threads" wide: how CI checks every kernel without a GPU).
 * Callers split work into chunks that fit device memory (kernels/plan.go). */
#ifndef ZK_API_H
#define ZK_API_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  ZK_OK = 0,
  ZK_ERR_NO_DEVICE = 1, /* cudaErrorNoDevice / no driver: fall back to the CPU */
  ZK_ERR_CUDA = 2,      /* any other CUDA error; cuda_error holds the code */
  ZK_ERR_ARG = 3,       /* invalid argument (a bug in the caller) */
  ZK_ERR_NOMEM = 4      /* allocation failed (device or host) */
};

enum { ZK_MODE_DEVICE = 0, ZK_MODE_EMULATE = 1 };

typedef struct {
  int32_t code;
  int32_t cuda_error;
  char msg[160];
} zk_status;

/* Vector ops (dst may equal a or b). */
enum { ZK_VEC_ADD = 0, ZK_VEC_SUB = 1, ZK_VEC_MUL = 2, ZK_VEC_SCALE = 3 };
/* Reductions. */
enum { ZK_RED_SUM = 0, ZK_RED_INNER = 1 };

/* Shape of one sumcheck round (see prover/backend.RoundInput). */
#define ZK_MAX_TABLES 8
#define ZK_MAX_TERMS 4
#define ZK_MAX_FACTORS 4
#define ZK_MAX_DEGREE 8
typedef struct {
  int32_t num_tables;
  int32_t num_terms;
  int32_t degree;
  int32_t num_factors[ZK_MAX_TERMS];
  int32_t factors[ZK_MAX_TERMS][ZK_MAX_FACTORS];
  uint64_t coeffs[ZK_MAX_TERMS][4];
} zk_round_desc;

/* zk_probe reports the device count, the free and total memory of device 0
 * and its name (name_len bytes at most, NUL-terminated). */
zk_status zk_probe(int32_t *count, uint64_t *free_bytes, uint64_t *total_bytes, char *name, int32_t name_len);

zk_status zk_vec(int32_t mode, int32_t op, uint64_t *dst, const uint64_t *a, const uint64_t *b, uint64_t n);
zk_status zk_reduce(int32_t mode, int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n);
zk_status zk_batch_inverse(int32_t mode, uint64_t *dst, const uint64_t *src, uint64_t n);
/* dst[i] = src[2i] + r·(src[2i+1] − src[2i]) for i < pairs. */
zk_status zk_fold(int32_t mode, uint64_t *dst, const uint64_t *src, const uint64_t *r, uint64_t pairs);
/* dst (2^nu entries) = scale·eq(u, ·), u_0 the least significant index bit. */
zk_status zk_eq_table(int32_t mode, uint64_t *dst, const uint64_t *u, int32_t nu, const uint64_t *scale);
/* out[X] (X = 0..degree) = Σ_i w_i Σ_t c_t Π_{k∈t} (f_k[2i] + X·(f_k[2i+1] − f_k[2i])) over
 * pairs i; weights may be NULL (w_i = 1). Unused table pointers are NULL. */
zk_status zk_round_sums(int32_t mode, uint64_t *out, const zk_round_desc *desc, const uint64_t *t0,
                        const uint64_t *t1, const uint64_t *t2, const uint64_t *t3, const uint64_t *t4,
                        const uint64_t *t5, const uint64_t *t6, const uint64_t *t7, const uint64_t *weights,
                        uint64_t pairs);
/* One fractional-sum layer: p[x] = pl[x]·qh[x] + ph[x]·ql[x], q[x] = ql[x]·qh[x]. */
zk_status zk_frac_layer(int32_t mode, uint64_t *p, uint64_t *q, const uint64_t *pl, const uint64_t *ph,
                        const uint64_t *ql, const uint64_t *qh, uint64_t n);
/* Pippenger bucket sums of an MSM over n affine points: windows[w] (18 limbs
 * each, num_windows of them) = Σ_b b·(Σ of the points whose scalar has digit
 * b in window w of width c bits). Exactly one of scalars (Montgomery Fr) and
 * small (signed integers: the point is negated where small[i] < 0 and |small[i]|
 * is the scalar) is non-NULL. Each bucket's points are summed in tasks of
 * at most span points (load balance), then the tasks per bucket; segments
 * threads per window reduce the buckets. The caller combines windows by
 * doubling. */
zk_status zk_msm_windows(int32_t mode, uint64_t *windows, const uint64_t *points, const uint64_t *scalars,
                         const int64_t *small, uint64_t n, int32_t c, int32_t num_windows,
                         int32_t segments, uint32_t span);

/* Host tests of the __host__ __device__ arithmetic (no device needed): apply
 * op elementwise to n inputs. Fr/Fp ops: 0 add, 1 sub, 2 mul, 3 square,
 * 4 neg, 5 double, 6 inverse, 7 from_mont, 8 to_mont. G1 ops: 0 jac+jac,
 * 1 jac+affine, 2 double jac, 3 double affine (into Jacobian), 4 small
 * scalar multiple (b = uint64 per point). */
zk_status zk_host_fr(int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n);
zk_status zk_host_fp(int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n);
zk_status zk_host_g1(int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n);

#ifdef __cplusplus
}
#endif
#endif
