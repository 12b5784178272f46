// Package ipa holds zkllm's zero-knowledge inner-product argument and the
// proofs built from it (PROTOCOL §4.5–§4.7, §11):
//
//   - Prove/Verify: the zk-IPA for ⟨a,w⟩ = y given P_a = ⟨a,g⟩ + α·H and
//     Y = y·G + β·H, folding on the TOP index bit (round t binds bit k−1−t of
//     the LSB-first index), blinded L/R, Schnorr final step.
//     Transcript: absorb [P_a,Y] (ipa/stmt); x ← squeezeNZ(ipa/x); per
//     round absorb [L,R] (ipa/LR), e ← squeezeNZ(ipa/e); absorb S (ipa/S);
//     z ← squeezeNZ(ipa/z); absorb [z1,z2] (ipa/resp). The statement is
//     absorbed by the IPA itself on both sides (PROTOCOL §4.5 rev 1.2): the
//     prover takes P_a and Y as arguments, the verifier evaluates its P_a
//     combination to one point (one small MSM) and absorbs that, so a caller
//     that forgets to bind the statement cannot get a verifying transcript.
//   - Weights: an explicit public w, or w = eq(u,·), whose folded value w* the
//     verifier computes in O(k).
//   - OpenProve/OpenVerify: opening a Hyrax-committed blob at q = (q_col ‖
//     q_row) (§4.6): C* = Σ_k eq(q_row,k)·C_k, a = Σ_k eq(q_row,k)·row_k,
//     w = eq(q_col,·).
//   - ProveProduct/VerifyProduct: the product proof §4.7 for ⟦z⟧ = ⟦x·y⟧;
//     absorbs [X,Y,Z] (prod/stmt) itself before T1..T3 and c.
//   - Batch: every group equation above as a linear combination of points;
//     a Batch weights each by a fresh 128-bit crypto/rand scalar and checks
//     them all with ONE MSM (§11). Verify and VerifyProduct check alone.
//     Checker abstracts the two (Batch, Immediate) for verifiers.
//
// The prover folds the generators each round as g_lo + e²·g_hi with one
// shared scalar (fold.go): its GLV split and wNAF digits are computed once,
// and all points run the same doublings and additions in affine
// coordinates, one batched inversion per step per chunk of points; any
// zero denominator sends that point to gnark's Jacobian multiplication, so
// the folded points (hence the proofs) are exactly the per-point ones.
//
// Proofs have fixed sizes given their parameters (2k+1 points + 2 scalars;
// 3 points + 5 scalars) and decode strictly through field.Reader. The
// verifier uses only public data: commitments, weights, the proof.
//
// eq tables follow PROTOCOL §2.3 (LSB-first): E[0] = 1, for j: E[i+2^j] =
// E[i]·u_j, E[i] = E[i]·(1−u_j).
package ipa
