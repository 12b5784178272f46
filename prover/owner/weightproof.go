package owner

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/pool"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Weight proof, version 2 (PROTOCOL §4.3 rev 1.2): the owner's one-time
// proof that the blob vk commits is int16 everywhere AND zero at every
// padded entry, bound to the model id and to the SHA-256 of the whole vk
// file. Transcript (its own):
//
//	absorb st/model_id (derived: SHA-256(manifest digest ‖ SHA-256(vk file)))
//	absorb vk/digest (SHA-256 of the vk file: layout, names, shapes, rows)
//	absorb gkr/mult (the rows of SRANGE_16's multiplicities)
//	LogUp-GKR: the blob looked up in SRANGE_16 → claims Blob(q₁), m(q_m)
//	w ← zc/w ; zero-check Σ_x eq(w,x)·Pad(x)·Blob(x) = 0 → claim Blob(ρ)
//	pool on the blob: Blob(q₁) and Blob(ρ) → RED → ONE opening against vk
//	opening of the multiplicities at q_m ; DLC close
//
// Pad is the public padding mask (1 − pedersen.Layout.RealMask), which the
// verifier evaluates at ρ in O(Σ axes·bits). Wire format: magic "ZKLLMRP2" ‖
// multiplicity rows ‖ GKR proof ‖ zero-check proof ‖ pool settlement ‖
// multiplicity opening ‖ DLC proof; every count derives from the Blob.

// WeightProofMagic starts every encoded weight proof of this version.
const WeightProofMagic = "ZKLLMRP2"

// weightProofMagicV1 started version-1 weight range proofs (refused).
const weightProofMagicV1 = "ZKLLMRP1"

// Errors of the weight proof.
var (
	ErrReject = errors.New("owner: weight proof rejected")
	ErrDecode = errors.New("owner: malformed weight proof")
	// ErrWeightProofVersion1 is a version-1 weight range proof (no padding
	// proof, no binding of the vk's layout): refused by name.
	ErrWeightProofVersion1 = fmt.Errorf("%w: weight range proof version 1 is no longer accepted: re-run `zkllm model commit`", ErrDecode)
)

// rangeBits is the signed width every weight must have (int16).
const rangeBits = 16

// WeightProof is the owner's weight proof (version 2).
type WeightProof struct {
	MultRows  []bls12381.G1Affine // Hyrax rows of SRANGE_16's multiplicities
	GKR       *tlookup.Proof
	ZeroCheck *sumcheck.Proof
	Pool      *pool.Proof
	OpenMult  *ipa.Proof
	DLC       *sumcheck.DLCProof
}

// wholeBlobName names the single tensor of the pool's view of the blob: the
// proof's claims are on the whole blob, not on one tensor.
const wholeBlobName = "blob"

// proofShape is everything both sides derive from the Blob alone.
type proofShape struct {
	blob     *Blob
	whole    pool.Shape // the blob as one tensor of 2^LogSize entries
	gkr      *tlookup.Layout
	zcForm   *sumcheck.Form
	multLogC int
	dlcLog   int
	gens     int // vector generators needed
}

func zeroCheckInstance(w []fr.Element) *sumcheck.Instance {
	one := fr.One()
	return sumcheck.ZeroCheck(w, 1, []sumcheck.Term{{Coeff: one, Factors: []int{1}}})
}

