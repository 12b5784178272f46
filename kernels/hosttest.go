//go:build cuda

package kernels

// Wrappers of the host-test entry points of libzkllmcuda, for the tests (cgo
// cannot be used in _test.go files).

/*
#include "zk_api.h"
*/
import "C"

import (
	"math/big"
	"sync"
	"unsafe"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

type (
	unsafePtr = unsafe.Pointer
	bigInt    = big.Int
)

// splitHost runs call on ranges of [0,n) over every core (the host entry
// points are reentrant) and returns the first failing status.
func splitHost(n int, call func(lo, hi int) C.zk_status) C.zk_status {
	var mu sync.Mutex
	var first C.zk_status
	field.ParallelMin(n, 1024, func(lo, hi int) {
		s := call(lo, hi)
		mu.Lock()
		if first.code == C.ZK_OK {
			first = s
		}
		mu.Unlock()
	})
	return first
}

func zkHostFr(op int, out, a, b []fr.Element) C.zk_status {
	return splitHost(len(out), func(lo, hi int) C.zk_status {
		return C.zk_host_fr(C.int32_t(op), ptr(out[lo:hi]), ptr(a[lo:hi]), ptr(b[lo:hi]), C.uint64_t(hi-lo))
	})
}

func fpPtr(v []fp.Element) *C.uint64_t { return (*C.uint64_t)(unsafe.Pointer(&v[0])) }

func zkHostFp(op int, out, a, b []fp.Element) C.zk_status {
	return splitHost(len(out), func(lo, hi int) C.zk_status {
		return C.zk_host_fp(C.int32_t(op), fpPtr(out[lo:hi]), fpPtr(a[lo:hi]), fpPtr(b[lo:hi]), C.uint64_t(hi-lo))
	})
}

func jacPtr(v []bls12381.G1Jac) unsafe.Pointer    { return unsafe.Pointer(&v[0]) }
func affPtr(v []bls12381.G1Affine) unsafe.Pointer { return unsafe.Pointer(&v[0]) }

// g1Strides are the limbs per input of each zk_host_g1 op (a, b).
var g1Strides = [...][2]int{{18, 18}, {18, 12}, {18, 0}, {12, 0}, {18, 1}}

func zkHostG1(op int, out []bls12381.G1Jac, a, b unsafe.Pointer, n int) C.zk_status {
	sa, sb := g1Strides[op][0], g1Strides[op][1]
	return splitHost(n, func(lo, hi int) C.zk_status {
		pb := b
		if b != nil {
			pb = unsafe.Add(b, 8*sb*lo)
		}
		return C.zk_host_g1(C.int32_t(op), (*C.uint64_t)(unsafe.Pointer(&out[lo])), (*C.uint64_t)(unsafe.Add(a, 8*sa*lo)),
			(*C.uint64_t)(pb), C.uint64_t(hi-lo))
	})
}
