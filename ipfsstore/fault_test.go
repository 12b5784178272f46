package ipfsstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/gateway"
	"github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

func newGateway(t testing.TB, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// stallAfter sends prefix and then nothing until the client gives up.
func stallAfter(prefix []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.ipld.car; version=1")
		w.Write(prefix)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}
}

type faultFixture struct {
	data    []byte
	root    cid.Cid
	goodCAR []byte
	bsURL   string // a correct gateway
}

func newFaultFixture(t *testing.T) faultFixture {
	data := genBytes(t, 11, 3<<20+4321)
	bs, root := importMem(t, data, UnixFSv1_2025)
	return faultFixture{data: data, root: root, goodCAR: carOf(t, bs, root, dfsCIDs(t, bs, root)), bsURL: serveGateway(t, bs)}
}

func TestGatewayRoundTrip(t *testing.T) {
	for i, tc := range roundTripSizes {
		t.Run(tc.name, func(t *testing.T) {
			data := genBytes(t, uint64(100+i), tc.n)
			bs, root := importMem(t, data, tc.p)
			got := mustGet(t, fetcher(t, serveGateway(t, bs)), root, Limits{})
			if !bytes.Equal(got, data) {
				t.Fatal("content differs")
			}
		})
	}
}

func TestGatewayFaults(t *testing.T) {
	fx := newFaultFixture(t)
	half := fx.goodCAR[:len(fx.goodCAR)/2]

	wrongBytes := bytes.Clone(fx.goodCAR)
	wrongBytes[len(wrongBytes)-10] ^= 0xff

	big := genBytes(t, 12, 3<<20)
	bigCID, _ := cid.Prefix{Version: 1, Codec: cid.Raw, MhType: mh.SHA2_256, MhLength: -1}.Sum(big)
	bigBS := memBlockstore()
	bigBS.Put(context.Background(), mustBlock(t, big, bigCID))
	bigCAR := carOf(t, bigBS, bigCID, []cid.Cid{bigCID})

	// The same bytes chunked with Kubo's old 256 KiB default.
	otherBS, otherRoot := importMem(t, fx.data, Profile{ChunkSize: 256 << 10, MaxLinks: 174})
	otherCAR := carOf(t, otherBS, otherRoot, dfsCIDs(t, otherBS, otherRoot))

	// A root whose blocksizes lie about its leaf.
	lieBS, lieRoot := lyingRoot(t)
	lieCAR := carOf(t, lieBS, lieRoot, dfsCIDs(t, lieBS, lieRoot))

	notCAR := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(fx.data)
	}
	rawOnly := func(body []byte) http.HandlerFunc { // refuses CAR, serves one raw body
		return func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("format") != "raw" {
				http.Error(w, "no CAR here", http.StatusNotAcceptable)
				return
			}
			w.Write(body)
		}
	}

	// Long enough that an honest in-process gateway under -race on a loaded
	// machine is not taken for a stall.
	const idle = time.Second
	lim := Limits{Timeout: 5 * time.Second, IdleTimeout: idle}
	const fast = 3 * time.Second // bound for immediate failures (generous for -race under load)
	dripLim := Limits{Timeout: 5 * time.Second, IdleTimeout: idle, RateWindow: 500 * time.Millisecond}
	dripAfterHalf := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.ipld.car; version=1")
		w.Write(half)
		dripBody(w, r, fx.goodCAR[len(half):], 20*time.Millisecond)
	}
	cases := []struct {
		name    string
		root    cid.Cid
		h       http.HandlerFunc
		lim     Limits
		kind    Kind
		cause   error
		maxTime time.Duration
	}{
		{"wrong bytes", fx.root, carHandler(nil, wrongBytes), lim, KindInvalid, ErrHashMismatch, fast},
		{"wrong raw bytes", bigCID, rawOnly(big[:1000]), lim, KindInvalid, ErrHashMismatch, fast},
		{"3 MiB block in CAR", bigCID, carHandler(nil, bigCAR), lim, KindInvalid, ErrBlockTooLarge, fast},
		{"3 MiB raw block", bigCID, rawOnly(big), lim, KindInvalid, ErrBlockTooLarge, fast},
		{"truncated CAR mid-block", fx.root, carHandler(nil, half), lim, KindInvalid, ErrTruncated, fast},
		{"truncated CAR at block boundary", fx.root, carHandler(nil, fx.goodCAR[:len(fx.goodCAR)-(len(fx.data)-3<<20)-38]), lim, KindInvalid, ErrTruncated, fast},
		{"stall mid-stream", fx.root, stallAfter(half), lim, KindUnavailable, ErrStalled, idle + fast},
		{"stall before headers", fx.root, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, lim, KindUnavailable, ErrStalled, idle + fast},
		{"drip from the start", fx.root, drip(fx.goodCAR, 20*time.Millisecond), dripLim, KindUnavailable, ErrTooSlow, dripLim.RateWindow + fast},
		{"drip after half", fx.root, dripAfterHalf, dripLim, KindUnavailable, ErrTooSlow, dripLim.RateWindow + fast},
		{"overall timeout", fx.root, stallAfter(half), Limits{Timeout: 400 * time.Millisecond, IdleTimeout: time.Minute}, KindUnavailable, ErrTimeout, 1500 * time.Millisecond},
		{"404", fx.root, http.NotFound, lim, KindUnavailable, ErrNotFound, fast},
		{"500 then raw 404", fx.root, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("format") == "raw" {
				http.NotFound(w, r)
				return
			}
			http.Error(w, "boom", http.StatusInternalServerError)
		}, lim, KindUnavailable, ErrNotFound, fast},
		{"different chunking profile", fx.root, carHandler(otherBS, otherCAR), lim, KindInvalid, ErrUnexpectedBlock, fast},
		{"over max size", fx.root, carHandler(nil, fx.goodCAR), Limits{MaxSize: 3 << 20, Timeout: 5 * time.Second}, KindInvalid, ErrTooLarge, fast},
		{"not a CAR", fx.root, notCAR, lim, KindInvalid, ErrMalformed, fast},
		{"lying blocksizes", lieRoot, carHandler(nil, lieCAR), lim, KindInvalid, ErrInconsistent, fast},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			start := time.Now()
			_, err := fetcher(t, newGateway(t, tc.h)).Get(context.Background(), tc.root, &out, tc.lim)
			elapsed := time.Since(start)
			if KindOf(err) != tc.kind || !errors.Is(err, tc.cause) {
				t.Fatalf("got %v (kind %v), want %v %v", err, KindOf(err), tc.kind, tc.cause)
			}
			if errors.Is(err, ErrInvalid) == errors.Is(err, ErrUnavailable) {
				t.Fatalf("error %v matches both or neither class", err)
			}
			if elapsed > tc.maxTime {
				t.Fatalf("took %v, deadline %v", elapsed, tc.maxTime)
			}
			if tc.cause == ErrTooLarge && out.Len() != 0 {
				t.Fatalf("%d bytes written before the size check", out.Len())
			}
			t.Logf("%v in %v", err, elapsed.Round(time.Millisecond))
		})
	}
}

