package pool

import (
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/ipa"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Errors of the pool.
var (
	ErrSettled = errors.New("pool: already settled (one opening per blob per proof)")
	ErrEmpty   = errors.New("pool: no claims to settle")
	ErrClaim   = errors.New("pool: invalid claim")
	ErrBlob    = errors.New("pool: invalid blob")
	ErrDecode  = errors.New("pool: malformed proof")
)

// Proof is one blob's settlement: the RED sumcheck (whose single final
// commitment is ⟦T(ρ)⟧) and the blob opening at ρ.
type Proof struct {
	RED     *sumcheck.Proof
	Opening *ipa.Proof
}

// Shape is the public shape of a blob: its layout and Hyrax row length 2^LogC.
type Shape struct {
	Layout *pedersen.Layout
	LogC   int
}

func (s Shape) validate() error {
	if s.Layout == nil || s.LogC < 0 || s.LogC > s.Layout.LogSize {
		return fmt.Errorf("%w: row length 2^%d for a blob of 2^%d", ErrBlob, s.LogC, layoutLog(s.Layout))
	}
	return nil
}

func layoutLog(l *pedersen.Layout) int {
	if l == nil {
		return -1
	}
	return l.LogSize
}

// blobPoint returns q ‖ id_t for a claim on tensor name at q.
func (s Shape) blobPoint(name string, q []fr.Element) ([]fr.Element, error) {
	t, ok := s.Layout.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w: no tensor %q in the blob", ErrClaim, name)
	}
	if len(q) != t.LogSize {
		return nil, fmt.Errorf("%w: tensor %q needs a %d-coordinate point, got %d", ErrClaim, name, t.LogSize, len(q))
	}
	out := append(make([]fr.Element, 0, s.Layout.LogSize), q...)
	for _, b := range s.Layout.IDBits(t) {
		var e fr.Element
		if b {
			e.SetOne()
		}
		out = append(out, e)
	}
	return out, nil
}

// redInstance is the RED instance over the whole blob for the claim points.
func redInstance(logSize int, points [][]fr.Element, mu []fr.Element) *sumcheck.Instance {
	return sumcheck.RED(logSize, points, mu)
}

// squeezeMu binds the claims (their commitments and blob points) into the
// transcript and draws one μ_k per claim. The commitments are normally
// earlier prover messages or derived from them; absorbing them here as well
// keeps the pool sound even for a caller that forgot to.
func squeezeMu(tr *transcript.Transcript, ys []sumcheck.Point, points [][]fr.Element) []fr.Element {
	tr.AbsorbPoints(transcript.LabelREDClaim, ys)
	var flat []fr.Element
	for _, q := range points {
		flat = append(flat, q...)
	}
	tr.AbsorbScalars(transcript.LabelREDClaim, flat)
	return tr.Challenges(transcript.LabelREDMu, len(ys))
}

// ProofSize is the encoded size of a settlement of this shape.
func (s Shape) ProofSize() (int, error) {
	if err := s.validate(); err != nil {
		return 0, err
	}
	form, err := redInstance(s.Layout.LogSize, [][]fr.Element{make([]fr.Element, s.Layout.LogSize)}, nil).Form()
	if err != nil {
		return 0, err
	}
	return form.ProofSize() + ipa.ProofSize(s.LogC), nil
}

// Append appends the canonical encoding: the RED proof, then the opening.
func (p *Proof) Append(dst []byte) []byte {
	dst = p.RED.Append(dst)
	return p.Opening.Append(dst)
}

// Marshal returns the canonical encoding.
func (p *Proof) Marshal() []byte { return p.Append(nil) }

// ReadProof decodes a settlement of the given shape; counts come from it.
func ReadProof(r *field.Reader, s Shape) (*Proof, error) {
	size, err := s.ProofSize()
	if err != nil {
		return nil, err
	}
	if err := r.CheckCount(uint64(size), 1); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	form, _ := redInstance(s.Layout.LogSize, [][]fr.Element{make([]fr.Element, s.Layout.LogSize)}, nil).Form()
	red, err := sumcheck.ReadProof(r, form)
	if err != nil {
		return nil, fmt.Errorf("%w: RED: %v", ErrDecode, err)
	}
	open, err := ipa.ReadProof(r, s.LogC)
	if err != nil {
		return nil, fmt.Errorf("%w: opening: %v", ErrDecode, err)
	}
	return &Proof{RED: red, Opening: open}, nil
}

