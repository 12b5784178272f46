//go:build cuda

package kernels

/*
#cgo CFLAGS: -I${SRCDIR}/cuda
#cgo LDFLAGS: -L${SRCDIR}/cuda/build -lzkllmcuda -lcudart_static -ldl -lrt -lpthread -lstdc++ -lm
#include "zk_api.h"
*/
import "C"

import (
	"fmt"
	"unsafe"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/backend"
	"github.com/zkllm/zkllm/prover/mle"
)

// Backend runs the prover's bulk arithmetic through libzkllmcuda, on the GPU
// (Open) or in host emulation of the same kernels (OpenEmulator).
type Backend struct {
	mode C.int32_t
	name string
	plan Plan
}

var _ backend.Backend = (*Backend)(nil)

func init() {
	backend.RegisterAccelerator("cuda", func() (backend.Backend, error) { return Open() })
}

// statusErr turns a zk_status into an error: ErrNoGPU and
// backend.ErrNoDevice for no device, ErrKernel otherwise.
func statusErr(s C.zk_status) error {
	if s.code == C.ZK_OK {
		return nil
	}
	msg := C.GoString(&s.msg[0])
	switch s.code {
	case C.ZK_ERR_NO_DEVICE:
		return fmt.Errorf("%w: %w: %s", ErrNoGPU, backend.ErrNoDevice, msg)
	case C.ZK_ERR_NOMEM:
		return fmt.Errorf("%w: %w: %s", ErrKernel, ErrDeviceMemory, msg)
	}
	return fmt.Errorf("%w: %s (status %d)", ErrKernel, msg, int(s.code))
}

// Device describes the GPU Open found.
type Device struct {
	Count      int
	FreeBytes  uint64
	TotalBytes uint64
	Name       string
}

// Probe asks the CUDA runtime for device 0.
func Probe() (Device, error) {
	var count C.int32_t
	var free, total C.uint64_t
	name := make([]byte, 128)
	s := C.zk_probe(&count, &free, &total, (*C.char)(unsafe.Pointer(&name[0])), C.int32_t(len(name)))
	if err := statusErr(s); err != nil {
		return Device{}, err
	}
	return Device{Count: int(count), FreeBytes: uint64(free), TotalBytes: uint64(total), Name: C.GoString((*C.char)(unsafe.Pointer(&name[0])))}, nil
}

// Available reports nil when a CUDA device is usable.
func Available() error {
	_, err := Probe()
	return err
}

// Open returns the GPU backend, with a budget of 3/4 of the device's free
// memory, or an error wrapping ErrNoGPU when there is no device.
func Open() (*Backend, error) {
	d, err := Probe()
	if err != nil {
		return nil, err
	}
	b := &Backend{mode: C.ZK_MODE_DEVICE, name: "cuda: " + d.Name, plan: Plan{Budget: d.FreeBytes / 4 * 3, Segments: 64, BucketSpan: 32, ReduceThreads: 1 << 14}}
	if err := b.selfCheck(); err != nil {
		return nil, err
	}
	return b, nil
}

// selfCheck runs one small kernel and compares it with gnark-crypto, so a
// device the kernels were not built for (no sm_80/sm_90 image) or a broken
// driver is an error at Open, and Select falls back to the CPU.
func (b *Backend) selfCheck() error {
	a := []fr.Element{fr.One(), {}, {}}
	a[1].SetUint64(0xfedcba9876543210)
	a[2].Neg(&a[1])
	got := make([]fr.Element, len(a))
	if err := b.Mul(got, a, a); err != nil {
		return fmt.Errorf("self-check: %w", err)
	}
	for i := range a {
		var want fr.Element
		want.Square(&a[i])
		if got[i] != want {
			return fmt.Errorf("%w: self-check: device result differs from gnark-crypto", ErrKernel)
		}
	}
	return nil
}

// OpenEmulator returns a backend that runs the same kernels sequentially on
// the host within budget bytes of "device" memory (tests use a small budget
// to exercise chunking).
func OpenEmulator(budget uint64) *Backend {
	return &Backend{mode: C.ZK_MODE_EMULATE, name: "cuda-emulator", plan: Plan{Budget: budget, Segments: 3, BucketSpan: 2, ReduceThreads: 5}}
}

// WithBudget returns a copy of b limited to budget bytes per call.
func (b *Backend) WithBudget(budget uint64) *Backend {
	c := *b
	c.plan.Budget = budget
	return &c
}

// Name says which device runs the kernels.
func (b *Backend) Name() string { return b.name }

func ptr(v []fr.Element) *C.uint64_t {
	if len(v) == 0 {
		return nil
	}
	return (*C.uint64_t)(unsafe.Pointer(&v[0]))
}

func elem(e *fr.Element) *C.uint64_t { return (*C.uint64_t)(unsafe.Pointer(e)) }

