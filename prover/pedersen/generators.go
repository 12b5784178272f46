package pedersen

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/zkllm/zkllm/prover/field"
)

// DST is the hash-to-curve domain separation tag of generator version 1.
const DST = "ZKLLM-GO-V1-PEDERSEN"

// GeneratorVersion names the derivation above; it is written into the spec
// and the vk file.
const GeneratorVersion = 1

// MaxGenerators bounds Get and the file cache (2^24 points ≈ 1.6 GB).
const MaxGenerators = 1 << 24

// Generators are G, H and g_0…g_{n−1}. Values are shared: never modify them.
type Generators struct {
	G, H bls12381.G1Affine
	g    []bls12381.G1Affine
}

// Len is the number of vector generators g_i.
func (gs *Generators) Len() int { return len(gs.g) }

// Vector returns g_0…g_{n−1} (shared, read-only); it panics if n > Len.
func (gs *Generators) Vector(n int) []bls12381.G1Affine {
	if n > len(gs.g) {
		panic(fmt.Sprintf("pedersen: %d generators requested, %d derived", n, len(gs.g)))
	}
	return gs.g[:n:n]
}

// Prefix returns generators with only the first n vector generators.
func (gs *Generators) Prefix(n int) *Generators {
	return &Generators{G: gs.G, H: gs.H, g: gs.Vector(n)}
}

func hashToG1(msg []byte) bls12381.G1Affine {
	p, err := bls12381.HashToG1(msg, []byte(DST))
	if err != nil {
		panic("pedersen: HashToG1: " + err.Error()) // only fails on an over-long dst
	}
	return p
}

// VectorGenerator derives g_i.
func VectorGenerator(i uint32) bls12381.G1Affine {
	var msg [5]byte
	msg[0] = 'g'
	binary.BigEndian.PutUint32(msg[1:], i)
	return hashToG1(msg[:])
}

// derive computes g_from…g_{to−1} into dst[from:to] in parallel.
func derive(dst []bls12381.G1Affine, from, to int) {
	field.ParallelMin(to-from, 16, func(lo, hi int) {
		for i := from + lo; i < from+hi; i++ {
			dst[i] = VectorGenerator(uint32(i))
		}
	})
}

var cache struct {
	sync.Mutex
	gens *Generators
}

// fileCache is the directory Get reads and writes pinned generator files
// in (UseCacheDir); empty: derive in-process only.
var fileCache struct {
	sync.Mutex
	dir string
}

// UseCacheDir makes every later Get that needs generators not yet in the
// process go through LoadOrDerive(dir, n): a pinned, digest-checked file is
// read instead of deriving by hash-to-curve, and a derived set is written
// there once (per data directory) for the next process. An empty dir turns
// the file cache off. A cache that cannot be read or written only costs the
// derivation: Get never fails because of it.
func UseCacheDir(dir string) {
	fileCache.Lock()
	fileCache.dir = dir
	fileCache.Unlock()
}

func cacheDir() string {
	fileCache.Lock()
	defer fileCache.Unlock()
	return fileCache.dir
}

// cached reports whether the in-process cache holds at least n generators.
func cached(n int) bool {
	cache.Lock()
	defer cache.Unlock()
	return cache.gens != nil && len(cache.gens.g) >= n
}

// Get returns at least n generators (exactly the cached prefix of length n),
// deriving and caching the missing ones (through the file cache when
// UseCacheDir set one).
func Get(n int) (*Generators, error) {
	if n < 0 || n > MaxGenerators {
		return nil, fmt.Errorf("pedersen: generator count %d outside [0, %d]", n, MaxGenerators)
	}
	if dir := cacheDir(); dir != "" && n > 0 && !cached(n) {
		// On error the generators are derived below (or already were).
		_, _ = LoadOrDerive(dir, n)
	}
	return getDerived(n)
}

// getDerived is Get without the file cache.
func getDerived(n int) (*Generators, error) {
	cache.Lock()
	defer cache.Unlock()
	if cache.gens == nil {
		cache.gens = &Generators{G: hashToG1([]byte("G")), H: hashToG1([]byte("H"))}
	}
	if have := len(cache.gens.g); have < n {
		g := make([]bls12381.G1Affine, n)
		copy(g, cache.gens.g)
		derive(g, have, n)
		cache.gens = &Generators{G: cache.gens.G, H: cache.gens.H, g: g}
	}
	return cache.gens.Prefix(n), nil
}

// install merges loaded generators into the in-process cache.
func install(gs *Generators) {
	cache.Lock()
	defer cache.Unlock()
	if cache.gens == nil || len(cache.gens.g) < len(gs.g) {
		cache.gens = gs
	}
}

// File format of the generator cache: magic, u32 version, u64 n, then G, H,
// g_0…g_{n−1} uncompressed (96 B each, so loading skips square roots).
const genMagic = "ZKLLMGN1"

