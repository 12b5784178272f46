// BLS12-381 G1 (y² = x³ + 4 over Fp) in Jacobian coordinates (X/Z², Y/Z³).
// The formulas and their special cases follow gnark-crypto's G1Jac step for
// step (add-2007-bl, madd-2007-bl, dbl-2009-l, mdbl-2007-bl), so every result
// has the very coordinates gnark computes, not just the same point. Layouts
// equal gnark's G1Jac {X,Y,Z} and G1Affine {X,Y}; the affine point at
// infinity is (0,0) and a Jacobian point is at infinity iff Z = 0.
#pragma once
#include "zk_field.cuh"

namespace zk {

struct G1Aff {
  Fp x, y;
  ZK_HD bool is_inf() const { return x.is_zero() && y.is_zero(); }
  ZK_HD static G1Aff load(const uint64_t *p) { return G1Aff{Fp::load(p), Fp::load(p + 6)}; }
};

struct G1Jac {
  Fp x, y, z;
  // infinity is gnark's (1, 1, 0).
  ZK_HD static G1Jac inf() { return G1Jac{Fp::one(), Fp::one(), Fp::zero()}; }
  ZK_HD bool is_inf() const { return z.is_zero(); }
  ZK_HD static G1Jac load(const uint64_t *p) {
    return G1Jac{Fp::load(p), Fp::load(p + 6), Fp::load(p + 12)};
  }
  ZK_HD void store(uint64_t *p) const {
    x.store(p);
    y.store(p + 6);
    z.store(p + 12);
  }
};

// jac_double: dbl-2009-l (gnark G1Jac.DoubleAssign).
ZK_HD_CALL G1Jac jac_double(const G1Jac &p) {
  Fp A = sqr(p.x);
  Fp B = sqr(p.y);
  Fp C = sqr(B);
  Fp D = add(p.x, B);
  D = sqr(D);
  D = sub(D, A);
  D = sub(D, C);
  D = dbl(D);
  Fp E = add(dbl(A), A);
  Fp F = sqr(E);
  Fp t = dbl(D);
  G1Jac r;
  r.z = dbl(mul(p.y, p.z));
  r.x = sub(F, t);
  r.y = mul(sub(D, r.x), E);
  t = dbl(dbl(dbl(C)));
  r.y = sub(r.y, t);
  return r;
}

// aff_double: mdbl-2007-bl (gnark G1Jac.DoubleMixed), 2·a as a Jacobian point.
ZK_HD_CALL G1Jac aff_double(const G1Aff &a) {
  Fp XX = sqr(a.x);
  Fp YY = sqr(a.y);
  Fp YYYY = sqr(YY);
  Fp S = sqr(add(a.x, YY));
  S = sub(S, XX);
  S = sub(S, YYYY);
  S = dbl(S);
  Fp M = add(dbl(XX), XX);
  Fp T = sub(sub(sqr(M), S), S);
  G1Jac r;
  r.x = T;
  r.y = mul(sub(S, T), M);
  YYYY = dbl(dbl(dbl(YYYY)));
  r.y = sub(r.y, YYYY);
  r.z = dbl(a.y);
  return r;
}

// jac_add: p + q, add-2007-bl (gnark p.AddAssign(q)).
ZK_HD_CALL G1Jac jac_add(const G1Jac &p, const G1Jac &q) {
  if (p.z.is_zero()) return q;
  if (q.z.is_zero()) return p;
  Fp Z1Z1 = sqr(q.z);
  Fp Z2Z2 = sqr(p.z);
  Fp U1 = mul(q.x, Z2Z2);
  Fp U2 = mul(p.x, Z1Z1);
  Fp S1 = mul(mul(q.y, p.z), Z2Z2);
  Fp S2 = mul(mul(p.y, q.z), Z1Z1);
  if (U1 == U2 && S1 == S2) return jac_double(p);
  Fp H = sub(U2, U1);
  Fp I = sqr(dbl(H));
  Fp J = mul(H, I);
  Fp r = dbl(sub(S2, S1));
  Fp V = mul(U1, I);
  G1Jac o;
  o.x = sub(sub(sub(sqr(r), J), V), V);
  o.y = mul(sub(V, o.x), r);
  S1 = dbl(mul(S1, J));
  o.y = sub(o.y, S1);
  o.z = add(p.z, q.z);
  o.z = mul(sub(sub(sqr(o.z), Z1Z1), Z2Z2), H);
  return o;
}

// jac_add_mixed: p + a for affine a, madd-2007-bl (gnark p.AddMixed(a)).
ZK_HD_CALL G1Jac jac_add_mixed(const G1Jac &p, const G1Aff &a) {
  if (a.is_inf()) return p;
  if (p.z.is_zero()) return G1Jac{a.x, a.y, Fp::one()};
  Fp Z1Z1 = sqr(p.z);
  Fp U2 = mul(a.x, Z1Z1);
  Fp S2 = mul(mul(a.y, p.z), Z1Z1);
  if (U2 == p.x && S2 == p.y) return aff_double(a);
  Fp H = sub(U2, p.x);
  Fp HH = sqr(H);
  Fp I = dbl(dbl(HH));
  Fp J = mul(H, I);
  Fp r = dbl(sub(S2, p.y));
  Fp V = mul(p.x, I);
  G1Jac o;
  o.x = sub(sub(sub(sqr(r), J), V), V);
  J = dbl(mul(J, p.y));
  o.y = sub(mul(sub(V, o.x), r), J);
  o.z = sub(sub(sqr(add(p.z, H)), Z1Z1), HH);
  return o;
}

// aff_neg returns −a (infinity stays (0,0): gnark's Neg of (0,0) negates 0).
ZK_HD G1Aff aff_neg(const G1Aff &a) { return G1Aff{a.x, neg(a.y)}; }

// jac_mul_small returns k·p for a small non-negative k by double-and-add
// from the top bit (used to weight a bucket segment's sum by its offset).
ZK_HD_CALL G1Jac jac_mul_small(const G1Jac &p, uint64_t k) {
  G1Jac acc = G1Jac::inf();
  for (int b = 63; b >= 0; b--) {
    acc = jac_double(acc);
    if ((k >> b) & 1) acc = jac_add(acc, p);
  }
  return acc;
}

}  // namespace zk