func (b *Backend) vec(op C.int32_t, dst, a, x []fr.Element) error {
	size, err := b.plan.chunk(len(dst), bytesVec, 0, 1)
	if err != nil {
		return err
	}
	return forChunks(len(dst), size, func(lo, hi int) error {
		bx := x
		if op != C.ZK_VEC_SCALE {
			bx = x[lo:hi]
		}
		return statusErr(C.zk_vec(b.mode, op, ptr(dst[lo:hi]), ptr(a[lo:hi]), ptr(bx), C.uint64_t(hi-lo)))
	})
}

// Add sets dst = a + b.
func (b *Backend) Add(dst, a, x []fr.Element) error {
	if err := backend.CheckSame(len(dst), a, x); err != nil {
		return err
	}
	return b.vec(C.ZK_VEC_ADD, dst, a, x)
}

// Sub sets dst = a − b.
func (b *Backend) Sub(dst, a, x []fr.Element) error {
	if err := backend.CheckSame(len(dst), a, x); err != nil {
		return err
	}
	return b.vec(C.ZK_VEC_SUB, dst, a, x)
}

// Mul sets dst = a ∘ b.
func (b *Backend) Mul(dst, a, x []fr.Element) error {
	if err := backend.CheckSame(len(dst), a, x); err != nil {
		return err
	}
	return b.vec(C.ZK_VEC_MUL, dst, a, x)
}

// ScalarMul sets dst = s·a.
func (b *Backend) ScalarMul(dst, a []fr.Element, s fr.Element) error {
	if err := backend.CheckSame(len(dst), a); err != nil {
		return err
	}
	return b.vec(C.ZK_VEC_SCALE, dst, a, []fr.Element{s})
}

func (b *Backend) reduce(op C.int32_t, a, x []fr.Element) (fr.Element, error) {
	var total fr.Element
	size, err := b.plan.chunk(len(a), bytesReduce, b.plan.reduceFixed(), 1)
	if err != nil {
		return total, err
	}
	err = forChunks(len(a), size, func(lo, hi int) error {
		var part fr.Element
		var bx *C.uint64_t
		if x != nil {
			bx = ptr(x[lo:hi])
		}
		if err := statusErr(C.zk_reduce(b.mode, op, elem(&part), ptr(a[lo:hi]), bx, C.uint64_t(hi-lo))); err != nil {
			return err
		}
		total.Add(&total, &part)
		return nil
	})
	return total, err
}

// InnerProduct returns ⟨a, b⟩.
func (b *Backend) InnerProduct(a, x []fr.Element) (fr.Element, error) {
	if err := backend.CheckSame(len(a), x); err != nil {
		return fr.Element{}, err
	}
	return b.reduce(C.ZK_RED_INNER, a, x)
}

// Sum returns Σ a[i].
func (b *Backend) Sum(a []fr.Element) (fr.Element, error) { return b.reduce(C.ZK_RED_SUM, a, nil) }

// BatchInverse sets dst[i] = 1/a[i] (0 for 0).
func (b *Backend) BatchInverse(dst, a []fr.Element) error {
	if err := backend.CheckSame(len(dst), a); err != nil {
		return err
	}
	size, err := b.plan.chunk(len(a), bytesInverse, 0, 32)
	if err != nil {
		return err
	}
	return forChunks(len(a), size, func(lo, hi int) error {
		return statusErr(C.zk_batch_inverse(b.mode, ptr(dst[lo:hi]), ptr(a[lo:hi]), C.uint64_t(hi-lo)))
	})
}

// Fold binds x_0 of src to r.
func (b *Backend) Fold(dst, src []fr.Element, r fr.Element) error {
	if err := backend.CheckFold(dst, src); err != nil {
		return err
	}
	size, err := b.plan.chunk(len(dst), bytesFold, 0, 1)
	if err != nil {
		return err
	}
	return forChunks(len(dst), size, func(lo, hi int) error {
		return statusErr(C.zk_fold(b.mode, ptr(dst[lo:hi]), ptr(src[2*lo:2*hi]), elem(&r), C.uint64_t(hi-lo)))
	})
}

// EqTable writes scale·eq(u, ·), in chunks of 2^low entries: chunk h is the
// low-variable table scaled by scale·eq(u_high, h).
func (b *Backend) EqTable(dst, u []fr.Element, scale fr.Element) error {
	if err := backend.CheckEqTable(dst, u); err != nil {
		return err
	}
	low := b.plan.eqSplit(len(u))
	size := 1 << uint(low)
	high := u[low:]
	// Not forChunks: a chunk is exactly 2^low entries and cannot be halved.
	for lo := 0; lo < len(dst); lo += size {
		s := mle.EqAt(high, uint64(lo>>uint(low)))
		s.Mul(&s, &scale)
		if err := statusErr(C.zk_eq_table(b.mode, ptr(dst[lo:lo+size]), ptr(u[:low]), C.int32_t(low), elem(&s))); err != nil {
			return err
		}
	}
	return nil
}

