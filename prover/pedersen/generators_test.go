package pedersen

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
)

// TestHashToG1RFC9380 checks gnark's HashToG1 against the RFC 9380 published
// vectors for BLS12381G1_XMD:SHA-256_SSWU_RO_ (testdata/generators).
func TestHashToG1RFC9380(t *testing.T) {
	f, err := os.Open("../../testdata/generators/rfc9380_bls12381g1_xmd_sha256_sswu_ro.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var dst string
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if cols[0] == "dst" {
			dst = cols[1]
			continue
		}
		if len(cols) != 3 {
			t.Fatalf("bad line %q", line)
		}
		msg := cols[0]
		switch msg {
		case "q128_<q*128>":
			msg = "q128_" + strings.Repeat("q", 128)
		case "a512_<a*512>":
			msg = "a512_" + strings.Repeat("a", 512)
		}
		var x, y fp.Element
		if _, err := x.SetString("0x" + cols[1]); err != nil {
			t.Fatal(err)
		}
		if _, err := y.SetString("0x" + cols[2]); err != nil {
			t.Fatal(err)
		}
		got, err := bls12381.HashToG1([]byte(msg), []byte(dst))
		if err != nil {
			t.Fatal(err)
		}
		if !got.X.Equal(&x) || !got.Y.Equal(&y) {
			t.Fatalf("HashToG1(%.20q) differs from RFC 9380", msg)
		}
		n++
	}
	if n != 5 || dst == "" {
		t.Fatalf("read %d vectors", n)
	}
}

func TestGeneratorsDerivation(t *testing.T) {
	gs, err := Get(8)
	if err != nil {
		t.Fatal(err)
	}
	if gs.Len() != 8 {
		t.Fatalf("Len %d", gs.Len())
	}
	G, _ := bls12381.HashToG1([]byte("G"), []byte(DST))
	H, _ := bls12381.HashToG1([]byte("H"), []byte(DST))
	if !gs.G.Equal(&G) || !gs.H.Equal(&H) {
		t.Fatal("G/H not HashToG1(\"G\"/\"H\")")
	}
	seen := map[[48]byte]bool{G.Bytes(): true, H.Bytes(): true}
	for i, g := range gs.Vector(8) {
		want, _ := bls12381.HashToG1([]byte{'g', 0, 0, 0, byte(i)}, []byte(DST))
		if !g.Equal(&want) {
			t.Fatalf("g_%d differs from HashToG1(\"g\"‖u32be(%d))", i, i)
		}
		if !g.IsInSubGroup() || g.IsInfinity() || seen[g.Bytes()] {
			t.Fatalf("g_%d invalid or repeated", i)
		}
		seen[g.Bytes()] = true
	}
	// Extending the cache keeps the prefix; a smaller request is a prefix.
	big, _ := Get(40)
	small, _ := Get(3)
	for i := 0; i < 8; i++ {
		if !big.Vector(40)[i].Equal(&gs.Vector(8)[i]) {
			t.Fatal("extension changed a generator")
		}
	}
	if small.Len() != 3 || !small.Vector(3)[2].Equal(&big.Vector(40)[2]) {
		t.Fatal("prefix wrong")
	}
	if v := VectorGenerator(39); !v.Equal(&big.Vector(40)[39]) {
		t.Fatal("parallel derivation differs from VectorGenerator")
	}
	if _, err := Get(-1); err == nil {
		t.Fatal("negative count accepted")
	}
	if _, err := Get(MaxGenerators + 1); err == nil {
		t.Fatal("huge count accepted")
	}
}

// TestPinnedDigests re-derives the small pinned counts and compares.
func TestPinnedDigests(t *testing.T) {
	if len(pinnedDigests) == 0 {
		t.Fatal("no pinned digests")
	}
	limit := 1 << 10
	if testing.Short() {
		limit = 1 << 6
	}
	checked := 0
	for n := range pinnedDigests {
		if n > limit {
			continue
		}
		gs, err := Get(n)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := PinnedDigest(n)
		if gs.Digest() != want {
			t.Fatalf("pinned digest for %d does not match derivation", n)
		}
		checked++
	}
	if checked < 3 {
		t.Fatalf("checked only %d counts", checked)
	}
}

func TestGeneratorFileCache(t *testing.T) {
	const n = 16
	gs, _ := Get(n)
	path := filepath.Join(t.TempDir(), "gens.bin")
	if err := gs.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadFile(path, n)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if !loaded.Vector(n)[i].Equal(&gs.Vector(n)[i]) {
			t.Fatal("loaded generator differs")
		}
	}
	if !loaded.G.Equal(&gs.G) || !loaded.H.Equal(&gs.H) {
		t.Fatal("loaded G/H differ")
	}
	b, _ := os.ReadFile(path)
	b[len(b)-1] ^= 1
	bad := filepath.Join(t.TempDir(), "bad.bin")
	os.WriteFile(bad, b, 0o644)
	if _, err := LoadFile(bad, n); !errors.Is(err, ErrGenDigest) {
		t.Fatalf("tampered file: %v", err)
	}
	if _, err := LoadFile(path, 17); !errors.Is(err, ErrGenUnpinned) {
		t.Fatalf("unpinned count: %v", err)
	}
	if _, err := LoadFile(path, 32); !errors.Is(err, ErrGenDigest) {
		t.Fatalf("wrong count: %v", err)
	}
}

