// Kernels of the zkllm prover's hot loops and the C entry points of
// zk_api.h. One translation unit (no relocatable device code), so the static
// library links with the host linker alone. Each kernel is a functor run by
// Exec (zk_exec.cuh) on the GPU or in host emulation.
#include "zk_api.h"
#include "zk_exec.cuh"
#include "zk_g1.cuh"

namespace zk {

// ---- field vectors -------------------------------------------------------

struct VecK {
  int32_t op;
  uint64_t *dst;
  const uint64_t *a, *b;
  uint64_t n;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    for (uint64_t i = tid; i < n; i += nt) {
      Fr x = Fr::load(a + 4 * i);
      Fr y = Fr::load(op == ZK_VEC_SCALE ? b : b + 4 * i);
      Fr r;
      switch (op) {
        case ZK_VEC_ADD: r = add(x, y); break;
        case ZK_VEC_SUB: r = sub(x, y); break;
        default: r = mul(x, y); break;
      }
      r.store(dst + 4 * i);
    }
  }
};

// ReduceK writes thread tid's partial sum (of a_i or a_i·b_i) to partial[tid].
struct ReduceK {
  int32_t op;
  uint64_t *partial;
  const uint64_t *a, *b;
  uint64_t n;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    Fr acc = Fr::zero();
    for (uint64_t i = tid; i < n; i += nt) {
      Fr x = Fr::load(a + 4 * i);
      if (op == ZK_RED_INNER) x = mul(x, Fr::load(b + 4 * i));
      acc = add(acc, x);
    }
    acc.store(partial + 4 * tid);
  }
};

// BatchInvK inverts blocks of invBlock entries with one inversion each
// (Montgomery's trick); zeros map to zero, as gnark's BatchInvert.
constexpr uint64_t invBlock = 32;
struct BatchInvK {
  uint64_t *dst;
  const uint64_t *src;
  uint64_t n;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    uint64_t blocks = (n + invBlock - 1) / invBlock;
    for (uint64_t blk = tid; blk < blocks; blk += nt) {
      uint64_t lo = blk * invBlock, hi = lo + invBlock < n ? lo + invBlock : n;
      Fr acc = Fr::one();
      for (uint64_t i = lo; i < hi; i++) {
        Fr x = Fr::load(src + 4 * i);
        if (x.is_zero()) continue;
        acc.store(dst + 4 * i);  // prefix product before x
        acc = mul(acc, x);
      }
      Fr inv_acc = inv(acc);
      for (uint64_t i = hi; i-- > lo;) {
        Fr x = Fr::load(src + 4 * i);
        if (x.is_zero()) {
          Fr::zero().store(dst + 4 * i);
          continue;
        }
        Fr r = mul(Fr::load(dst + 4 * i), inv_acc);
        inv_acc = mul(inv_acc, x);
        r.store(dst + 4 * i);
      }
    }
  }
};

// ---- MLEs ------------------------------------------------------------------

struct FoldK {
  uint64_t *dst;
  const uint64_t *src;
  Fr r;
  uint64_t pairs;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    for (uint64_t i = tid; i < pairs; i += nt) {
      Fr lo = Fr::load(src + 8 * i), hi = Fr::load(src + 8 * i + 4);
      add(lo, mul(sub(hi, lo), r)).store(dst + 4 * i);
    }
  }
};

// EqLayerK is step j of the eq table: E[i+half] = E[i]·u_j, E[i] −= E[i]·u_j.
struct EqLayerK {
  uint64_t *dst;
  Fr u;
  uint64_t half;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    for (uint64_t i = tid; i < half; i += nt) {
      Fr e = Fr::load(dst + 4 * i);
      Fr h = mul(e, u);
      sub(e, h).store(dst + 4 * i);
      h.store(dst + 4 * (i + half));
    }
  }
};

// ---- sumcheck rounds -----------------------------------------------------