// UnmarshalProof decodes exactly one settlement of the given shape.
func UnmarshalProof(b []byte, s Shape) (*Proof, error) {
	r := field.NewReader(b)
	p, err := ReadProof(r, s)
	if err != nil {
		return nil, err
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	return p, nil
}

// Prover is the prover's pool for one committed blob.
type Prover struct {
	shape   Shape
	values  []fr.Element // the blob (NewProver), length ≤ 2^LogSize (zero-padded); nil if ints holds it
	ints    intEntries   // the blob as small integers (NewProverSmall); nil if values holds it
	blinds  []fr.Element // ρ_k per Hyrax row (0 for padding rows)
	points  [][]fr.Element
	claims  []sumcheck.Scalar
	settled bool
}

// intEntries is a blob held as small integers (8 or 4 B per entry instead of
// 32); entries become field elements only when asked for.
type intEntries interface {
	size() int
	toField(dst []fr.Element, off int) // dst[i] = entry off+i mod r
	// openWitness is ipa.OpenWitness on the integers: a = Σ_k eq(q_row,k)·row_k
	// (the blob's partial evaluation at its row bits), α = Σ_k eq(q_row,k)·ρ_k.
	openWitness(logSize int, blind, qRow []fr.Element) ([]fr.Element, fr.Element)
	// redKernel is RED's round kernel on the integers (sumcheck.NewREDIntsKernel).
	redKernel(logSize int, points [][]fr.Element, mu []fr.Element) (sumcheck.RoundKernel, error)
}

type smallInts[T pedersen.Small] []T

func (s smallInts[T]) size() int { return len(s) }

func (s smallInts[T]) toField(dst []fr.Element, off int) {
	pedersen.SmallToFieldInto(dst, s[off:off+len(dst)])
}

func (s smallInts[T]) openWitness(logSize int, blind, qRow []fr.Element) ([]fr.Element, fr.Element) {
	return mle.PartialEvalHighInts([]T(s), logSize, qRow), field.InnerProduct(mle.EqTable(qRow), blind)
}

func (s smallInts[T]) redKernel(logSize int, points [][]fr.Element, mu []fr.Element) (sumcheck.RoundKernel, error) {
	return sumcheck.NewREDIntsKernel(logSize, points, mu, []T(s))
}

// NewProver opens a pool on the blob with the given entries and row
// blindings (one per row of 2^LogC entries, as committed).
func NewProver(s Shape, values []fr.Element, rowBlinds []fr.Element) (*Prover, error) {
	p, err := newProver(s, len(values), rowBlinds)
	if err != nil {
		return nil, err
	}
	p.values = values
	return p, nil
}

// NewProverSmall is NewProver for a blob of small signed integers (entry i
// is values[i] mod r). The pool keeps them as integers and converts only
// what a caller asks for (Entries, Values) and, once, the whole blob in
// Settle; the proof is the same as NewProver's on the converted blob.
func NewProverSmall[T pedersen.Small](s Shape, values []T, rowBlinds []fr.Element) (*Prover, error) {
	p, err := newProver(s, len(values), rowBlinds)
	if err != nil {
		return nil, err
	}
	p.ints = smallInts[T](values)
	return p, nil
}

func newProver(s Shape, n int, rowBlinds []fr.Element) (*Prover, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	if uint64(n) > s.Layout.Size() {
		return nil, fmt.Errorf("%w: %d entries for a blob of %d", ErrBlob, n, s.Layout.Size())
	}
	if rows := 1 << (s.Layout.LogSize - s.LogC); len(rowBlinds) != rows {
		return nil, fmt.Errorf("%w: %d row blindings for %d rows", ErrBlob, len(rowBlinds), rows)
	}
	return &Prover{shape: s, blinds: rowBlinds}, nil
}

// Add records the claim t(q) = y for tensor name, with y the opening of a
// commitment the verifier already holds.
func (p *Prover) Add(name string, q []fr.Element, y sumcheck.Scalar) error {
	if p.settled {
		return ErrSettled
	}
	pt, err := p.shape.blobPoint(name, q)
	if err != nil {
		return err
	}
	p.points = append(p.points, pt)
	p.claims = append(p.claims, y)
	return nil
}

// NumClaims returns the number of claims so far.
func (p *Prover) NumClaims() int { return len(p.claims) }

// Settle runs RED over all claims on the proof's DLC and opens the blob at
// the resulting point. It may run once.
func (p *Prover) Settle(dlc *sumcheck.DLCProver) (*Proof, error) {
	if p.settled {
		return nil, ErrSettled
	}
	if len(p.claims) == 0 {
		return nil, ErrEmpty
	}
	p.settled = true
	tr := dlc.Transcript
	gens, err := dlc.Generators(1 << p.shape.LogC)
	if err != nil {
		return nil, err
	}
	red, res, err := p.reduce(dlc, gens)
	if err != nil {
		return nil, err
	}
	tRho := res.Openings[0]
	qCol, qRow, err := ipa.SplitPoint(res.Point, p.shape.LogC)
	if err != nil {
		return nil, err
	}
	var a []fr.Element
	var alpha fr.Element
	if p.ints != nil {
		a, alpha = p.ints.openWitness(p.shape.Layout.LogSize, p.blinds, qRow)
	} else if a, alpha, err = ipa.OpenWitness(p.values, 1<<p.shape.LogC, p.blinds, qRow); err != nil {
		return nil, err
	}
	// C* as the verifier forms it from the rows; for honest rows it equals
	// ⟨a,g⟩ + α·H, which the pool computes without holding the rows.
	cStar, err := ipa.CommitWitness(gens, a, alpha)
	if err != nil {
		return nil, err
	}
	open, err := ipa.OpenProve(tr, gens.Prefix(1<<p.shape.LogC), cStar, res.Commitments[0], qCol, a, alpha, tRho.Blind)
	if err != nil {
		return nil, fmt.Errorf("pool: opening: %w", err)
	}
	return &Proof{RED: red, Opening: open}, nil
}

// reduce runs RED (PROTOCOL §8.3): it binds the claims, squeezes μ and
// proves Σ_k μ_k·y_k = Σ_x (Σ_k μ_k eq(q_k,x))·T(x) over the blob values,
// leaving ⟦T(ρ)⟧.
func (p *Prover) reduce(dlc *sumcheck.DLCProver, gens *pedersen.Generators) (*sumcheck.Proof, *sumcheck.Result, error) {
	ys := make([]sumcheck.Point, len(p.claims))
	for i, c := range p.claims {
		ys[i] = c.Commitment(gens)
	}
	mu := squeezeMu(dlc.Transcript, ys, p.points)
	sum := sumcheck.Combine(mu, p.claims)
	in := redInstance(p.shape.Layout.LogSize, p.points, mu)
	if p.ints == nil {
		return in.Prove(dlc, [][]fr.Element{p.values}, sum)
	}
	// A small pool's RED reads the integers (same proof, no blob-size table).
	k, err := p.ints.redKernel(p.shape.Layout.LogSize, p.points, mu)
	if err != nil {
		return nil, nil, err
	}
	return in.ProveKernel(dlc, k, sum)
}

// Verifier is the verifier's pool for one committed blob: row commitments
// (identity for structural padding rows) and claims as commitments.
type Verifier struct {
	shape   Shape
	rows    []bls12381.G1Affine
	points  [][]fr.Element
	claims  []sumcheck.Point
	settled bool
}

// NewVerifier opens a verifier pool on the blob committed by rows.
func NewVerifier(s Shape, rows []bls12381.G1Affine) (*Verifier, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	if n := 1 << (s.Layout.LogSize - s.LogC); len(rows) != n {
		return nil, fmt.Errorf("%w: %d row commitments for %d rows", ErrBlob, len(rows), n)
	}
	return &Verifier{shape: s, rows: rows}, nil
}

// Add records the claim t(q) = value of Y.
func (v *Verifier) Add(name string, q []fr.Element, y sumcheck.Point) error {
	if v.settled {
		return ErrSettled
	}
	pt, err := v.shape.blobPoint(name, q)
	if err != nil {
		return err
	}
	v.points = append(v.points, pt)
	v.claims = append(v.claims, y)
	return nil
}

// NumClaims returns the number of claims so far.
func (v *Verifier) NumClaims() int { return len(v.claims) }

// Settle verifies the settlement: RED on the proof's DLC (its relations are
// checked when the DLC closes), then the opening of ⟦T(ρ)⟧ against the rows.
func (v *Verifier) Settle(dlc *sumcheck.DLCVerifier, proof *Proof) error {
	if v.settled {
		return ErrSettled
	}
	if len(v.claims) == 0 {
		return ErrEmpty
	}
	v.settled = true
	if proof == nil || proof.RED == nil || proof.Opening == nil {
		return fmt.Errorf("%w: missing settlement", sumcheck.ErrReject)
	}
	tr := dlc.Transcript
	mu := squeezeMu(tr, v.claims, v.points)
	sum := sumcheck.CombinePoints(mu, v.claims)
	in := redInstance(v.shape.Layout.LogSize, v.points, mu)
	res, err := in.Verify(dlc, sum, proof.RED, nil)
	if err != nil {
		return err
	}
	gens, err := dlc.Generators(1 << v.shape.LogC)
	if err != nil {
		return err
	}
	// The opening's group equation goes to the DLC's checker: the proof's
	// one batched MSM when the verifier uses a batch (§11), else at once.
	if err := openingChecker(dlc, gens.Prefix(1<<v.shape.LogC)).AddOpening(tr, v.rows, v.shape.LogC, res.Point, res.Commitments[0], proof.Opening); err != nil {
		return fmt.Errorf("%w: blob opening: %v", sumcheck.ErrReject, err)
	}
	return nil
}

// openingChecker returns dlc's batch, or an immediate check over gens.
func openingChecker(dlc *sumcheck.DLCVerifier, gens *pedersen.Generators) ipa.Checker {
	if c, ok := dlc.Checker().(*ipa.Batch); ok {
		return c
	}
	return ipa.Immediate{Gens: gens}
}
