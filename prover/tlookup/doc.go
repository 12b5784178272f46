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
// design constraint: only tree layers 1 … n−g−1 are ever stored at full
// size, where g, the number of generated layers (generatedLayers), grows
// with the tree: 1 below 2^24 leaves (layers ≤ n−2 stored: p and q, 2^n
// field elements, 32 B per leaf), 2 from 2^24 (16 B per leaf), 3 from 2^26
// (8 B per leaf; genLayersMinLog).
//   - No leaf is stored. leafHalves describes each half's p and q as a
//     generated table (tailTable.gen) with a constant tail (a final run of
//     lookup segments has p ≡ 1; the unused leaves p = 0, q = 1); entries
//     are computed where read. Each table's q values are computed once per
//     proof (tables are small beside the lookups; p = −m is converted from
//     the counts where read, not stored); a lookup leaf's q is a load from its table's q values
//     (tables ≤ 2^gatherMaxLog entries, the column checked to lie in the
//     table), else one vector Montgomery product per entry from the
//     integers (scaleInts). No lookup column is converted whole.
//   - Tree layers n−1 … n−g are not stored either: layerViews generates
//     each from the one above (layer n−1 from the leaves) where read; a
//     generated layer's p and q come together from one joint generator
//     (pqGen) when the layer below reads them. Layer n−g−1 is built from
//     layer n−g chunk by chunk (buildTreeHalves), the layers below as usual.
//   - h = p(·,1) + λ·q(·,1) is never stored (hView), in any layer.
//   - Every GKR layer sumcheck runs on layerKernel (a sumcheck.RoundKernel):
//     the engine's eq-mode round polynomials, with products against a tail
//     reduced to inner products and data processed through fr.Vector.
//     Generated tables stay unstored through the first streamRounds − 1
//     folds (foldView): 1 + g − (n−1−k) for layer k reading generated
//     tables (g+1 for the top layer), so that every layer's first stored
//     tables are 2^(n−g−2) entries each, within the dead stored tree. The eq
//     weights of a large layer's first rounds are split (eqLo·eqHi, computed
//     per chunk); the full suffix is stored only after.
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
//
// Generated layers (same benchmark, g forced by ZKLLM_TLOOKUP_GEN, g = 1
// is the path above; two alternating rounds, load 7.5–10 on the 2 cores,
// CPU of one cold Prove): at 2^22 leaves, g = 1, 2, 3: RSS rise 40.8,
// 23.9, 14.3 B/leaf, peak heap 49.4, 32.3, 22.3 B/leaf, CPU 1.47–1.52,
// 1.51–1.70, 1.86–2.01 s; at 2^24: RSS rise 37.5, 19.6, 10.4 B/leaf, heap
// 45.4, 27.7, 18.4 B/leaf, CPU 5.53–5.60, 5.93–6.04 (+8%), 7.36–7.62 s
// (+34%). Each generated layer halves the stored tree; the third costs
// more (the top layer generates the leaves g+1 times). Thresholds: below
// 2^24 leaves the tree is under 0.5 GB and the lookup benchmark keeps
// today's path (2.17–2.22× after); g = 2 from 2^24 (its cost is within the
// noise at 2^22–2^24); g = 3 from 2^26, where g = 2's RSS rise passes
// 1.6 GB: at 2^28 leaves (the 7B layer at 512 tokens) about 2.8 GB of
// tree and buffers against 5.2 (g = 2) and 10 (g = 1), for ≈ +34% of the
// lookup's CPU. The rest of the heap at the peak is the caller's witness
// (8 B/leaf here) and the tables' leaves (2 × 2^16 here).
package tlookup
