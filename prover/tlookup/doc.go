// Package tlookup proves lookups by LogUp (Haböck), with the fractional sum
// proved by ONE GKR tree per proof (PROTOCOL §6).
//
// Statement: every lookup entry s_i = a_i + γ·b_i + γ²·τ (input a, output b
// — 0 for range tables — and table tag τ) is an entry t_j of its table. It
// holds exactly when Σ_i 1/(β − s_i) = Σ_j m_j/(β − t_j) at a random β.
//
// Layout (§6.3): a Spec lists the lookups; NewLayout derives the distinct
// tables (tag τ = index+1; lookups of the same table share its segment and
// multiplicities) and places every lookup segment (2^LogSize entries, zero
// padding legal because (0,0) is in every table) and table segment (2^w)
// into 2^LogLeaves leaves, sorted by size descending, hence aligned. Lookup
// leaves have p = 1, q = β − s; table leaves p = −m, q = β − t; unused
// leaves p = 0, q = 1. Tensor and table sizes are unrelated: smaller,
// larger, non-powers of two all work.
//
// Protocol (§6.4), on a sumcheck.DLCProver / DLCVerifier:
//   - The caller commits every lookup column and every multiplicity vector
//     (Layout.Multiplicities) and absorbs them BEFORE Prove; Prove then
//     squeezes γ, β (labels gkr/gamma, gkr/beta). Inverses are never formed.
//   - Root: ⟦p_1(0)⟧, ⟦p_1(1)⟧, ⟦q_1(0)⟧, ⟦q_1(1)⟧ and two product
//     commitments in one absorb (gkr/root), two product proofs, and the DLC
//     relation p_1(0)q_1(1) + p_1(1)q_1(0) = 0.
//   - Layer k = 1…n−1: λ ← gkr/lambda, a ZK sumcheck (d = 3) of
//     Σ_x eq(r,x)·[p0·q1 + q0·h] with h = p1 + λ·q1, whose four committed
//     final values (a_0, b_1, b_0, h) need two product proofs; a_1 = h − λ·b_1
//     by commitment algebra; ρ_k ← gkr/rho extends r as its top coordinate.
//   - Leaves: one ⟦col(r_lo)⟧ per column (gkr/leaves), and two DLC relations
//     tying the last ⟦P⟧, ⟦Q⟧ to them; table MLEs are evaluated by the
//     verifier itself (prover/tables).
//
// The leaf claims (Claims) are returned to the caller, who MUST settle them:
// committed columns through the claim pool and the blob opening, virtual
// columns through their producers. Claims.Route names each claim's advice
// tensor (Lookup.Name, Lookup.OutName, MultName(table)) for pool.Add.
//
// Witness columns are int64 in padded flat order (Column.In/Out); a value
// outside its table is a prover error naming the tensor and the index.
// Field-valued columns (InElems/OutElems) exist for values that are already
// field elements; their multiplicities are the caller's. The owner's weight
// proof (§4.3) is built on this package in prover/owner.
//
// Prover implementation (proof bytes are those of the plain algorithm; the
// golden digest test and the kernel-vs-engine test hold it). Memory is the
// design constraint: only tree layers 1 … n−2 (p and q, 2^n field elements
// in all: 32 B per leaf) are ever stored at full size.
//   - No leaf is stored. leafHalves describes each half's p and q as a
//     generated table (tailTable.gen) with a constant tail (a final run of
//     lookup segments has p ≡ 1; the unused leaves p = 0, q = 1); entries
//     are computed where read. Each table's leaves (q, and p = −m from the
//     counts) are computed once per proof (tables are small beside the
//     lookups); a lookup leaf's q is a load from its table's q values
//     (tables ≤ 2^gatherMaxLog entries, the column checked to lie in the
//     table), else one vector Montgomery product per entry from the
//     integers (scaleInts). No lookup column is converted whole.
//   - Tree layer n−1 is not stored either: layerViews generates it from the
//     leaves where read; layer n−2 is built from it chunk by chunk
//     (buildTreeHalves), the layers below as usual.
//   - h = p(·,1) + λ·q(·,1) is never stored (hView), in any layer.
//   - Every GKR layer sumcheck runs on layerKernel (a sumcheck.RoundKernel):
//     the engine's eq-mode round polynomials, with products against a tail
//     reduced to inner products and data processed through fr.Vector.
//     Generated tables stay unstored through the first streamRounds − 1
//     folds (foldView): 2 for the top layer, whose first stored tables are
//     then 2^(n−3) entries each; 1 for layer n−2 (reading layer n−1). The eq
//     weights of a large layer's first rounds are split (eqLo·eqHi, computed
//     per chunk); the full suffix is stored only after, at ≤ 2^(n−4).
//   - Memory is reused, not allocated, layer after layer: tree layer k is
//     dead once layer k's sumcheck starts, and joins the scratch pool
//     (layerScratch) from which that and every later layer take their fold
//     buffers. The prover's peak is the stored tree plus small change.
//   - The leaf column values come from the top layer's folds where the
//     segments give them (range input β − γ²τ − Q, multiplicity −P); output
//     columns are evaluated from their integers with a split eq table
//     (evalInt64: O(2^(n/2)) memory).
//
// Measured (BenchmarkProveGKRMemory, 2-core AMD EPYC with AVX-512 IFMA,
// load 3.4–5; a RANGE_16 lookup of 2^(n−1) and an INDC_16 lookup with
// outputs of 2^(n−2); before = the prover that stored the leaf halves,
// every tree layer and full-size fold buffers, same runs): peak RSS rise
// over the state before Prove 191 → 51, 178 → 44 and 169 → 40 B per leaf
// at 2^20, 2^21, 2^22 leaves; peak in-use heap (the caller's 8 B/leaf
// witness included) 199 → 59, 190 → 52, 181 → 48 B/leaf; CPU of one cold
// Prove 1.23 → 0.65, 2.30 → 0.99, 3.92 → 1.73 s (fewer page faults and
// collections). prover/rescale's BenchmarkLookup (2^21 leaves, warmed, CPU
// time against a ZK Hadamard sumcheck of the same size): 2.29–2.44×
// against 2.48–2.58× before (alternating runs).
package tlookup
