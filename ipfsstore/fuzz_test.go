package ipfsstore

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
	"github.com/multiformats/go-varint"
)

// fuzzContent is the file behind fuzzRoot: 40 bytes at 8-byte chunks, 3 links
// per node, so the DAG has three levels (root → 2 internal → 5 leaves).
var fuzzContent = []byte("zkllm fuzz fixture: forty bytes exactly!")

var fuzzProfile = Profile{ChunkSize: 8, MaxLinks: 3}

func fuzzFixture(t testing.TB) (cid.Cid, []byte) {
	bs, root := importMem(t, fuzzContent, fuzzProfile)
	return root, carOf(t, bs, root, dfsCIDs(t, bs, root))
}

// FuzzCARFetch feeds arbitrary bytes as a gateway's CAR response for a fixed
// root. Whatever the bytes, the walk must not panic, must fail with a
// classified *Error, and may only succeed by producing exactly the content.
func FuzzCARFetch(f *testing.F) {
	root, good := fuzzFixture(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		var out bytes.Buffer
		_, err := fetchCARBytes(root, body, &out)
		if err == nil {
			if !bytes.Equal(out.Bytes(), fuzzContent) {
				t.Fatalf("accepted a CAR yielding %q", out.Bytes())
			}
			return
		}
		if KindOf(err) == 0 {
			t.Fatalf("unclassified error %v", err)
		}
		if !bytes.HasPrefix(fuzzContent, out.Bytes()) {
			t.Fatalf("wrote unverified bytes %q before failing", out.Bytes())
		}
	})
}

func fetchCARBytes(root cid.Cid, body []byte, w *bytes.Buffer) (int64, error) {
	cs, err := openCAR(bytes.NewReader(body), nil, nil)
	if err != nil {
		return 0, err
	}
	return walkFile(context.Background(), root, newCARSource(cs, nil), w, 1<<20)
}

// FuzzDecodeFileNode feeds arbitrary bytes as a dag-pb block (addressed by
// its own hash, so only the structure checks stand between it and the
// caller): it must not panic, and what it accepts must fit the size bound.
func FuzzDecodeFileNode(f *testing.F) {
	root, good := fuzzFixture(f)
	bs, _ := importMem(f, fuzzContent, fuzzProfile)
	b, err := bs.Get(context.Background(), root)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b.RawData(), int64(-1))
	f.Add(b.RawData(), int64(len(fuzzContent)))
	f.Add(good[:20], int64(3))
	f.Fuzz(func(t *testing.T, data []byte, declared int64) {
		if declared < -1 {
			declared = -1
		}
		const maxSize = 1 << 20
		c, err := cid.Prefix{Version: 1, Codec: cid.DagProtobuf, MhType: mh.SHA2_256, MhLength: -1}.Sum(data)
		if err != nil {
			t.Fatal(err)
		}
		content, children, err := decodeFileNode(pending{c: c, size: declared}, data, maxSize)
		if err != nil {
			if KindOf(err) != KindInvalid && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		total := int64(len(content))
		for _, ch := range children {
			if ch.size < 0 {
				t.Fatalf("child with negative size %d", ch.size)
			}
			total += ch.size
		}
		if total > maxSize || (declared >= 0 && total != declared) {
			t.Fatalf("accepted node of %d bytes (declared %d)", total, declared)
		}
	})
}

// Every single-byte corruption of a small three-level CAR past its header
// fails with a classified error; one in the header (whose root list the walk
// does not rely on: the caller names the root) may pass, but only with
// exactly the content.
func TestEveryByteFlipOfCAR(t *testing.T) {
	root, good := fuzzFixture(t)
	hdrLen, n, err := varint.FromUvarint(good)
	if err != nil {
		t.Fatal(err)
	}
	headerEnd := int(hdrLen) + n
	failures := 0
	for i := range good {
		for _, mask := range []byte{0x01, 0x80} {
			body := bytes.Clone(good)
			body[i] ^= mask
			var out bytes.Buffer
			_, err := fetchCARBytes(root, body, &out)
			if err == nil {
				if !bytes.Equal(out.Bytes(), fuzzContent) {
					t.Fatalf("flip %#x at %d accepted with content %q", mask, i, out.Bytes())
				}
				if i >= headerEnd {
					t.Fatalf("flip %#x at %d (past the %d-byte header) went unnoticed", mask, i, headerEnd)
				}
				continue
			}
			failures++
			if KindOf(err) == 0 {
				t.Fatalf("flip at %d: unclassified %v", i, err)
			}
		}
	}
	t.Logf("%d of %d single-byte corruptions rejected", failures, 2*len(good))
}

