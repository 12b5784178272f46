package ipfsstore

import (
	"bufio"
	"errors"
	"io"
	"strings"

	"github.com/ipfs/go-cid"
	car "github.com/ipld/go-car/v2"
)

// maxCARHeader bounds the CAR header (roots list); ours hold one root.
const maxCARHeader = 64 << 10

var errCAREnd = errors.New("ipfsstore: end of CAR")

type carBlock struct {
	c    cid.Cid
	data []byte
}

// carStream reads CAR v1/v2 sections one at a time with a fixed per-block
// buffer: the declared section length is checked against BlockSizeCap before
// any of it is read, and every block is hashed against its CID.
type carStream struct {
	in     *bufio.Reader
	br     *car.BlockReader
	blocks int // blocks read so far
	buf    []byte
	cur    carBlock
	failed func() error // transport failure behind a short read, if any
	trail  func() error // error the server reported after the body (Kubo)
}

// openCAR reads the header. failed reports whether a read error came from the
// transport (Unavailable) rather than from a body that simply ended (Invalid).
func openCAR(r io.Reader, failed, trail func() error) (*carStream, error) {
	s := &carStream{failed: failed, trail: trail}
	if s.failed == nil {
		s.failed = func() error { return nil }
	}
	s.in = bufio.NewReaderSize(r, 32<<10)
	br, err := car.NewBlockReader(s.in, car.MaxAllowedHeaderSize(maxCARHeader))
	if err != nil {
		return nil, s.readError(err, "CAR header")
	}
	s.br = br
	return s, nil
}

// next returns the next verified block (valid until the following call), or
// errCAREnd at a clean end of the stream.
func (s *carStream) next() (*carBlock, error) {
	if err := s.gatewayAbort(); err != nil {
		return nil, err
	}
	c, r, n, err := s.br.NextReader()
	if err == io.EOF {
		if ferr := s.failed(); ferr != nil {
			return nil, ferr
		}
		return nil, errCAREnd
	}
	if err != nil {
		return nil, s.readError(err, "CAR section header")
	}
	if n > BlockSizeCap {
		return nil, invalidf(ErrBlockTooLarge, "CAR section for %s declares %d bytes, cap %d", c, n, BlockSizeCap)
	}
	if err := checkSupportedCID(c); err != nil {
		return nil, err
	}
	if cap(s.buf) < int(n) {
		s.buf = make([]byte, n)
	}
	data := s.buf[:n]
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, s.readError(err, "block "+c.String())
	}
	if err := verifyBlock(c, data); err != nil {
		return nil, err
	}
	s.blocks++
	s.cur = carBlock{c: c, data: data}
	return &s.cur, nil
}

// gatewayMarker starts the text a boxo-based gateway (Kubo's included)
// appends where the next section would be when it cannot finish a CAR it has
// started (missing block, retrieval timeout); its X-Stream-Error trailer is
// undeclared and never reaches clients. No valid section starts with these
// bytes (a CID begins with 0x01 or 0x12), so the marker is unambiguous.
const gatewayMarker = "\n\n["

// gatewayAbort reports the gateway's own end-of-stream marker as Unavailable:
// it said it lacks the rest, and everything it sent so far was verified.
func (s *carStream) gatewayAbort() error {
	p, _ := s.in.Peek(len(gatewayMarker))
	if string(p) != gatewayMarker {
		return nil
	}
	msg := make([]byte, 200)
	n, _ := io.ReadFull(s.in, msg)
	text := strings.TrimSpace(strings.ToValidUTF8(string(msg[:n]), "?"))
	if s.blocks == 0 {
		return unavailablef(ErrNotFound, "gateway sent no blocks: %s", text)
	}
	return unavailablef(ErrSource, "gateway could not finish the DAG: %s", text)
}

func (s *carStream) readError(err error, what string) error {
	if ferr := s.failed(); ferr != nil {
		return ferr
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return invalidf(ErrTruncated, "CAR ended inside %s", what)
	}
	return invalidf(ErrMalformed, "%s: %v", what, err)
}

// streamError is what the server said went wrong after ending the body early
// (Kubo's X-Stream-Error trailer); nil when it said nothing.
func (s *carStream) streamError() error {
	if s.trail == nil {
		return nil
	}
	return s.trail()
}
