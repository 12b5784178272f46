package ipfsstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/ipfs/boxo/blockstore"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	flatfs "github.com/ipfs/go-ds-flatfs"
	ipld "github.com/ipfs/go-ipld-format"
)

// Flatfs is the embedded persistent store: blocks in a flatfs directory
// (Kubo's own block layout, next-to-last/2 sharding, fsync'd), pins as empty
// files named by CID. Safe for concurrent use.
type Flatfs struct {
	dir string
	ds  *flatfs.Datastore
	bs  blockstore.Blockstore
	src *blockstoreSource
}

var _ Store = (*Flatfs)(nil)

// OpenFlatfs opens or creates the store under dir (blocks/ and pins/).
func OpenFlatfs(dir string) (*Flatfs, error) {
	if err := os.MkdirAll(filepath.Join(dir, "pins"), 0o755); err != nil {
		return nil, fmt.Errorf("ipfsstore: %w", err)
	}
	ds, err := flatfs.CreateOrOpen(filepath.Join(dir, "blocks"), flatfs.NextToLast(2), true)
	if err != nil {
		return nil, fmt.Errorf("ipfsstore: open flatfs %s: %w", dir, err)
	}
	bs := blockstore.NewBlockstore(ds, blockstore.NoPrefix())
	return &Flatfs{dir: dir, ds: ds, bs: bs, src: &blockstoreSource{bs: bs}}, nil
}

// Close releases the datastore.
func (s *Flatfs) Close() error { return s.ds.Close() }

// Blockstore exposes the blocks (for serving them as a gateway).
func (s *Flatfs) Blockstore() blockstore.Blockstore { return s.bs }

// Put imports r with UnixFSv1_2025 and pins it.
func (s *Flatfs) Put(ctx context.Context, r io.Reader) (cid.Cid, int64, error) {
	return s.PutWithProfile(ctx, r, UnixFSv1_2025)
}

// PutWithProfile imports r with profile p and pins it. Blocks are written in
// batches; the pin is recorded only after every block is durable.
func (s *Flatfs) PutWithProfile(ctx context.Context, r io.Reader, p Profile) (cid.Cid, int64, error) {
	dag := &batchDAG{ctx: ctx, bs: s.bs}
	root, n, err := Import(ctx, r, dag, p)
	if err == nil {
		err = dag.flush()
	}
	if err != nil {
		return cid.Undef, n, err
	}
	if err := s.recordPin(root); err != nil {
		return cid.Undef, n, err
	}
	return root, n, nil
}

// Get exports the file under root from the local blocks, re-verifying each.
func (s *Flatfs) Get(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	return getFrom(ctx, root, s.sources(), w, lim)
}

func (s *Flatfs) sources() []source { return []source{s.src} }

// Has reports whether the root block is stored.
func (s *Flatfs) Has(ctx context.Context, root cid.Cid) (bool, error) {
	return s.bs.Has(ctx, root)
}

// Pin checks that the whole DAG is present and intact, then records the pin.
func (s *Flatfs) Pin(ctx context.Context, root cid.Cid) error {
	if _, err := s.Get(ctx, root, io.Discard, Limits{MaxSize: 1 << 62}); err != nil {
		return err
	}
	return s.recordPin(root)
}

// Pins lists the pinned roots, sorted.
func (s *Flatfs) Pins() ([]cid.Cid, error) {
	entries, err := os.ReadDir(filepath.Join(s.dir, "pins"))
	if err != nil {
		return nil, fmt.Errorf("ipfsstore: %w", err)
	}
	var out []cid.Cid
	for _, e := range entries {
		c, err := cid.Decode(e.Name())
		if err != nil {
			continue // temp files of an interrupted recordPin
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].KeyString() < out[j].KeyString() })
	return out, nil
}

func (s *Flatfs) recordPin(root cid.Cid) error {
	dir := filepath.Join(s.dir, "pins")
	f, err := os.CreateTemp(dir, ".pin-*")
	if err != nil {
		return fmt.Errorf("ipfsstore: pin: %w", err)
	}
	tmp := f.Name()
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, root.String()))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("ipfsstore: pin: %w", err)
	}
	return syncDir(dir)
}

// blockstoreSource fetches from a local blockstore.
type blockstoreSource struct {
	bs blockstore.Blockstore
	hs sourceHealth
}

func (*blockstoreSource) name() string            { return "local" }
func (b *blockstoreSource) health() *sourceHealth { return &b.hs }
func (b *blockstoreSource) fetch(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	return walkFile(ctx, root, localSource{b.bs}, w, lim.MaxSize)
}

// batchDAG buffers imported nodes and writes them with PutMany, so flatfs
// syncs once per batch instead of once per block.
type batchDAG struct {
	ctx     context.Context
	bs      blockstore.Blockstore
	pending []blocks.Block
	size    int
}

const batchBytes = 8 << 20

func (d *batchDAG) Add(ctx context.Context, n ipld.Node) error {
	d.pending = append(d.pending, n)
	d.size += len(n.RawData())
	if d.size >= batchBytes {
		return d.flush()
	}
	return nil
}

func (d *batchDAG) AddMany(ctx context.Context, ns []ipld.Node) error {
	for _, n := range ns {
		if err := d.Add(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

func (d *batchDAG) flush() error {
	if len(d.pending) == 0 {
		return nil
	}
	if err := d.bs.PutMany(d.ctx, d.pending); err != nil {
		return fmt.Errorf("ipfsstore: store blocks: %w", err)
	}
	clear(d.pending)
	d.pending = d.pending[:0]
	d.size = 0
	return nil
}

var errWriteOnly = errors.New("ipfsstore: import DAG is write-only")

func (d *batchDAG) Get(context.Context, cid.Cid) (ipld.Node, error) { return nil, errWriteOnly }
func (d *batchDAG) GetMany(context.Context, []cid.Cid) <-chan *ipld.NodeOption {
	ch := make(chan *ipld.NodeOption)
	close(ch)
	return ch
}
func (d *batchDAG) Remove(context.Context, cid.Cid) error       { return errWriteOnly }
func (d *batchDAG) RemoveMany(context.Context, []cid.Cid) error { return errWriteOnly }