// bytesBody is a watchedBody over fixed bytes (no network, no watchdog).
func bytesBody(ctx context.Context, data []byte, contentLength int64) *watchedBody {
	ctx, cancel := context.WithCancelCause(ctx)
	return &watchedBody{
		resp:   &http.Response{Body: io.NopCloser(bytes.NewReader(data)), ContentLength: contentLength},
		ctx:    ctx,
		cancel: cancel,
		timer:  time.AfterFunc(time.Hour, func() {}),
		pace:   pace{idle: time.Hour},
	}
}

// FuzzRawBlockFetch walks the fixture DAG through the raw-block fallback (a
// gateway that refuses CARs, or Kubo's block/get), with the block at
// depth-first position idx answered by body and every other block honestly.
// Whatever body is, the walk must not panic, must fail with a classified
// *Error having written only a prefix of the content, and may only succeed
// by producing exactly the content.
func FuzzRawBlockFetch(f *testing.F) {
	bs, root := importMem(f, fuzzContent, fuzzProfile)
	order := dfsCIDs(f, bs, root)
	honest := func(c cid.Cid) []byte {
		b, err := bs.Get(context.Background(), c)
		if err != nil {
			f.Fatal(err)
		}
		return b.RawData()
	}
	for i, c := range order {
		f.Add(uint8(i), honest(c), false)
	}
	f.Add(uint8(0), honest(order[1]), true) // a valid block, but not the one asked for
	f.Add(uint8(2), []byte{}, false)
	f.Fuzz(func(t *testing.T, idx uint8, body []byte, declareLength bool) {
		target := order[int(idx)%len(order)]
		src := &rawBlockSource{get: func(ctx context.Context, c cid.Cid) (*watchedBody, error) {
			data := honest(c)
			if c.Equals(target) {
				data = body
			}
			cl := int64(-1)
			if declareLength {
				cl = int64(len(data))
			}
			return bytesBody(ctx, data, cl), nil
		}}
		var out bytes.Buffer
		_, err := walkFile(context.Background(), root, src, &out, 1<<20)
		if err == nil {
			if !bytes.Equal(out.Bytes(), fuzzContent) {
				t.Fatalf("accepted raw blocks yielding %q", out.Bytes())
			}
			return
		}
		if KindOf(err) == 0 {
			t.Fatalf("unclassified error %v", err)
		}
		if bytes.Equal(body, honest(target)) {
			t.Fatalf("honest blocks rejected: %v", err)
		}
		if !bytes.HasPrefix(fuzzContent, out.Bytes()) {
			t.Fatalf("wrote unverified bytes %q before failing", out.Bytes())
		}
	})
}

// FuzzKuboAddResponse feeds arbitrary bytes as the body of Kubo's add
// response. It must not panic; what it accepts is a CIDv1 this package can
// retrieve, named in the response; every error says where it came from.
func FuzzKuboAddResponse(f *testing.F) {
	f.Add([]byte(`{"Name":"file","Hash":"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku","Size":"0"}` + "\n"))
	f.Add([]byte(`{"Name":"file","Bytes":1048576}` + "\n" + `{"Name":"file","Hash":"bafybeidf24434guc4cuxvijuyxic7k3p3xuv5ufi2piws6inxx5ri6u474","Size":"3149067"}` + "\n"))
	f.Add([]byte(`{"Message":"unexpected EOF","Code":0,"Type":"error"}` + "\n"))
	f.Add([]byte(`{"Name":"file","Hash":"QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH","Size":"6"}`))
	f.Add([]byte("[1,2]\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := parseAddResponse(bytes.NewReader(body), nil)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ipfsstore: kubo add: ") {
				t.Fatalf("error without origin: %v", err)
			}
			return
		}
		if c.Version() != 1 || checkSupportedCID(c) != nil {
			t.Fatalf("accepted %s", c)
		}
		if !bytes.Contains(body, []byte(c.String())) {
			t.Fatalf("accepted %s, not in the response", c)
		}
	})
}