var pinFlag = flag.Int("pin", 0, "print pinned digests for counts 2^0..2^pin (maintenance)")

// TestPrintPinnedDigests prints the pinned-digest table (maintenance only:
// go test ./prover/pedersen -run TestPrintPinnedDigests -pin 16).
func TestPrintPinnedDigests(t *testing.T) {
	if *pinFlag == 0 {
		t.Skip("maintenance helper; pass -pin N")
	}
	gs, err := Get(1 << *pinFlag)
	if err != nil {
		t.Fatal(err)
	}
	var counts []int
	for k := 0; k <= *pinFlag; k++ {
		counts = append(counts, 1<<k)
	}
	sort.Ints(counts)
	var out strings.Builder
	for _, n := range counts {
		d := sha256.Sum256(gs.Prefix(n).Serialize())
		fmt.Fprintf(&out, "\t%d: %q,\n", n, hex.EncodeToString(d[:]))
	}
	fmt.Print(out.String())
}

// FuzzParseGenerators: the generator-file parser never panics and accepts
// only on-curve points in the exact layout (it runs after the digest check,
// but must still be robust).
func FuzzParseGenerators(f *testing.F) {
	gs, _ := Get(2)
	f.Add(gs.Serialize(), 2)
	f.Add(gs.Serialize()[:50], 2)
	f.Fuzz(func(t *testing.T, b []byte, n int) {
		if n < 0 || n > 64 {
			return
		}
		got, err := parseGenerators(b, n)
		if err != nil {
			return
		}
		if got.Len() != n || !bytes.Equal(got.Serialize(), b) {
			t.Fatal("accepted generator file does not re-serialize to itself")
		}
	})
}

func TestLoadOrDerive(t *testing.T) {
	dir := t.TempDir()
	gs, err := LoadOrDerive(dir, 13) // next pinned count: 16
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := Get(13)
	if gs.Len() != 13 || !gs.Vector(13)[12].Equal(&ref.Vector(13)[12]) {
		t.Fatal("LoadOrDerive returned other generators")
	}
	path := filepath.Join(dir, CacheFileName(16))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("cache file not written: %v", err)
	}
	// A corrupted cache is replaced, not trusted.
	b[100] ^= 1
	os.WriteFile(path, b, 0o644)
	if gs, err = LoadOrDerive(dir, 16); err != nil || !gs.Vector(16)[0].Equal(&ref.Vector(1)[0]) {
		t.Fatalf("corrupt cache: %v", err)
	}
	if b2, _ := os.ReadFile(path); sha256.Sum256(b2) != mustPinned(t, 16) {
		t.Fatal("corrupt cache file not rewritten")
	}
}

func mustPinned(t *testing.T, n int) [32]byte {
	d, ok := PinnedDigest(n)
	if !ok {
		t.Fatalf("no pin for %d", n)
	}
	return d
}

// TestHashToFieldIndependent compares gnark's hash_to_field for our DST and
// generator messages with testdata/generators/hash_to_field.txt, computed by
// an independent Python expand_message_xmd (RFC 9380 §5.3.1).
func TestHashToFieldIndependent(t *testing.T) {
	f, err := os.Open("../../testdata/generators/hash_to_field.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		msg, err := hex.DecodeString(cols[0])
		if err != nil || len(cols) != 3 {
			t.Fatalf("bad line %q", sc.Text())
		}
		u, err := fp.Hash(msg, []byte(DST), 2)
		if err != nil {
			t.Fatal(err)
		}
		for i := range u {
			b := u[i].Bytes()
			if hex.EncodeToString(b[:]) != cols[1+i] {
				t.Fatalf("msg %x: u%d differs from the independent computation", msg, i)
			}
		}
		n++
	}
	if n < 8 {
		t.Fatalf("only %d vectors", n)
	}
}

// TestGetUsesCacheDir: with UseCacheDir set, a process that lacks the
// generators writes the pinned file once and a later process reads it; a
// corrupted file is re-derived and replaced, never trusted.
func TestGetUsesCacheDir(t *testing.T) {
	cache.Lock()
	saved := cache.gens
	cache.gens = nil
	cache.Unlock()
	dir := t.TempDir()
	UseCacheDir(dir)
	defer func() {
		UseCacheDir("")
		cache.Lock()
		cache.gens = saved
		cache.Unlock()
	}()
	check := func() {
		t.Helper()
		gs, err := Get(20) // next pinned count: 32
		if err != nil {
			t.Fatal(err)
		}
		if gs.Len() != 20 || !gs.Vector(20)[19].Equal(ptr(VectorGenerator(19))) || !gs.H.Equal(ptr(hashToG1([]byte("H")))) {
			t.Fatal("Get through the file cache returned other generators")
		}
	}
	check()
	path := filepath.Join(dir, CacheFileName(32))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Get wrote no cache file: %v", err)
	}
	want, _ := PinnedDigest(32)
	if sha256.Sum256(b) != want {
		t.Fatal("cache file does not match the pinned digest")
	}
	b[200] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cache.Lock()
	cache.gens = nil // a fresh process
	cache.Unlock()
	check()
	if b2, _ := os.ReadFile(path); sha256.Sum256(b2) != want {
		t.Fatal("corrupted cache file was not replaced")
	}
}

func ptr[T any](v T) *T { return &v }
