package ipfsstore

import (
	"context"
	"errors"

	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// localSource reads blocks from a blockstore and re-verifies them, so a
// corrupted file on disk is reported instead of exported.
type localSource struct {
	bs blockstore.Blockstore
}

func (s localSource) block(ctx context.Context, c cid.Cid) ([]byte, error) {
	if err := checkSupportedCID(c); err != nil {
		return nil, err
	}
	b, err := s.bs.Get(ctx, c)
	if err != nil {
		if ipld.IsNotFound(err) {
			return nil, unavailablef(ErrNotFound, "block %s not in the local store", c)
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, unavailablef(ErrSource, "local store: %v", err)
	}
	if err := verifyBlock(c, b.RawData()); err != nil {
		return nil, err
	}
	return b.RawData(), nil
}

// carSource consumes a CAR stream in depth-first order. A block it needs that
// the stream skipped because it was sent earlier (dups=n, or Kubo's dag
// export) comes from single, a raw-block getter; any other deviation from
// the expected order is invalid.
type carSource struct {
	car    *carStream
	single blockSource // may be nil
	seen   map[cid.Cid]struct{}
	held   *carBlock // read from the stream but not yet wanted
}

func newCARSource(car *carStream, single blockSource) *carSource {
	return &carSource{car: car, single: single, seen: make(map[cid.Cid]struct{})}
}

func (s *carSource) block(ctx context.Context, c cid.Cid) ([]byte, error) {
	_, dup := s.seen[c]
	if s.held == nil {
		b, err := s.car.next()
		switch {
		case errors.Is(err, errCAREnd):
			if dup && s.single != nil {
				return s.single.block(ctx, c)
			}
			if serr := s.car.streamError(); serr != nil {
				return nil, serr
			}
			return nil, invalidf(ErrTruncated, "CAR ended before block %s", c)
		case err != nil:
			return nil, err
		}
		s.held = b
	}
	if s.held.c.Equals(c) {
		b := s.held
		s.held = nil
		s.seen[c] = struct{}{}
		return b.data, nil
	}
	if dup && s.single != nil {
		return s.single.block(ctx, c)
	}
	return nil, invalidf(ErrUnexpectedBlock, "CAR sent %s where %s was due", s.held.c, c)
}
