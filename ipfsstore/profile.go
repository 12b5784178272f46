package ipfsstore

import (
	"context"
	"errors"
	"fmt"
	"io"

	chunk "github.com/ipfs/boxo/chunker"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	"github.com/ipfs/boxo/ipld/unixfs/importer/helpers"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	mh "github.com/multiformats/go-multihash"
)

// Profile is a UnixFS file import layout: balanced DAG, CIDv1, sha2-256,
// raw leaves of ChunkSize bytes, at most MaxLinks links per node.
type Profile struct {
	ChunkSize int // bytes per leaf, 1 ≤ ChunkSize ≤ MaxChunkSize
	MaxLinks  int // links per internal node, ≥ 2
}

// UnixFSv1_2025 is Kubo's `unixfs-v1-2025` profile for files (IPIP-499):
// an import here and `ipfs add` on Kubo with that profile give the same CID.
var UnixFSv1_2025 = Profile{ChunkSize: 1 << 20, MaxLinks: 1024}

// MaxChunkSize bounds a leaf so every block stays under BlockSizeCap.
const MaxChunkSize = 1 << 20

// BlockSizeCap is the largest block this package accepts from anywhere (the
// IPFS-wide 2 MiB limit that bitswap and gateways also enforce).
const BlockSizeCap = 2 << 20

// Validate rejects layouts that Kubo would not build or that break the caps.
func (p Profile) Validate() error {
	if p.ChunkSize < 1 || p.ChunkSize > MaxChunkSize {
		return fmt.Errorf("ipfsstore: chunk size %d outside [1, %d]", p.ChunkSize, MaxChunkSize)
	}
	if p.MaxLinks < 2 || p.MaxLinks > 1<<16 {
		return fmt.Errorf("ipfsstore: max links %d outside [2, 65536]", p.MaxLinks)
	}
	return nil
}

// KuboChunker is the value for Kubo's `chunker` add option.
func (p Profile) KuboChunker() string { return fmt.Sprintf("size-%d", p.ChunkSize) }

var cidV1Builder = cid.Prefix{Version: 1, Codec: cid.DagProtobuf, MhType: mh.SHA2_256, MhLength: -1}

// Import chunks r with profile p into dags, streaming: only the current chunk
// and the open internal nodes are held in memory. It returns the root CID and
// the number of content bytes read.
func Import(ctx context.Context, r io.Reader, dags ipld.DAGService, p Profile) (cid.Cid, int64, error) {
	if err := p.Validate(); err != nil {
		return cid.Undef, 0, err
	}
	cr := &countingReader{ctx: ctx, r: r}
	params := helpers.DagBuilderParams{
		Dagserv:    dags,
		Maxlinks:   p.MaxLinks,
		RawLeaves:  true,
		CidBuilder: cidV1Builder,
	}
	db, err := params.New(chunk.NewSizeSplitter(cr, int64(p.ChunkSize)))
	if err != nil {
		return cid.Undef, 0, fmt.Errorf("ipfsstore: import: %w", err)
	}
	root, err := balanced.Layout(db)
	if err != nil {
		return cid.Undef, cr.n, fmt.Errorf("ipfsstore: import: %w", err)
	}
	return root.Cid(), cr.n, nil
}

// ComputeCID returns the CID r would get under profile p, storing nothing
// (what `ipfs add --only-hash` does).
func ComputeCID(ctx context.Context, r io.Reader, p Profile) (cid.Cid, int64, error) {
	return Import(ctx, r, discardDAG{}, p)
}

// countingReader counts bytes and stops a long import when ctx ends.
type countingReader struct {
	ctx context.Context
	r   io.Reader
	n   int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// discardDAG accepts nodes and forgets them: the balanced builder never reads
// back what it added, so hashing alone needs no storage.
type discardDAG struct{}

var errDiscarded = errors.New("ipfsstore: hash-only DAG stores nothing")

func (discardDAG) Get(context.Context, cid.Cid) (ipld.Node, error) { return nil, errDiscarded }
func (discardDAG) GetMany(context.Context, []cid.Cid) <-chan *ipld.NodeOption {
	ch := make(chan *ipld.NodeOption)
	close(ch)
	return ch
}
func (discardDAG) Add(context.Context, ipld.Node) error        { return nil }
func (discardDAG) AddMany(context.Context, []ipld.Node) error  { return nil }
func (discardDAG) Remove(context.Context, cid.Cid) error       { return nil }
func (discardDAG) RemoveMany(context.Context, []cid.Cid) error { return nil }
