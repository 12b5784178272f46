// Package layers composes the proof of a transformer's layers (PROTOCOL
// §7–§8) out of gadgets, and runs the phases of one proof (§8.1).
//
// # Gadgets
//
// A gadget is one relation chain of the forward pass (RMSNorm, RoPE, a
// matmul, softmax, …). Its public side (Gadget) names the advice tensors it
// commits and the lookups it adds to the proof's one LogUp tree; both the
// prover and the verifier derive them from public shapes. The prover side
// (ProverGadget) supplies the witness in phase A and proves in phase C; the
// verifier side (VerifierGadget) mirrors it and never sees a witness.
//
// Every committed tensor exists before the first challenge (phase A), so a
// gadget whose output is committed starts from a fresh random point on it
// (§8.2): claims flow backwards from committed outputs through short chains
// of virtual tensors (accumulators, Hadamard products) to committed inputs,
// whose claims go to the claim pool of their blob (advice or weights). A
// lookup column that is virtual (not committed, e.g. softmax's x_2) leaves
// a claim from phase B that its gadget takes with Leaf and reduces.
//
// # Obligations enforced here, not by callers
//
//   - Points are claims.Point: challenges only (§7.2).
//   - Every claim a gadget derives through this package — a sumcheck's
//     final values (Sumcheck), sent values (Send), limb openings
//     (CheckedAt), rescale claims (RescaleAt), lookup leaves (Leaf) — is
//     registered in the proof's claims.Ledger. It is settled only by Pool
//     (committed tensor), Consume (used as a producer's claim), Equate or
//     SettleChecked. Prove fails and Verify rejects while any is open.
//   - Messages go to the proof stream in the order they are absorbed; the
//     verifier reads exactly what its own replay needs (counts from public
//     shapes), and rejects trailing bytes.
//
// # Phases (Prove / Verify)
//
//	A  witness of every gadget; multiplicities; the advice blob (tensors
//	   placed by pedersen.Place, row length AdviceLogC) committed row by
//	   row with fresh blindings; present rows sent and absorbed (adv/rows).
//	   Each gadget's witness job (Runner) copies its tensors into one int32
//	   blob as soon as they exist and drops its map; only the lookup
//	   columns outlive it. A value outside int32 widens the blob to int64
//	   (that gadget's tensors are placed again after): the entries, hence
//	   the commitment and the proof, do not depend on the representation
//	   or the runner. The advice pool keeps that blob as small integers.
//	B  one LogUp-GKR tree over every gadget's lookups (tlookup); committed
//	   leaf columns go to the advice pool, virtual ones wait for Leaf
//	C  the advice padding is zero (a zero-check with the public padding
//	   mask, its claim on the whole blob to the pool; NewEqMaskSmallKernel
//	   runs its first round on the mask bytes and the advice integers, so
//	   no whole-blob field table is built), then each gadget in order
//	E  RED + one opening per blob (advice, weights)
//	F  the ledger must be empty; the DLC closing IPA. The verifier checks
//	   every product proof and the closing IPA in one batched MSM (§11).
//
// Proof bytes: advice rows ‖ GKR ‖ padding zero-check ‖ gadget messages in
// order ‖ advice settlement ‖ weight settlement ‖ DLC proof.
package layers
