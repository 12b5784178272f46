// Package pool holds the claim pool of PROTOCOL §4.6 and §8.3: every claim
// "tensor t at point q has the value committed in ⟦y⟧" on a Hyrax-committed
// blob is collected here instead of being opened, and at the end of the
// proof (phase E) one RED sumcheck per blob reduces all of them to a single
// claim Blob(ρ) = T(ρ), which one blob opening (ipa.OpenProve, §4.6) proves.
//
// Invariants:
//   - Exactly one opening per blob per proof: Settle may run once; claims
//     cannot be added afterwards; a pool with no claim cannot settle.
//   - A claim on tensor t at q (len(q) = t.LogSize, LSB-first) is the blob
//     claim at q ‖ id_t, id_t being t's top offset bits (pedersen.Layout).
//   - RED: the claims (⟦y_k⟧ and blob points) are absorbed (red/claim),
//     μ_k ← red/mu for every claim, ⟦S⟧ = Σ_k μ_k·⟦y_k⟧ (derived, not
//     sent), then the sumcheck Σ_x (Σ_k μ_k eq(q_k,x))·T(x) = S of package
//     sumcheck (d = 2); E(ρ) is computed by the verifier, ⟦T(ρ)⟧ is the
//     instance's one final commitment, and its opening is checked against the
//     blob's row commitments. Two different values claimed for one tensor at
//     one point make S ≠ Σ_k μ_k·T(q_k) except with probability ≤ 1/r, and
//     the DLC rejects.
//   - The verifier side (Verifier) holds only row commitments, claim points
//     and commitments; the prover side (Prover) holds the blob's values and
//     row blindings: field elements (NewProver) or small signed integers
//     (NewProverSmall, how the advice and weight blobs are held: 2–8 B per
//     entry instead of 32), converted only where a field element is needed
//     (Entries and Values for gadgets). Settle never converts an integer
//     blob: RED runs on sumcheck.NewREDIntsKernel and the opening's row
//     fold on mle.PartialEvalHighInts. Both kinds give the same proof for
//     the same entries mod r.
//   - The prover's RED: on field elements, the engine over the whole blob
//     with the E table restricted to the claimed blocks; on integers, the
//     first 6 rounds from per-claim 2^6-entry tables of the claimed blocks
//     (O(Σ claimed sizes)), then one pass over the integers for T folded
//     by those rounds and the engine on 2^(n−6)-entry tables: its largest
//     field table is 1/64 of the blob. Either way O(blob size) field work
//     in all, the same order as the opening's row fold
//     a = Σ_k eq(q_row,k)·row_k (the later rounds pass every sibling block
//     once the bound variables exceed a tensor's size).
package pool