func mustBlock(t testing.TB, data []byte, c cid.Cid) blocks.Block {
	t.Helper()
	b, err := blocks.NewBlockWithCid(data, c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lyingRoot builds a file node declaring 5 bytes for a 10-byte leaf.
func lyingRoot(t testing.TB) (blockstore.Blockstore, cid.Cid) {
	t.Helper()
	bs := memBlockstore()
	leaf := merkledag.NewRawNode([]byte("0123456789"))
	bs.Put(context.Background(), leaf)
	fsn := ft.NewFSNode(ft.TFile)
	fsn.AddBlockSize(5)
	data, err := fsn.GetBytes()
	if err != nil {
		t.Fatal(err)
	}
	nd := merkledag.NodeWithData(data)
	nd.SetCidBuilder(cidV1Builder)
	if err := nd.AddNodeLink("", leaf); err != nil {
		t.Fatal(err)
	}
	bs.Put(context.Background(), nd)
	return bs, nd.Cid()
}

func TestGatewayFailoverAndClassification(t *testing.T) {
	fx := newFaultFixture(t)
	wrong := bytes.Clone(fx.goodCAR)
	wrong[len(wrong)-10] ^= 0xff
	bad := newGateway(t, carHandler(nil, wrong))
	missing := newGateway(t, http.NotFound)
	lim := Limits{Timeout: 5 * time.Second, IdleTimeout: time.Second}

	if got := mustGet(t, fetcher(t, bad, missing, fx.bsURL), fx.root, lim); !bytes.Equal(got, fx.data) {
		t.Fatal("failover content differs")
	}
	_, err := fetcher(t, missing, bad).Get(context.Background(), fx.root, &bytes.Buffer{}, lim)
	if KindOf(err) != KindInvalid || !errors.Is(err, ErrHashMismatch) || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotFound) {
		t.Fatalf("404 + wrong bytes: %v", err)
	}
	_, err = fetcher(t, missing, newGateway(t, stallAfter(nil)), closedPortURL(t)).Get(context.Background(), fx.root, &bytes.Buffer{}, lim)
	if KindOf(err) != KindUnavailable || !errors.Is(err, ErrNotFound) || !errors.Is(err, ErrStalled) ||
		!errors.Is(err, ErrSource) || errors.Is(err, ErrInvalid) {
		t.Fatalf("404 + stall + node down: %v", err)
	}
}

// A source failing halfway: the next one resumes, each byte written once.
func TestGatewayResumeWritesEachByteOnce(t *testing.T) {
	fx := newFaultFixture(t)
	truncated := newGateway(t, carHandler(nil, fx.goodCAR[:len(fx.goodCAR)*2/3]))
	var out bytes.Buffer
	lim := Limits{Timeout: 5 * time.Second}
	n, err := FirstOf(fetcher(t, truncated), fetcher(t, fx.bsURL)).Get(context.Background(), fx.root, &out, lim)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(fx.data)) || !bytes.Equal(out.Bytes(), fx.data) {
		t.Fatalf("resumed content differs: %d bytes", out.Len())
	}
}

