package attention

import (
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
)

// vKernel computes the round polynomials of the digits instance
// (vInstance, eq mode): Σ_x eq(r,x)·M(x)·(ẑ(x) − Z(x)) with ẑ broadcast over
// the key axis. As the engine's eq mode (Gruen), p_j(X) =
// C_j·eq(r_j,X)·q_j(X) with q_j(X) = Σ_i eq(r_{>j},i)·M·W(X,i) — the same
// polynomials, hence the same proof — but
//   - its two terms are one product M·W with W = ẑ − Z (both fold
//     linearly), built from the integers in one pass;
//   - M is the causal mask (zero above the diagonal) and W is zero on the
//     padded heads and layers; pairs with either factor zero on both sides
//     add nothing and are skipped.
//
// Finals: eq(r,ρ) = C_n, M(ρ), ẑ(ρ) from the un-broadcast ẑ, Z = ẑ − W.
type vKernel struct {
	r        []fr.Element // eq point
	j        int
	scale    fr.Element // C_j = Π_{k<j} eq(r_k, ρ_k)
	m, w     []fr.Element
	mSp, wSp []fr.Element
	n        int
	zhat     []fr.Element // ẑ over (i, h, ℓ)
	low      int          // broadcast bits (the key axis)
	rho      []fr.Element
	lagr     [][]fr.Element // Lagrange basis for q (nodes 0, 1, 2)
}

// newVKernel takes over the mask table m (the caller must not use it
// again) and builds W = ẑ(x_top) − Z(x) from the witness integers.
func newVKernel(r []fr.Element, m []fr.Element, zhat, z []int64, low int) *vKernel {
	n := 1 << len(r)
	w := make([]fr.Element, n)
	field.Parallel(n, func(lo, hi int) {
		for x := lo; x < hi; x++ {
			var d int64
			if top := x >> low; top < len(zhat) {
				d = zhat[top]
			}
			if x < len(z) {
				d -= z[x]
			}
			w[x].SetInt64(d)
		}
	})
	if len(m) < n {
		m = append(append(make([]fr.Element, 0, n), m...), make([]fr.Element, n-len(m))...)
	}
	return &vKernel{r: r, scale: fr.One(), m: m, w: w, n: n, zhat: toField(zhat), low: low, lagr: lagrangeBasis(2)}
}

func (k *vKernel) Round(coeffs []fr.Element, claim fr.Element) {
	half := k.n / 2
	rj := k.r[k.j]
	wts := mle.EqTable(k.r[k.j+1:])
	needOne := rj.IsZero() || k.scale.IsZero()
	M, W := k.m, k.w
	var mu sync.Mutex
	var q [3]fr.Element
	field.ParallelMin(half, yParallelPairs, func(lo, hi int) {
		var s [3]fr.Element
		var m2, w2, t fr.Element
		for i := lo; i < hi; i++ {
			m0, m1, w0, w1 := &M[2*i], &M[2*i+1], &W[2*i], &W[2*i+1]
			if (m0.IsZero() && m1.IsZero()) || (w0.IsZero() && w1.IsZero()) {
				continue
			}
			t.Mul(m0, w0).Mul(&t, &wts[i])
			s[0].Add(&s[0], &t)
			if needOne {
				t.Mul(m1, w1).Mul(&t, &wts[i])
				s[1].Add(&s[1], &t)
			}
			m2.Double(m1).Sub(&m2, m0)
			w2.Double(w1).Sub(&w2, w0)
			t.Mul(&m2, &w2).Mul(&t, &wts[i])
			s[2].Add(&s[2], &t)
		}
		mu.Lock()
		for X := range s {
			q[X].Add(&q[X], &s[X])
		}
		mu.Unlock()
	})
	one := fr.One()
	var omr fr.Element // 1 − r_j
	omr.Sub(&one, &rj)
	if !needOne {
		// claim = C_j·((1−r_j)·q(0) + r_j·q(1))
		var inv, t fr.Element
		inv.Inverse(&k.scale)
		q[1].Mul(&claim, &inv)
		t.Mul(&omr, &q[0])
		q[1].Sub(&q[1], &t)
		inv.Inverse(&rj)
		q[1].Mul(&q[1], &inv)
	}
	var qc [3]fr.Element
	var t fr.Element
	for c := range qc {
		for X := range q {
			t.Mul(&k.lagr[X][c], &q[X])
			qc[c].Add(&qc[c], &t)
		}
	}
	// p = C_j·(a + b·X)·q(X), a = 1 − r_j, b = 2r_j − 1.
	var a, b fr.Element
	a.Mul(&omr, &k.scale)
	b.Double(&rj).Sub(&b, &one).Mul(&b, &k.scale)
	for c := range coeffs {
		coeffs[c].SetZero()
		if c < len(qc) {
			t.Mul(&a, &qc[c])
			coeffs[c].Add(&coeffs[c], &t)
		}
		if c > 0 && c-1 < len(qc) {
			t.Mul(&b, &qc[c-1])
			coeffs[c].Add(&coeffs[c], &t)
		}
	}
}

func (k *vKernel) Bind(rho fr.Element) {
	half := k.n / 2
	if k.mSp == nil {
		k.mSp, k.wSp = make([]fr.Element, half), make([]fr.Element, half)
	}
	nm, nw := k.mSp[:half], k.wSp[:half]
	foldSkippingZero(nm, k.m, rho)
	foldSkippingZero(nw, k.w, rho)
	k.m, k.mSp, k.w, k.wSp = nm, k.m, nw, k.w
	rj := k.r[k.j]
	var e, t fr.Element // eq(r_j, ρ) = (1−r_j)(1−ρ) + r_j·ρ
	one := fr.One()
	e.Sub(&one, &rj)
	t.Sub(&one, &rho)
	e.Mul(&e, &t)
	t.Mul(&rj, &rho)
	e.Add(&e, &t)
	k.scale.Mul(&k.scale, &e)
	k.rho = append(k.rho, rho)
	k.j++
	k.n = half
}

// foldSkippingZero sets dst[i] = src[2i] + ρ·(src[2i+1] − src[2i]), zero
// pairs without a multiplication.
func foldSkippingZero(dst, src []fr.Element, rho fr.Element) {
	field.ParallelMin(len(dst), yParallelPairs, func(lo, hi int) {
		var d fr.Element
		for i := lo; i < hi; i++ {
			f0, f1 := &src[2*i], &src[2*i+1]
			if f0.IsZero() && f1.IsZero() {
				dst[i].SetZero()
				continue
			}
			d.Sub(f1, f0).Mul(&d, &rho)
			dst[i].Add(f0, &d)
		}
	})
}

// Finals returns eq(r,ρ), M(ρ), ẑ(ρ) and Z(ρ) = ẑ(ρ) − W(ρ).
func (k *vKernel) Finals() []fr.Element {
	zh, err := mle.Evaluate(k.zhat, k.rho[k.low:])
	if err != nil {
		panic("attention: ẑ larger than its rows: " + err.Error())
	}
	var z fr.Element
	z.Sub(&zh, &k.w[0])
	return []fr.Element{k.scale, k.m[0], zh, z}
}
