// Package rescale holds the range-check, rescale and SiLU gadgets of
// PROTOCOL §7.1–§7.3, built on prover/tlookup.
//
// Witness side (pure integers, no field elements):
//   - Format is a committed integer format (Bits, signed or not). A value of
//     ≤ 20 bits is its own single limb (RANGE_B / SRANGE_B); a wider one is
//     v = Σ_{i<m} 2^(16i)·l_i with l_0…l_{m−2} ∈ RANGE_16 and the top limb in
//     SRANGE_top or RANGE_top. Zero has all-zero limbs (P3).
//   - Rescale computes X' = ⌊(X + 2^(k−1))/2^k⌋ and R = X − 2^k·X' ∈
//     [−2^(k−1), 2^(k−1)) with floor division (arithmetic shift, big.Int.Rsh),
//     never Go's truncating '/' or big.Int.Quo.
//   - Tensor helpers return errors naming the tensor and the index of the
//     first value that leaves its format: overflow is a prover error.
package rescale
