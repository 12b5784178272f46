package tlookup

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Weight range proof (PROTOCOL §4.3): every entry of the weight blob that vk
// commits lies in SRANGE_16. Without it, vk could commit arbitrary field
// elements and the no-wrap bounds of §2.2/§7.4/§9.3 would not hold.
//
// Transcript (its own, bound to the model):
//
//	absorb st/model_id (model_id) ; absorb vk/range (u64 log blob size,
//	u64 log row length, then the vk rows) ; absorb gkr/mult (multiplicity rows)
//	γ, β ; LogUp-GKR (one lookup: the blob, into SRANGE_16)
//	opening of the blob at the lookup leaf point (against the vk rows)
//	opening of the multiplicities at the table leaf point ; DLC close
//
// Wire format: magic "ZKLLMRP1" ‖ multiplicity rows ‖ GKR proof ‖ blob
// opening ‖ multiplicity opening ‖ DLC proof; every count derives from vk.

// BlobRangeMagic starts every encoded weight range proof.
const BlobRangeMagic = "ZKLLMRP1"

// blobRangeBits is the signed width every weight must have (int16).
const blobRangeBits = 16

// BlobRangeProof is the owner's one-time proof that vk commits int16 values.
type BlobRangeProof struct {
	MultRows    []Point // Hyrax rows of SRANGE_16's multiplicities
	GKR         *Proof
	OpenWeights *ipa.Proof
	OpenMult    *ipa.Proof
	DLC         *sumcheck.DLCProof
}

// blobRangeShape is what both sides derive from vk.
type blobRangeShape struct {
	layout   *Layout
	table    *tables.Table
	lookupLg int // log2 of the looked-up vector: the blob, at least one row
	multLogC int
	dlcLog   int
}

func newBlobRangeShape(vk *pedersen.VerifyingKey) (*blobRangeShape, error) {
	if vk == nil || vk.Layout == nil {
		return nil, fmt.Errorf("%w: no verifying key", ErrSpec)
	}
	tab, err := tables.SRange(blobRangeBits)
	if err != nil {
		return nil, err
	}
	// A row longer than the blob means the blob is zero-padded to one row.
	lg := max(vk.Layout.LogSize, vk.LogC)
	l, err := NewLayout(Spec{Lookups: []Lookup{{Name: "weights", Table: tab, LogSize: lg}}})
	if err != nil {
		return nil, err
	}
	return &blobRangeShape{
		layout: l, table: tab, lookupLg: lg,
		multLogC: RowLog(blobRangeBits),
		dlcLog:   mle.Log2Ceil(max(1, l.NumRoundSlots())),
	}, nil
}

func (s *blobRangeShape) numMultRows() int { return 1 << (blobRangeBits - s.multLogC) }

// generatorsNeeded is the vector generator count both sides use.
func (s *blobRangeShape) generatorsNeeded(vk *pedersen.VerifyingKey) int {
	return max(1<<vk.LogC, 1<<s.multLogC, 1<<s.dlcLog)
}

// absorbStatement binds the model id and vk.
func absorbBlobStatement(tr *transcript.Transcript, vk *pedersen.VerifyingKey, modelID []byte) {
	tr.AbsorbBytes(transcript.LabelModelID, modelID)
	tr.AbsorbUint64(transcript.LabelRangeProof, uint64(vk.Layout.LogSize))
	tr.AbsorbUint64(transcript.LabelRangeProof, uint64(vk.LogC))
	tr.AbsorbPoints(transcript.LabelRangeProof, vk.Rows)
}

// ProveBlobRange proves that every entry of blob (the weight blob in layout
// order, ≤ 2^LogSize entries, zero beyond) lies in SRANGE_16, where vk's
// rows commit blob with the row blindings blind (ρ_k = 0 at padding rows).
// The proof is bound to modelID. It materialises the GKR tree: O(blob size)
// field elements of memory.
func ProveBlobRange(vk *pedersen.VerifyingKey, blob []int16, blind []fr.Element, modelID []byte) (*BlobRangeProof, error) {
	shape, err := newBlobRangeShape(vk)
	if err != nil {
		return nil, err
	}
	if len(blob) > 1<<vk.Layout.LogSize {
		return nil, fmt.Errorf("%w: blob of %d entries for a layout of 2^%d", ErrWitness, len(blob), vk.Layout.LogSize)
	}
	col := Column{In: make([]int64, len(blob))}
	for i, v := range blob {
		col.In[i] = int64(v)
	}
	w := &Witness{Columns: []Column{col}}
	mult, err := shape.layout.Multiplicities(w)
	if err != nil {
		return nil, err
	}
	open := func(qRow []fr.Element) ([]fr.Element, fr.Element, error) {
		return ipa.OpenWitnessSmall(blob, 1<<vk.LogC, blind, qRow)
	}
	return proveBlobRange(vk, shape, w, mult, blind, modelID, open)
}

