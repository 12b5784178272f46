// Package ffn is the "ffn" layer gadget (PROTOCOL §7.3, §8.5 step 8):
// SwiGLU from the SILU lookup, rescales and a Hadamard product, stacked
// over layers:
//
//	u  = rescale(x2·W_1ᵀ, e_1+6)  A20 at 2^10 (QuotientByTable: SILU bounds u)
//	s  = SILU(u)                  lookup (u, s) ∈ SILU, both committed
//	up = rescale(x2·W_3ᵀ, e_3)    A32
//	p  = rescale(s ⊙ up, 16)      A32
//	f  = rescale(p·W_2ᵀ, e_2)     A32
//
// # Objects
//
//   - Gadget: dims and the three weight exponents (one per role across
//     layers); the prover side holds the fixed-point witness (GateAcc,
//     UpAcc, DownAcc; p's accumulator is s·up, recomputed).
//   - Committed (advice): u (one tensor, no range lookup of its own), u's
//     remainder limbs, s, the limbs of up, p, f and of their remainders.
//     x2 (layers.TensorX2, FormatAct) is the FFN RMSNorm gadget's.
//   - CheckTableBounded: the QuotientByTable obligation of issue 13. The
//     gate rescale is built only by Gadget.Rescales, and Lookups always adds
//     SILU on (u, s) and then checks that every QuotientByTable rescale has
//     a SILU lookup whose input column is its quotient; a gadget set
//     without it cannot be planned (layers.ErrGadget).
//
// # Protocol (transcript order)
//
//	w ← pt/u (fresh on [F, T, L]); RescaleAt(u, w), RescaleAt(up, w)
//	matmul.Layer [w1, w3] on x2 (fused at the common point; μ ← stack/mu)
//	    → claim on x2 → SettleChecked; ⟦W_1⟧, ⟦W_3⟧ → SettleLayers
//	u_p ← pt/u; RescaleAt(p, u_p) → claim on s⊙up at u_p
//	Hadamard Σ_x eq(u_p, x)·s(x)·up(x), d = 3 → s(ρ) (pool), up(ρ) (limbs)
//	u_f ← pt/u (fresh on [D, T, L]); RescaleAt(f, u_f)
//	matmul.Layer [w2] on p → claim on p → SettleChecked
//
// The SILU lookup's leaf claims on u and s (phase B) go to the advice pool
// through the engine.
//
// # Invariants
//
//   - Every rescale range-checks its remainder; every quotient but u's is
//     range-checked by limbs, u's by the SILU table's input column.
//   - Every claim is registered and settled inside the gadget.
package ffn
