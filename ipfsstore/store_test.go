package ipfsstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipfs/go-cid"
)

var smallProfile = Profile{ChunkSize: 64, MaxLinks: 1024}

var roundTripSizes = []struct {
	name string
	n    int64
	p    Profile
}{
	{"empty", 0, UnixFSv1_2025},
	{"tiny", 11, UnixFSv1_2025},
	{"one-chunk", 1 << 20, UnixFSv1_2025},
	{"chunk-plus-one", 1<<20 + 1, UnixFSv1_2025},
	{"multi-chunk", 3<<20 + 12345, UnixFSv1_2025},
	{"1025-leaves-small-chunks", 64*1025 + 7, smallProfile},
	{"three-levels", 8*8*8 + 1, Profile{ChunkSize: 1, MaxLinks: 8}},
}

func TestFlatfsRoundTrip(t *testing.T) {
	s, err := OpenFlatfs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i, tc := range roundTripSizes {
		t.Run(tc.name, func(t *testing.T) {
			data := genBytes(t, uint64(i), tc.n)
			root, n, err := s.PutWithProfile(ctx, bytes.NewReader(data), tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.n {
				t.Fatalf("Put counted %d bytes, want %d", n, tc.n)
			}
			want, _, err := ComputeCID(ctx, bytes.NewReader(data), tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if !root.Equals(want) {
				t.Fatalf("stored CID %s, hash-only CID %s", root, want)
			}
			if root.Version() != 1 {
				t.Fatalf("CID %s is not v1", root)
			}
			if got := mustGet(t, s, root, Limits{}); !bytes.Equal(got, data) {
				t.Fatalf("round trip differs (%d vs %d bytes)", len(got), len(data))
			}
			if ok, err := s.Has(ctx, root); err != nil || !ok {
				t.Fatalf("Has = %v, %v", ok, err)
			}
		})
	}
	pins, err := s.Pins()
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != len(roundTripSizes) {
		t.Fatalf("%d pins, want %d", len(pins), len(roundTripSizes))
	}
}

// Well-known CIDs: the empty file and "hello world\n" as raw-leaf CIDv1
// (single-chunk files are their own raw leaf under unixfs-v1-2025).
func TestKnownCIDs(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"},
		{"hello world\n", "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4"},
	} {
		c, _, err := ComputeCID(context.Background(), bytes.NewReader([]byte(tc.data)), UnixFSv1_2025)
		if err != nil {
			t.Fatal(err)
		}
		if c.String() != tc.want {
			t.Errorf("CID(%q) = %s, want %s", tc.data, c, tc.want)
		}
	}
}

func TestFlatfsPersistsAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenFlatfs(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := genBytes(t, 9, 2<<20+3)
	root, _, err := s.Put(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = OpenFlatfs(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := mustGet(t, s, root, Limits{}); !bytes.Equal(got, data) {
		t.Fatal("content changed across reopen")
	}
	if err := s.Pin(context.Background(), root); err != nil {
		t.Fatal(err)
	}
}

func TestFlatfsDetectsCorruptionAndMissingBlocks(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenFlatfs(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	data := genBytes(t, 3, 3<<20)
	root, _, err := s.Put(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	filepath.WalkDir(filepath.Join(dir, "blocks"), func(p string, d os.DirEntry, err error) error {
		if err == nil && filepath.Ext(p) == ".data" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 4 { // 3 leaves + root
		t.Fatalf("%d block files, want 4", len(files))
	}
	// Flip one byte in a leaf (1 MiB files are leaves; the root is small).
	var leaf string
	for _, f := range files {
		if st, _ := os.Stat(f); st.Size() == 1<<20 {
			leaf = f
		}
	}
	b, _ := os.ReadFile(leaf)
	b[100] ^= 1
	os.WriteFile(leaf, b, 0o644)
	_, err = s.Get(ctx, root, &bytes.Buffer{}, Limits{})
	if !errors.Is(err, ErrInvalid) || !errors.Is(err, ErrHashMismatch) || errors.Is(err, ErrUnavailable) {
		t.Fatalf("corrupted block: got %v, want invalid hash mismatch", err)
	}
	if err := s.Pin(ctx, root); !errors.Is(err, ErrHashMismatch) {
		t.Fatalf("Pin of corrupted DAG: %v", err)
	}
	os.Remove(leaf)
	_, err = s.Get(ctx, root, &bytes.Buffer{}, Limits{})
	if !errors.Is(err, ErrUnavailable) || !errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) {
		t.Fatalf("missing block: got %v, want unavailable not found", err)
	}
	unknown, _, _ := ComputeCID(ctx, bytes.NewReader([]byte("never stored")), UnixFSv1_2025)
	if ok, err := s.Has(ctx, unknown); ok || err != nil {
		t.Fatalf("Has(unknown) = %v, %v", ok, err)
	}
}

func TestGetFileAtomicWithDigest(t *testing.T) {
	s, err := OpenFlatfs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	data := genBytes(t, 5, 1<<20+77)
	root, _, err := s.Put(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(data)
	out := t.TempDir()
	dst := filepath.Join(out, "proof.bin")

	wrong := want
	wrong[0] ^= 1
	_, err = GetFile(ctx, s, root, dst, Limits{}, wrong[:])
	if !errors.Is(err, ErrDigestMismatch) || KindOf(err) != KindInvalid {
		t.Fatalf("wrong digest: %v", err)
	}
	assertDirEmpty(t, out)

	_, err = GetFile(ctx, s, root, dst, Limits{MaxSize: 1 << 20}, want[:])
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over max size: %v", err)
	}
	assertDirEmpty(t, out)

	sum, err := GetFile(ctx, s, root, dst, Limits{}, want[:])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sum, want[:]) {
		t.Fatal("returned digest differs")
	}
	got, _ := os.ReadFile(dst)
	if !bytes.Equal(got, data) {
		t.Fatal("file content differs")
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Fatalf("%d entries after success, want 1", len(entries))
	}
}

func assertDirEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Fatalf("%s holds %v after a failed retrieval", dir, entries[0].Name())
	}
}

func TestProfileValidate(t *testing.T) {
	for _, p := range []Profile{{0, 1024}, {MaxChunkSize + 1, 1024}, {1024, 1}, {-1, 5}} {
		if p.Validate() == nil {
			t.Errorf("%+v accepted", p)
		}
		if _, _, err := ComputeCID(context.Background(), bytes.NewReader(nil), p); err == nil {
			t.Errorf("import with %+v accepted", p)
		}
	}
	if err := UnixFSv1_2025.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestRequireProfile(t *testing.T) {
	data := genBytes(t, 6, 2<<20+5)
	for _, tc := range []struct {
		p       Profile
		wantErr error
	}{
		{UnixFSv1_2025, nil},
		{Profile{ChunkSize: 256 << 10, MaxLinks: 1024}, ErrProfileMismatch},
	} {
		bs, root := importMem(t, data, tc.p)
		g := FirstOf(fetcher(t, serveGateway(t, bs)))
		req := UnixFSv1_2025
		_, err := g.Get(context.Background(), root, &bytes.Buffer{}, Limits{RequireProfile: &req})
		if !errors.Is(err, tc.wantErr) || (tc.wantErr != nil && KindOf(err) != KindInvalid) {
			t.Fatalf("chunk %d: got %v, want %v", tc.p.ChunkSize, err, tc.wantErr)
		}
	}
}

func TestGatewayRejectsUnsupportedRoot(t *testing.T) {
	c, err := cid.Decode("bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje") // dag-cbor
	if err != nil {
		t.Fatal(err)
	}
	_, err = fetcher(t, "http://127.0.0.1:1").Get(context.Background(), c, &bytes.Buffer{}, Limits{})
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("dag-cbor root: %v", err)
	}
}