func newProofShape(b *Blob) (*proofShape, error) {
	n := b.Layout.LogSize
	if b.LogC != LogRowLength(n) {
		return nil, fmt.Errorf("%w: row length 2^%d, the rule gives 2^%d", ErrBlob, b.LogC, LogRowLength(n))
	}
	tab, err := tables.SRange(rangeBits)
	if err != nil {
		return nil, err
	}
	gkr, err := tlookup.NewLayout(tlookup.Spec{Lookups: []tlookup.Lookup{{Name: "weights", Table: tab, LogSize: n}}})
	if err != nil {
		return nil, err
	}
	whole, err := pedersen.Place([]pedersen.TensorSpec{{Name: wholeBlobName, Shape: []uint64{b.Layout.Size()}}})
	if err != nil {
		return nil, err
	}
	zcForm, err := zeroCheckInstance(make([]fr.Element, n)).Form()
	if err != nil {
		return nil, err
	}
	redForm, err := sumcheck.RED(n, [][]fr.Element{make([]fr.Element, n)}, nil).Form()
	if err != nil {
		return nil, err
	}
	s := &proofShape{
		blob: b, whole: pool.Shape{Layout: whole, LogC: b.LogC}, gkr: gkr, zcForm: zcForm,
		multLogC: tlookup.RowLog(rangeBits),
	}
	s.dlcLog = mle.Log2Ceil(max(1, gkr.NumRoundSlots()+zcForm.NumRoundSlots()+redForm.NumRoundSlots()))
	s.gens = max(1<<b.LogC, 1<<s.multLogC, 1<<s.dlcLog)
	return s, nil
}

func (s *proofShape) numMultRows() int { return 1 << (rangeBits - s.multLogC) }

// size is the exact encoded size of a weight proof for this shape.
func (s *proofShape) size() (int, error) {
	poolSize, err := s.whole.ProofSize()
	if err != nil {
		return 0, err
	}
	return len(WeightProofMagic) + s.numMultRows()*field.PointSize + s.gkr.ProofSize() + s.zcForm.ProofSize() +
		poolSize + ipa.ProofSize(s.multLogC) + ipa.ProofSize(s.dlcLog), nil
}

// WeightProofSize returns the exact encoded size of b's weight proof.
func WeightProofSize(b *Blob) (int, error) {
	s, err := newProofShape(b)
	if err != nil {
		return 0, err
	}
	return s.size()
}

// ModelID is model_id = SHA-256(manifest digest ‖ SHA-256(vk file))
// (PROTOCOL §1.1), the one rule every side uses.
func ModelID(manifestDigest [32]byte, vkFile []byte) [32]byte {
	return spec.ModelID(manifestDigest, pedersen.Digest(vkFile))
}

// startTranscript absorbs the statement: the model id and the vk digest.
func startTranscript(modelID, vkDigest [32]byte) *transcript.Transcript {
	tr := transcript.New()
	tr.AbsorbBytes(transcript.LabelModelID, modelID[:])
	tr.AbsorbBytes(transcript.LabelVKDigest, vkDigest[:])
	return tr
}