// A gateway that omits repeated blocks (dups=n) still works: repeats come as
// raw blocks.
func TestGatewayWithoutDuplicates(t *testing.T) {
	data := make([]byte, 3<<20+5) // three identical zero leaves
	bs, root := importMem(t, data, UnixFSv1_2025)
	var order []cid.Cid
	seen := map[cid.Cid]bool{}
	for _, c := range dfsCIDs(t, bs, root) {
		if !seen[c] {
			seen[c] = true
			order = append(order, c)
		}
	}
	if len(order) != 3 { // root, the zero leaf, the short last leaf
		t.Fatalf("%d distinct blocks, want 3", len(order))
	}
	var rawRequests atomic.Int32
	inner := carHandler(bs, carOf(t, bs, root, order))
	h := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("format") == "raw" {
			rawRequests.Add(1)
		}
		inner(w, r)
	}
	if got := mustGet(t, fetcher(t, newGateway(t, h)), root, Limits{}); !bytes.Equal(got, data) {
		t.Fatal("content differs")
	}
	if rawRequests.Load() != 2 {
		t.Fatalf("%d raw requests, want 2 (the repeated leaves)", rawRequests.Load())
	}
}

func TestGetCancellation(t *testing.T) {
	fx := newFaultFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := fetcher(t, newGateway(t, stallAfter(fx.goodCAR[:1000]))).Get(ctx, fx.root, &bytes.Buffer{}, Limits{IdleTimeout: time.Minute})
	if !errors.Is(err, context.Canceled) || KindOf(err) != KindUnavailable {
		t.Fatalf("cancelled: %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("cancellation took %v", time.Since(start))
	}
}

// TestFetchHeapBounded fetches 64 MiB through a CAR and samples the heap: the
// retrieval must not grow with the file.
func TestFetchHeapBounded(t *testing.T) {
	const size = 64 << 20
	data := genBytes(t, 13, size)
	bs, root := importMem(t, data, UnixFSv1_2025)
	body := carOf(t, bs, root, dfsCIDs(t, bs, root))
	want := sha256.Sum256(data)
	data = nil
	url := newGateway(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.ipld.car; version=1")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	g := fetcher(t, url)

	runtime.GC()
	base := heapBytes()
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if h := heapBytes(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	h := sha256.New()
	n, err := g.Get(context.Background(), root, h, Limits{})
	close(stop)
	<-sampled
	if err != nil {
		t.Fatal(err)
	}
	if n != size || !bytes.Equal(h.Sum(nil), want[:]) {
		t.Fatal("64 MiB content differs")
	}
	growth := int64(peak.Load()) - int64(base)
	t.Logf("heap peak during a 64 MiB fetch: %.1f MiB above the %.1f MiB baseline (server and fixture included in the baseline)",
		float64(growth)/(1<<20), float64(base)/(1<<20))
	if growth > 24<<20 {
		t.Fatalf("heap grew by %d MiB during a 64 MiB fetch", growth>>20)
	}
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// halfGetter is a Getter from outside the package that writes a prefix and
// then fails.
type halfGetter struct{ data []byte }

func (h halfGetter) Get(_ context.Context, _ cid.Cid, w io.Writer, _ Limits) (int64, error) {
	n, _ := w.Write(h.data[:len(h.data)/2])
	return int64(n), errors.New("connection reset")
}

func TestFirstOfForeignGetterResumes(t *testing.T) {
	fx := newFaultFixture(t)
	var out bytes.Buffer
	_, err := FirstOf(halfGetter{fx.data}, fetcher(t, fx.bsURL)).Get(context.Background(), fx.root, &out, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), fx.data) {
		t.Fatal("content differs after resume")
	}
	_, err = FirstOf(halfGetter{fx.data}).Get(context.Background(), fx.root, io.Discard, Limits{})
	if KindOf(err) != KindUnavailable {
		t.Fatalf("foreign failure: %v", err)
	}
}

func TestDirectoryRootIsNotAFile(t *testing.T) {
	bs := memBlockstore()
	dir := merkledag.NodeWithData(ft.FolderPBData())
	dir.SetCidBuilder(cidV1Builder)
	bs.Put(context.Background(), dir)
	_, err := fetcher(t, serveGateway(t, bs)).Get(context.Background(), dir.Cid(), io.Discard, Limits{})
	if KindOf(err) != KindInvalid || !errors.Is(err, ErrNotFile) {
		t.Fatalf("directory root: %v", err)
	}
}

func TestParseCID(t *testing.T) {
	if _, err := ParseCID("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "not-a-cid", "bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje", "bafkqaaa"} {
		if _, err := ParseCID(s); err == nil {
			t.Errorf("ParseCID(%q) accepted", s)
		}
	}
}

// A boxo gateway (Kubo's too) that lacks a block has already sent 200 and
// ends the CAR with a text marker: that is unavailable, not invalid.
func TestGatewayMissingBlocksAreUnavailable(t *testing.T) {
	data := genBytes(t, 14, 3<<20)
	bs, root := importMem(t, data, UnixFSv1_2025)
	// The raw boxo handler, without the package's 404 for absent roots.
	bsvc := blockservice.New(memBlockstore(), nil)
	backend, err := gateway.NewBlocksBackend(bsvc)
	if err != nil {
		t.Fatal(err)
	}
	bare := httptest.NewServer(gateway.NewHandler(gateway.Config{NoDNSLink: true}, backend))
	defer bare.Close()
	for _, url := range []string{bare.URL, serveGateway(t, memBlockstore())} {
		_, err = fetcher(t, url).Get(context.Background(), root, io.Discard, Limits{})
		if KindOf(err) != KindUnavailable || !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing root: %v", err)
		}
	}
	if err := bs.DeleteBlock(context.Background(), dfsCIDs(t, bs, root)[2]); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_, err = fetcher(t, serveGateway(t, bs)).Get(context.Background(), root, &out, Limits{})
	if KindOf(err) != KindUnavailable || !errors.Is(err, ErrSource) {
		t.Fatalf("missing leaf: %v", err)
	}
	if out.Len() != 1<<20 || !bytes.Equal(out.Bytes(), data[:1<<20]) {
		t.Fatalf("wrote %d bytes before the missing leaf, want the verified first 1 MiB", out.Len())
	}
}

// closedPortURL is a loopback URL nothing listens on (a node that is down).
func closedPortURL(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	return url
}

// drip sends the response headers and then one byte of body every interval:
// enough to keep an idle timer alive, far too slow to ever finish.
func drip(body []byte, interval time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.ipld.car; version=1; order=dfs; dups=y")
		w.WriteHeader(http.StatusOK)
		dripBody(w, r, body, interval)
	}
}

// dripBody flushes what was written so far, then body a byte per interval.
func dripBody(w http.ResponseWriter, r *http.Request, body []byte, interval time.Duration) {
	w.(http.Flusher).Flush()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i := range body {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
		}
		w.Write(body[i : i+1])
		w.(http.Flusher).Flush()
	}
}