struct RoundK {
  zk_round_desc d;
  const uint64_t *t[ZK_MAX_TABLES];
  const uint64_t *w;
  uint64_t *partial;  // (degree+1) elements per thread
  uint64_t pairs;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    const int D = d.degree;
    Fr acc[ZK_MAX_DEGREE + 1];
    for (int X = 0; X <= D; X++) acc[X] = Fr::zero();
    Fr cur[ZK_MAX_TABLES], diff[ZK_MAX_TABLES], coeff[ZK_MAX_TERMS];
    for (int k = 0; k < d.num_terms; k++) coeff[k] = Fr::load(d.coeffs[k]);
    for (uint64_t i = tid; i < pairs; i += nt) {
      for (int k = 0; k < d.num_tables; k++) {
        cur[k] = Fr::load(t[k] + 8 * i);
        diff[k] = sub(Fr::load(t[k] + 8 * i + 4), cur[k]);
      }
      Fr wt = w ? Fr::load(w + 4 * i) : Fr::one();
      for (int X = 0; X <= D; X++) {
        Fr s = Fr::zero();
        for (int tm = 0; tm < d.num_terms; tm++) {
          Fr p = coeff[tm];
          for (int f = 0; f < d.num_factors[tm]; f++) p = mul(p, cur[d.factors[tm][f]]);
          s = add(s, p);
        }
        if (w) s = mul(s, wt);
        acc[X] = add(acc[X], s);
        for (int k = 0; k < d.num_tables; k++) cur[k] = add(cur[k], diff[k]);
      }
    }
    for (int X = 0; X <= D; X++) acc[X].store(partial + 4 * (tid * (D + 1) + X));
  }
};

// ---- LogUp GKR --------------------------------------------------------------

struct FracK {
  uint64_t *p, *q;
  const uint64_t *pl, *ph, *ql, *qh;
  uint64_t n;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    for (uint64_t x = tid; x < n; x += nt) {
      Fr a = Fr::load(pl + 4 * x), b = Fr::load(ph + 4 * x);
      Fr c = Fr::load(ql + 4 * x), e = Fr::load(qh + 4 * x);
      add(mul(a, e), mul(b, c)).store(p + 4 * x);
      mul(c, e).store(q + 4 * x);
    }
  }
};

// ---- MSM (Pippenger) ------------------------------------------------------

// digit returns bits [s, s+c) of a 4-limb integer.
ZK_HD uint32_t digit(const uint64_t *v, int s, int c) {
  int lo = s / 64, sh = s % 64;
  if (lo >= 4) return 0;
  uint64_t x = v[lo] >> sh;
  if (sh + c > 64 && lo + 1 < 4) x |= v[lo + 1] << (64 - sh);
  return (uint32_t)(x & ((1ULL << c) - 1));
}

struct DigitsK {
  const uint64_t *scalars;
  const int64_t *small;
  uint32_t *digits;  // [w·n + i]
  uint32_t *counts;  // [w·B + b]
  uint8_t *signs;
  uint64_t n;
  int32_t c, W;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    const uint64_t B = 1ULL << c;
    for (uint64_t i = tid; i < n; i += nt) {
      uint64_t v[4] = {0, 0, 0, 0};
      uint8_t sg = 0;
      if (small) {
        int64_t s = small[i];
        sg = s < 0;
        v[0] = sg ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
      } else {
        Fr r = from_mont(Fr::load(scalars + 4 * i));
        for (int k = 0; k < 4; k++) v[k] = r.l[k];
      }
      signs[i] = sg;
      for (int w = 0; w < W; w++) {
        uint32_t d = digit(v, w * c, c);
        digits[(uint64_t)w * n + i] = d;
        if (d) atomic_add(&counts[w * B + d], 1);
      }
    }
  }
};

// ScanK: one thread per window turns bucket counts into start offsets
// (B+1 per window), a scatter cursor, and the prefix of its tasks: a bucket
// of k points is summed as ⌈k/span⌉ tasks of at most span points, so a
// crowded bucket (small scalars put many points into few buckets) is spread
// over many threads.
struct ScanK {
  const uint32_t *counts;
  uint32_t *offsets, *cursor, *tasks;  // tasks: [w·(B+1) + b]
  int32_t c, W;
  uint32_t span;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    const uint64_t B = 1ULL << c;
    for (uint64_t w = tid; w < (uint64_t)W; w += nt) {
      uint32_t run = 0, tk = 0;
      for (uint64_t b = 0; b < B; b++) {
        uint32_t k = counts[w * B + b];
        offsets[w * (B + 1) + b] = run;
        tasks[w * (B + 1) + b] = tk;
        cursor[w * B + b] = run;
        run += k;
        tk += (k + span - 1) / span;
      }
      offsets[w * (B + 1) + B] = run;
      tasks[w * (B + 1) + B] = tk;
    }
  }
};

