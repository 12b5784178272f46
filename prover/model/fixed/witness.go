package fixed

import "github.com/zkllm/zkllm/prover/model"

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

func newWitness(c model.Config, maxSeq int) *Witness {
	d, kv, h := c.Dim*maxSeq, c.KVDim()*maxSeq, c.HiddenDim*maxSeq
	w := &Witness{R: make([][]int64, c.NLayers+1), Layers: make([]LayerWitness, c.NLayers),
		FinalRho: make([]int64, 0, maxSeq), XFinal: make([]int64, 0, d),
		LogitAcc: make([]int64, 0, c.VocabSize*maxSeq), Logits: make([]int64, 0, c.VocabSize*maxSeq)}
	for i := range w.R {
		w.R[i] = make([]int64, 0, d)
	}
	for l := range w.Layers {
		w.Layers[l] = LayerWitness{
			AttnRho: make([]int64, 0, maxSeq), X1: make([]int64, 0, d),
			QAcc: make([]int64, 0, d), QR: make([]int64, 0, d),
			KAcc: make([]int64, 0, kv), KR: make([]int64, 0, kv), VAcc: make([]int64, 0, kv), V: make([]int64, 0, kv),
			ZHat: make([]int64, 0, c.NHeads*maxSeq),
			O:    make([]int64, 0, d), AAcc: make([]int64, 0, d), A: make([]int64, 0, d), H1: make([]int64, 0, d),
			FFNRho: make([]int64, 0, maxSeq), X2: make([]int64, 0, d),
			GateAcc: make([]int64, 0, h), U: make([]int64, 0, h), S: make([]int64, 0, h),
			UpAcc: make([]int64, 0, h), Up: make([]int64, 0, h), P: make([]int64, 0, h),
			DownAcc: make([]int64, 0, d), F: make([]int64, 0, d),
		}
	}
	return w
}

// YRow returns the softmax outputs of query position t, head h.
func (lw *LayerWitness) YRow(t, h, nHeads int) []int64 {
	// Rows before position t hold Σ_{t'<t} (t'+1)·H = H·t(t+1)/2 entries.
	off := nHeads*t*(t+1)/2 + h*(t+1)
	return lw.Y[off : off+t+1]
}
