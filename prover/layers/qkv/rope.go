package qkv

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model/rope"
	"github.com/zkllm/zkllm/prover/rescale"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// Rope is the RoPE step of one projection (PROTOCOL §7.5): over the
// layer-stacked tensors [Width, T, L] (Width = Dh·heads, a feature index is
// k + Dh·h), q_rot = C ⊙ q_acc + S ⊙ rot(q_acc) with rot(q)[k] =
// (2k_b − 1)·q[k ⊕ 2^b], C[t][k] = Cos[t][pair(k)], S likewise, broadcast over
// heads and layers, zero at padded positions t ≥ T.
type Rope struct {
	Name    string // the accumulator's claim name (e.g. "q_acc")
	Width   int
	Dh      int
	T, L    int
	PairBit int // b: 0 for llama2.c pairs (2i, 2i+1), log Dh − 1 for HF rotate_half
	Tables  *rope.Tables
}

func (r Rope) shape() layers.Shape { return layers.Shape{r.Width, r.T, r.L} }

func (r Rope) check() error {
	switch {
	case r.Tables == nil || r.Tables.HeadSize != r.Dh || r.Tables.T < r.T:
		return fmt.Errorf("%w: rope %q: tables for head size %d / %d positions", layers.ErrGadget, r.Name, r.Dh, r.T)
	case r.Dh < 2 || r.Dh&(r.Dh-1) != 0 || r.Width%r.Dh != 0:
		return fmt.Errorf("%w: rope %q: head size %d, width %d", layers.ErrGadget, r.Name, r.Dh, r.Width)
	case r.PairBit < 0 || 1<<(r.PairBit+1) > r.Dh || (r.PairBit != 0 && 1<<(r.PairBit+1) != r.Dh):
		return fmt.Errorf("%w: rope %q: pairing bit %d for head size %d", layers.ErrGadget, r.Name, r.PairBit, r.Dh)
	}
	return nil
}

// pair returns the frequency index of in-head feature k: k without bit b.
func (r Rope) pair(k int) int {
	b := uint(r.PairBit)
	return (k>>(b+1))<<b | k&(1<<b-1)
}

// partner returns the index pairs (k0, k1 = k0 + 2^b) of pair i in a head.
func (r Rope) partner(i int) (k0, k1 int) {
	b := uint(r.PairBit)
	k0 = (i>>b)<<(b+1) | i&(1<<b-1)
	return k0, k0 + 1<<b
}

// tables returns the prover's C and S tables over [Width, T, L] padded.
func (r Rope) tables() (c, s []fr.Element) {
	sh := r.shape()
	wPad, tPad := 1<<sh.Logs()[0], 1<<sh.Logs()[1]
	half := r.Dh / 2
	c, s = make([]fr.Element, sh.Size()), make([]fr.Element, sh.Size())
	for t := 0; t < r.T; t++ {
		row := t * wPad
		for k := 0; k < wPad; k++ {
			i := t*half + r.pair(k%r.Dh)
			c[row+k].SetInt64(int64(r.Tables.Cos[i]))
			s[row+k].SetInt64(int64(r.Tables.Sin[i]))
		}
	}
	// Broadcast over layers.
	for l := 1; l < 1<<sh.Logs()[2]; l++ {
		copy(c[l*wPad*tPad:(l+1)*wPad*tPad], c[:wPad*tPad])
		copy(s[l*wPad*tPad:(l+1)*wPad*tPad], s[:wPad*tPad])
	}
	return c, s
}

// PublicAt returns C(ρ) and S(ρ), the verifier's own O(T·Dh/2) evaluation:
// C(ρ_k, ρ_t, ρ_ℓ) = Σ_{t<T} eq(ρ_t, t)·Σ_{i<Dh/2} eq(ρ_k∖b, i)·Cos[t][i],
// because C is constant along bit b, the head bits and the layer bits.
func (r Rope) PublicAt(rho []fr.Element) (c, s fr.Element) {
	logDh := mle.Log2Ceil(r.Dh)
	sh := r.shape()
	off := sh.Offsets()
	inHead := make([]fr.Element, 0, logDh-1)
	for j := 0; j < logDh; j++ {
		if j != r.PairBit {
			inHead = append(inHead, rho[j])
		}
	}
	eqI := mle.EqTable(inHead)
	eqT := mle.EqTable(rho[off[1]:off[2]])
	half := r.Dh / 2
	var ct, st, tmp fr.Element
	for t := 0; t < r.T; t++ {
		var ci, si fr.Element
		for i := 0; i < half; i++ {
			tmp.SetInt64(int64(r.Tables.Cos[t*half+i]))
			tmp.Mul(&tmp, &eqI[i])
			ci.Add(&ci, &tmp)
			tmp.SetInt64(int64(r.Tables.Sin[t*half+i]))
			tmp.Mul(&tmp, &eqI[i])
			si.Add(&si, &tmp)
		}
		ci.Mul(&ci, &eqT[t])
		si.Mul(&si, &eqT[t])
		ct.Add(&ct, &ci)
		st.Add(&st, &si)
	}
	return ct, st
}

