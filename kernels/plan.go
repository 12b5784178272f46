package kernels

import (
	"errors"
	"fmt"
)

// ErrNoGPU is returned when the binary was built without CUDA support or no
// device is present; callers fall back to the CPU reference.
var ErrNoGPU = errors.New("kernels: no usable GPU")

// ErrKernel wraps any other failure reported by the CUDA library.
var ErrKernel = errors.New("kernels: CUDA kernel failed")

// ErrDeviceMemory is wrapped (with ErrKernel) when a device allocation
// fails: forChunks then retries the chunk in halves, since other processes
// may have taken memory after the budget was set.
var ErrDeviceMemory = errors.New("kernels: device memory exhausted")

// Plan is the memory planning of one backend: every call keeps what it puts
// on the device (inputs, outputs, scratch) within Budget bytes, streaming
// longer tensors through in chunks. Chunks are independent (elementwise ops,
// pair ranges of a fold or round, point ranges of an MSM) and their results
// are combined on the host, so the result does not depend on the budget.
type Plan struct {
	Budget uint64
	// Segments is how many threads reduce one MSM window's buckets (the
	// device uses 64; the host emulator a few, its threads being sequential).
	Segments int
	// BucketSpan is the most points one thread adds into a bucket before
	// the bucket's partial sums are added (32 on the device; 2 in emulation
	// so that small tests split buckets too).
	BucketSpan int
	// ReduceThreads is the thread count of the reductions (kReduceThreads
	// in zk_kernels.cu on the device, 5 in emulation); each keeps partials.
	ReduceThreads int
}

// reduceFixed is the device memory of a reduction's per-thread partials.
func (p Plan) reduceFixed() uint64 { return uint64(p.ReduceThreads) * partialBytes }

// Bytes per item kept on the device by each operation (32-byte scalars,
// 96-byte affine points).
const (
	bytesVec     = 3 * 32 // a, b, dst
	bytesReduce  = 2 * 32
	bytesInverse = 2 * 32
	bytesFold    = 3 * 32 // a pair in, one out
	bytesEq      = 32
	bytesFrac    = 6 * 32
	// partialBytes: one thread's partial sums of a reduction (up to
	// MaxDegree+1 of them).
	partialBytes = 32 * 9
)

// chunk returns how many items of perItem bytes fit next to fixed bytes:
// at least 1 and at most n, a multiple of align when possible.
func (p Plan) chunk(n int, perItem, fixed uint64, align int) (int, error) {
	if n == 0 {
		return 0, nil
	}
	if fixed+perItem > p.Budget {
		return 0, fmt.Errorf("%w: budget %d bytes below one item (%d + %d)", ErrKernel, p.Budget, fixed, perItem)
	}
	c := int(min(uint64(n), (p.Budget-fixed)/perItem))
	if align > 1 && c > align {
		c -= c % align
	}
	return c, nil
}

// forChunks calls f on consecutive ranges [lo,hi) of at most size items,
// in order. A range whose call fails with ErrDeviceMemory is retried as two
// halves (f must then leave no partial effect, which holds for every caller:
// each range's results are written or accumulated only after it succeeds).
func forChunks(n, size int, f func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += size {
		if err := splitOnMemory(lo, min(lo+size, n), f); err != nil {
			return err
		}
	}
	return nil
}

func splitOnMemory(lo, hi int, f func(lo, hi int) error) error {
	err := f(lo, hi)
	if err == nil || !errors.Is(err, ErrDeviceMemory) || hi-lo < 2 {
		return err
	}
	mid := lo + (hi-lo)/2
	if err := splitOnMemory(lo, mid, f); err != nil {
		return err
	}
	return splitOnMemory(mid, hi, f)
}

// eqSplit returns how many low variables of an nu-variable eq table one
// chunk holds: the table is built as 2^(nu−low) chunks of 2^low entries,
// chunk h scaled by eq(u_high, h).
func (p Plan) eqSplit(nu int) int {
	low := nu
	for low > 0 && (uint64(1)<<uint(low))*bytesEq > p.Budget {
		low--
	}
	return low
}

// msmShape is the Pippenger shape of one MSM chunk.
type msmShape struct {
	c, windows int // window width in bits, window count
	chunk      int // points per chunk
}

// segments returns the bucket segments per window for width c.
func (p Plan) segments(c int) int { return max(1, min(p.Segments, (1<<uint(c))-1)) }

// msmFixed is the device memory of an MSM independent of the point count:
// per bucket a count, an offset, a cursor, a task offset, a Jacobian sum and
// up to one task partial sum (144 bytes each), plus the segment sums and one
// window sum per window.
func (p Plan) msmFixed(c, windows int) uint64 {
	buckets := uint64(windows) << uint(c)
	return buckets*(4+4+4+4+144+144) + uint64(windows)*(8+uint64(p.segments(c)+1)*144)
}

// msmPerPoint is the device memory per point: the affine point, its scalar
// (32 bytes, or 8 for a small one), a digit and a sorted index per window,
// a sign byte, and per window 1/span of a task partial sum.
func (p Plan) msmPerPoint(windows int, small bool) uint64 {
	s := uint64(32)
	if small {
		s = 8
	}
	span := uint64(max(1, p.BucketSpan))
	return 96 + s + uint64(windows)*8 + 1 + (uint64(windows)*144+span-1)/span
}

// msmPlan picks the window width for n points of scalars below 2^bits (about
// log2(n) − 3, the usual Pippenger balance between bucket additions and
// bucket reduction, at most 16) and shrinks it until the buckets leave room
// for min(n, 1024) points; the points are then streamed in chunks.
func (p Plan) msmPlan(n, bits int, small bool) (msmShape, error) {
	c := 1
	for (1<<uint(c+3)) < n && c < 16 {
		c++
	}
	c = min(c, bits)
	room := uint64(min(n, 1024))
	for c > 1 {
		w := (bits + c - 1) / c
		if p.msmFixed(c, w)+room*p.msmPerPoint(w, small) <= p.Budget {
			break
		}
		c--
	}
	w := (bits + c - 1) / c
	chunk, err := p.chunk(n, p.msmPerPoint(w, small), p.msmFixed(c, w), 1)
	if err != nil {
		return msmShape{}, err
	}
	return msmShape{c: c, windows: w, chunk: chunk}, nil
}

// smallBits returns the bit length of max |w[i]| (at least 1).
func smallBits(w []int64) int {
	var m uint64
	for _, v := range w {
		u := uint64(v)
		if v < 0 {
			u = -u
		}
		m |= u
	}
	bits := 1
	for m>>uint(bits) != 0 {
		bits++
	}
	return bits
}
