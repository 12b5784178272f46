// Package claims holds the two objects that keep a composed proof honest
// (PROTOCOL §7.2, §8.2, §12.3):
//
//   - Point: an evaluation point made only of Fiat–Shamir challenges. It can
//     be built only from a transcript squeeze, from the point a sumcheck
//     bound (its coordinates are that sumcheck's challenges), from a lookup
//     leaf point, or by slicing and concatenating other Points. A gadget that
//     receives a Point therefore never evaluates at ½ or at a Boolean
//     coordinate; moving such a claim to a fresh point happens inside the
//     gadget that creates it (§7.2).
//   - Ledger: every claim a gadget derives — a sumcheck's final commitments,
//     a lookup leaf's column value, a rescale's quotient value — is opened in
//     the proof's Ledger and must be settled exactly once: by the claim pool
//     (a committed tensor), by the producer that consumes it as its own
//     sumcheck claim, or by a deferred-linear-check relation. Closing the
//     ledger fails while any claim is open, on the prover's side and, more
//     importantly, on the verifier's: a verifier whose gadget dropped a claim
//     rejects instead of accepting a proof whose claim was never checked —
//     the hole through which zkLLM's unchecked claims passed.
//
// Claim[V] is generic over the value side: the prover holds a
// sumcheck.Scalar (value and blinding), the verifier a sumcheck.Point (the
// commitment only). The verifier types never hold a witness value.
package claims