// unknownHost is a gateway URL whose host does not resolve (see faultClient).
const unknownHost = "http://unknown-gateway.invalid"

// faultClient counts requests per host and fails the lookup of unknownHost's
// host as a resolver would ("no such host"), without depending on the test
// machine's DNS.
type faultClient struct {
	mu       sync.Mutex
	requests map[string]int
	inner    http.RoundTripper
}

func newFaultClient() *faultClient {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	dial := (&net.Dialer{}).DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if host, _, _ := net.SplitHostPort(addr); host == "unknown-gateway.invalid" {
			return nil, &net.OpError{Op: "dial", Net: network,
				Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
		}
		return dial(ctx, network, addr)
	}
	return &faultClient{requests: map[string]int{}, inner: tr}
}

func (c *faultClient) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.requests[r.URL.Host]++
	c.mu.Unlock()
	return c.inner.RoundTrip(r)
}

// count returns the requests made to url's host since the last call.
func (c *faultClient) count(url string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	host := strings.TrimPrefix(url, "http://")
	n := c.requests[host]
	delete(c.requests, host)
	return n
}

func (c *faultClient) fetcher(t testing.TB, urls ...string) *GatewayFetcher {
	t.Helper()
	f, err := NewGatewayFetcher(urls, GatewayOptions{Client: &http.Client{Transport: c}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// gatewayFault is one way a gateway fails; url starts it.
type gatewayFault struct {
	name string
	url  func(t *testing.T, fx faultFixture) string
}

func gatewayFaults() []gatewayFault {
	return []gatewayFault{
		{"stall", func(t *testing.T, fx faultFixture) string {
			return newGateway(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		}},
		{"drip", func(t *testing.T, fx faultFixture) string {
			return newGateway(t, drip(fx.goodCAR, 20*time.Millisecond))
		}},
		{"lie", func(t *testing.T, fx faultFixture) string {
			wrong := bytes.Clone(fx.goodCAR)
			wrong[len(wrong)-10] ^= 0xff
			return newGateway(t, carHandler(nil, wrong))
		}},
		{"refuse", func(t *testing.T, fx faultFixture) string { return closedPortURL(t) }},
		{"unknown host", func(t *testing.T, fx faultFixture) string { return unknownHost }},
	}
}

// Every fault kind, bad gateway first and good second and the other way
// round: the retrieval succeeds promptly (the bad gateway costs at most one
// HedgeDelay, not an idle timeout or the whole budget), and the fetcher
// remembers which gateway delivered: the next file never touches the bad one.
func TestGatewayFaultOrders(t *testing.T) {
	fx := newFaultFixture(t)
	const hedge = 500 * time.Millisecond
	// Everything else at its default (idle timeout 30 s, rate window 5 s,
	// budget 30 min): on their own they would let a stall or a drip hold the
	// retrieval for half a minute or more; racing must not wait for them.
	lim := Limits{HedgeDelay: hedge}
	for _, fault := range gatewayFaults() {
		for _, badFirst := range []bool{true, false} {
			name := fault.name + "/good first"
			if badFirst {
				name = fault.name + "/bad first"
			}
			t.Run(name, func(t *testing.T) {
				fc := newFaultClient()
				bad := fault.url(t, fx)
				urls := []string{fx.bsURL, bad}
				if badFirst {
					urls = []string{bad, fx.bsURL}
				}
				g := fc.fetcher(t, urls...)
				for i := range 2 {
					start := time.Now()
					got := mustGet(t, g, fx.root, lim)
					elapsed := time.Since(start)
					if !bytes.Equal(got, fx.data) {
						t.Fatalf("get %d: content differs", i)
					}
					// Generous for -race on a loaded 2-core machine; far below
					// the 30 s idle timeout a stall would otherwise cost.
					if bound := hedge + 4*time.Second; elapsed > bound {
						t.Fatalf("get %d took %v, bound %v", i, elapsed, bound)
					}
					badRequests := fc.count(bad)
					if i == 1 && badRequests != 0 {
						t.Fatalf("second get made %d requests to the bad gateway", badRequests)
					}
					t.Logf("get %d: %v, %d requests to the bad gateway", i, elapsed.Round(time.Millisecond), badRequests)
				}
			})
		}
	}
}

// An auditor's check fetches a handful of files through one Getter with the
// CLI's limits (everything else at its default): with a stalling or dripping
// gateway listed before an honest one it must finish in under 10 s.
func TestStallingAndHonestGatewayCheckUnder10s(t *testing.T) {
	files := make([][]byte, 4)
	bs := memBlockstore()
	var roots []cid.Cid
	for i, n := range []int64{900, 3<<20 + 17, 200 << 10, 1 << 20} {
		files[i] = genBytes(t, uint64(40+i), n)
		dag := merkledag.NewDAGService(blockservice.New(bs, nil))
		root, _, err := Import(context.Background(), bytes.NewReader(files[i]), dag, UnixFSv1_2025)
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, root)
	}
	honest := serveGateway(t, bs)
	// The drip serves the real CAR of the largest file, a byte at a time.
	bigCAR := carOf(t, bs, roots[1], dfsCIDs(t, bs, roots[1]))
	for _, bad := range []struct {
		name string
		h    http.HandlerFunc
	}{
		{"stall", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }},
		{"drip", drip(bigCAR, 50*time.Millisecond)},
	} {
		t.Run(bad.name, func(t *testing.T) {
			g := FirstOf(fetcher(t, newGateway(t, bad.h), honest))
			lim := Limits{Timeout: 2 * time.Minute, RequireProfile: &UnixFSv1_2025}
			dir := t.TempDir()
			start := time.Now()
			for i, root := range roots {
				want := sha256.Sum256(files[i])
				if _, err := GetFile(context.Background(), g, root, filepath.Join(dir, strconv.Itoa(i)), lim, want[:]); err != nil {
					t.Fatalf("file %d: %v", i, err)
				}
			}
			elapsed := time.Since(start)
			t.Logf("%d files with a %s gateway first and an honest one second: %v", len(roots), bad.name, elapsed.Round(time.Millisecond))
			if elapsed >= 10*time.Second {
				t.Fatalf("took %v, want under 10 s", elapsed)
			}
		})
	}
}

// A gateway that cannot be reached reports why (connection refused, unknown
// host), not the "context canceled" of the request's own cleanup.
func TestConnectionErrorsReportCause(t *testing.T) {
	fx := newFaultFixture(t)
	fc := newFaultClient()
	lim := Limits{Timeout: 5 * time.Second}
	_, err := fc.fetcher(t, closedPortURL(t)).Get(context.Background(), fx.root, io.Discard, lim)
	if KindOf(err) != KindUnavailable || !errors.Is(err, ErrSource) || !errors.Is(err, syscall.ECONNREFUSED) ||
		!strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("nothing listening: %v", err)
	}
	t.Log(err)
	_, err = fc.fetcher(t, unknownHost).Get(context.Background(), fx.root, io.Discard, lim)
	var dnsErr *net.DNSError
	if KindOf(err) != KindUnavailable || !errors.Is(err, ErrSource) || !errors.As(err, &dnsErr) || !dnsErr.IsNotFound ||
		!strings.Contains(err.Error(), "no such host") || strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("unknown host: %v", err)
	}
	t.Log(err)
	// The caller's own cancellation still reads as such.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = fc.fetcher(t, closedPortURL(t)).Get(ctx, fx.root, io.Discard, lim)
	if !errors.Is(err, context.Canceled) || KindOf(err) != KindUnavailable {
		t.Fatalf("cancelled: %v", err)
	}
}