// BaseK (one thread): base[w] = the first task of window w; base[W] = all tasks.
struct BaseK {
  const uint32_t *tasks;
  uint32_t *base;
  int32_t c, W;
  ZK_HD void operator()(uint64_t, uint64_t) const {
    const uint64_t B = 1ULL << c;
    base[0] = 0;
    for (int32_t w = 0; w < W; w++) base[w + 1] = base[w] + tasks[(uint64_t)w * (B + 1) + B];
  }
};

// last_leq returns the largest i < n with a[i] ≤ x (a non-decreasing, a[0] ≤ x).
ZK_HD uint64_t last_leq(const uint32_t *a, uint64_t n, uint32_t x) {
  uint64_t lo = 0, hi = n;  // a[lo] ≤ x; answer in [lo, hi)
  while (hi - lo > 1) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (a[mid] <= x) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

struct ScatterK {
  const uint32_t *digits;
  uint32_t *cursor, *sorted;  // sorted[w·n + k]
  uint64_t n;
  int32_t c, W;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    const uint64_t B = 1ULL << c;
    for (uint64_t i = tid; i < n; i += nt) {
      for (int w = 0; w < W; w++) {
        uint32_t d = digits[(uint64_t)w * n + i];
        if (!d) continue;
        uint32_t pos = atomic_add(&cursor[w * B + d], 1);
        sorted[(uint64_t)w * n + pos] = (uint32_t)i;
      }
    }
  }
};

// TaskK sums the points of one task (at most span points of one bucket,
// negated where the small scalar was) into partial[task].
struct TaskK {
  const uint64_t *points;
  const uint8_t *signs;
  const uint32_t *sorted, *offsets, *tasks, *base;
  uint64_t *partial;
  uint64_t n;
  int32_t c, W;
  uint32_t span;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    const uint64_t B = 1ULL << c;
    const uint32_t total = base[W];
    for (uint64_t t = tid; t < total; t += nt) {
      uint64_t w = last_leq(base, (uint64_t)W, (uint32_t)t);
      uint32_t local = (uint32_t)t - base[w];
      const uint32_t *tw = tasks + w * (B + 1);
      uint64_t b = last_leq(tw, B, local);
      uint32_t from = offsets[w * (B + 1) + b] + (local - tw[b]) * span;
      uint32_t to = offsets[w * (B + 1) + b + 1];
      if (to > from + span) to = from + span;
      G1Jac acc = G1Jac::inf();
      for (uint32_t k = from; k < to; k++) {
        uint32_t i = sorted[w * n + k];
        G1Aff p = G1Aff::load(points + 12 * (uint64_t)i);
        if (signs[i]) p = aff_neg(p);
        acc = jac_add_mixed(acc, p);
      }
      acc.store(partial + 18 * t);
    }
  }
};

// BucketK adds each bucket's task sums into its bucket sum.
struct BucketK {
  const uint64_t *partial;
  const uint32_t *tasks, *base;
  uint64_t *buckets;  // Jacobian, [w·B + b]
  int32_t c, W;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    const uint64_t B = 1ULL << c;
    const uint64_t total = (uint64_t)W * (B - 1);
    for (uint64_t idx = tid; idx < total; idx += nt) {
      uint64_t w = idx / (B - 1), b = idx % (B - 1) + 1;
      const uint32_t *tw = tasks + w * (B + 1);
      G1Jac acc = G1Jac::inf();
      for (uint32_t t = base[w] + tw[b]; t < base[w] + tw[b + 1]; t++) acc = jac_add(acc, G1Jac::load(partial + 18 * (uint64_t)t));
      acc.store(buckets + 18 * (w * B + b));
    }
  }
};

// SegK: thread (w, s) returns Σ_{b in segment s} b·bucket_b of window w by
// the running-sum trick on its segment plus (lo−1)·(segment sum).
struct SegK {
  const uint64_t *buckets;
  uint64_t *segs;  // [w·S + s]
  int32_t c, W, S;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    const uint64_t B = 1ULL << c;
    const uint64_t L = (B - 1 + S - 1) / S;
    for (uint64_t idx = tid; idx < (uint64_t)W * S; idx += nt) {
      uint64_t w = idx / S, s = idx % S;
      uint64_t lo = 1 + s * L, hi = lo + L < B ? lo + L : B;
      G1Jac run = G1Jac::inf(), tot = G1Jac::inf();
      for (uint64_t b = hi; b-- > lo;) {
        run = jac_add(run, G1Jac::load(buckets + 18 * (w * B + b)));
        tot = jac_add(tot, run);
      }
      if (lo < hi && lo > 1) tot = jac_add(tot, jac_mul_small(run, lo - 1));
      tot.store(segs + 18 * idx);
    }
  }
};