// RoundSums evaluates the round over chunks of pairs and adds the chunks' sums.
func (b *Backend) RoundSums(out []fr.Element, in *backend.RoundInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	if err := backend.CheckSame(in.Degree+1, out); err != nil {
		return err
	}
	var desc C.zk_round_desc
	desc.num_tables = C.int32_t(len(in.Tables))
	desc.num_terms = C.int32_t(len(in.Terms))
	desc.degree = C.int32_t(in.Degree)
	for ti, t := range in.Terms {
		desc.num_factors[ti] = C.int32_t(len(t.Factors))
		for f, k := range t.Factors {
			desc.factors[ti][f] = C.int32_t(k)
		}
		for l := 0; l < 4; l++ {
			desc.coeffs[ti][l] = C.uint64_t(t.Coeff[l])
		}
	}
	per := uint64(len(in.Tables)) * 64
	if in.Weights != nil {
		per += 32
	}
	pairs := in.Pairs()
	size, err := b.plan.chunk(pairs, per, b.plan.reduceFixed(), 1)
	if err != nil {
		return err
	}
	for X := range out {
		out[X].SetZero()
	}
	part := make([]fr.Element, in.Degree+1)
	return forChunks(pairs, size, func(lo, hi int) error {
		var t [backend.MaxTables]*C.uint64_t
		for k, tab := range in.Tables {
			t[k] = ptr(tab[2*lo : 2*hi])
		}
		var w *C.uint64_t
		if in.Weights != nil {
			w = ptr(in.Weights[lo:hi])
		}
		s := C.zk_round_sums(b.mode, ptr(part), &desc, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], w, C.uint64_t(hi-lo))
		if err := statusErr(s); err != nil {
			return err
		}
		for X := range out {
			out[X].Add(&out[X], &part[X])
		}
		return nil
	})
}

// FracLayer computes one fractional-sum layer.
func (b *Backend) FracLayer(p, q, pIn, qIn []fr.Element) error {
	if err := backend.CheckFracLayer(p, q, pIn, qIn); err != nil {
		return err
	}
	h := len(p)
	size, err := b.plan.chunk(h, bytesFrac, 0, 1)
	if err != nil {
		return err
	}
	return forChunks(h, size, func(lo, hi int) error {
		return statusErr(C.zk_frac_layer(b.mode, ptr(p[lo:hi]), ptr(q[lo:hi]), ptr(pIn[lo:hi]), ptr(pIn[h+lo:h+hi]),
			ptr(qIn[lo:hi]), ptr(qIn[h+lo:h+hi]), C.uint64_t(hi-lo)))
	})
}

// MSM returns Σ scalars[i]·points[i].
func (b *Backend) MSM(points []bls12381.G1Affine, scalars []fr.Element) (bls12381.G1Jac, error) {
	if err := backend.CheckMSM(len(points), len(scalars)); err != nil {
		return bls12381.G1Jac{}, err
	}
	return b.msm(points, scalars, nil, fr.Bits)
}

// MSMSmall returns Σ w[i]·points[i] through the small-signed-scalar path:
// the kernels negate points where w[i] < 0 and use ⌈bits/c⌉ windows only.
func (b *Backend) MSMSmall(points []bls12381.G1Affine, w []int64) (bls12381.G1Jac, error) {
	if err := backend.CheckMSM(len(points), len(w)); err != nil {
		return bls12381.G1Jac{}, err
	}
	if err := backend.CheckSmall(w); err != nil {
		return bls12381.G1Jac{}, err
	}
	return b.msm(points, nil, w, smallBits(w))
}

// msm streams the points in chunks; each chunk's window sums come back and
// are combined here: Σ_w 2^{c·w}·S_w by doubling (Horner), then chunks add.
func (b *Backend) msm(points []bls12381.G1Affine, scalars []fr.Element, small []int64, bits int) (bls12381.G1Jac, error) {
	var total bls12381.G1Jac
	total.X.SetOne()
	total.Y.SetOne() // infinity (1,1,0)
	n := len(points)
	if n == 0 {
		return total, nil
	}
	shape, err := b.plan.msmPlan(n, bits, small != nil)
	if err != nil {
		return total, err
	}
	windows := make([]bls12381.G1Jac, shape.windows)
	err = forChunks(n, shape.chunk, func(lo, hi int) error {
		var sc *C.uint64_t
		var sm *C.int64_t
		if small != nil {
			sm = (*C.int64_t)(unsafe.Pointer(&small[lo]))
		} else {
			sc = ptr(scalars[lo:hi])
		}
		s := C.zk_msm_windows(b.mode, (*C.uint64_t)(unsafe.Pointer(&windows[0])), (*C.uint64_t)(unsafe.Pointer(&points[lo])),
			sc, sm, C.uint64_t(hi-lo), C.int32_t(shape.c), C.int32_t(shape.windows), C.int32_t(b.plan.segments(shape.c)),
			C.uint32_t(max(1, b.plan.BucketSpan)))
		if err := statusErr(s); err != nil {
			return err
		}
		acc := windows[shape.windows-1]
		for w := shape.windows - 2; w >= 0; w-- {
			for range shape.c {
				acc.DoubleAssign()
			}
			acc.AddAssign(&windows[w])
		}
		total.AddAssign(&acc)
		return nil
	})
	return total, err
}
