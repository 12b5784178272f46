package sumcheck

import "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

// EqRoundCoeffs is the last step of an eq-mode round for a RoundKernel
// (Gruen's factoring, as the engine's eq mode does it): with
// p_j(X) = C_j·eq(r_j,X)·q_j(X), q_j of degree d−1 = len(coeffs)−2, it
// writes p_j's coefficients into coeffs given q[X] = q_j(X) for
// X = 0, 2, …, d−1 (q has length d+1 and is overwritten as scratch).
//
// q_j(1) is taken from q[1] when haveOne is set; otherwise it is derived
// from the running claim p_{j−1}(ρ_{j−1}) = C_j·((1−r_j)·q_j(0) + r_j·q_j(1)),
// which needs r_j ≠ 0 and C_j ≠ 0: a kernel must compute q_j(1) itself when
// either is zero (EqNeedsOne).
func EqRoundCoeffs(coeffs, q []fr.Element, rj, scale, claim fr.Element, haveOne bool) {
	d := len(coeffs) - 1
	var one, t fr.Element
	one.SetOne()
	if !haveOne {
		var inv fr.Element
		inv.Inverse(&scale)
		q[1].Mul(&claim, &inv)
		t.Sub(&one, &rj).Mul(&t, &q[0])
		q[1].Sub(&q[1], &t)
		inv.Inverse(&rj)
		q[1].Mul(&q[1], &inv)
	}
	// q has degree d−1: extrapolate q(d) from q(0..d−1).
	qc := make([]fr.Element, d)
	interpolate(qc, q[:d])
	var xd fr.Element
	xd.SetUint64(uint64(d))
	q[d] = EvalPoly(qc, xd)
	evals := make([]fr.Element, d+1)
	for X := 0; X <= d; X++ {
		var x fr.Element
		x.SetUint64(uint64(X))
		lin := eqLinear(rj, x)
		evals[X].Mul(&q[X], &lin)
		evals[X].Mul(&evals[X], &scale)
	}
	interpolate(coeffs, evals)
}

// EqNeedsOne reports whether an eq-mode round must compute q_j(1) directly
// (EqRoundCoeffs cannot derive it when r_j = 0 or C_j = 0).
func EqNeedsOne(rj, scale fr.Element) bool { return rj.IsZero() || scale.IsZero() }

// EqBindScale returns C_{j+1} = C_j·eq(r_j, ρ_j).
func EqBindScale(scale, rj, rho fr.Element) fr.Element {
	lin := eqLinear(rj, rho)
	scale.Mul(&scale, &lin)
	return scale
}
