// Package sumcheck holds zkllm's zero-knowledge sumcheck (PROTOCOL §5) and
// the proof-wide deferred linear check (DLC).
//
// # Objects
//
//   - Form: the public shape of one instance Σ_{x∈{0,1}^n} F(x) = S, with
//     F = Σ_t coeff_t·Π_k f_{t,k}: variable count n, degree d, which factors
//     the verifier evaluates itself (eq, masks, public tables). The spec fixes
//     it, so round counts, slot counts and final-message counts are derived,
//     never read from proof bytes. An optional Support (support.go) gives
//     each factor's variable set; d is then checked against the
//     per-variable degree of §5.4 (broadcast factors: d = 3 with four
//     factors), and the prover checks each table is constant outside it.
//   - Instance: the typed instances of §5.4 built on a Form: InnerProduct
//     (matmul after partial evaluation, d = 2), StackedMatmul (d = 3),
//     Hadamard (E = Σ μ_k eq(u_k,·), public/broadcast factors), ZeroCheck
//     (public mask, d = deg P + 2), SumOfSquares (d = 3), RED (d = 2),
//     Selection (verifier computes a(ρ), d = 2). Each has Prove (witness
//     tables) and Verify (commitments, proof, public evaluator only).
//   - DLCProver / DLCVerifier: one per proof. They own the transcript, the
//     global slot counter o and the list of deferred linear relations
//     Σ_i b_i·c_all[i] + v = 0, where c_all are the committed round
//     coefficients and v a (derived) scalar commitment. Any gadget may add
//     its own relations (AddRelation, AddZero). Close ends the proof: λ ←
//     squeeze, ξ ← squeezeNZ, and one zk-IPA (package ipa) proves
//     ⟨c′,w′⟩ = y_all with P_a = Σ_m ξ^m·A_m, c′_i = ξ^{m(i)}·c_all[i],
//     w′_i = ξ^{−m(i)}·w_all[i] — the ξ-binding that ties each slot to its own
//     round commitment (attack 23).
//   - Scalar (prover: value + blinding) and Point (verifier) are the two
//     views of a scalar commitment ⟦v⟧ = v·G + r·H; public linear
//     combinations are applied to openings by the prover and to points by
//     the verifier (Combine / CombinePoints). DLCProver.Send commits and
//     absorbs a new scalar message; DLCVerifier.Receive absorbs it.
//
// # Stacking and broadcast
//
// Instance.EqPoints bind the TOP coordinates of x, so a relation stacked
// over heads/layers is one instance whose E = eq(u_s, s) covers the stacked
// axes (StackedMatmul, SumOfSquares, or any Hadamard with shorter points).
// A broadcast factor is given to the prover expanded (mle.BroadcastLow /
// BroadcastHigh); by identity (b) its final ⟦e⟧ is a claim on the small
// tensor at the matching sub-point of ρ.
//
// # Protocol per instance (transcript order, labels from package transcript)
//
//	absorb ⟦S⟧ (sc/claim) — by the component itself, on both sides
//	for j = 0..n−1: P→ A_j = Σ_{i≤d} c_{j,i}·g_{o+i} + α_j·H   (sc/round); o += d+1; ρ_j ← sc/rho
//	P→ [⟦e_f⟧ for each committed factor f, ⟦z⟧ for each product step]  (sc/final, one absorb)
//	product proofs (ipa.ProveProduct, prod/stmt then prod/*) in step order
//	DLC += ⟨c_0,ω⟩ − S; ⟨c_j,ω⟩ − ⟨c_{j−1},ν(ρ_{j−1})⟩; F − ⟨c_{n−1},ν(ρ_{n−1})⟩
//
// with ω = (2,1,…,1), ν(ρ) = (1,ρ,…,ρ^d) and ⟦F⟧ = Σ_t coeff_t·Π(public
// factors at ρ)·⟦committed product of t⟧. Terms sharing a prefix of committed
// factors share its product proofs. The instance absorbs ⟦S⟧ itself before
// its first round (PROTOCOL §4.5 rev 1.2), whether or not the caller already
// sent it as a message; ρ is the point in binding order (x_0 first,
// PROTOCOL §2.3), so factor tables are evaluated at ρ as LSB-first points.
//
// # Lower-level API (custom final steps, e.g. GKR layers)
//
// ProveRounds / VerifyRounds run only the committed rounds and return
// RoundsOutput (point ρ; FactorValues for the prover). The caller then
// sends its own final commitments and product proofs and calls
// FinishRounds with ⟦F(ρ)⟧ as a Scalar (prover) / Point (verifier).
//
// # Batched verification
//
// DLCVerifier.UseBatch(b) queues every product proof and the closing IPA
// (Close) in an ipa.Batch (one MSM for all, PROTOCOL §11) instead of
// checking each at once; DLCVerifier.Checker() gives other gadgets the same
// batch (or ipa.Immediate without one). The caller must then call
// b.Verify() and reject on failure.
//
// # Invariants
//
//   - A challenge is squeezed only after every earlier prover message of the
//     proof has been absorbed (the instrumented-transcript test checks it).
//   - The verifier types never hold a witness value: round coefficients,
//     blindings and factor values exist only in DLCProver and Scalar.
//   - The cleartext engine (engine.go) binds x_0 first, never mutates the
//     caller's tables and derives p_j(1) from the running claim. With
//     Polynomial.EqPoint set (Instance does it for a single full-length eq
//     point) the eq factor is factored out of each round (Gruen) and never
//     tabulated: same round polynomials, ≈30% less prover work at d = 3.
//     Folds and the product kernel run on blocks split into even and odd
//     entries through gnark's fr.Vector kernels (AVX-512 IFMA where the CPU
//     has it); the field values, hence the proofs, are those of the
//     per-element code (TestEngineVectorKernelsMatchGeneric, golden tests).
//   - Group work per round (dlc.go roundPoint): A = Σ c_i·g_{o+i} + α·H is
//     pedersen.MSMAuto over the d+1 coefficients (Straus over the GLV
//     halves for ≤ 20 points, no Pippenger set-up) plus α·H from H's
//     fixed-base table; scalar commitments (claims, finals, product proofs)
//     use the fixed-base tables of G and H. The points are those of the
//     plain MSM, so the proof bytes do not depend on it. Measured on one
//     core at 2^20, d = 2 (AVX-512 IFMA, CPU time): the cleartext engine
//     ≈7.3× one fr.Vector.Mul, the 20 round commitments ≈3 ms (were
//     ≈10), the closing IPA over 64 slots ≈12 ms (were ≈14.5): the ZK
//     prover ≈9.5× the Mul (was ≈10.8×).
//   - Polynomial.Kernel (a RoundKernel) replaces the engine for a caller that
//     knows its tables better (tlookup's GKR layers: constant tails); it must
//     produce the same round polynomials, which are unique, so the proof is
//     the engine's (TestKernelSameProofAsEngine). EqRoundCoeffs gives kernels
//     the eq-mode (Gruen) last step. NewREDIntsKernel (red_ints.go) is RED
//     over a blob of small integers: its first 6 rounds come from per-claim
//     2^6-entry tables of the claimed blocks, then T and E folded by those
//     rounds (1/64 of the blob) go to the engine; same proof as the engine
//     on the converted blob (TestREDIntsSameProofAsEngine).
//   - Encodings (encode.go) are canonical and strict: points are 48-byte
//     compressed, subgroup-checked, non-identity; counts come from the Form
//     (instances) and from ProofLogLen (the DLC proof).
package sumcheck
