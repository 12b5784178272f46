// Package owner holds the owner-side protocol of zkllm, the one definition
// shared by the owner, a prover holding the owner's secret, and every
// verifier (PROTOCOL §1.1, §4.2, §4.3; issues 13, 14, 16):
//
//   - The weight blob (Blob): every weight tensor of the architecture
//     (model.TensorLayout, spec order), each axis reversed to least
//     significant first and padded to a power of two, placed by
//     pedersen.Place (size descending, stable), so tensor t is the aligned
//     sub-cube t(u) = Blob(u ‖ id_t). c_W = 2^LogC with LogC =
//     LogRowLength(n) = min(n, ⌈(n+1)/2⌉) for a blob of 2^n entries. The
//     prover gets it from the quantized model (OpenProver, Blob.Values), the
//     verifier from the manifest's architecture (BlobForConfig); never from
//     a vk. Tensor names are printable ASCII.
//   - The row-blinding PRF (Secret.RowBlindings): ρ_k = HMAC-SHA-256(secret,
//     "zkllm/row-blind/v2" ‖ manifest digest ‖ u64 c_W ‖ u32 generator
//     version ‖ u64 k ‖ u8 i) for i = 0,1, the 512 bits reduced mod r. Bound
//     to the row length and generator set (§4.2 rev 1.2), so re-committing a
//     manifest under another layout never reuses a blinding. Padding rows
//     have ρ = 0 and commit to the identity.
//   - The model id (ModelID): SHA-256(manifest digest ‖ SHA-256(vk file)).
//   - The resumable commit (Blob.Commit, Blob.CommitRows): rows in blocks,
//     each finished block appended to a partial file and fsynced; a killed
//     commit resumes and produces the same vk byte for byte.
//   - The owner's weight proof, version 2 (WeightProof, ProveWeights,
//     VerifierKey.VerifyWeightProof; transcript in weightproof.go): every
//     blob entry is in SRANGE_16 (LogUp-GKR) AND every padded entry is zero
//     (one zero-check Σ_x eq(w,x)·Pad(x)·Blob(x) = 0, with the verifier
//     evaluating Pad(ρ) = 1 − Σ_t eq(ρ_top, id_t)·Π_axes PrefixMask itself),
//     both blob claims joined by RED into ONE opening of the weight blob.
//     It binds the model id and the SHA-256 of the whole vk file (names and
//     shapes included). Version 1 proofs and vk files are refused by name.
//     Transcript labels, in order: st/model_id, vk/digest, gkr/mult, the
//     GKR's (gkr/*, sc/*, prod/*), zc/w and the zero-check's sc/*, the
//     pool's red/* and the blob opening's ipa/*, the multiplicity opening's
//     ipa/*, the DLC close (dlc/lambda, dlc/xi, ipa/*).
//
// # API for the whole-model proof
//
// Prover side: OpenProver(secret, manifestDigest, quantModel) returns a
// Prover with the blob values (int16, Values; field elements, FieldValues),
// the row blindings (RowBlindings) and NewPool, the pool.Prover of the
// weight blob addressed by tensor name (pool.NewProver with Blob.PoolShape).
// Verifier side: LoadVerifierKey(manifest, spec, vk, weightProof) checks
// everything in order and returns a VerifierKey: the Blob, the decoded vk
// rows (Rows, NewPool → pool.NewVerifier), the derived ModelID. Tensor
// accessors: Blob.Tensor(name) (LogSize, Offset, IDBits, real Shape),
// Blob.BlobPoint(name, q) = q ‖ id_t, LayerTensorName/Blob.LayerTensor for
// "layer ℓ of wq".
//
// # Layers and stacking (PROTOCOL §8.4)
//
// Each layer's tensor is a separate blob tensor ("layers.ℓ.wq"), placed by
// size like any other; the layers of one role are not contiguous in
// general (a same-size tensor of another role may sit between them), so
// there is no layer axis. A gadget stacked over layers addresses layer ℓ
// through LayerTensor(role, ℓ).IDBits and sends one pool claim per layer
// (the pool's RED joins them, so the opening count stays one). Stacking
// with a layer axis — one claim at (u ‖ ℓ-point) for all layers — would
// need a placement that puts every layer of a role in one aligned block:
// place per role a stacked tensor of shape (…, L_pad) instead of L
// tensors, which changes the vk layout (a format version bump) and
// PROTOCOL §4.2's placement rule; padded layers ℓ ≥ L would then be zero
// by the zero-check of this package's weight proof, with no extra work.
//
// # Verifier work is chosen by the spec, not the vk
//
// ParseVerifierKey derives every size from the manifest and spec first
// (layout, c_W, row count, the vk file's exact length, the proof's exact
// length) and refuses anything else before decoding it, stopping at the
// first failed check; a hostile vk/proof pair costs at most the honest
// verification of the model the (pinned) spec describes.
//
// # Invariants
//
//   - One definition: cli/ calls this package for the layout, c_W, the
//     blindings, the model id, the commit and the weight proof.
//   - The verifier side never holds a weight or a blinding.
//   - Every decoder is strict (exact length, canonical scalars,
//     subgroup-checked non-identity points, no trailing bytes) and fuzzed.
package owner
