package ipfsstore

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
	ds "github.com/ipfs/go-datastore"
	dssync "github.com/ipfs/go-datastore/sync"
	car "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/storage"
)

// genReader yields n deterministic pseudo-random bytes (test data only).
func genReader(seed uint64, n int64) io.Reader {
	var key [32]byte
	key[0] = byte(seed)
	key[1] = byte(seed >> 8)
	return io.LimitReader(rand.NewChaCha8(key), n)
}

func genBytes(t testing.TB, seed uint64, n int64) []byte {
	t.Helper()
	b, err := io.ReadAll(genReader(seed, n))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func memBlockstore() blockstore.Blockstore {
	return blockstore.NewBlockstore(dssync.MutexWrap(ds.NewMapDatastore()), blockstore.NoPrefix())
}

// importMem imports data into a fresh in-memory blockstore.
func importMem(t testing.TB, data []byte, p Profile) (blockstore.Blockstore, cid.Cid) {
	t.Helper()
	bs := memBlockstore()
	dag := merkledag.NewDAGService(blockservice.New(bs, nil))
	root, n, err := Import(context.Background(), bytes.NewReader(data), dag, p)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(data)) {
		t.Fatalf("import read %d bytes, want %d", n, len(data))
	}
	return bs, root
}

// dfsCIDs lists the DAG under root in depth-first pre-order, repeats included.
func dfsCIDs(t testing.TB, bs blockstore.Blockstore, root cid.Cid) []cid.Cid {
	t.Helper()
	var out []cid.Cid
	var visit func(c cid.Cid)
	visit = func(c cid.Cid) {
		out = append(out, c)
		if c.Prefix().Codec != cid.DagProtobuf {
			return
		}
		b, err := bs.Get(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		n, err := merkledag.DecodeProtobuf(b.RawData())
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range n.Links() {
			visit(l.Cid)
		}
	}
	visit(root)
	return out
}

// carOf encodes the given blocks (in this order) as a CARv1 with one root.
func carOf(t testing.TB, bs blockstore.Blockstore, root cid.Cid, order []cid.Cid) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := storage.NewWritable(&buf, []cid.Cid{root}, car.WriteAsCarV1(true), car.AllowDuplicatePuts(true))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range order {
		b, err := bs.Get(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Put(context.Background(), c.KeyString(), b.RawData()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Finalize(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// serveGateway serves bs through the package's own gateway handler.
func serveGateway(t testing.TB, bs blockstore.Blockstore) string {
	t.Helper()
	h, err := GatewayHandler(bs)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func fetcher(t testing.TB, urls ...string) *GatewayFetcher {
	t.Helper()
	f, err := NewGatewayFetcher(urls, GatewayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustGet(t testing.TB, g Getter, root cid.Cid, lim Limits) []byte {
	t.Helper()
	var out bytes.Buffer
	n, err := g.Get(context.Background(), root, &out, lim)
	if err != nil {
		t.Fatalf("get %s: %v", root, err)
	}
	if n != int64(out.Len()) {
		t.Fatalf("get returned %d, wrote %d", n, out.Len())
	}
	return out.Bytes()
}

// carHandler answers CAR requests with body and raw-block requests from bs.
func carHandler(bs blockstore.Blockstore, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("format") == "raw" {
			serveRaw(w, r, bs)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.ipld.car; version=1; order=dfs; dups=y")
		w.Write(body)
	}
}

func serveRaw(w http.ResponseWriter, r *http.Request, bs blockstore.Blockstore) {
	c, err := cid.Decode(r.URL.Path[len("/ipfs/"):])
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	b, err := bs.Get(r.Context(), c)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.ipld.raw")
	w.Write(b.RawData())
}
