package params

import (
	"math/big"
	"math/bits"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/rope"
	"github.com/zkllm/zkllm/prover/tables"
)

// Scales (log2) and rescale shifts of PROTOCOL §7, §9.1.
const (
	ActLog      = 16 // R, x1, x2, O, a, f, s, up, p, logits
	QKLog       = 12 // Q_r, K_r
	VLog        = 12 // V
	SiLUInLog   = 10 // u
	ScoreLog    = 24 // Z
	ThetaLog    = 22 // θ, the softmax output scale
	RopeLog     = rope.ScaleLog
	QKShift     = 18 // Q_r = rescale(q_rot, e+18)
	VShift      = 4  // V = rescale(acc, e+4)
	GateShift   = 6  // u = rescale(acc, e+6)
	OShift      = 18 // O = rescale(Y·V, 18)
	HadShift    = 16 // p = rescale(s⊙up, 16)
	ExpDigitLog = 16 // the softmax digit x1 has 16 bits
)

// Kappa returns κ = round(d·ε·2^32) computed exactly (ε is a float64, so
// d·ε·2^32 is exact in 128-bit big.Float), round half to even.
func Kappa(c model.Config) *big.Int {
	x := new(big.Float).SetPrec(128).SetFloat64(c.NormEps)
	x.Mul(x, new(big.Float).SetInt64(int64(c.Dim)))
	x.SetMantExp(x, 32)
	return tables.RoundHalfEven(x)
}

// K0 is the softmax truncation k0 = ⌈12 + ½·log2 d_h⌉ (PROTOCOL §7.7).
func K0(headSize int) int { return tables.ExpCK0(headSize) }

// WI is the INDC width w_I = 31 + ⌈log2 d_h⌉ − k0 (PROTOCOL §7.7).
func WI(headSize int) int { return 31 + bits.Len(uint(headSize-1)) - K0(headSize) }
