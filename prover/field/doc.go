// Package field holds zkllm's conversion layer between integers, bytes and the
// BLS12-381 scalar field F (PROTOCOL §2).
//
// Scalars are gnark-crypto fr.Element values (Montgomery form inside; this
// package is the only place that converts, via SetInt64/SetBigInt/
// SetBytesCanonical/Bytes). Points are bls12381.G1Affine in the order-r
// subgroup.
//
// Invariants:
//   - Signed integers (§2.2): z with |z| < r/2 is encoded as z mod r and decoded
//     as x ≤ (r−1)/2 ? x : x−r. FromBig rejects |z| ≥ r/2 instead of wrapping.
//   - Wire encoding (§2.5): a scalar is ScalarSize = 32 bytes, big-endian,
//     canonical (< r; DecodeScalar never reduces). A point is PointSize = 48
//     bytes, ZCash compressed; DecodePoint rejects bad flags, x ≥ p, points off
//     the curve or outside the subgroup, uncompressed forms and the identity,
//     so encode(decode(b)) == b for every accepted b.
//   - Reader decodes a byte string strictly: every count is checked against
//     the remaining length before anything is allocated, and Done reports
//     trailing bytes. Every proof decoder in the project is built on it.
//   - Parallel splits bulk fr work over goroutines (fr.Vector methods run on
//     one thread on some CPUs).
package field
