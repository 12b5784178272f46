package pedersen

import (
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// ErrTooLong is returned when a vector is longer than the generators.
var ErrTooLong = errors.New("pedersen: vector longer than the generator set")

// msmConfig lets gnark pick its own task count (all cores).
var msmConfig = ecc.MultiExpConfig{}

// CommitScalar returns ⟦v⟧ = v·G + ρ·H.
// Both products come from the fixed-base tables (fixedbase.go).
func (gs *Generators) CommitScalar(v, rho *fr.Element) bls12381.G1Affine {
	res := gs.MulG(v)
	h := gs.MulH(rho)
	res.AddAssign(&h)
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
	gs.addBlinding(&res, rho)
	return res, nil
}

// CommitVector returns Σ v_i·g_i + ρ·H.
func (gs *Generators) CommitVector(v []fr.Element, rho *fr.Element) (bls12381.G1Affine, error) {
	j, err := gs.CommitVectorJac(v, rho)
	var out bls12381.G1Affine
	out.FromJacobian(&j)
	return out, err
}

// addBlinding adds ρ·H to res (a no-op for ρ = 0), from H's fixed-base
// table.
func (gs *Generators) addBlinding(res *bls12381.G1Jac, rho *fr.Element) {
	if rho == nil || rho.IsZero() {
		return
	}
	t := gs.MulH(rho)
	res.AddAssign(&t)
}
