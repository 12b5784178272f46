// Montgomery arithmetic over a prime field with N 64-bit limbs
// (little-endian), bit-identical to gnark-crypto's fr/fp Element: an element
// is stored as x·R mod q with R = 2^(64N), always fully reduced into [0, q).
// The memory layout equals gnark's [N]uint64, so Go slices are passed as is.
#pragma once
#include "zk_constants.cuh"

namespace zk {

template <class P>
struct Fe {
  uint64_t l[P::N];

  ZK_HD static Fe zero() {
    Fe r;
#pragma unroll
    for (int i = 0; i < P::N; i++) r.l[i] = 0;
    return r;
  }
  ZK_HD static Fe one() {
    Fe r;
#pragma unroll
    for (int i = 0; i < P::N; i++) r.l[i] = P::one(i);
    return r;
  }
  ZK_HD static Fe load(const uint64_t *p) {
    Fe r;
#pragma unroll
    for (int i = 0; i < P::N; i++) r.l[i] = p[i];
    return r;
  }
  ZK_HD void store(uint64_t *p) const {
#pragma unroll
    for (int i = 0; i < P::N; i++) p[i] = l[i];
  }
  ZK_HD bool is_zero() const {
    uint64_t acc = 0;
#pragma unroll
    for (int i = 0; i < P::N; i++) acc |= l[i];
    return acc == 0;
  }
  ZK_HD bool operator==(const Fe &o) const {
    uint64_t acc = 0;
#pragma unroll
    for (int i = 0; i < P::N; i++) acc |= l[i] ^ o.l[i];
    return acc == 0;
  }
  ZK_HD bool operator!=(const Fe &o) const { return !(*this == o); }
};

// geq_q reports x ≥ q.
template <class P>
ZK_HD bool geq_q(const uint64_t *x) {
#pragma unroll
  for (int i = P::N - 1; i >= 0; i--) {
    if (x[i] != P::q(i)) return x[i] > P::q(i);
  }
  return true;
}

// sub_q sets x = x − q (the caller knows x ≥ q or a carry was dropped).
template <class P>
ZK_HD void sub_q(uint64_t *x) {
  uint64_t b = 0;
#pragma unroll
  for (int i = 0; i < P::N; i++) x[i] = sbb(x[i], P::q(i), b);
}

template <class P>
ZK_HD_CALL Fe<P> add(const Fe<P> &a, const Fe<P> &b) {
  Fe<P> r;
  uint64_t c = 0;
#pragma unroll
  for (int i = 0; i < P::N; i++) r.l[i] = adc(a.l[i], b.l[i], c);
  if (c || geq_q<P>(r.l)) sub_q<P>(r.l);
  return r;
}

template <class P>
ZK_HD Fe<P> dbl(const Fe<P> &a) { return add(a, a); }

template <class P>
ZK_HD_CALL Fe<P> sub(const Fe<P> &a, const Fe<P> &b) {
  Fe<P> r;
  uint64_t w = 0;
#pragma unroll
  for (int i = 0; i < P::N; i++) r.l[i] = sbb(a.l[i], b.l[i], w);
  if (w) {
    uint64_t c = 0;
#pragma unroll
    for (int i = 0; i < P::N; i++) r.l[i] = adc(r.l[i], P::q(i), c);
  }
  return r;
}

// neg returns −a (0 for a = 0, as gnark's Neg).
template <class P>
ZK_HD Fe<P> neg(const Fe<P> &a) {
  if (a.is_zero()) return a;
  Fe<P> r;
  uint64_t w = 0;
#pragma unroll
  for (int i = 0; i < P::N; i++) r.l[i] = sbb(P::q(i), a.l[i], w);
  return r;
}

// mul is Montgomery multiplication a·b·R^{−1} mod q (CIOS), fully reduced.
template <class P>
ZK_HD_CALL Fe<P> mul(const Fe<P> &a, const Fe<P> &b) {
  constexpr int N = P::N;
  uint64_t t[N + 2];
#pragma unroll
  for (int i = 0; i < N + 2; i++) t[i] = 0;
#pragma unroll
  for (int i = 0; i < N; i++) {
    uint64_t c = 0;
#pragma unroll
    for (int j = 0; j < N; j++) t[j] = mac(t[j], a.l[j], b.l[i], c);
    uint64_t c2 = 0;
    t[N] = adc(t[N], c, c2);
    t[N + 1] = c2;
    uint64_t m = t[0] * P::INV;
    c = 0;
    (void)mac(t[0], m, P::q(0), c);
#pragma unroll
    for (int j = 1; j < N; j++) t[j - 1] = mac(t[j], m, P::q(j), c);
    c2 = 0;
    t[N - 1] = adc(t[N], c, c2);
    t[N] = t[N + 1] + c2;
  }
  Fe<P> r;
#pragma unroll
  for (int i = 0; i < N; i++) r.l[i] = t[i];
  if (t[N] || geq_q<P>(r.l)) sub_q<P>(r.l);
  return r;
}

template <class P>
ZK_HD Fe<P> sqr(const Fe<P> &a) { return mul(a, a); }

// from_mont returns the canonical integer x of an element x·R (limbs).
template <class P>
ZK_HD Fe<P> from_mont(const Fe<P> &a) {
  Fe<P> one_int = Fe<P>::zero();
  one_int.l[0] = 1;
  return mul(a, one_int);
}

// to_mont returns x·R for a canonical integer x < q.
template <class P>
ZK_HD Fe<P> to_mont(const Fe<P> &a) {
  Fe<P> r2;
#pragma unroll
  for (int i = 0; i < P::N; i++) r2.l[i] = P::r2(i);
  return mul(a, r2);
}

// inv returns a^{q−2} = a^{−1} (and 0 for 0, as gnark's Inverse).
template <class P>
ZK_HD_CALL Fe<P> inv(const Fe<P> &a) {
  Fe<P> r = Fe<P>::one();
  for (int i = P::N - 1; i >= 0; i--) {
    uint64_t e = P::qm2(i);
    for (int k = 63; k >= 0; k--) {
      r = sqr(r);
      if ((e >> k) & 1) r = mul(r, a);
    }
  }
  return r;
}

using Fr = Fe<FrParams>;
using Fp = Fe<FpParams>;

}  // namespace zk