// Rot returns rot(q) over the padded table (bit b of the index is the
// pairing bit: every feature axis is padded to a multiple of Dh).
func (r Rope) Rot(q []fr.Element) []fr.Element {
	bit := 1 << r.PairBit
	out := make([]fr.Element, len(q))
	for i := range q {
		if i&bit != 0 {
			out[i] = q[i^bit]
		} else {
			out[i].Neg(&q[i^bit])
		}
	}
	return out
}

// instance: Σ_x eq(u, x)·[C(x)·q_acc(x) + S(x)·rot(q_acc)(x)], factors
// (C public, q_acc, S public, rot); d = 3 (E, C and q_acc share the
// feature and position variables).
func (r Rope) instance(u claims.Point) *sumcheck.Instance {
	one := fr.One()
	return &sumcheck.Instance{NumVars: u.Len(), EqPoints: [][]fr.Element{u.Coords()},
		Public: []bool{true, false, true, false},
		Terms:  []sumcheck.Term{{Coeff: one, Factors: []int{0, 1}}, {Coeff: one, Factors: []int{2, 3}}},
		Degree: 3}
}

func (r Rope) targets() []layers.Target {
	return []layers.Target{{Tensor: r.Name}, {Tensor: "rot(" + r.Name + ")"}}
}

// recombine returns the public weights of q_acc(ρ) = (1−ρ_b)a_0 + ρ_b·a_1
// and rot(q_acc)(ρ) = ρ_b·a_0 − (1−ρ_b)·a_1 (identity (c) of §2.3).
func recombine(rb fr.Element) (acc, rot []fr.Element) {
	var one, omr fr.Element
	one.SetOne()
	omr.Sub(&one, &rb)
	var negOmr fr.Element
	negOmr.Neg(&omr)
	return []fr.Element{omr, rb}, []fr.Element{rb, negOmr}
}

// ProveAt reduces the claim x on q_rot at u (from the rescale, settled
// here) to one registered claim on q_acc at ρ with coordinate b := τ,
// fresh: the Hadamard sumcheck, ⟦a_0⟧, ⟦a_1⟧ (rope/a), τ (rope/tau).
// qacc is the accumulator's padded table [Width, T, L].
func (r Rope) ProveAt(p *layers.Prover, x *claims.ProverClaim, qacc []fr.Element) (*claims.ProverClaim, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	if x.At.Len() != r.shape().LogSize() || len(qacc) != r.shape().Size() {
		return nil, fmt.Errorf("%w: rope %q: claim at a %d-point / table of %d for %v", layers.ErrGadget, r.Name, x.At.Len(), len(qacc), r.shape())
	}
	c, s := r.tables()
	if err := p.Consume(x); err != nil {
		return nil, err
	}
	rho, fin, err := p.Sumcheck(r.instance(x.At), [][]fr.Element{c, qacc, s, r.Rot(qacc)}, x.Value, r.targets())
	if err != nil {
		return nil, err
	}
	pt := rho.Coords()
	var a [2]fr.Element
	for bit := range a {
		pt[r.PairBit].SetUint64(uint64(bit))
		if a[bit], err = mle.Evaluate(qacc, pt); err != nil {
			return nil, err
		}
	}
	as := p.SendValues(transcript.LabelRopeA, a[:])
	wAcc, wRot := recombine(rho.At(r.PairBit))
	if err := p.Equate(fin[0], sumcheck.Combine(wAcc, as)); err != nil {
		return nil, err
	}
	if err := p.Equate(fin[1], sumcheck.Combine(wRot, as)); err != nil {
		return nil, err
	}
	tau := p.Fresh(transcript.LabelRopeTau, 1)
	w, _ := recombine(tau.At(0))
	return p.Derive(r.Name, rho.Replace(r.PairBit, tau), sumcheck.Combine(w, as)), nil
}