// Errors of the generator file cache.
var (
	ErrGenFile     = errors.New("pedersen: malformed generator file")
	ErrGenUnpinned = errors.New("pedersen: no pinned digest for this generator count")
	ErrGenDigest   = errors.New("pedersen: generator file digest does not match the pinned digest")
)

// Serialize returns the generator-file bytes of gs.
func (gs *Generators) Serialize() []byte {
	out := make([]byte, 0, len(genMagic)+12+(len(gs.g)+2)*bls12381.SizeOfG1AffineUncompressed)
	out = append(out, genMagic...)
	out = binary.BigEndian.AppendUint32(out, GeneratorVersion)
	out = binary.BigEndian.AppendUint64(out, uint64(len(gs.g)))
	for _, p := range append([]bls12381.G1Affine{gs.G, gs.H}, gs.g...) {
		b := p.RawBytes()
		out = append(out, b[:]...)
	}
	return out
}

// Digest is the SHA-256 of Serialize().
func (gs *Generators) Digest() [32]byte { return sha256.Sum256(gs.Serialize()) }

// PinnedDigest returns the pinned file digest for n generators, if any.
func PinnedDigest(n int) ([32]byte, bool) {
	var d [32]byte
	h, ok := pinnedDigests[n]
	if !ok {
		return d, false
	}
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != 32 {
		panic("pedersen: bad pinned digest for " + fmt.Sprint(n))
	}
	copy(d[:], b)
	return d, true
}

// WriteFile writes the generator file for gs to path atomically (temp file
// in the same directory, then rename).
func (gs *Generators) WriteFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gens-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(gs.Serialize()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// LoadFile reads a generator file holding exactly n generators, accepts it
// only if its SHA-256 equals the pinned digest for n, and installs it in the
// in-process cache.
func LoadFile(path string, n int) (*Generators, error) {
	want, ok := PinnedDigest(n)
	if !ok {
		return nil, fmt.Errorf("%w: %d", ErrGenUnpinned, n)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if sha256.Sum256(b) != want {
		return nil, ErrGenDigest
	}
	gs, err := parseGenerators(b, n)
	if err != nil {
		return nil, err
	}
	install(gs)
	return gs, nil
}

// parseGenerators decodes trusted (digest-checked) bytes; the subgroup check
// is skipped because the bytes equal a pinned, known-good serialization.
func parseGenerators(b []byte, n int) (*Generators, error) {
	const ps = bls12381.SizeOfG1AffineUncompressed
	head := len(genMagic) + 12
	if len(b) != head+(n+2)*ps || !bytes.Equal(b[:len(genMagic)], []byte(genMagic)) ||
		binary.BigEndian.Uint32(b[8:]) != GeneratorVersion || binary.BigEndian.Uint64(b[12:]) != uint64(n) {
		return nil, ErrGenFile
	}
	pts := make([]bls12381.G1Affine, n+2)
	var firstErr error
	var mu sync.Mutex
	field.ParallelMin(n+2, 256, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			off := head + i*ps
			// Uncompressed coordinates: X, Y canonical; on-curve checked cheaply.
			if err := pts[i].X.SetBytesCanonical(b[off : off+48]); err == nil {
				err = pts[i].Y.SetBytesCanonical(b[off+48 : off+96])
				if err == nil && pts[i].IsOnCurve() {
					continue
				}
			}
			mu.Lock()
			firstErr = ErrGenFile
			mu.Unlock()
			return
		}
	})
	if firstErr != nil {
		return nil, firstErr
	}
	return &Generators{G: pts[0], H: pts[1], g: pts[2:]}, nil
}

// CacheFileName is the generator-file name for n generators in a cache dir.
func CacheFileName(n int) string { return fmt.Sprintf("generators-v%d-%d.bin", GeneratorVersion, n) }

// LoadOrDerive returns n generators using dir as a file cache: it reads the
// file for the smallest pinned count m ≥ n (accepted only if its SHA-256
// equals the pinned digest), or derives m generators and writes that file
// atomically. Counts above every pinned count are derived without a file.
// A corrupt or foreign file is replaced, never trusted.
func LoadOrDerive(dir string, n int) (*Generators, error) {
	if n < 0 || n > MaxGenerators {
		return nil, fmt.Errorf("pedersen: generator count %d outside [0, %d]", n, MaxGenerators)
	}
	m := -1
	for c := range pinnedDigests {
		if c >= n && (m < 0 || c < m) {
			m = c
		}
	}
	if m < 0 {
		return getDerived(n)
	}
	path := filepath.Join(dir, CacheFileName(m))
	if gs, err := LoadFile(path, m); err == nil {
		return gs.Prefix(n), nil
	}
	gs, err := getDerived(m)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("pedersen: generator cache: %w", err)
	}
	if err := gs.WriteFile(path); err != nil {
		return nil, fmt.Errorf("pedersen: generator cache: %w", err)
	}
	return gs.Prefix(n), nil
}
