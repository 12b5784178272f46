// Package trace holds the recorded intermediate tensors of a fixed-point
// forward pass (the witness the prover commits): plain integer slices and
// no computation. prover/model/fixed fills it; the layer gadgets read it on
// the prover's side; the verifier never imports it.
package trace

// Witness holds every intermediate tensor of a run, position-major: a tensor
// of width n stores position t at [t·n, (t+1)·n). Accumulators (…Acc) are the
// exact integer matmul outputs before their rescale, so the prover can derive
// every remainder R = X − 2^k·X'. Y is ragged: row (t, h) holds the t+1
// entries j ≤ t, rows in order t = 0, 1, … and heads within t.
type Witness struct {
	Tokens   []int
	R        [][]int64 // checkpoints R_0..R_L, each [T][d]
	Layers   []LayerWitness
	FinalRho []int64 // [T]
	XFinal   []int64 // [T][d]
	LogitAcc []int64 // [T][V]
	Logits   []int64 // [T][V]
}

// LayerWitness is one layer's intermediate tensors (see the package doc).
type LayerWitness struct {
	AttnRho           []int64 // [T]
	X1                []int64 // [T][d]
	QAcc, QR          []int64 // [T][d]
	KAcc, KR, VAcc, V []int64 // [T][kv_dim]
	ZHat              []int64 // [T][H]
	Y                 []int64 // ragged, see Witness
	O, AAcc, A, H1    []int64 // [T][d]
	FFNRho            []int64 // [T]
	X2                []int64 // [T][d]
	GateAcc, U, S     []int64 // [T][d_ff]
	UpAcc, Up, P      []int64 // [T][d_ff]
	DownAcc, F        []int64 // [T][d]
}

// YRow returns the softmax outputs of query position t, head h.
func (lw *LayerWitness) YRow(t, h, nHeads int) []int64 {
	// Rows before position t hold Σ_{t'<t} (t'+1)·H = H·t(t+1)/2 entries.
	off := nHeads*t*(t+1)/2 + h*(t+1)
	return lw.Y[off : off+t+1]
}
