// Package tables generates the lookup tables of PROTOCOL §6.5 deterministically
// and evaluates their multilinear extensions for the verifier.
//
// A Table has 2^w entries (In(j), Out(j)), j ∈ [2^w]:
//
//	RANGE_w   (j, 0)                                                  w ≤ 22
//	SRANGE_w  (j − 2^(w−1), 0)                                        w ≤ 22
//	INDC_w    (j, [j ≠ 0])                                            w ≤ 22
//	SILU      (j − 2^19, round(2^16·silu((j − 2^19)/2^10)))           w = 20
//	EXPC(d_h) (j, θ − round(θ·exp(−j·2^k0/(2^24·√d_h)))), θ = 2^22    w = 16
//
// Invariants:
//   - Inputs are distinct and contiguous (In(j) = j − offset), so Index and
//     Lookup are O(1), and every table contains the all-zero entry (P3).
//   - MLEs use the LSB-first convention (PROTOCOL §2.3): j = Σ_i 2^i j_i is the
//     point (j_0, …, j_{w−1}). Structured columns evaluate in O(w); dense output
//     columns (SILU, EXPC) are folded in O(2^w).
//   - Dense tables are computed with math/big.Float at Prec (160) bits using
//     this package's own Exp series, rounded half-to-even, generated once per
//     process, and checked against a SHA-256 pinned in pins.go before use (a
//     mismatch is an error, never a silently different table). EXPC exists
//     only for head dimensions with a pinned digest.
//   - Signed values enter the field as z mod r (PROTOCOL §2.2); fr.Element is
//     only ever built through SetInt64.
//   - Tables are immutable and safe for concurrent use.
package tables