// proveWeights is the prover. values is the blob (2^LogSize int16), blinds
// its row blindings as committed in vkFile.
func proveWeights(s *proofShape, values []int16, blinds []fr.Element, manifestDigest [32]byte, vkFile []byte) (*WeightProof, error) {
	b := s.blob
	if uint64(len(values)) != b.Layout.Size() || len(blinds) != b.NumRows() {
		return nil, fmt.Errorf("%w: %d values and %d blindings for a blob of 2^%d in %d rows", ErrBlob, len(values), len(blinds), b.Layout.LogSize, b.NumRows())
	}
	gens, err := pedersen.Get(s.gens)
	if err != nil {
		return nil, err
	}
	col := tlookup.Column{In: make([]int64, len(values))}
	blobFr := make([]fr.Element, len(values))
	for i, v := range values {
		col.In[i] = int64(v)
		blobFr[i].SetInt64(int64(v))
	}
	w := &tlookup.Witness{Columns: []tlookup.Column{col}}
	mult, err := s.gkr.Multiplicities(w)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlob, err) // a weight outside int16 cannot be proven
	}
	multFr := make([]fr.Element, len(mult[0]))
	for i, m := range mult[0] {
		multFr[i].SetUint64(m)
	}
	multC := 1 << s.multLogC
	multBlind := field.RandomScalars(s.numMultRows())
	proof := &WeightProof{}
	if proof.MultRows, err = gens.CommitRows(multFr, multC, 0, s.numMultRows(), multBlind); err != nil {
		return nil, err
	}

	tr := startTranscript(ModelID(manifestDigest, vkFile), pedersen.Digest(vkFile))
	tr.AbsorbPoints(transcript.LabelGKRMult, proof.MultRows)
	dlc, err := sumcheck.NewDLCProver(tr)
	if err != nil {
		return nil, err
	}
	if _, err := dlc.Generators(s.gens); err != nil {
		return nil, err
	}
	var claims *tlookup.Claims
	if proof.GKR, claims, err = tlookup.Prove(dlc, s.gkr, w, mult); err != nil {
		return nil, err
	}
	blobClaim, multClaim := claims.In(0), claims.Mult(0)

	// Zero padding: Σ_x eq(w,x)·Pad(x)·Blob(x) = 0 at a fresh w.
	zw := tr.Challenges(transcript.LabelZeroCheckW, b.Layout.LogSize)
	zc, zres, err := zeroCheckInstance(zw).Prove(dlc, [][]fr.Element{b.Layout.PaddingMaskTable(), blobFr}, sumcheck.Public(fr.Element{}))
	if err != nil {
		return nil, err
	}
	proof.ZeroCheck = zc

	// Both blob claims → one RED → one opening of the weight blob.
	pp, err := pool.NewProver(s.whole, blobFr, blinds)
	if err != nil {
		return nil, err
	}
	if err := pp.Add(wholeBlobName, blobClaim.Point, blobClaim.Opening); err != nil {
		return nil, err
	}
	if err := pp.Add(wholeBlobName, zres.Point, zres.Openings[0]); err != nil {
		return nil, err
	}
	if proof.Pool, err = pp.Settle(dlc); err != nil {
		return nil, err
	}

	// The multiplicities' opening.
	qCol, qRow, err := ipa.SplitPoint(multClaim.Point, s.multLogC)
	if err != nil {
		return nil, err
	}
	a, alpha, err := ipa.OpenWitness(multFr, multC, multBlind, qRow)
	if err != nil {
		return nil, err
	}
	cStar, err := ipa.OpenStatement(proof.MultRows, qRow)
	if err != nil {
		return nil, err
	}
	if proof.OpenMult, err = ipa.OpenProve(tr, gens.Prefix(multC), cStar.Eval(), multClaim.Commitment, qCol, a, alpha, multClaim.Opening.Blind); err != nil {
		return nil, err
	}
	if got := dlc.ProofLogLen(); got != s.dlcLog {
		return nil, fmt.Errorf("owner: internal: DLC of 2^%d slots, shape says 2^%d", got, s.dlcLog)
	}
	if proof.DLC, err = dlc.Close(); err != nil {
		return nil, err
	}
	return proof, nil
}