struct WinK {
  const uint64_t *segs;
  uint64_t *windows;
  int32_t W, S;
  ZK_HD void operator()(uint64_t tid, uint64_t nt) const {
    for (uint64_t w = tid; w < (uint64_t)W; w += nt) {
      G1Jac acc = G1Jac::inf();
      for (int32_t s = 0; s < S; s++) acc = jac_add(acc, G1Jac::load(segs + 18 * (w * S + s)));
      acc.store(windows + 18 * w);
    }
  }
};

// sum_partials adds nparts Fr values of stride `stride` elements at offset off.
inline Fr sum_partials(const uint64_t *p, uint64_t nparts, uint64_t stride, uint64_t off) {
  Fr acc = Fr::zero();
  for (uint64_t t = 0; t < nparts; t++) acc = add(acc, Fr::load(p + 4 * (t * stride + off)));
  return acc;
}

constexpr uint64_t kMapThreads = 1 << 18;     // elementwise kernels
constexpr uint64_t kReduceThreads = 1 << 14;  // kernels writing per-thread partials

}  // namespace zk

using namespace zk;

static bool bad_mode(int32_t mode) { return mode != ZK_MODE_DEVICE && mode != ZK_MODE_EMULATE; }

#define ZK_CHECK_MODE(mode) \
  if (bad_mode(mode)) return fail(ZK_ERR_ARG, 0, "zk: unknown mode")

