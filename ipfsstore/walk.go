package ipfsstore

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/bits"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs"
	pb "github.com/ipfs/boxo/ipld/unixfs/pb"
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// maxDepth bounds the DAG height: a 1024-ary balanced DAG of depth 6 already
// holds more than 10^18 bytes, so anything deeper is an attack.
const maxDepth = 16

// blockSource yields the bytes of one block, already checked against its CID
// (verifyBlock). The returned slice is only valid until the next call.
type blockSource interface {
	block(ctx context.Context, c cid.Cid) ([]byte, error)
}

// checkSupportedCID accepts the CIDs Kubo and our importer produce: CIDv0/v1,
// raw or dag-pb, full-length sha2-256. Everything else is refused before any
// bytes are fetched for it.
func checkSupportedCID(c cid.Cid) error {
	if !c.Defined() {
		return invalidf(ErrUnsupported, "undefined CID")
	}
	p := c.Prefix()
	if p.Codec != cid.Raw && p.Codec != cid.DagProtobuf {
		return invalidf(ErrUnsupported, "%s: codec 0x%x is neither raw nor dag-pb", c, p.Codec)
	}
	if p.MhType != mh.SHA2_256 || p.MhLength != 32 {
		return invalidf(ErrUnsupported, "%s: multihash 0x%x/%d is not full sha2-256", c, p.MhType, p.MhLength)
	}
	return nil
}

// verifyBlock hashes data and compares it with c.
func verifyBlock(c cid.Cid, data []byte) error {
	if len(data) > BlockSizeCap {
		return invalidf(ErrBlockTooLarge, "block %s has %d bytes, cap %d", c, len(data), BlockSizeCap)
	}
	sum, err := c.Prefix().Sum(data)
	if err != nil {
		return invalidf(ErrUnsupported, "hash %s: %v", c, err)
	}
	if !sum.Equals(c) {
		return invalidf(ErrHashMismatch, "got %s for %s", sum, c)
	}
	return nil
}

type pending struct {
	c     cid.Cid
	size  int64 // content bytes the parent promised; -1 for the root
	depth int
}

// walkFile streams the content of the UnixFS file DAG under root to w in
// order. Every block comes from src (hash-verified there); the walker checks
// structure: only raw leaves and dag-pb File/Raw nodes, link and blocksize
// counts agree, every subtree yields exactly the bytes its parent declared,
// and the total never exceeds maxSize (checked against the root's declared
// size before any content is written, and again while writing).
func walkFile(ctx context.Context, root cid.Cid, src blockSource, w io.Writer, maxSize int64) (int64, error) {
	if err := checkSupportedCID(root); err != nil {
		return 0, err
	}
	var written int64
	stack := []pending{{c: root, size: -1}}
	for len(stack) > 0 {
		if err := ctx.Err(); err != nil {
			return written, err
		}
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		data, err := src.block(ctx, top.c)
		if err != nil {
			return written, err
		}
		content, children, err := decodeFileNode(top, data, maxSize)
		if err != nil {
			return written, err
		}
		if int64(len(content)) > maxSize-written {
			return written, invalidf(ErrTooLarge, "more than %d bytes", maxSize)
		}
		if len(content) > 0 {
			n, err := w.Write(content)
			written += int64(n)
			if err != nil {
				return written, fmt.Errorf("ipfsstore: write: %w", err)
			}
		}
		// Reverse push: children are popped, and so fetched, in link order,
		// the depth-first pre-order a trustless gateway streams its CAR in.
		for i := len(children) - 1; i >= 0; i-- {
			stack = append(stack, children[i])
		}
	}
	return written, nil
}

// decodeFileNode checks one verified block against what its parent declared
// and returns the file bytes it carries inline plus its children.
func decodeFileNode(at pending, data []byte, maxSize int64) ([]byte, []pending, error) {
	if at.c.Prefix().Codec == cid.Raw {
		if at.size >= 0 && int64(len(data)) != at.size {
			return nil, nil, invalidf(ErrInconsistent, "leaf %s has %d bytes, parent declared %d", at.c, len(data), at.size)
		}
		if at.size < 0 && int64(len(data)) > maxSize {
			return nil, nil, invalidf(ErrTooLarge, "%d bytes, maximum %d", len(data), maxSize)
		}
		return data, nil, nil
	}
	node, err := merkledag.DecodeProtobuf(data)
	if err != nil {
		return nil, nil, invalidf(ErrMalformed, "dag-pb %s: %v", at.c, err)
	}
	fsData, err := unixfs.FromBytes(node.Data())
	if err != nil {
		return nil, nil, invalidf(ErrMalformed, "unixfs %s: %v", at.c, err)
	}
	switch fsData.GetType() {
	case pb.Data_File, pb.Data_Raw:
	default:
		return nil, nil, invalidf(ErrNotFile, "%s is a UnixFS %s", at.c, fsData.GetType())
	}
	links := node.Links()
	sizes := fsData.GetBlocksizes()
	if len(links) != len(sizes) {
		return nil, nil, invalidf(ErrMalformed, "%s has %d links but %d blocksizes", at.c, len(links), len(sizes))
	}
	if len(links) > 0 && at.depth+1 >= maxDepth {
		return nil, nil, invalidf(ErrMalformed, "%s: DAG deeper than %d", at.c, maxDepth)
	}
	inline := fsData.GetData()
	total := uint64(len(inline))
	var carry uint64
	for _, s := range sizes {
		total, carry = bits.Add64(total, s, 0)
		if carry != 0 {
			return nil, nil, invalidf(ErrInconsistent, "%s: blocksizes overflow", at.c)
		}
	}
	if fsData.Filesize != nil && fsData.GetFilesize() != total {
		return nil, nil, invalidf(ErrInconsistent, "%s declares filesize %d but holds %d", at.c, fsData.GetFilesize(), total)
	}
	if total > math.MaxInt64 || (at.size >= 0 && int64(total) != at.size) {
		return nil, nil, invalidf(ErrInconsistent, "%s holds %d bytes, parent declared %d", at.c, total, at.size)
	}
	if at.size < 0 && int64(total) > maxSize {
		return nil, nil, invalidf(ErrTooLarge, "root declares %d bytes, maximum %d", total, maxSize)
	}
	children := make([]pending, len(links))
	for i, l := range links {
		if err := checkSupportedCID(l.Cid); err != nil {
			return nil, nil, err
		}
		children[i] = pending{c: l.Cid, size: int64(sizes[i]), depth: at.depth + 1}
	}
	return inline, children, nil
}
