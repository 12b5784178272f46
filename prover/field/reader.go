package field

import (
	"encoding/binary"
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Reader errors.
var (
	ErrShort    = errors.New("field: input too short")
	ErrTrailing = errors.New("field: trailing bytes")
	ErrCount    = errors.New("field: count exceeds remaining input")
)

// Reader decodes a byte string strictly. The first error is sticky: later
// reads return it again, so a decoder may check Err/Done once at the end.
type Reader struct {
	buf []byte
	off int
	err error
}

// NewReader reads from b (not copied).
func NewReader(b []byte) *Reader { return &Reader{buf: b} }

// Remaining is the number of unread bytes.
func (r *Reader) Remaining() int { return len(r.buf) - r.off }

// Offset is the number of bytes consumed so far.
func (r *Reader) Offset() int { return r.off }

// Err returns the first error met, if any.
func (r *Reader) Err() error { return r.err }

// Done returns the first error met or ErrTrailing if bytes are left.
func (r *Reader) Done() error {
	if r.err != nil {
		return r.err
	}
	if r.off != len(r.buf) {
		return fmt.Errorf("%w: %d unread", ErrTrailing, len(r.buf)-r.off)
	}
	return nil
}

func (r *Reader) fail(err error) error {
	if r.err == nil {
		r.err = fmt.Errorf("at offset %d: %w", r.off, err)
	}
	return r.err
}

// take returns the next n bytes or records ErrShort.
func (r *Reader) take(n int) ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	if n < 0 || n > r.Remaining() {
		return nil, r.fail(fmt.Errorf("%w: need %d, have %d", ErrShort, n, r.Remaining()))
	}
	b := r.buf[r.off : r.off+n]
	r.off += n
	return b, nil
}

// CheckCount verifies that count items of itemSize bytes fit in the
// remaining input; call it before allocating for a length read from input.
func (r *Reader) CheckCount(count uint64, itemSize int) error {
	if r.err != nil {
		return r.err
	}
	if itemSize <= 0 {
		itemSize = 1
	}
	if count > uint64(r.Remaining())/uint64(itemSize) {
		return r.fail(fmt.Errorf("%w: %d items of %d bytes, %d bytes left", ErrCount, count, itemSize, r.Remaining()))
	}
	return nil
}

// ReadBytes returns the next n bytes (a sub-slice, not a copy).
func (r *Reader) ReadBytes(n int) ([]byte, error) { return r.take(n) }

// ReadU8 reads one byte.
func (r *Reader) ReadU8() (uint8, error) {
	b, err := r.take(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

// ReadU16 reads a big-endian uint16.
func (r *Reader) ReadU16() (uint16, error) {
	b, err := r.take(2)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint16(b), nil
}

// ReadU32 reads a big-endian uint32.
func (r *Reader) ReadU32() (uint32, error) {
	b, err := r.take(4)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint32(b), nil
}

// ReadU64 reads a big-endian uint64.
func (r *Reader) ReadU64() (uint64, error) {
	b, err := r.take(8)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(b), nil
}

// ReadScalar reads one canonical scalar.
func (r *Reader) ReadScalar() (fr.Element, error) {
	b, err := r.take(ScalarSize)
	if err != nil {
		return fr.Element{}, err
	}
	e, err := DecodeScalar(b)
	if err != nil {
		r.off -= ScalarSize
		return e, r.fail(err)
	}
	trace(r.buf, r.off-ScalarSize, ScalarSize)
	return e, nil
}

// ReadScalars reads n scalars, checking the length before allocating.
func (r *Reader) ReadScalars(n int) ([]fr.Element, error) {
	if n < 0 {
		return nil, r.fail(ErrCount)
	}
	if err := r.CheckCount(uint64(n), ScalarSize); err != nil {
		return nil, err
	}
	out := make([]fr.Element, n)
	for i := range out {
		var err error
		if out[i], err = r.ReadScalar(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReadPoint reads one compressed non-identity subgroup point.
func (r *Reader) ReadPoint() (bls12381.G1Affine, error) {
	b, err := r.take(PointSize)
	if err != nil {
		return bls12381.G1Affine{}, err
	}
	p, err := DecodePoint(b)
	if err != nil {
		r.off -= PointSize
		return p, r.fail(err)
	}
	trace(r.buf, r.off-PointSize, PointSize)
	return p, nil
}

// ReadPoints reads n points, checking the length before allocating and
// decompressing in parallel.
func (r *Reader) ReadPoints(n int) ([]bls12381.G1Affine, error) {
	if n < 0 {
		return nil, r.fail(ErrCount)
	}
	if err := r.CheckCount(uint64(n), PointSize); err != nil {
		return nil, err
	}
	start := r.off
	out := make([]bls12381.G1Affine, n)
	errs := make([]error, n)
	// A decompression with subgroup check is ~60 µs: worth a goroutine
	// from a few dozen points on.
	ParallelMin(n, 32, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i], errs[i] = DecodePoint(r.buf[start+i*PointSize : start+(i+1)*PointSize])
		}
	})
	for i, err := range errs {
		if err != nil {
			r.off = start + i*PointSize
			return nil, r.fail(fmt.Errorf("point %d: %w", i, err))
		}
	}
	for i := range out {
		trace(r.buf, start+i*PointSize, PointSize)
	}
	r.off = start + n*PointSize
	return out, nil
}
