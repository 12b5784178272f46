package field

import (
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

const (
	// ScalarSize is the encoded size of a scalar (big-endian, canonical).
	ScalarSize = fr.Bytes
	// PointSize is the encoded size of a compressed G1 point.
	PointSize = bls12381.SizeOfG1AffineCompressed
)

// Decoding errors; wrapped with details by the decoders.
var (
	ErrNonCanonicalScalar = errors.New("field: scalar not canonical (≥ r)")
	ErrScalarLength       = errors.New("field: scalar must be 32 bytes")
	ErrPointLength        = errors.New("field: point must be 48 bytes")
	ErrPointFlags         = errors.New("field: point flags are not a compressed non-infinity encoding")
	ErrPointInvalid       = errors.New("field: invalid point")
	ErrIdentity           = errors.New("field: identity point not allowed")
)

// Compression flags of the ZCash encoding (top three bits of byte 0).
const (
	flagMask        = 0xE0
	flagCompressed  = 0x80 // compressed, y lexicographically smallest
	flagCompLargest = 0xA0 // compressed, y lexicographically largest
)

// AppendScalar appends the canonical 32-byte big-endian encoding of x.
func AppendScalar(dst []byte, x *fr.Element) []byte {
	b := x.Bytes()
	return append(dst, b[:]...)
}

// AppendScalars appends every element of xs.
func AppendScalars(dst []byte, xs []fr.Element) []byte {
	for i := range xs {
		dst = AppendScalar(dst, &xs[i])
	}
	return dst
}

// DecodeScalar parses exactly 32 bytes as a canonical scalar; values ≥ r are
// rejected, never reduced.
func DecodeScalar(b []byte) (fr.Element, error) {
	var e fr.Element
	if len(b) != ScalarSize {
		return e, fmt.Errorf("%w (got %d)", ErrScalarLength, len(b))
	}
	if err := e.SetBytesCanonical(b); err != nil {
		return e, ErrNonCanonicalScalar
	}
	return e, nil
}

// AppendPoint appends the 48-byte compressed encoding of p (the identity
// encodes as 0xC0‖0…, which DecodePoint refuses; callers that may hold an
// identity, such as padding rows, must not send it).
func AppendPoint(dst []byte, p *bls12381.G1Affine) []byte {
	b := p.Bytes()
	return append(dst, b[:]...)
}

// AppendPoints appends every element of ps.
func AppendPoints(dst []byte, ps []bls12381.G1Affine) []byte {
	for i := range ps {
		dst = AppendPoint(dst, &ps[i])
	}
	return dst
}

// DecodePoint parses exactly 48 bytes as a compressed point of the order-r
// subgroup other than the identity.
func DecodePoint(b []byte) (bls12381.G1Affine, error) {
	var p bls12381.G1Affine
	if len(b) != PointSize {
		return p, fmt.Errorf("%w (got %d)", ErrPointLength, len(b))
	}
	switch b[0] & flagMask {
	case flagCompressed, flagCompLargest:
	case 0xC0:
		return p, ErrIdentity
	default:
		return p, fmt.Errorf("%w: 0x%02x", ErrPointFlags, b[0]&flagMask)
	}
	// SetBytes checks x < p, the curve equation and subgroup membership.
	if _, err := p.SetBytes(b); err != nil {
		return p, fmt.Errorf("%w: %v", ErrPointInvalid, err)
	}
	if p.IsInfinity() {
		return p, ErrIdentity
	}
	return p, nil
}