// VerifyAt mirrors ProveAt.
func (r Rope) VerifyAt(v *layers.Verifier, x *claims.VerifierClaim) (*claims.VerifierClaim, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	if x.At.Len() != r.shape().LogSize() {
		return nil, fmt.Errorf("%w: rope %q: claim at a %d-point for %v", layers.ErrGadget, r.Name, x.At.Len(), r.shape())
	}
	if err := v.Consume(x); err != nil {
		return nil, err
	}
	public := func(rho []fr.Element) ([]fr.Element, error) {
		c, s := r.PublicAt(rho)
		return []fr.Element{c, {}, s, {}}, nil
	}
	rho, fin, err := v.Sumcheck(r.instance(x.At), x.Value, r.targets(), public)
	if err != nil {
		return nil, err
	}
	as, err := v.ReceiveValues(transcript.LabelRopeA, 2)
	if err != nil {
		return nil, err
	}
	wAcc, wRot := recombine(rho.At(r.PairBit))
	if err := v.Equate(fin[0], sumcheck.CombinePoints(wAcc, as)); err != nil {
		return nil, err
	}
	if err := v.Equate(fin[1], sumcheck.CombinePoints(wRot, as)); err != nil {
		return nil, err
	}
	tau := v.Fresh(transcript.LabelRopeTau, 1)
	w, _ := recombine(tau.At(0))
	return v.Derive(r.Name, rho.Replace(r.PairBit, tau), sumcheck.CombinePoints(w, as)), nil
}

// Witness returns the committed rescale of q_rot = C⊙acc + S⊙rot(acc) by
// 2^shift: acc is dense position-major per layer ([Width, T, L] axis 0
// fastest, T real positions), the result padded for rs. Products that may
// pass 2^63 go through math/big (PROTOCOL §9.3: RoPE products < 2^76).
func (r Rope) Witness(rs rescale.Rescale, acc []int64) (*rescale.RescaleWitness, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	if len(acc) != r.Width*r.T*r.L {
		return nil, fmt.Errorf("%w: rope %q: %d accumulator values for %v", layers.ErrGadget, r.Name, len(acc), r.shape())
	}
	q := make([]int64, len(acc))
	rem := make([]int64, len(acc))
	half := r.Dh / 2
	var big0, big1, tmp big.Int
	for row := 0; row < r.T*r.L; row++ {
		t := row % r.T
		base := row * r.Width
		for h := 0; h < r.Width; h += r.Dh {
			for i := 0; i < half; i++ {
				c, s := int64(r.Tables.Cos[t*half+i]), int64(r.Tables.Sin[t*half+i])
				k0, k1 := r.partner(i)
				a0, a1 := acc[base+h+k0], acc[base+h+k1]
				for _, o := range [2]struct {
					idx    int
					x, y   int64 // rot value c·x + s·y
					negate bool
				}{{base + h + k0, a0, a1, true}, {base + h + k1, a1, a0, false}} {
					sy := s
					if o.negate {
						sy = -s
					}
					var qv, rv int64
					var err error
					if o.x > -1<<46 && o.x < 1<<46 && o.y > -1<<46 && o.y < 1<<46 {
						qv, rv, err = rescale.RoundShift(c*o.x+sy*o.y, rs.Shift)
					} else {
						big0.Mul(big.NewInt(c), big.NewInt(o.x))
						big1.Mul(big.NewInt(sy), big.NewInt(o.y))
						tmp.Add(&big0, &big1)
						var bq, br *big.Int
						if bq, br, err = rescale.RoundShiftBig(&tmp, rs.Shift); err == nil {
							if !bq.IsInt64() {
								return nil, fmt.Errorf("%w: %s index %d: rescaled value %v", rescale.ErrRange, rs.Name, o.idx, bq)
							}
							qv, rv = bq.Int64(), br.Int64()
						}
					}
					if err != nil {
						return nil, fmt.Errorf("%s index %d: %w", rs.Name, o.idx, err)
					}
					q[o.idx], rem[o.idx] = qv, rv
				}
			}
		}
	}
	return rescaleWitness(rs, r.shape(), q, rem)
}

// rescaleWitness pads dense (Q, R) for shape and splits them into limbs
// (the quotient's range is checked there).
func rescaleWitness(rs rescale.Rescale, sh layers.Shape, q, rem []int64) (*rescale.RescaleWitness, error) {
	var err error
	w := &rescale.RescaleWitness{}
	if w.Q, err = sh.Pad(q); err != nil {
		return nil, err
	}
	if w.R, err = sh.Pad(rem); err != nil {
		return nil, err
	}
	if w.QLimbs, err = rs.Quotient().Limbs(w.Q); err != nil {
		return nil, err
	}
	if w.RLimbs, err = rs.Remainder().Limbs(w.R); err != nil {
		return nil, err
	}
	return w, nil
}