func TestParseAddResponse(t *testing.T) {
	const v1 = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
	const other = "bafybeidf24434guc4cuxvijuyxic7k3p3xuv5ufi2piws6inxx5ri6u474"
	line := func(hash string) string { return `{"Name":"file","Hash":"` + hash + `","Size":"0"}` + "\n" }
	cases := []struct {
		name    string
		body    string
		trailer string
		want    string // CID, or "" for an error containing errPart
		errPart string
	}{
		{"one line", line(v1), "", v1, ""},
		{"progress then result", `{"Name":"file","Bytes":5}` + "\n" + line(v1), "", v1, ""},
		{"same CID twice", line(v1) + line(v1), "", v1, ""},
		{"two CIDs", line(v1) + line(other), "", "", "two CIDs"},
		{"error event", line(v1) + `{"Message":"disk full","Type":"error"}` + "\n", "", "", "disk full"},
		{"stream error trailer", line(v1), "context canceled", "", "context canceled"},
		{"empty", "", "", "", "no CID"},
		{"not an object", "[\"" + v1 + "\"]\n", "", "", "not a JSON object"},
		{"bad JSON", `{"Hash":` + "\n", "", "", "bad response line"},
		{"CIDv0", line("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"), "", "", "CIDv0"},
		{"identity CID", line("bafkqaaa"), "", "", "multihash"},
		{"not a CID", line("hello"), "", "", "CID"},
		{"upper-case base32", line(strings.ToUpper(v1[:1]) + v1[1:5] + strings.ToUpper(v1[5:])), "", "", "CID"},
		{"non-canonical letter", line(v1[:20] + "J" + v1[21:]), "", "", "canonical"},
		{"line over 64 KiB", `{"Hash":"` + strings.Repeat("a", 70<<10) + `"}` + "\n", "", "", "too long"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := http.Header{}
			if tc.trailer != "" {
				tr.Set("X-Stream-Error", tc.trailer)
			}
			c, err := parseAddResponse(strings.NewReader(tc.body), tr)
			if tc.want != "" {
				if err != nil || c.String() != tc.want {
					t.Fatalf("got %v, %v; want %s", c, err, tc.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.errPart) {
				t.Fatalf("got %v, %v; want an error containing %q", c, err, tc.errPart)
			}
		})
	}
	over := strings.NewReader(strings.Repeat(line(v1), maxAddResponse/len(line(v1))+1))
	if _, err := parseAddResponse(over, nil); err == nil || !strings.Contains(err.Error(), "response over") {
		t.Fatalf("response over the cap: %v", err)
	}
}

// Kubo.Add end to end against a fake node: a hostile or failing add response
// is an error, not a CID.
func TestKuboAddRejectsBadResponses(t *testing.T) {
	const good = `{"Name":"file","Hash":"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku","Size":"0"}` + "\n"
	for _, tc := range []struct {
		name, body, trailer, want string
	}{
		{"honest", good, "", ""},
		{"identity CID", `{"Name":"file","Hash":"bafkqaaa","Size":"0"}` + "\n", "", "multihash"},
		{"error after the CID", good, "write failed", "write failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			node := newGateway(t, func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				if tc.trailer != "" {
					w.Header().Set("Trailer", "X-Stream-Error")
				}
				io.WriteString(w, tc.body)
				if tc.trailer != "" {
					w.Header().Set("X-Stream-Error", tc.trailer)
				}
			})
			k, err := NewKuboRPC(node, KuboOptions{})
			if err != nil {
				t.Fatal(err)
			}
			c, _, err := k.Add(context.Background(), strings.NewReader(""), AddOptions{})
			if tc.want == "" {
				if err != nil || c.String() != "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku" {
					t.Fatalf("honest add: %v, %v", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, %v; want an error containing %q", c, err, tc.want)
			}
		})
	}
}
