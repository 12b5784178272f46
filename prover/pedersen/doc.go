// Package pedersen holds zkllm's transparent Pedersen generators and the
// hiding Hyrax commitments built on them (PROTOCOL §4.1–§4.3), the blob
// layout (§4.2 "Placement") and the verifying-key file.
//
// Generators (§4.1): g_i = HashToG1("g"‖u32be(i)), H = HashToG1("H"),
// G = HashToG1("G"), all with dst "ZKLLM-GO-V1-PEDERSEN" and RFC 9380 SSWU
// (gnark-crypto). Nobody knows a discrete-log relation among them. Get(n)
// derives them in parallel and caches them in-process; LoadOrDerive (and
// LoadFile/WriteFile) keep a file cache that is accepted only if its SHA-256
// equals a digest pinned in this package for that count (2^0…2^19 pinned).
// UseCacheDir (set by the CLI to <data-dir>/generators) routes every Get
// that misses the in-process cache through LoadOrDerive, so a production
// process reads the pinned file instead of re-deriving; a cache it cannot
// read or write only costs the derivation.
//
// Commitments: a scalar ⟦v⟧ = v·G + ρ·H; a vector Σ v_i·g_i + ρ·H. Hyrax
// (§4.2): a vector of length 2^n is a matrix of rows of length c = 2^m, row
// k committed as C_k = Σ_i V[kc+i]·g_i + ρ_k·H. Rows can be committed in
// independent ranges [from,to) with caller-supplied blindings, so a killed
// commit resumes from its last finished block. Structural padding rows are
// the identity with ρ_k = 0 and are never sent. Small signed integers
// (int8…int64: weights §4.3, advice) commit by negating g_i where w_i < 0
// and running MultiExp on |w_i|: the point is identical to committing
// w_i mod r; the blinding joins the same small-scalar MSM as b-wide limbs
// against the powers 2^{b·j}·H, b ∈ {8,16,32,64} the smallest holding the
// row's largest |w_i|. Rows of length ≤ 2^14 are committed row-parallel
// (each row's MSM on one core, rows spread over the cores), longer rows one
// at a time with gnark's all-core MSM; the points do not depend on it.
//
// Small and fixed-base multiplication (smallmsm.go, fixedbase.go): SmallMSM
// is Straus's method over the GLV halves (wNAF-4, affine tables, one batch
// inversion) on the calling goroutine, for the few-point MSMs of sumcheck
// round commitments and small IPA rounds (MSMAuto picks it up to
// SmallMSMMax points, gnark's MultiExp beyond). G and H have per-process
// fixed-base tables (d·2^{8w}·P, 32 windows × 255 points each, built on
// first use): MulG, MulH, CommitScalar and every blinding ρ·H are at most
// 32 mixed additions. Both give exactly the points of the plain
// computation (TestSmallMSMMatchesMultiExp, TestFixedBaseMatchesNaive).
//
// Layout (§4.2): tensors, each padded per axis to powers of two, sorted by
// padded size descending (stable in spec order) and placed contiguously, so
// tensor t is the aligned sub-cube whose top bits are id_t:
// t(u) = Blob(u ‖ id_t).
//
// The verifying-key file (vk.go) holds magic, version, generator version,
// log row length, the layout and every non-padding row commitment; its
// SHA-256 is the digest others bind to (model_id, §1.1). Unmarshal is strict.
package pedersen
