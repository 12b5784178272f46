package fixed

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"testing"

	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/tables"
)

// rescaleBig is §7.2 with math/big: ⌊(X + 2^(k−1)) / 2^k⌋ (Rsh floors).
func rescaleBig(x *big.Int, k uint) *big.Int {
	if k == 0 {
		return new(big.Int).Set(x)
	}
	y := new(big.Int).Add(x, new(big.Int).Lsh(big.NewInt(1), k-1))
	return y.Rsh(y, k)
}

func runWitness(t *testing.T, q *quant.Model, tokens []int) (*Engine, *Witness) {
	t.Helper()
	e, err := New(q, len(tokens), Options{RecordWitness: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range tokens {
		if _, err := e.Step(tok); err != nil {
			t.Fatal(err)
		}
	}
	return e, e.Witness()
}

// Every recorded tensor satisfies the §7 relations, re-derived here with
// math/big from the witness alone (no engine code path reused).
func TestWitnessRelations(t *testing.T) {
	_, q := stories(t)
	tokens := []int{1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315}
	e, w := runWitness(t, q, tokens)
	checkWitness(t, e, q, w)
}

// checkWitness re-derives every recorded tensor with math/big (pair bit 0).
func checkWitness(t *testing.T, e *Engine, q *quant.Model, w *Witness) {
	t.Helper()
	c := q.Config
	d, hs, kv, T := c.Dim, c.HeadSize(), c.KVDim(), len(w.Tokens)
	K := new(big.Int).Lsh(big.NewInt(int64(d)), 64)
	kappa := Kappa(c)
	checkNorm := func(name string, h []int64, rho int64, g *quant.Tensor, out []int64) {
		S := new(big.Int)
		for _, v := range h {
			S.Add(S, new(big.Int).Mul(big.NewInt(v), big.NewInt(v)))
		}
		u := S.Add(S, kappa)
		r := big.NewInt(rho)
		lo := new(big.Int).Mul(new(big.Int).Mul(r, r), u)
		r1 := new(big.Int).Add(r, big.NewInt(1))
		hi := new(big.Int).Mul(new(big.Int).Mul(r1, r1), u)
		if lo.Cmp(K) > 0 || hi.Cmp(K) <= 0 {
			t.Fatalf("%s: ρ = %d is not ⌊√(K/u)⌋", name, rho)
		}
		for j := range h {
			x := new(big.Int).Mul(big.NewInt(h[j]*rho), big.NewInt(int64(g.Data[j])))
			if want := rescaleBig(x, uint(16+g.Exp)); want.Int64() != out[j] {
				t.Fatalf("%s[%d] = %d, want %v", name, j, out[j], want)
			}
		}
	}
	tensor := func(name string) *quant.Tensor {
		tt, err := q.Tensor(name)
		if err != nil {
			t.Fatal(err)
		}
		return tt
	}
	for l := range c.NLayers {
		lw := &w.Layers[l]
		p := fmt.Sprintf("layers.%d.", l)
		for tt := range T {
			R := w.R[l][tt*d : (tt+1)*d]
			checkNorm(p+"attn_norm", R, lw.AttnRho[tt], tensor(p+"attn_norm"), lw.X1[tt*d:(tt+1)*d])
			// RoPE + rescale of Q from its accumulator.
			wq := tensor(p + "wq")
			for k := 0; k < d; k += 2 { // pair bit 0: (k, k+1), frequency index (k mod hs)/2
				i := (k % hs) / 2
				cs, sn := big.NewInt(int64(e.rope.Cos[tt*hs/2+i])), big.NewInt(int64(e.rope.Sin[tt*hs/2+i]))
				a0, a1 := big.NewInt(lw.QAcc[tt*d+k]), big.NewInt(lw.QAcc[tt*d+k+1])
				r0 := new(big.Int).Sub(new(big.Int).Mul(cs, a0), new(big.Int).Mul(sn, a1))
				r1 := new(big.Int).Add(new(big.Int).Mul(cs, a1), new(big.Int).Mul(sn, a0))
				if rescaleBig(r0, uint(wq.Exp+QKShift)).Int64() != lw.QR[tt*d+k] || rescaleBig(r1, uint(wq.Exp+QKShift)).Int64() != lw.QR[tt*d+k+1] {
					t.Fatalf("layer %d t %d: Q_r[%d] wrong", l, tt, k)
				}
			}
			// Softmax per head: ẑ minimal, Y from the digits, O from Y·V.
			for h := range c.NHeads {
				kvh := (h / c.KVMul()) * hs
				z := make([]int64, tt+1)
				maxZ := int64(-1 << 62)
				for j := range z {
					for i := range hs {
						z[j] += lw.QR[tt*d+h*hs+i] * lw.KR[j*kv+kvh+i]
					}
					maxZ = max(maxZ, z[j])
				}
				zhat := lw.ZHat[tt*c.NHeads+h]
				y := lw.YRow(tt, h, c.NHeads)
				rowSum := func(zh int64) int64 {
					var s int64
					for j := range z {
						v := zh - z[j]
						if v>>(e.k0+16) == 0 {
							s += int64(e.expY[v>>e.k0])
						}
					}
					return s
				}
				if zhat < maxZ || rowSum(zhat) > tables.Theta || (zhat > maxZ && rowSum(zhat-1) <= tables.Theta) {
					t.Fatalf("layer %d t %d head %d: ẑ = %d not the least valid shift (max Z %d)", l, tt, h, zhat, maxZ)
				}
				var sum int64
				for j, yv := range y {
					v := zhat - z[j]
					want := int64(0)
					if v>>(e.k0+16) == 0 {
						want = int64(e.expY[v>>e.k0])
					}
					if yv != want {
						t.Fatalf("Y[%d][%d] = %d, want %d", tt, j, yv, want)
					}
					sum += yv
				}
				// Row-sum band (§7.7): θ − E < Σ Y ≤ θ with E = 2^13 here
				// (a row may sum to less only when ẑ = max Z, all weight on one key).
				if sum > tables.Theta || (zhat > maxZ && sum < tables.Theta-(1<<13)) {
					t.Fatalf("row sum %d outside the band", sum)
				}
				for i := range hs {
					acc := new(big.Int)
					for j, yv := range y {
						acc.Add(acc, new(big.Int).Mul(big.NewInt(yv), big.NewInt(lw.V[j*kv+kvh+i])))
					}
					if rescaleBig(acc, OShift).Int64() != lw.O[tt*d+h*hs+i] {
						t.Fatalf("O wrong")
					}
				}
			}
			// Every matmul accumulator and its rescale.
			x1 := lw.X1[tt*d : (tt+1)*d]
			x2 := lw.X2[tt*d : (tt+1)*d]
			o := lw.O[tt*d : (tt+1)*d]
			pv := lw.P[tt*c.HiddenDim : (tt+1)*c.HiddenDim]
			checkMatmul(t, "QAcc", lw.QAcc[tt*d:(tt+1)*d], x1, tensor(p+"wq"), nil, 0)
			checkMatmul(t, "KAcc", lw.KAcc[tt*kv:(tt+1)*kv], x1, tensor(p+"wk"), nil, 0)
			checkMatmul(t, "VAcc", lw.VAcc[tt*kv:(tt+1)*kv], x1, tensor(p+"wv"), lw.V[tt*kv:(tt+1)*kv], uint(tensor(p+"wv").Exp+VShift))
			checkMatmul(t, "AAcc", lw.AAcc[tt*d:(tt+1)*d], o, tensor(p+"wo"), lw.A[tt*d:(tt+1)*d], uint(tensor(p+"wo").Exp))
			checkMatmul(t, "GateAcc", lw.GateAcc[tt*c.HiddenDim:(tt+1)*c.HiddenDim], x2, tensor(p+"w1"), lw.U[tt*c.HiddenDim:(tt+1)*c.HiddenDim], uint(tensor(p+"w1").Exp+GateShift))
			checkMatmul(t, "UpAcc", lw.UpAcc[tt*c.HiddenDim:(tt+1)*c.HiddenDim], x2, tensor(p+"w3"), lw.Up[tt*c.HiddenDim:(tt+1)*c.HiddenDim], uint(tensor(p+"w3").Exp))
			checkMatmul(t, "DownAcc", lw.DownAcc[tt*d:(tt+1)*d], pv, tensor(p+"w2"), lw.F[tt*d:(tt+1)*d], uint(tensor(p+"w2").Exp))
			// K_r from its accumulator, like Q_r.
			wk := tensor(p + "wk")
			for k := 0; k < kv; k += 2 {
				i := (k % hs) / 2
				cs, sn := big.NewInt(int64(e.rope.Cos[tt*hs/2+i])), big.NewInt(int64(e.rope.Sin[tt*hs/2+i]))
				a0, a1 := big.NewInt(lw.KAcc[tt*kv+k]), big.NewInt(lw.KAcc[tt*kv+k+1])
				r0 := new(big.Int).Sub(new(big.Int).Mul(cs, a0), new(big.Int).Mul(sn, a1))
				r1 := new(big.Int).Add(new(big.Int).Mul(cs, a1), new(big.Int).Mul(sn, a0))
				if rescaleBig(r0, uint(wk.Exp+QKShift)).Int64() != lw.KR[tt*kv+k] || rescaleBig(r1, uint(wk.Exp+QKShift)).Int64() != lw.KR[tt*kv+k+1] {
					t.Fatalf("layer %d t %d: K_r[%d] wrong", l, tt, k)
				}
			}
			// Residuals.
			for j := range d {
				if lw.H1[tt*d+j] != R[j]+lw.A[tt*d+j] || w.R[l+1][tt*d+j] != lw.H1[tt*d+j]+lw.F[tt*d+j] {
					t.Fatalf("residual wrong at layer %d t %d j %d", l, tt, j)
				}
			}
			checkNorm(p+"ffn_norm", lw.H1[tt*d:(tt+1)*d], lw.FFNRho[tt], tensor(p+"ffn_norm"), lw.X2[tt*d:(tt+1)*d])
			silu, _ := tables.SiLU()
			for i := range c.HiddenDim {
				at := tt*c.HiddenDim + i
				if rescaleBig(big.NewInt(lw.GateAcc[at]), uint(tensor(p+"w1").Exp+GateShift)).Int64() != lw.U[at] || !silu.Contains(lw.U[at], lw.S[at]) {
					t.Fatal("gate/SILU wrong")
				}
				if rescaleBig(new(big.Int).Mul(big.NewInt(lw.S[at]), big.NewInt(lw.Up[at])), HadShift).Int64() != lw.P[at] {
					t.Fatal("p wrong")
				}
			}
		}
	}
	cls, err := q.Classifier()
	if err != nil {
		t.Fatal(err)
	}
	V := c.VocabSize
	for tt := range T {
		checkMatmul(t, "LogitAcc", w.LogitAcc[tt*V:(tt+1)*V], w.XFinal[tt*d:(tt+1)*d], cls, w.Logits[tt*V:(tt+1)*V], uint(cls.Exp))
		checkNorm("final_norm", w.R[c.NLayers][tt*d:(tt+1)*d], w.FinalRho[tt], tensor("final_norm"), w.XFinal[tt*d:(tt+1)*d])
	}
}

func TestDeterministic(t *testing.T) {
	_, q := stories(t)
	tokens := []int{1, 291, 280, 294, 262, 294, 353, 265}
	_, w1 := runWitness(t, q, tokens)
	w2, err := Forward(q, tokens)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w1, w2) {
		t.Fatal("two runs recorded different witnesses")
	}
}

// Scaling a weight tensor up until a format breaks gives ErrOverflow naming
// the tensor, not a wrapped value.
func TestOverflowIsAnError(t *testing.T) {
	_, q := stories(t)
	wv, _ := q.Tensor("layers.0.wv")
	saved := wv.Exp
	wv.Exp = 0 // V = rescale(acc, 4): values blow past A24
	defer func() { wv.Exp = saved }()
	e, err := New(q, 4, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Step(1)
	if !errors.Is(err, ErrOverflow) {
		t.Fatalf("got %v, want ErrOverflow", err)
	}
	t.Log(err)
}

func TestEngineRejectsBadInput(t *testing.T) {
	_, q := stories(t)
	if _, err := New(q, 0, Options{}); err == nil {
		t.Error("empty context accepted")
	}
	if _, err := New(q, 513, Options{}); err == nil {
		t.Error("context above seq_len accepted")
	}
	e, _ := New(q, 1, Options{})
	if _, err := e.Step(512); !errors.Is(err, ErrInput) {
		t.Error("token outside vocabulary accepted")
	}
	e.Step(1)
	if _, err := e.Step(1); !errors.Is(err, ErrInput) {
		t.Error("step past the context accepted")
	}
}

// checkMatmul checks acc = W·x exactly (math/big) and, when out is given,
// out = rescale(acc, k).
func checkMatmul(t *testing.T, name string, acc, x []int64, w *quant.Tensor, out []int64, k uint) {
	t.Helper()
	cols := w.Shape[1]
	for i := range acc {
		s := new(big.Int)
		for j := range cols {
			s.Add(s, new(big.Int).Mul(big.NewInt(int64(w.Data[i*cols+j])), big.NewInt(x[j])))
		}
		if !s.IsInt64() || s.Int64() != acc[i] {
			t.Fatalf("%s[%d] = %d, want %v", name, i, acc[i], s)
		}
		if out != nil && rescaleBig(s, k).Int64() != out[i] {
			t.Fatalf("rescale of %s[%d] = %d, want %v", name, i, out[i], rescaleBig(s, k))
		}
	}
}
