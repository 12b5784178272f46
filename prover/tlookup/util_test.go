package tlookup

import (
	"math/rand/v2"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

func randElem(rng *rand.Rand) fr.Element {
	var a, b fr.Element
	a.SetUint64(rng.Uint64())
	b.SetUint64(rng.Uint64() | 1)
	a.Mul(&a, &b)
	a.Add(&a, &b)
	return a
}
