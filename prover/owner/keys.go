package owner

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"slices"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/pool"
)

// ErrKey wraps every reason a verifying key is refused before its weight
// proof is looked at (sizes, layout, versions, spec/manifest mismatch).
var ErrKey = errors.New("owner: verifying key refused")

// ---- prover side ----

// Prover is the owner's (or a licensee's) opening of the weight blob: the
// values and the row blindings derived from the owner secret.
type Prover struct {
	Blob           *Blob
	ManifestDigest [32]byte
	values         []int16
	blinds         []fr.Element
}

// OpenProver lays q out as the weight blob and derives its row blindings
// from secret for the model whose manifest digest is manifestDigest.
func OpenProver(secret *Secret, manifestDigest [32]byte, q *quant.Model) (*Prover, error) {
	b, err := BlobForConfig(q.Config)
	if err != nil {
		return nil, err
	}
	values, err := b.Values(q)
	if err != nil {
		return nil, err
	}
	return newProver(b, values, secret, manifestDigest)
}

func newProver(b *Blob, values []int16, secret *Secret, manifestDigest [32]byte) (*Prover, error) {
	blinds, err := b.RowBlindings(secret, manifestDigest)
	if err != nil {
		return nil, err
	}
	return &Prover{Blob: b, ManifestDigest: manifestDigest, values: values, blinds: blinds}, nil
}

// Values returns the blob (2^LogSize int16, zero at padding). Do not modify.
func (p *Prover) Values() []int16 { return p.values }

// RowBlindings returns ρ_k per row (0 at padding rows). Do not modify.
func (p *Prover) RowBlindings() []fr.Element { return p.blinds }

// FieldValues returns the blob as field elements (a fresh copy).
func (p *Prover) FieldValues() []fr.Element {
	out := make([]fr.Element, len(p.values))
	for i, v := range p.values {
		out[i].SetInt64(int64(v))
	}
	return out
}

// NewPool opens the weight blob's claim pool (pool.NewProver) addressed by
// tensor name: the whole-model proof settles it once (PROTOCOL §4.6).
func (p *Prover) NewPool() (*pool.Prover, error) {
	return pool.NewProver(p.Blob.PoolShape(), p.FieldValues(), p.blinds)
}

// Commit computes the vk (resumable, see CommitOptions).
func (p *Prover) Commit(ctx context.Context, secret *Secret, opt CommitOptions) (*pedersen.VerifyingKey, int, error) {
	return p.Blob.Commit(ctx, p.values, secret, p.ManifestDigest, opt)
}

// ProveWeights produces the owner's weight proof for the committed vk file.
func (p *Prover) ProveWeights(vkFile []byte) (*WeightProof, error) {
	return ProveWeights(p.Blob, p.values, p.blinds, p.ManifestDigest, vkFile)
}

// ProveWeights produces the weight proof (version 2) that the blob values,
// committed in vkFile with row blindings blinds, are int16 and zero at every
// padded entry. It does not check that vkFile commits values: a proof for
// another vk simply does not verify.
func ProveWeights(b *Blob, values []int16, blinds []fr.Element, manifestDigest [32]byte, vkFile []byte) (*WeightProof, error) {
	s, err := newProofShape(b)
	if err != nil {
		return nil, err
	}
	return proveWeights(s, values, blinds, manifestDigest, vkFile)
}

// ---- verifier side ----

// VerifierKey is a vk accepted against the spec and manifest: the layout the
// architecture implies, the decoded rows, and the ids derived from the
// files (never taken from a caller).
type VerifierKey struct {
	Blob           *Blob
	VK             *pedersen.VerifyingKey
	ManifestDigest [32]byte
	VKDigest       [32]byte
	ModelID        [32]byte
	Manifest       *spec.Manifest // nil from OpenVerifierKey
	Spec           *spec.Spec     // nil from OpenVerifierKey
	shape          *proofShape
}

// Rows returns the vk's row commitments (identity at padding rows), as
// pool.NewVerifier takes them with Blob.PoolShape().
func (k *VerifierKey) Rows() []bls12381.G1Affine { return k.VK.Rows }

// NewPool opens the verifier's claim pool on the weight blob.
func (k *VerifierKey) NewPool() (*pool.Verifier, error) {
	return pool.NewVerifier(k.Blob.PoolShape(), k.VK.Rows)
}

