package ipfsstore

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
	"github.com/zkllm/zkllm/internal/testutil"
)

// Integration tests against a REAL Kubo daemon (offline, loopback, temporary
// repository) started by internal/testutil. Under CI=true a missing bin/ipfs
// fails them.

func startKubo(t *testing.T) (*testutil.Kubo, *Kubo) {
	t.Helper()
	node := testutil.StartKubo(t)
	k, err := NewKuboRPC(node.APIURL, KuboOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return node, k
}

func TestKuboCIDEquality(t *testing.T) {
	node, k := startKubo(t)
	local, err := OpenFlatfs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	ctx := context.Background()
	for i, tc := range []struct {
		name string
		n    int64
	}{
		{"empty", 0}, {"tiny", 5}, {"one-chunk", 1 << 20}, {"multi-chunk", 5<<20 + 999},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := genBytes(t, uint64(200+i), tc.n)
			kc, kn, err := k.Put(ctx, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			lc, _, err := local.Put(ctx, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if !kc.Equals(lc) || kn != tc.n {
				t.Fatalf("Kubo %s (%d bytes sent), embedded %s", kc, kn, lc)
			}
			// The CLI relies on the node's unixfs-v1-2025 init profile alone.
			file := filepath.Join(t.TempDir(), "f")
			os.WriteFile(file, data, 0o644)
			out, err := node.Command(ctx, "add", "-Q", file).CombinedOutput()
			if err != nil {
				t.Fatalf("ipfs add: %v\n%s", err, out)
			}
			if got := strings.TrimSpace(string(out)); got != lc.String() {
				t.Fatalf("`ipfs add` gives %s, embedded %s", got, lc)
			}
		})
	}
}

// More than 1024 leaves with real storage: a small chunk size gives the
// layout of a >1 GiB file at 1 MiB chunks (root with two children).
func TestKuboWideDAGStoredAndRetrieved(t *testing.T) {
	node, k := startKubo(t)
	ctx := context.Background()
	p := Profile{ChunkSize: 64, MaxLinks: 1024}
	data := genBytes(t, 300, 64*1025+17) // 1026 leaves: root → 1024 + 2
	kc, _, err := k.Add(ctx, bytes.NewReader(data), AddOptions{Profile: p, Pin: true})
	if err != nil {
		t.Fatal(err)
	}
	bs, lc := importMem(t, data, p)
	if !kc.Equals(lc) {
		t.Fatalf("Kubo %s, embedded %s", kc, lc)
	}
	if n := len(dfsCIDs(t, bs, lc)); n != 1+2+1026 {
		t.Fatalf("%d blocks, want 1029", n)
	}
	// Kubo → its gateway → verified retrieval; and over the RPC API.
	if got := mustGet(t, fetcher(t, node.GatewayURL), kc, Limits{}); !bytes.Equal(got, data) {
		t.Fatal("gateway content differs")
	}
	if got := mustGet(t, k, kc, Limits{}); !bytes.Equal(got, data) {
		t.Fatal("RPC content differs")
	}
}

// The >1 GiB acceptance case: 1 GiB + 1 MiB + 17 bytes (1026 leaves at 1 MiB)
// hashed on both sides, storing nothing.
func TestKuboHashOnlyOver1GiB(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 1 GiB through both importers; run without -short")
	}
	_, k := startKubo(t)
	ctx := context.Background()
	const n = 1<<30 + 1<<20 + 17
	start := time.Now()
	type res struct {
		c   cid.Cid
		n   int64
		err error
	}
	kuboRes := make(chan res, 1)
	go func() {
		c, m, err := k.Add(ctx, genReader(400, n), AddOptions{OnlyHash: true})
		kuboRes <- res{c, m, err}
	}()
	var leaves countingDAG
	lc, ln, err := Import(ctx, genReader(400, n), &leaves, UnixFSv1_2025)
	if err != nil || ln != n {
		t.Fatalf("local: %v (%d bytes)", err, ln)
	}
	if leaves.raw != 1026 || leaves.pb != 2+1 {
		t.Fatalf("layout: %d leaves, %d internal nodes; want 1026 and 3", leaves.raw, leaves.pb)
	}
	kr := <-kuboRes
	if kr.err != nil || kr.n != n {
		t.Fatalf("kubo: %v (%d bytes)", kr.err, kr.n)
	}
	if !kr.c.Equals(lc) {
		t.Fatalf("Kubo %s, embedded %s", kr.c, lc)
	}
	t.Logf("1 GiB hash-only on both sides: %s in %v", lc, time.Since(start).Round(time.Millisecond))
}