// verify checks a decoded proof against the vk rows under (modelID,
// vkDigest). Every group equation except the pool's opening goes into one
// ipa.Batch, checked with one MSM at the end (PROTOCOL §11).
func (s *proofShape) verify(p *WeightProof, rows []bls12381.G1Affine, modelID, vkDigest [32]byte) error {
	if p == nil || len(p.MultRows) != s.numMultRows() || p.GKR == nil || p.ZeroCheck == nil || p.Pool == nil || p.OpenMult == nil || p.DLC == nil {
		return fmt.Errorf("%w: proof shape does not match the blob", ErrReject)
	}
	gens, err := pedersen.Get(s.gens)
	if err != nil {
		return err
	}
	tr := startTranscript(modelID, vkDigest)
	tr.AbsorbPoints(transcript.LabelGKRMult, p.MultRows)
	dlc, err := sumcheck.NewDLCVerifier(tr)
	if err != nil {
		return err
	}
	if _, err := dlc.Generators(s.gens); err != nil {
		return err
	}
	batch := ipa.NewBatch(gens)
	dlc.UseBatch(batch)
	claims, err := tlookup.Verify(dlc, s.gkr, p.GKR)
	if err != nil {
		return fmt.Errorf("%w: range (LogUp-GKR): %v", ErrReject, err)
	}
	blobClaim, multClaim := claims.In(0), claims.Mult(0)

	layout := s.blob.Layout
	zw := tr.Challenges(transcript.LabelZeroCheckW, layout.LogSize)
	pad := func(rho []fr.Element) ([]fr.Element, error) {
		return []fr.Element{layout.PaddingMask(rho), {}}, nil
	}
	zres, err := zeroCheckInstance(zw).Verify(dlc, bls12381.G1Affine{}, p.ZeroCheck, pad)
	if err != nil {
		return fmt.Errorf("%w: zero padding: %v", ErrReject, err)
	}

	pv, err := pool.NewVerifier(s.whole, rows)
	if err != nil {
		return err
	}
	if err := pv.Add(wholeBlobName, blobClaim.Point, blobClaim.Commitment); err != nil {
		return err
	}
	if err := pv.Add(wholeBlobName, zres.Point, zres.Commitments[0]); err != nil {
		return err
	}
	if err := pv.Settle(dlc, p.Pool); err != nil {
		return fmt.Errorf("%w: weight blob opening: %v", ErrReject, err)
	}
	if err := batch.AddOpening(tr, p.MultRows, s.multLogC, multClaim.Point, multClaim.Commitment, p.OpenMult); err != nil {
		return fmt.Errorf("%w: multiplicity opening: %v", ErrReject, err)
	}
	if err := dlc.Close(p.DLC); err != nil {
		return fmt.Errorf("%w: %v", ErrReject, err)
	}
	if err := batch.Verify(); err != nil {
		return fmt.Errorf("%w: %v", ErrReject, err)
	}
	return nil
}

// Marshal returns the canonical encoding.
func (p *WeightProof) Marshal() []byte {
	dst := append([]byte(nil), WeightProofMagic...)
	dst = field.AppendPoints(dst, p.MultRows)
	dst = p.GKR.Append(dst)
	dst = p.ZeroCheck.Append(dst)
	dst = p.Pool.Append(dst)
	dst = p.OpenMult.Append(dst)
	return p.DLC.Append(dst)
}

// decode reads a weight proof of this shape strictly: a version-1 proof is
// refused by name; then the exact length is checked before anything is
// allocated; scalars canonical, points subgroup-checked and not the
// identity, no trailing bytes. encode(decode(b)) == b for accepted b.
func (s *proofShape) decode(b []byte) (*WeightProof, error) {
	if bytes.HasPrefix(b, []byte(weightProofMagicV1)) {
		return nil, ErrWeightProofVersion1
	}
	want, err := s.size()
	if err != nil {
		return nil, err
	}
	if len(b) != want {
		return nil, fmt.Errorf("%w: %d bytes, this model's weight proof has %d", ErrDecode, len(b), want)
	}
	if string(b[:len(WeightProofMagic)]) != WeightProofMagic {
		return nil, fmt.Errorf("%w: bad magic", ErrDecode)
	}
	r := field.NewReader(b[len(WeightProofMagic):])
	p := &WeightProof{}
	if p.MultRows, err = r.ReadPoints(s.numMultRows()); err != nil {
		return nil, fmt.Errorf("%w: multiplicity rows: %v", ErrDecode, err)
	}
	if p.GKR, err = tlookup.ReadProof(r, s.gkr); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	if p.ZeroCheck, err = sumcheck.ReadProof(r, s.zcForm); err != nil {
		return nil, fmt.Errorf("%w: zero-check: %v", ErrDecode, err)
	}
	if p.Pool, err = pool.ReadProof(r, s.whole); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	if p.OpenMult, err = ipa.ReadProof(r, s.multLogC); err != nil {
		return nil, fmt.Errorf("%w: multiplicity opening: %v", ErrDecode, err)
	}
	if p.DLC, err = sumcheck.ReadDLCProof(r, s.dlcLog); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	return p, nil
}

// digestOf is SHA-256 (the manifest digest of a manifest file).
func digestOf(b []byte) [32]byte { return sha256.Sum256(b) }
