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
	"unsafe"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

type (
	unsafePtr = unsafe.Pointer
	bigInt    = big.Int
)

func zkHostFr(op int, out, a, b []fr.Element) C.zk_status {
	return C.zk_host_fr(C.int32_t(op), ptr(out), ptr(a), ptr(b), C.uint64_t(len(out)))
}

func fpPtr(v []fp.Element) *C.uint64_t { return (*C.uint64_t)(unsafe.Pointer(&v[0])) }

func zkHostFp(op int, out, a, b []fp.Element) C.zk_status {
	return C.zk_host_fp(C.int32_t(op), fpPtr(out), fpPtr(a), fpPtr(b), C.uint64_t(len(out)))
}

func jacPtr(v []bls12381.G1Jac) unsafe.Pointer    { return unsafe.Pointer(&v[0]) }
func affPtr(v []bls12381.G1Affine) unsafe.Pointer { return unsafe.Pointer(&v[0]) }

func zkHostG1(op int, out []bls12381.G1Jac, a, b unsafe.Pointer, n int) C.zk_status {
	return C.zk_host_g1(C.int32_t(op), (*C.uint64_t)(unsafe.Pointer(&out[0])), (*C.uint64_t)(a), (*C.uint64_t)(b), C.uint64_t(n))
}
