package ipfsstore

import (
	"bytes"
	"context"
	"errors"
	"testing"

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
