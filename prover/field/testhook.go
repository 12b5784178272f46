package field

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// seeded replaces crypto/rand in RandomScalar while a test has set it.
var seeded struct {
	sync.Mutex
	rng *rand.ChaCha8
}

// SeedForTesting makes RandomScalar a deterministic ChaCha8 stream from
// seed until the returned restore function is called, so a test can
// compare proofs byte for byte (a resumed run against an uninterrupted
// one, one runner against another). It is a TEST HOOK: no command, flag or
// environment variable of zkllm reaches it, and proofs made under it are
// not zero-knowledge.
func SeedForTesting(seed [32]byte) (restore func()) {
	seeded.Lock()
	seeded.rng = rand.NewChaCha8(seed)
	seeded.Unlock()
	return func() {
		seeded.Lock()
		seeded.rng = nil
		seeded.Unlock()
	}
}

// seededScalar returns the next test-stream scalar and true, or false when
// no test seed is set.
func seededScalar() (fr.Element, bool) {
	seeded.Lock()
	defer seeded.Unlock()
	if seeded.rng == nil {
		return fr.Element{}, false
	}
	var b [48]byte // 384 bits reduced mod r: bias < 2^-128
	seeded.rng.Read(b[:])
	var e fr.Element
	e.SetBytes(b[:]) // reduction is intended here: a test stream, not a decoder
	return e, true
}

// ReadTrace receives every scalar or point a Reader decodes: the buffer it
// reads, the element's offset in it and its size (ScalarSize or PointSize).
type ReadTrace func(buf []byte, off, size int)

// traced is the ReadTrace set by TraceReadsForTesting, if any.
var traced atomic.Pointer[ReadTrace]

// TraceReadsForTesting calls f for every scalar and point any Reader
// decodes until the returned restore function is called, so a test can
// map a proof's byte stream onto its elements (to substitute each one) by
// running the honest verifier once. It is a TEST HOOK, reachable from no
// command; f runs on the reading goroutine and must be safe for
// concurrent use.
func TraceReadsForTesting(f ReadTrace) (restore func()) {
	traced.Store(&f)
	return func() { traced.Store(nil) }
}

// trace reports one decoded element to the test hook, if set.
func trace(buf []byte, off, size int) {
	if f := traced.Load(); f != nil {
		(*f)(buf, off, size)
	}
}
