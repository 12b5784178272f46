package mle

import "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

// BroadcastLow returns B over (x_a, x_b) with nLow new LOW variables x_a:
// B[x_a + 2^nLow·x_b] = f[x_b]. By identity (b) of PROTOCOL §2.3,
// B(u_a, u_b) = f(u_b): a claim on B at a point is a claim on f at the
// point's top coordinates.
func BroadcastLow(f []fr.Element, nLow int) []fr.Element {
	low := Size(nLow)
	out := make([]fr.Element, len(f)*low)
	forRange(len(f), func(start, end int) {
		for xb := start; xb < end; xb++ {
			blk := out[xb*low : (xb+1)*low]
			for i := range blk {
				blk[i] = f[xb]
			}
		}
	})
	return out
}

// BroadcastHigh returns B over (x_a, x_b) with nHigh new HIGH variables x_b:
// B[x_a + 2^n·x_b] = f[x_a] where 2^n = len(f) (f is zero-padded to a power
// of two first). B(u_a, u_b) = f(u_a).
func BroadcastHigh(f []fr.Element, nHigh int) []fr.Element {
	n := Log2Ceil(len(f))
	size := Size(n)
	out := make([]fr.Element, size*Size(nHigh))
	for y := 0; y < Size(nHigh); y++ {
		copy(out[y*size:], f)
	}
	return out
}