// blobOpener folds the blob's rows for an opening at q_row (§4.6).
type blobOpener func(qRow []fr.Element) (a []fr.Element, alpha fr.Element, err error)

// proveBlobRange is ProveBlobRange for a given witness and multiplicities,
// so that tests can play an owner whose blob holds out-of-range values.
func proveBlobRange(vk *pedersen.VerifyingKey, shape *blobRangeShape, w *Witness, mult [][]uint64, blind []fr.Element, modelID []byte, open blobOpener) (*BlobRangeProof, error) {
	if len(blind) != len(vk.Rows) {
		return nil, fmt.Errorf("%w: %d row blindings for %d rows", ErrWitness, len(blind), len(vk.Rows))
	}
	gens, err := pedersen.Get(shape.generatorsNeeded(vk))
	if err != nil {
		return nil, err
	}
	multF := multToField(mult)
	tr := transcript.New()
	absorbBlobStatement(tr, vk, modelID)
	mvec, err := commitVector(gens, multF[0], blobRangeBits)
	if err != nil {
		return nil, err
	}
	proof := &BlobRangeProof{MultRows: mvec.rows}
	tr.AbsorbPoints(transcript.LabelGKRMult, mvec.rows)

	dlc, err := sumcheck.NewDLCProver(tr)
	if err != nil {
		return nil, err
	}
	if _, err := dlc.Generators(gens.Len()); err != nil {
		return nil, err
	}
	var claims *Claims
	if proof.GKR, claims, err = Prove(dlc, shape.layout, w, mult); err != nil {
		return nil, err
	}
	wc := claims.In(0)
	qCol, qRow, err := ipa.SplitPoint(wc.Point, vk.LogC)
	if err != nil {
		return nil, err
	}
	a, alpha, err := open(qRow)
	if err != nil {
		return nil, err
	}
	cStar, err := ipa.OpenStatement(vk.Rows, qRow)
	if err != nil {
		return nil, err
	}
	if proof.OpenWeights, err = ipa.OpenProve(tr, gens, cStar.Eval(), wc.Commitment, qCol, a, alpha, wc.Opening.Blind); err != nil {
		return nil, err
	}
	if proof.OpenMult, err = openClaim(tr, gens, mvec, claims.Mult(0)); err != nil {
		return nil, err
	}
	if proof.DLC, err = dlc.Close(); err != nil {
		return nil, err
	}
	return proof, nil
}

// VerifyBlobRange checks an encoded weight range proof against vk's row
// commitments and modelID. It uses nothing else: no weight, no blinding.
func VerifyBlobRange(vk *pedersen.VerifyingKey, modelID []byte, proofBytes []byte) error {
	p, err := UnmarshalBlobRangeProof(proofBytes, vk)
	if err != nil {
		return err
	}
	return p.Verify(vk, modelID)
}

// Verify checks a decoded weight range proof. Every group equation (GKR
// and sumcheck product proofs, both openings, the DLC's closing IPA) goes
// into one ipa.Batch, checked with a single MSM at the end (PROTOCOL §11).
func (p *BlobRangeProof) Verify(vk *pedersen.VerifyingKey, modelID []byte) error {
	return p.verify(vk, modelID, true)
}

