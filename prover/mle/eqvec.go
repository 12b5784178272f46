package mle

import "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

// EqTableVector is EqTable built with gnark's fr.Vector kernels (AVX-512
// IFMA where the CPU has it): per coordinate u_j, the upper half is
// lo·u_j (one vector scalar product) and the lower half lo − hi, in
// parallel chunks. The table is the same as EqTable's.
func EqTableVector(u []fr.Element) []fr.Element {
	dst := make([]fr.Element, Size(len(u)))
	EqTableVectorInto(dst, u)
	return dst
}

// EqTableVectorInto is EqTableVector into dst (length 2^len(u)), so a caller
// building many tables can reuse one buffer.
func EqTableVectorInto(dst []fr.Element, u []fr.Element) {
	if len(dst) != Size(len(u)) {
		panic("mle: EqTableVectorInto: dst length must be 2^len(u)")
	}
	d := fr.Vector(dst)
	d[0].SetOne()
	for j := range u {
		half := 1 << j
		uj := u[j]
		forRange(half, func(start, end int) {
			lo, hi := d[start:end], d[half+start:half+end]
			hi.ScalarMul(lo, &uj)
			lo.Sub(lo, hi)
		})
	}
}