// delayed answers with h after d (a slow but honest start).
func delayed(d time.Duration, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(d):
		}
		h(w, r)
	}
}

// A racer that lost (cancelled when another claimed the output) is started
// again, resuming, when the winner fails halfway: every byte once, in order.
func TestRaceLoserResumesAfterOwnerFails(t *testing.T) {
	fx := newFaultFixture(t)
	var honestCARs atomic.Int32 // requests that reached the honest gateway
	honest := carHandler(nil, fx.goodCAR)
	first := newGateway(t, delayed(150*time.Millisecond, carHandler(nil, fx.goodCAR[:len(fx.goodCAR)*2/3])))
	slowHonest := delayed(time.Second, honest)
	second := newGateway(t, func(w http.ResponseWriter, r *http.Request) {
		honestCARs.Add(1)
		slowHonest(w, r)
	})
	var out bytes.Buffer
	n, err := fetcher(t, first, second).Get(context.Background(), fx.root, &out, Limits{HedgeDelay: 50 * time.Millisecond, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(fx.data)) || !bytes.Equal(out.Bytes(), fx.data) {
		t.Fatalf("content differs: %d bytes", out.Len())
	}
	if got := honestCARs.Load(); got != 2 {
		t.Fatalf("the honest gateway answered %d CAR requests, want 2 (raced and lost, then resumed)", got)
	}
}
