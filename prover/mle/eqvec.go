package mle

import "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

// EqTableVector is EqTable built with gnark's fr.Vector kernels (AVX-512
// IFMA where the CPU has it): per coordinate u_j, the upper half is
// lo·u_j (one vector scalar product) and the lower half lo − hi, in
// parallel chunks. The table is the same as EqTable's.
func EqTableVector(u []fr.Element) []fr.Element {
	dst := make(fr.Vector, Size(len(u)))
	dst[0].SetOne()
	for j := range u {
		half := 1 << j
		uj := u[j]
		forRange(half, func(start, end int) {
			lo, hi := dst[start:end], dst[half+start:half+end]
			hi.ScalarMul(lo, &uj)
			lo.Sub(lo, hi)
		})
	}
	return dst
}
