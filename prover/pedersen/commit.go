package pedersen

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// ErrTooLong is returned when a vector is longer than the generators.
var ErrTooLong = errors.New("pedersen: vector longer than the generator set")

// msmConfig lets gnark pick its own task count (all cores).
var msmConfig = ecc.MultiExpConfig{}

// CommitScalar returns ⟦v⟧ = v·G + ρ·H.
func (gs *Generators) CommitScalar(v, rho *fr.Element) bls12381.G1Affine {
	var bv, br big.Int
	v.BigInt(&bv)
	rho.BigInt(&br)
	var res bls12381.G1Jac
	res.JointScalarMultiplication(&gs.G, &gs.H, &bv, &br)
	var out bls12381.G1Affine
	out.FromJacobian(&res)
	return out
}

// MSM returns Σ scalars[i]·points[i] (Jacobian), using every core.
func MSM(points []bls12381.G1Affine, scalars []fr.Element) bls12381.G1Jac {
	return msmWith(points, scalars, msmConfig)
}

// msmWith is MSM with a MultiExp configuration (its task count).
func msmWith(points []bls12381.G1Affine, scalars []fr.Element, cfg ecc.MultiExpConfig) bls12381.G1Jac {
	var res bls12381.G1Jac
	if len(points) == 0 {
		return res // identity (Z = 0)
	}
	if _, err := res.MultiExp(points, scalars, cfg); err != nil {
		panic("pedersen: MultiExp: " + err.Error()) // only on length mismatch: a bug
	}
	return res
}

// CommitVectorJac returns Σ v_i·g_i + ρ·H in Jacobian form.
func (gs *Generators) CommitVectorJac(v []fr.Element, rho *fr.Element) (bls12381.G1Jac, error) {
	if len(v) > len(gs.g) {
		return bls12381.G1Jac{}, fmt.Errorf("%w: %d > %d", ErrTooLong, len(v), len(gs.g))
	}
	res := MSM(gs.g[:len(v)], v)
	addBlinding(&res, &gs.H, rho)
	return res, nil
}

// CommitVector returns Σ v_i·g_i + ρ·H.
func (gs *Generators) CommitVector(v []fr.Element, rho *fr.Element) (bls12381.G1Affine, error) {
	j, err := gs.CommitVectorJac(v, rho)
	var out bls12381.G1Affine
	out.FromJacobian(&j)
	return out, err
}

// addBlinding adds ρ·H to res (a no-op for ρ = 0).
func addBlinding(res *bls12381.G1Jac, h *bls12381.G1Affine, rho *fr.Element) {
	if rho == nil || rho.IsZero() {
		return
	}
	var b big.Int
	rho.BigInt(&b)
	var t bls12381.G1Jac
	t.FromAffine(h)
	t.ScalarMultiplication(&t, &b)
	res.AddAssign(&t)
}
