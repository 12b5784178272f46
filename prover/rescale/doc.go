// Package rescale holds the range-check, rescale and SiLU gadgets of
// PROTOCOL §7.1–§7.3, built on prover/tlookup.
//
// Witness side (pure integers, no field elements):
//   - Format is a committed integer format (Bits, signed or not). A value of
//     ≤ 20 bits is its own single limb (RANGE_B / SRANGE_B); a wider one is
//     v = Σ_{i<m} 2^(16i)·l_i with l_0…l_{m−2} ∈ RANGE_16 and the top limb in
//     SRANGE_top or RANGE_top. Zero has all-zero limbs (P3).
//   - RoundShift computes X' = ⌊(X + 2^(k−1))/2^k⌋ and R = X − 2^k·X' ∈
//     [−2^(k−1), 2^(k−1)) with floor division (arithmetic shift, big.Int.Rsh),
//     never Go's truncating '/' or big.Int.Quo.
//   - Tensor helpers return errors naming the tensor and the index of the
//     first value that leaves its format: overflow is a prover error.
//     RescaleTensor, DecomposeTensor and SiLU.Witness run over the cores
//     (parallelFirstErr) and still report the smallest failing index.
//
// Proof side (gadgets; the caller owns the advice blob, the claim pool and
// the DLC, and puts every Lookups() entry into the proof's one tlookup tree):
//   - Checked: a tensor committed through its limb tensors (names LimbName),
//     one range lookup per limb; the tensor is virtual. ProveAt/VerifyAt at a
//     challenge point u send ⟦l_i(u)⟧ (label claim/value), put each on the
//     pool and return ⟦v(u)⟧ = Σ 2^(16i)·⟦l_i(u)⟧. eq(u,·) is tabulated
//     once per point; integer limbs are evaluated by EvalSmall (Montgomery
//     words × |x| into a 320-bit accumulator, one reduction mod r), never
//     converted to field elements.
//   - Rescale: quotient X' (format Out) and remainder R (Signed(k)) are BOTH
//     range-checked by limbs (§7.2; without the quotient check X' could be
//     (X−R)/2^k mod r — the tests show that forgery passing when the check is
//     removed). QuotientByTable drops the quotient's own lookups only where a
//     table bounds X' (the SILU input). ProveAt/VerifyAt return ⟦X'(u)⟧ and
//     ⟦X(u)⟧ = 2^k·⟦X'(u)⟧ + ⟦R(u)⟧ for X's producer.
//   - SiLU: the lookup (u, s) ∈ SILU (§7.3), In/Out naming the advice tensors.
//
// All points u must be challenges (§7.2): a claim at ½ or a Boolean point
// must first be moved to a fresh point by the caller.
package rescale
