package fixed

import (
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/trace"
)

// Witness and LayerWitness are the recorded tensors (package trace).
type (
	Witness      = trace.Witness
	LayerWitness = trace.LayerWitness
)

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
