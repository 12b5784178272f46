package field

import (
	"runtime"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// minChunk is the smallest per-goroutine share worth a goroutine (about
// 10 µs of field multiplications).
const minChunk = 512

// Parallel calls work on disjoint ranges [lo,hi) covering [0,n), using up to
// GOMAXPROCS goroutines, and returns when all are done.
func Parallel(n int, work func(lo, hi int)) { ParallelMin(n, minChunk, work) }

// ParallelMin is Parallel with a caller-chosen smallest share per goroutine
// (use a small one when each item is expensive, e.g. a point operation).
func ParallelMin(n, minShare int, work func(lo, hi int)) {
	if n <= 0 {
		return
	}
	if minShare < 1 {
		minShare = 1
	}
	tasks := runtime.GOMAXPROCS(0)
	if max := (n + minShare - 1) / minShare; tasks > max {
		tasks = max
	}
	if tasks <= 1 {
		work(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + tasks - 1) / tasks
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(lo, hi)
		}()
	}
	wg.Wait()
}

// Mul sets res[i] = a[i]·b[i] in parallel; all three must have one length.
func Mul(res, a, b []fr.Element) {
	Parallel(len(res), func(lo, hi int) {
		v := fr.Vector(res[lo:hi])
		v.Mul(a[lo:hi], b[lo:hi])
	})
}

// Add sets res[i] = a[i]+b[i] in parallel.
func Add(res, a, b []fr.Element) {
	Parallel(len(res), func(lo, hi int) {
		v := fr.Vector(res[lo:hi])
		v.Add(a[lo:hi], b[lo:hi])
	})
}

// Sub sets res[i] = a[i]−b[i] in parallel.
func Sub(res, a, b []fr.Element) {
	Parallel(len(res), func(lo, hi int) {
		v := fr.Vector(res[lo:hi])
		v.Sub(a[lo:hi], b[lo:hi])
	})
}

// ScalarMul sets res[i] = a[i]·s in parallel.
func ScalarMul(res, a []fr.Element, s *fr.Element) {
	Parallel(len(res), func(lo, hi int) {
		v := fr.Vector(res[lo:hi])
		v.ScalarMul(a[lo:hi], s)
	})
}

// InnerProduct returns Σ a[i]·b[i], summing per-goroutine partials.
func InnerProduct(a, b []fr.Element) fr.Element {
	if len(a) != len(b) {
		panic("field: InnerProduct length mismatch")
	}
	var mu sync.Mutex
	var total fr.Element
	Parallel(len(a), func(lo, hi int) {
		va := fr.Vector(a[lo:hi])
		part := va.InnerProduct(b[lo:hi])
		mu.Lock()
		total.Add(&total, &part)
		mu.Unlock()
	})
	return total
}

// Sum returns Σ a[i].
func Sum(a []fr.Element) fr.Element {
	var mu sync.Mutex
	var total fr.Element
	Parallel(len(a), func(lo, hi int) {
		va := fr.Vector(a[lo:hi])
		part := va.Sum()
		mu.Lock()
		total.Add(&total, &part)
		mu.Unlock()
	})
	return total
}

// RandomScalar draws a uniform scalar from crypto/rand.
func RandomScalar() fr.Element {
	if e, ok := seededScalar(); ok {
		return e
	}
	var e fr.Element
	if _, err := e.SetRandom(); err != nil {
		panic("field: crypto/rand failed: " + err.Error()) // the OS RNG never fails in practice
	}
	return e
}

// RandomScalars draws n uniform scalars from crypto/rand.
func RandomScalars(n int) []fr.Element {
	out := make([]fr.Element, n)
	for i := range out {
		out[i] = RandomScalar()
	}
	return out
}