extern "C" zk_status zk_probe(int32_t *count, uint64_t *free_bytes, uint64_t *total_bytes, char *name,
                              int32_t name_len) {
  int n = 0;
  *count = 0;
  *free_bytes = *total_bytes = 0;
  if (name_len > 0) name[0] = 0;
  ZK_TRY(from_cuda(cudaGetDeviceCount(&n), "cudaGetDeviceCount"));
  if (n == 0) return fail(ZK_ERR_NO_DEVICE, cudaErrorNoDevice, "no CUDA device");
  *count = n;
  ZK_TRY(from_cuda(cudaSetDevice(0), "cudaSetDevice"));
  size_t f = 0, t = 0;
  ZK_TRY(from_cuda(cudaMemGetInfo(&f, &t), "cudaMemGetInfo"));
  *free_bytes = f;
  *total_bytes = t;
  cudaDeviceProp prop;
  ZK_TRY(from_cuda(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties"));
  if (name_len > 0) snprintf(name, (size_t)name_len, "%s (sm_%d%d)", prop.name, prop.major, prop.minor);
  return ok();
}

extern "C" zk_status zk_vec(int32_t mode, int32_t op, uint64_t *dst, const uint64_t *a, const uint64_t *b,
                            uint64_t n) {
  ZK_CHECK_MODE(mode);
  if (op < ZK_VEC_ADD || op > ZK_VEC_SCALE) return fail(ZK_ERR_ARG, 0, "zk_vec: unknown op");
  Exec ex(mode);
  Buf<uint64_t> da(ex), db(ex), dd(ex);
  ZK_TRY(da.upload(a, 4 * n));
  ZK_TRY(db.upload(b, op == ZK_VEC_SCALE ? 4 : 4 * n));
  ZK_TRY(dd.alloc(4 * n));
  ZK_TRY(ex.launch(VecK{op, dd.get(), da.get(), db.get(), n}, ex.threads(n, kMapThreads)));
  return dd.download(dst, 4 * n);
}

extern "C" zk_status zk_reduce(int32_t mode, int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b,
                               uint64_t n) {
  ZK_CHECK_MODE(mode);
  if (op != ZK_RED_SUM && op != ZK_RED_INNER) return fail(ZK_ERR_ARG, 0, "zk_reduce: unknown op");
  Exec ex(mode);
  uint64_t nt = ex.threads(n, kReduceThreads);
  Buf<uint64_t> da(ex), db(ex), dp(ex);
  ZK_TRY(da.upload(a, 4 * n));
  if (op == ZK_RED_INNER) ZK_TRY(db.upload(b, 4 * n));
  ZK_TRY(dp.alloc(4 * nt));
  ZK_TRY(ex.launch(ReduceK{op, dp.get(), da.get(), db.get(), n}, nt));
  uint64_t *host = (uint64_t *)malloc(32 * nt);
  if (!host) return fail(ZK_ERR_NOMEM, 0, "zk_reduce: host allocation");
  zk_status s = dp.download(host, 4 * nt);
  if (s.code == ZK_OK) sum_partials(host, nt, 1, 0).store(out);
  free(host);
  return s;
}

extern "C" zk_status zk_batch_inverse(int32_t mode, uint64_t *dst, const uint64_t *src, uint64_t n) {
  ZK_CHECK_MODE(mode);
  Exec ex(mode);
  Buf<uint64_t> ds(ex), dd(ex);
  ZK_TRY(ds.upload(src, 4 * n));
  ZK_TRY(dd.alloc(4 * n));
  ZK_TRY(ex.launch(BatchInvK{dd.get(), ds.get(), n}, ex.threads((n + invBlock - 1) / invBlock, kMapThreads)));
  return dd.download(dst, 4 * n);
}

extern "C" zk_status zk_fold(int32_t mode, uint64_t *dst, const uint64_t *src, const uint64_t *r, uint64_t pairs) {
  ZK_CHECK_MODE(mode);
  Exec ex(mode);
  Buf<uint64_t> ds(ex), dd(ex);
  ZK_TRY(ds.upload(src, 8 * pairs));
  ZK_TRY(dd.alloc(4 * pairs));
  ZK_TRY(ex.launch(FoldK{dd.get(), ds.get(), Fr::load(r), pairs}, ex.threads(pairs, kMapThreads)));
  return dd.download(dst, 4 * pairs);
}

extern "C" zk_status zk_eq_table(int32_t mode, uint64_t *dst, const uint64_t *u, int32_t nu, const uint64_t *scale) {
  ZK_CHECK_MODE(mode);
  if (nu < 0 || nu > 40) return fail(ZK_ERR_ARG, 0, "zk_eq_table: variable count out of range");
  Exec ex(mode);
  uint64_t size = 1ULL << nu;
  Buf<uint64_t> dd(ex);
  ZK_TRY(dd.alloc(4 * size));
  ZK_TRY(ex.to_device(dd.get(), scale, 32));
  for (int32_t j = 0; j < nu; j++) {
    uint64_t half = 1ULL << j;
    ZK_TRY(ex.launch(EqLayerK{dd.get(), Fr::load(u + 4 * j), half}, ex.threads(half, kMapThreads)));
  }
  return dd.download(dst, 4 * size);
}

extern "C" zk_status zk_round_sums(int32_t mode, uint64_t *out, const zk_round_desc *desc, const uint64_t *t0,
                                   const uint64_t *t1, const uint64_t *t2, const uint64_t *t3, const uint64_t *t4,
                                   const uint64_t *t5, const uint64_t *t6, const uint64_t *t7,
                                   const uint64_t *weights, uint64_t pairs) {
  ZK_CHECK_MODE(mode);
  const zk_round_desc &d = *desc;
  if (d.num_tables < 1 || d.num_tables > ZK_MAX_TABLES || d.num_terms < 1 || d.num_terms > ZK_MAX_TERMS ||
      d.degree < 1 || d.degree > ZK_MAX_DEGREE)
    return fail(ZK_ERR_ARG, 0, "zk_round_sums: shape out of range");
  for (int tm = 0; tm < d.num_terms; tm++) {
    if (d.num_factors[tm] < 1 || d.num_factors[tm] > ZK_MAX_FACTORS)
      return fail(ZK_ERR_ARG, 0, "zk_round_sums: factor count out of range");
    for (int f = 0; f < d.num_factors[tm]; f++)
      if (d.factors[tm][f] < 0 || d.factors[tm][f] >= d.num_tables)
        return fail(ZK_ERR_ARG, 0, "zk_round_sums: factor index out of range");
  }
  const uint64_t *host[ZK_MAX_TABLES] = {t0, t1, t2, t3, t4, t5, t6, t7};
  Exec ex(mode);
  // Buf is not copyable: hold the table buffers in a fixed array.
  Buf<uint64_t> b0(ex), b1(ex), b2(ex), b3(ex), b4(ex), b5(ex), b6(ex), b7(ex), bw(ex), bp(ex);
  Buf<uint64_t> *bufs[ZK_MAX_TABLES] = {&b0, &b1, &b2, &b3, &b4, &b5, &b6, &b7};
  RoundK k;
  k.d = d;
  for (int i = 0; i < ZK_MAX_TABLES; i++) k.t[i] = nullptr;
  for (int i = 0; i < d.num_tables; i++) {
    if (!host[i]) return fail(ZK_ERR_ARG, 0, "zk_round_sums: missing table");
    ZK_TRY(bufs[i]->upload(host[i], 8 * pairs));
    k.t[i] = bufs[i]->get();
  }
  k.w = nullptr;
  if (weights) {
    ZK_TRY(bw.upload(weights, 4 * pairs));
    k.w = bw.get();
  }
  uint64_t nt = ex.threads(pairs, kReduceThreads);
  uint64_t per = (uint64_t)d.degree + 1;
  ZK_TRY(bp.alloc(4 * per * nt));
  k.partial = bp.get();
  k.pairs = pairs;
  ZK_TRY(ex.launch(k, nt));
  uint64_t *hp = (uint64_t *)malloc(32 * per * nt);
  if (!hp) return fail(ZK_ERR_NOMEM, 0, "zk_round_sums: host allocation");
  zk_status s = bp.download(hp, 4 * per * nt);
  if (s.code == ZK_OK)
    for (uint64_t X = 0; X < per; X++) sum_partials(hp, nt, per, X).store(out + 4 * X);
  free(hp);
  return s;
}

extern "C" zk_status zk_frac_layer(int32_t mode, uint64_t *p, uint64_t *q, const uint64_t *pl, const uint64_t *ph,
                                   const uint64_t *ql, const uint64_t *qh, uint64_t n) {
  ZK_CHECK_MODE(mode);
  Exec ex(mode);
  Buf<uint64_t> a(ex), b(ex), c(ex), e(ex), dp(ex), dq(ex);
  ZK_TRY(a.upload(pl, 4 * n));
  ZK_TRY(b.upload(ph, 4 * n));
  ZK_TRY(c.upload(ql, 4 * n));
  ZK_TRY(e.upload(qh, 4 * n));
  ZK_TRY(dp.alloc(4 * n));
  ZK_TRY(dq.alloc(4 * n));
  ZK_TRY(ex.launch(FracK{dp.get(), dq.get(), a.get(), b.get(), c.get(), e.get(), n}, ex.threads(n, kMapThreads)));
  ZK_TRY(dp.download(p, 4 * n));
  return dq.download(q, 4 * n);
}

extern "C" zk_status zk_msm_windows(int32_t mode, uint64_t *windows, const uint64_t *points,
                                    const uint64_t *scalars, const int64_t *small, uint64_t n, int32_t c,
                                    int32_t num_windows, int32_t segments, uint32_t span) {
  ZK_CHECK_MODE(mode);
  if ((scalars == nullptr) == (small == nullptr)) return fail(ZK_ERR_ARG, 0, "zk_msm_windows: need one scalar kind");
  if (c < 1 || c > 20 || num_windows < 1 || (int64_t)c * num_windows > 256 + c || n > 0xffffffffULL ||
      segments < 1 || segments > (1 << c) - 1 || span < 1)
    return fail(ZK_ERR_ARG, 0, "zk_msm_windows: window shape out of range");
  Exec ex(mode);
  const int32_t W = num_windows;
  const uint64_t B = 1ULL << c;
  const int32_t S = segments;  // threads reducing one window's buckets
  Buf<uint64_t> dpts(ex), dsc(ex), dbk(ex), dseg(ex), dwin(ex), dpart(ex);
  Buf<int64_t> dsm(ex);
  Buf<uint32_t> ddig(ex), dcnt(ex), doff(ex), dcur(ex), dsort(ex), dtask(ex), dbase(ex);
  Buf<uint8_t> dsg(ex);
  ZK_TRY(dpts.upload(points, 12 * n));
  if (scalars) ZK_TRY(dsc.upload(scalars, 4 * n));
  if (small) ZK_TRY(dsm.upload(small, n));
  ZK_TRY(ddig.alloc(W * n));
  ZK_TRY(dcnt.alloc(W * B));
  ZK_TRY(ex.zero(dcnt.get(), 4 * W * B));
  ZK_TRY(doff.alloc(W * (B + 1)));
  ZK_TRY(dcur.alloc(W * B));
  ZK_TRY(dtask.alloc(W * (B + 1)));
  ZK_TRY(dbase.alloc(W + 1));
  ZK_TRY(dsort.alloc(W * n));
  ZK_TRY(dsg.alloc(n));
  ZK_TRY(dbk.alloc(18 * W * B));
  ZK_TRY(dseg.alloc(18 * (uint64_t)W * S));
  ZK_TRY(dwin.alloc(18 * (uint64_t)W));
  ZK_TRY(ex.launch(DigitsK{dsc.get(), dsm.get(), ddig.get(), dcnt.get(), dsg.get(), n, c, W},
                   ex.threads(n, kMapThreads)));
  ZK_TRY(ex.launch(ScanK{dcnt.get(), doff.get(), dcur.get(), dtask.get(), c, W, span}, ex.threads(W, W)));
  ZK_TRY(ex.launch(BaseK{dtask.get(), dbase.get(), c, W}, 1));
  uint32_t tasks = 0;
  ZK_TRY(ex.to_host(&tasks, dbase.get() + W, 4));
  ZK_TRY(dpart.alloc(18 * (uint64_t)tasks));
  ZK_TRY(ex.launch(ScatterK{ddig.get(), dcur.get(), dsort.get(), n, c, W}, ex.threads(n, kMapThreads)));
  ZK_TRY(ex.launch(TaskK{dpts.get(), dsg.get(), dsort.get(), doff.get(), dtask.get(), dbase.get(), dpart.get(), n, c,
                         W, span},
                   ex.threads(tasks, kMapThreads)));
  ZK_TRY(ex.launch(BucketK{dpart.get(), dtask.get(), dbase.get(), dbk.get(), c, W}, ex.threads(W * (B - 1), kMapThreads)));
  ZK_TRY(ex.launch(SegK{dbk.get(), dseg.get(), c, W, S}, ex.threads((uint64_t)W * S, kMapThreads)));
  ZK_TRY(ex.launch(WinK{dseg.get(), dwin.get(), W, S}, ex.threads(W, W)));
  return dwin.download(windows, 18 * (uint64_t)W);
}

// ---- host tests of the arithmetic ---------------------------------------

template <class P>
static zk_status host_field(int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n) {
  constexpr int N = P::N;
  for (uint64_t i = 0; i < n; i++) {
    Fe<P> x = Fe<P>::load(a + N * i), y = Fe<P>::load(b + N * i), r;
    switch (op) {
      case 0: r = add(x, y); break;
      case 1: r = sub(x, y); break;
      case 2: r = mul(x, y); break;
      case 3: r = sqr(x); break;
      case 4: r = neg(x); break;
      case 5: r = dbl(x); break;
      case 6: r = inv(x); break;
      case 7: r = from_mont(x); break;
      case 8: r = to_mont(x); break;
      default: return fail(ZK_ERR_ARG, 0, "zk_host_field: unknown op");
    }
    r.store(out + N * i);
  }
  return ok();
}

extern "C" zk_status zk_host_fr(int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n) {
  return host_field<FrParams>(op, out, a, b, n);
}

extern "C" zk_status zk_host_fp(int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n) {
  return host_field<FpParams>(op, out, a, b, n);
}

extern "C" zk_status zk_host_g1(int32_t op, uint64_t *out, const uint64_t *a, const uint64_t *b, uint64_t n) {
  for (uint64_t i = 0; i < n; i++) {
    G1Jac r;
    switch (op) {
      case 0: r = jac_add(G1Jac::load(a + 18 * i), G1Jac::load(b + 18 * i)); break;
      case 1: r = jac_add_mixed(G1Jac::load(a + 18 * i), G1Aff::load(b + 12 * i)); break;
      case 2: r = jac_double(G1Jac::load(a + 18 * i)); break;
      case 3: r = aff_double(G1Aff::load(a + 12 * i)); break;
      case 4: r = jac_mul_small(G1Jac::load(a + 18 * i), b[i]); break;
      default: return fail(ZK_ERR_ARG, 0, "zk_host_g1: unknown op");
    }
    r.store(out + 18 * i);
  }
  return ok();
}