// ParseVerifierKey checks a vk file against the manifest and spec, in this
// order, stopping at the first failure: decode the manifest and the spec;
// they must agree; derive the Blob (layout, c_W, row count) from the
// manifest's architecture; the spec's c_W and generator version must be the
// derived ones; the vk file must have exactly the size those imply (a
// version-1 file is refused by name first); only then is the vk decoded,
// and its layout must be the derived one. A hostile vk therefore cannot
// choose the verifier's work: everything is sized by the spec and manifest,
// which the caller has pinned (on-chain digests).
func ParseVerifierKey(manifestBytes, specBytes, vkBytes []byte) (*VerifierKey, error) {
	man, err := spec.UnmarshalManifest(manifestBytes)
	if err != nil {
		return nil, fmt.Errorf("%w: manifest: %w", ErrKey, err)
	}
	sp, err := spec.Unmarshal(specBytes)
	if err != nil {
		return nil, fmt.Errorf("%w: spec: %w", ErrKey, err)
	}
	if !reflect.DeepEqual(sp.Config, man.Config) || !slices.Equal(sp.Exponents, man.Exponents) {
		return nil, fmt.Errorf("%w: the spec's architecture or exponents differ from the manifest's", ErrKey)
	}
	b, err := BlobForConfig(man.Config)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if sp.LogCW != b.LogC || sp.GeneratorVersion != pedersen.GeneratorVersion {
		return nil, fmt.Errorf("%w: spec has c_W = 2^%d, generators v%d; the blob needs 2^%d, v%d", ErrKey, sp.LogCW, sp.GeneratorVersion, b.LogC, pedersen.GeneratorVersion)
	}
	k, err := OpenVerifierKey(b, digestOf(manifestBytes), vkBytes)
	if err != nil {
		return nil, err
	}
	k.Manifest, k.Spec = man, sp
	return k, nil
}

// OpenVerifierKey checks a vk file against a Blob the caller already holds
// (derived from a manifest, or the owner's own layout before publishing):
// a version-1 file is refused by name; the file must have exactly the size
// b implies; it is decoded strictly and its layout must be b's. The ids are
// derived from manifestDigest and the file.
func OpenVerifierKey(b *Blob, manifestDigest [32]byte, vkBytes []byte) (*VerifierKey, error) {
	if isVKVersion1(vkBytes) {
		return nil, pedersen.ErrVKVersion1
	}
	want, err := pedersen.FileSize(b.Layout, b.LogC)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if len(vkBytes) != want {
		return nil, fmt.Errorf("%w: vk file is %d bytes, this model's is %d", ErrKey, len(vkBytes), want)
	}
	shape, err := newProofShape(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	vk, err := pedersen.UnmarshalVerifyingKey(vkBytes)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	if err := sameLayout(vk, b); err != nil {
		return nil, err
	}
	return &VerifierKey{
		Blob: b, VK: vk, ManifestDigest: manifestDigest, VKDigest: pedersen.Digest(vkBytes),
		ModelID: ModelID(manifestDigest, vkBytes), shape: shape,
	}, nil
}

// isVKVersion1 reports a vk file header of format version 1.
func isVKVersion1(b []byte) bool {
	n := len(pedersen.VKMagic)
	return len(b) >= n+4 && string(b[:n]) == pedersen.VKMagic && binary.BigEndian.Uint32(b[n:]) == 1
}

// sameLayout requires vk's row length and tensor table to be exactly b's.
func sameLayout(vk *pedersen.VerifyingKey, b *Blob) error {
	if vk.LogC != b.LogC || vk.Layout.LogSize != b.Layout.LogSize || len(vk.Layout.Tensors) != len(b.Layout.Tensors) {
		return fmt.Errorf("%w: vk has rows of 2^%d over 2^%d entries in %d tensors; the architecture implies 2^%d, 2^%d, %d",
			ErrKey, vk.LogC, vk.Layout.LogSize, len(vk.Layout.Tensors), b.LogC, b.Layout.LogSize, len(b.Layout.Tensors))
	}
	for i := range b.Layout.Tensors {
		got, want := &vk.Layout.Tensors[i], &b.Layout.Tensors[i]
		if got.Name != want.Name || got.Offset != want.Offset || !slices.Equal(got.Shape, want.Shape) {
			return fmt.Errorf("%w: vk tensor %d is %q %v at %d; the architecture implies %q %v at %d",
				ErrKey, i, got.Name, got.Shape, got.Offset, want.Name, want.Shape, want.Offset)
		}
	}
	return nil
}

// VerifyWeightProof checks the owner's weight proof for this key: a
// version-1 proof is refused by name; the length must be exactly the one
// the Blob implies; then the proof is decoded and verified under the model
// id and vk digest derived in ParseVerifierKey.
func (k *VerifierKey) VerifyWeightProof(proofBytes []byte) error {
	p, err := k.shape.decode(proofBytes)
	if err != nil {
		return err
	}
	return k.shape.verify(p, k.VK.Rows, k.ModelID, k.VKDigest)
}

// LoadVerifierKey is ParseVerifierKey followed by VerifyWeightProof: a vk is
// accepted only with its owner's weight proof (PROTOCOL §4.3).
func LoadVerifierKey(manifestBytes, specBytes, vkBytes, weightProof []byte) (*VerifierKey, error) {
	k, err := ParseVerifierKey(manifestBytes, specBytes, vkBytes)
	if err != nil {
		return nil, err
	}
	if err := k.VerifyWeightProof(weightProof); err != nil {
		return nil, err
	}
	return k, nil
}