// verify is Verify; batched = false checks each equation on the spot (the
// benchmark's and tests' reference path).
func (p *BlobRangeProof) verify(vk *pedersen.VerifyingKey, modelID []byte, batched bool) error {
	shape, err := newBlobRangeShape(vk)
	if err != nil {
		return err
	}
	if len(p.MultRows) != shape.numMultRows() || p.GKR == nil || p.OpenWeights == nil || p.OpenMult == nil || p.DLC == nil {
		return fmt.Errorf("%w: weight range proof shape does not match vk", ErrReject)
	}
	gens, err := pedersen.Get(shape.generatorsNeeded(vk))
	if err != nil {
		return err
	}
	tr := transcript.New()
	absorbBlobStatement(tr, vk, modelID)
	tr.AbsorbPoints(transcript.LabelGKRMult, p.MultRows)
	dlc, err := sumcheck.NewDLCVerifier(tr)
	if err != nil {
		return err
	}
	if _, err := dlc.Generators(gens.Len()); err != nil {
		return err
	}
	var batch *ipa.Batch
	if batched {
		batch = ipa.NewBatch(gens)
		dlc.UseBatch(batch)
	}
	check := dlc.Checker()
	claims, err := Verify(dlc, shape.layout, p.GKR)
	if err != nil {
		return err
	}
	wc := claims.In(0)
	if err := check.AddOpening(tr, vk.Rows, vk.LogC, wc.Point, wc.Commitment, p.OpenWeights); err != nil {
		return fmt.Errorf("%w: weight blob opening: %v", ErrReject, err)
	}
	mvec := &committedVector{logSize: blobRangeBits, logC: shape.multLogC, rows: p.MultRows}
	if err := checkClaim(check, tr, mvec, claims.Mult(0), p.OpenMult); err != nil {
		return err
	}
	if err := dlc.Close(p.DLC); err != nil {
		return fmt.Errorf("%w: %v", ErrReject, err)
	}
	if batch != nil {
		if err := batch.Verify(); err != nil {
			return fmt.Errorf("%w: %v", ErrReject, err)
		}
	}
	return nil
}

// Marshal returns the canonical encoding.
func (p *BlobRangeProof) Marshal() []byte {
	dst := append([]byte(nil), BlobRangeMagic...)
	dst = field.AppendPoints(dst, p.MultRows)
	dst = p.GKR.Append(dst)
	dst = p.OpenWeights.Append(dst)
	dst = p.OpenMult.Append(dst)
	return p.DLC.Append(dst)
}

// BlobRangeProofSize returns the exact encoded size for vk.
func BlobRangeProofSize(vk *pedersen.VerifyingKey) (int, error) {
	s, err := newBlobRangeShape(vk)
	if err != nil {
		return 0, err
	}
	return len(BlobRangeMagic) + s.numMultRows()*field.PointSize + s.layout.ProofSize() +
		ipa.ProofSize(vk.LogC) + ipa.ProofSize(s.multLogC) + ipa.ProofSize(s.dlcLog), nil
}

// UnmarshalBlobRangeProof decodes a weight range proof for vk strictly:
// exact length, canonical scalars, subgroup-checked non-identity points,
// no trailing bytes. encode(decode(b)) == b for every accepted b.
func UnmarshalBlobRangeProof(b []byte, vk *pedersen.VerifyingKey) (*BlobRangeProof, error) {
	shape, err := newBlobRangeShape(vk)
	if err != nil {
		return nil, err
	}
	want, _ := BlobRangeProofSize(vk)
	if len(b) != want {
		return nil, fmt.Errorf("%w: weight range proof is %d bytes, want %d", ErrDecode, len(b), want)
	}
	if string(b[:len(BlobRangeMagic)]) != BlobRangeMagic {
		return nil, fmt.Errorf("%w: bad magic", ErrDecode)
	}
	r := field.NewReader(b[len(BlobRangeMagic):])
	p := &BlobRangeProof{}
	if p.MultRows, err = r.ReadPoints(shape.numMultRows()); err != nil {
		return nil, fmt.Errorf("%w: multiplicity rows: %v", ErrDecode, err)
	}
	if p.GKR, err = ReadProof(r, shape.layout); err != nil {
		return nil, err
	}
	if p.OpenWeights, err = ipa.ReadProof(r, vk.LogC); err != nil {
		return nil, fmt.Errorf("%w: weight opening: %v", ErrDecode, err)
	}
	if p.OpenMult, err = ipa.ReadProof(r, shape.multLogC); err != nil {
		return nil, fmt.Errorf("%w: multiplicity opening: %v", ErrDecode, err)
	}
	if p.DLC, err = sumcheck.ReadDLCProof(r, shape.dlcLog); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	return p, nil
}
