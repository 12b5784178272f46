package layers

import (
	"fmt"

	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/rescale"
)

// Dims are the public shapes of one proof (PROTOCOL §1.5: shapes are
// public): the architecture and the sequence. T is the number of real
// positions (prompt + generated, the last one excluded: tokens s_0…s_{T−1});
// G = T − P + 1 positions have their next token bound (§7.10–7.11).
type Dims struct {
	D, F   int // model width d, FFN width d_ff
	H, Hkv int // query heads, key/value heads (H a multiple of Hkv)
	Dh     int // head size, a power of two (D = H·Dh)
	L      int // layers
	V      int // vocabulary
	T, P   int // positions, prompt length (1 ≤ P ≤ T)
}

// DimsOf returns the dims of a model config for a sequence of T positions
// with a prompt of P tokens.
func DimsOf(c model.Config, T, P int) (Dims, error) {
	d := Dims{D: c.Dim, F: c.HiddenDim, H: c.NHeads, Hkv: c.NKVHeads, Dh: c.HeadSize(), L: c.NLayers, V: c.VocabSize, T: T, P: P}
	return d, d.Validate()
}

// Validate checks the structural assumptions of the layer gadgets.
func (d Dims) Validate() error {
	switch {
	case d.D < 1 || d.F < 1 || d.L < 1 || d.V < 2 || d.H < 1 || d.Hkv < 1:
		return fmt.Errorf("%w: empty dimension in %+v", ErrGadget, d)
	case d.H%d.Hkv != 0:
		return fmt.Errorf("%w: %d heads not a multiple of %d KV heads", ErrGadget, d.H, d.Hkv)
	case d.Dh < 1 || d.Dh&(d.Dh-1) != 0 || d.Dh*d.H != d.D:
		return fmt.Errorf("%w: head size %d must be a power of two with D = H·Dh (D = %d, H = %d)", ErrGadget, d.Dh, d.D, d.H)
	case d.P < 1 || d.P > d.T:
		return fmt.Errorf("%w: prompt %d outside [1, T = %d]", ErrGadget, d.P, d.T)
	}
	return nil
}

// G is the number of positions whose next token is bound (T − P + 1).
func (d Dims) G() int { return d.T - d.P + 1 }

// Group is the number of query heads per KV head.
func (d Dims) Group() int { return d.H / d.Hkv }

// LogL, LogT, … are the padded axis logs.
func (d Dims) LogL() int { return mle.Log2Ceil(d.L) }
func (d Dims) LogT() int { return mle.Log2Ceil(d.T) }

// Per-layer activation shapes, stacked over layers (§8.4): the layer axis is
// the most significant; features are the least significant axis, then the
// position. A query/key/value feature index is k + Dh·h (head h, k < Dh), so
// Act(D) is also [Dh, H, T, L] because Dh is a power of two.
func (d Dims) Act(width int) Shape { return Shape{width, d.T, d.L} }

// Rows is a per-position, per-layer shape [T, L] (RMSNorm's ρ, e1, e2).
func (d Dims) Rows() Shape { return Shape{d.T, d.L} }

// Scores is the attention shape [T (key j), T (query i), H, L].
func (d Dims) Scores() Shape { return Shape{d.T, d.T, d.H, d.L} }

// ScoreRows is [T (query i), H, L] (softmax's ẑ, band e).
func (d Dims) ScoreRows() Shape { return Shape{d.T, d.H, d.L} }

// Checkpoints is the checkpoint tensor R: [D, T, L+1] (slots R_0…R_L).
func (d Dims) Checkpoints() Slots {
	return Slots{Name: TensorR, Inner: Shape{d.D, d.T}, Count: d.L + 1}
}

// Head shapes: the G selected positions (§7.10).
func (d Dims) Sel(width int) Shape { return Shape{width, d.G()} }

// Committed tensor names shared by the gadgets (one source of truth). A
// rescale's quotient has the name below; its remainder and limbs follow
// package rescale's naming (Name#rem, Name#l<i>); the virtual accumulator
// before the rescale is AccName(Name).
const (
	TensorR = "R" // checkpoints R_0…R_L, Signed(40), scale 2^16

	TensorAttnRho = "attn.rho" // RMSNorm ρ before attention, [T, L]
	TensorAttnE1  = "attn.e1"
	TensorAttnE2  = "attn.e2"
	TensorX1      = "x1" // RMSNorm output, [D, T, L]

	TensorQ = "q" // Q_r, [D, T, L], A23 at 2^12
	TensorK = "k" // K_r, [Dh·Hkv, T, L], A23 at 2^12
	TensorV = "v" // V,   [Dh·Hkv, T, L], A24 at 2^12

	TensorO = "o" // attention output O = rescale(Y·V, 18), [D, T, L]
	TensorA = "a" // rescale(O·W_oᵀ, e), [D, T, L]

	TensorFFNRho = "ffn.rho"
	TensorFFNE1  = "ffn.e1"
	TensorFFNE2  = "ffn.e2"
	TensorX2     = "x2"

	TensorU  = "u"  // SILU input, [F, T, L], A20 at 2^10 (bounded by the SILU table)
	TensorS  = "s"  // SILU output, [F, T, L]
	TensorUp = "up" // [F, T, L]
	TensorP  = "p"  // rescale(s ⊙ up, 16), [F, T, L]
	TensorF  = "f"  // rescale(p·W_2ᵀ, e), [D, T, L]

	TensorFinalRho = "final.rho" // [G]
	TensorFinalE1  = "final.e1"
	TensorFinalE2  = "final.e2"
	TensorXFinal   = "xf"     // final norm output, [D, G]
	TensorLogits   = "logits" // [V, G], A24 at 2^16
)

// Committed formats (PROTOCOL §9.1).
var (
	FormatR      = rescale.Signed(40)
	FormatAct    = rescale.Signed(32) // x1, x2, O, a, f, s, up, p
	FormatQK     = rescale.Signed(23)
	FormatV      = rescale.Signed(24)
	FormatLogits = rescale.Signed(24)
	FormatSiLUIn = rescale.Signed(20)
	FormatRho    = rescale.Unsigned(26)
	FormatNormE  = rescale.Unsigned(96)
)

// WeightName is the weight-blob name of layer l's tensor of a role ("wq",
// "attn_norm", …), as package quant and the owner's layout name it.
func WeightName(l int, role string) string { return fmt.Sprintf("layers.%d.%s", l, role) }

// WeightNames lists the per-layer weight names of a role, layer 0 first.
func (d Dims) WeightNames(role string) []string {
	out := make([]string, d.L)
	for l := range out {
		out[l] = WeightName(l, role)
	}
	return out
}
