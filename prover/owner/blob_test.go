package owner

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/transcript"
)

// TestBlobMatchesQuantTensors: the blob holds every quantized tensor with
// quant's row-major Data (outermost axis first) on the blob's least
// significant axes, zero elsewhere; a claim on tensor t at its local point q
// is the blob's MLE at BlobPoint(t, q) = q ‖ id_t; per-layer tensors are
// found by role and layer. This is the addressing prover/model/quant and the
// gadgets use.
func TestBlobMatchesQuantTensors(t *testing.T) {
	f := tinyCommitted(t)
	b := f.prover.Blob
	blob := f.prover.Values()
	blobF := f.prover.FieldValues()
	real := 0
	for i := range f.q.Tensors {
		qt := &f.q.Tensors[i]
		bt, ok := b.Tensor(qt.Name)
		if !ok {
			t.Fatalf("%s not in the blob", qt.Name)
		}
		// Independent padded table of the tensor: index Σ_a c_a·2^(Σ_{b<a} ⌈log d_b⌉)
		// with axis a = quant axis (rank−1−a).
		table := make([]fr.Element, 1<<bt.LogSize)
		rank := len(qt.Shape)
		for k, v := range qt.Data {
			idx, shift, rest := 0, 0, k
			for a := 0; a < rank; a++ {
				d := qt.Shape[rank-1-a]
				idx |= (rest % d) << shift
				rest /= d
				shift += ceilLog2(uint64(d))
			}
			if got := blob[bt.Offset+uint64(idx)]; got != v {
				t.Fatalf("%s[%d]: blob %d, quant %d", qt.Name, k, got, v)
			}
			table[idx].SetInt64(int64(v))
			real++
		}
		q := field.RandomScalars(bt.LogSize)
		want, err := mle.Evaluate(table, q)
		if err != nil {
			t.Fatal(err)
		}
		pt, err := b.BlobPoint(qt.Name, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := mle.Evaluate(blobF, pt)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(&want) {
			t.Fatalf("%s: blob MLE at q ‖ id_t differs from the tensor's MLE at q", qt.Name)
		}
	}
	nonzeroPadding := 0
	mask := b.Layout.PaddingMaskTable()
	for i, v := range blob {
		if mask[i].IsOne() && v != 0 {
			nonzeroPadding++
		}
	}
	if nonzeroPadding != 0 {
		t.Fatalf("%d padded entries are non-zero", nonzeroPadding)
	}
	for l := range f.q.Config.NLayers {
		lt, err := b.LayerTensor("wq", l)
		if err != nil {
			t.Fatal(err)
		}
		direct, _ := b.Tensor(LayerTensorName("wq", l))
		if lt.Offset != direct.Offset || len(lt.IDBits) != b.Layout.LogSize-lt.LogSize {
			t.Fatalf("layer %d of wq: %+v", l, lt)
		}
	}
	if _, err := b.LayerTensor("wq", f.q.Config.NLayers); err == nil {
		t.Fatal("a layer past the model was found")
	}
	if b.LogC != LogRowLength(b.Layout.LogSize) || b.NumRows() != 1<<(b.Layout.LogSize-b.LogC) {
		t.Fatalf("c_W 2^%d, %d rows for a blob of 2^%d", b.LogC, b.NumRows(), b.Layout.LogSize)
	}
	t.Logf("%d real weights in a blob of 2^%d, rows of 2^%d", real, b.Layout.LogSize, b.LogC)
}

// TestLogRowLength pins c_W's rule (PROTOCOL §4.2 [R]): 2^⌈(n+1)/2⌉, at most
// the blob.
func TestLogRowLength(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 1, 2: 2, 3: 2, 4: 3, 13: 7, 18: 10, 33: 17, 34: 18} {
		if got := LogRowLength(n); got != want {
			t.Errorf("LogRowLength(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestPoolOnWeightBlob: the whole-model proof's use of this package — claims
// on weight tensors by name go to Prover.NewPool and settle with one opening
// that VerifierKey.NewPool checks against the vk rows; a wrong value fails.
func TestPoolOnWeightBlob(t *testing.T) {
	f := tinyCommitted(t)
	k, err := ParseVerifierKey(f.manifest, f.spec, f.vkFile)
	if err != nil {
		t.Fatal(err)
	}
	type claim struct {
		name string
		q    []fr.Element
		y    fr.Element
	}
	var claims []claim
	for _, name := range []string{"layers.1.wq", "embed", "final_norm"} {
		pt, _ := f.prover.Blob.Tensor(name)
		q := field.RandomScalars(pt.LogSize)
		full, err := f.prover.Blob.BlobPoint(name, q)
		if err != nil {
			t.Fatal(err)
		}
		y, err := mle.Evaluate(f.prover.FieldValues(), full)
		if err != nil {
			t.Fatal(err)
		}
		claims = append(claims, claim{name, q, y})
	}
	run := func(tamper bool) error {
		pTr, vTr := transcript.New(), transcript.New()
		dp, err := sumcheck.NewDLCProver(pTr)
		if err != nil {
			t.Fatal(err)
		}
		pp, err := f.prover.NewPool()
		if err != nil {
			t.Fatal(err)
		}
		var ys []sumcheck.Point
		for i, c := range claims {
			y := c.y
			if tamper && i == 1 {
				one := fr.One()
				y.Add(&y, &one)
			}
			s, pt := dp.Send(transcript.LabelPoolY, y)
			ys = append(ys, pt)
			if err := pp.Add(c.name, c.q, s); err != nil {
				t.Fatal(err)
			}
		}
		proof, err := pp.Settle(dp)
		if err != nil {
			t.Fatal(err)
		}
		closing, err := dp.Close()
		if err != nil {
			t.Fatal(err)
		}
		dv, err := sumcheck.NewDLCVerifier(vTr)
		if err != nil {
			t.Fatal(err)
		}
		vp, err := k.NewPool()
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range claims {
			dv.Receive(transcript.LabelPoolY, ys[i])
			if err := vp.Add(c.name, c.q, ys[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := vp.Settle(dv, proof); err != nil {
			return err
		}
		return dv.Close(closing)
	}
	if err := run(false); err != nil {
		t.Fatalf("honest claims on the weight blob rejected: %v", err)
	}
	if err := run(true); err == nil {
		t.Fatal("a wrong weight claim was accepted")
	}
}