func TestKuboStoreAPI(t *testing.T) {
	node, k := startKubo(t)
	ctx := context.Background()
	data := genBytes(t, 500, 3<<20+1)
	c, _, err := k.Put(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := k.Has(ctx, c); !ok || err != nil {
		t.Fatalf("Has = %v, %v", ok, err)
	}
	missing, _, _ := ComputeCID(ctx, strings.NewReader("not on the node"), UnixFSv1_2025)
	if ok, err := k.Has(ctx, missing); ok || err != nil {
		t.Fatalf("Has(missing) = %v, %v", ok, err)
	}
	if err := k.Pin(ctx, c); err != nil {
		t.Fatal(err)
	}
	pinCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := k.Pin(pinCtx, missing); KindOf(err) != KindUnavailable {
		t.Fatalf("Pin(missing) on an offline node: %v", err)
	}
	_, err = k.Get(ctx, missing, io.Discard, Limits{Timeout: 5 * time.Second})
	if KindOf(err) != KindUnavailable {
		t.Fatalf("Get(missing): %v", err)
	}
	_, err = fetcher(t, node.GatewayURL).Get(ctx, missing, io.Discard, Limits{Timeout: 5 * time.Second})
	if KindOf(err) != KindUnavailable || !errors.Is(err, ErrNotFound) {
		t.Fatalf("Kubo gateway, missing root: %v", err)
	}
	// Node and gateway together, the node first.
	g := FirstOf(k, fetcher(t, node.GatewayURL))
	dst := filepath.Join(t.TempDir(), "out")
	if _, err := GetFile(ctx, g, c, dst, Limits{}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, data) {
		t.Fatal("content differs")
	}
}

// Kubo's dag export and gateway skip repeated blocks; those come as single
// blocks.
func TestKuboRepeatedBlocks(t *testing.T) {
	node, k := startKubo(t)
	ctx := context.Background()
	data := make([]byte, 4<<20+3)
	c, _, err := k.Put(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []Getter{k, fetcher(t, node.GatewayURL)} {
		if got := mustGet(t, g, c, Limits{}); !bytes.Equal(got, data) {
			t.Fatalf("%T: content differs", g)
		}
	}
}

// The embedded gateway serves the same trustless CAR as Kubo's gateway for
// the same file, byte for byte, and both verify.
func TestEmbeddedGatewayMatchesKuboGateway(t *testing.T) {
	node, k := startKubo(t)
	ctx := context.Background()
	data := genBytes(t, 600, 2<<20+5)
	local, err := OpenFlatfs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	c, _, err := local.Put(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := k.Put(ctx, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	var cars [][]byte
	for _, url := range []string{serveGateway(t, local.Blockstore()), node.GatewayURL} {
		if got := mustGet(t, fetcher(t, url), c, Limits{}); !bytes.Equal(got, data) {
			t.Fatalf("%s: content differs", url)
		}
		req, _ := http.NewRequest(http.MethodGet, url+"/ipfs/"+c.String()+"?format=car&dag-scope=all", nil)
		req.Header.Set("Accept", acceptCAR)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %s", url, err, resp.Status)
		}
		cars = append(cars, body)
	}
	if !bytes.Equal(cars[0], cars[1]) {
		t.Fatalf("CARs differ: embedded %d bytes, Kubo %d bytes", len(cars[0]), len(cars[1]))
	}
}

// countingDAG counts the nodes an import emits, storing none.
type countingDAG struct {
	discardDAG
	raw, pb int
}

func (d *countingDAG) Add(_ context.Context, n ipld.Node) error {
	if n.Cid().Prefix().Codec == cid.Raw {
		d.raw++
	} else {
		d.pb++
	}
	return nil
}

// A stalling gateway listed before a real Kubo node (RPC) and its gateway:
// with every limit at its default the retrieval costs one HedgeDelay, and
// the next file goes to the source that delivered.
func TestStallingGatewayBeforeRealKubo(t *testing.T) {
	node, k := startKubo(t)
	ctx := context.Background()
	data := genBytes(t, 501, 2<<20+3)
	c, _, err := k.Put(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	stall := newGateway(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	for _, g := range []Getter{FirstOf(fetcher(t, stall), k), fetcher(t, stall, node.GatewayURL)} {
		for i := range 2 {
			start := time.Now()
			if got := mustGet(t, g, c, Limits{}); !bytes.Equal(got, data) {
				t.Fatal("content differs")
			}
			elapsed := time.Since(start)
			bound := DefaultHedgeDelay + 4*time.Second
			if i == 1 {
				bound = 4 * time.Second // the stalling gateway is no longer first
			}
			if elapsed > bound {
				t.Fatalf("get %d took %v, bound %v", i, elapsed, bound)
			}
			t.Logf("get %d: %v", i, elapsed.Round(time.Millisecond))
		}
	}
}
