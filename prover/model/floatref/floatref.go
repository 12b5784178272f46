package floatref

import (
	"fmt"
	"math"

	"github.com/zkllm/zkllm/prover/model"
)

// Engine runs the model one token at a time, keeping a KV cache.
// It is not safe for concurrent use.
type Engine struct {
	m                      *model.Model
	cfg                    model.Config
	keys, vals             []float32 // [layer][seq][kv_dim]
	x, xb, xb2, hb, hb2, q []float32
	att, logits            []float32
	cos, sin               []float32 // RoPE per position: [seq][head/2]
	pos                    int
}

// New prepares an engine with a KV cache of maxSeq positions (≤ SeqLen).
func New(m *model.Model, maxSeq int) (*Engine, error) {
	c := m.Config
	if maxSeq < 1 || maxSeq > c.SeqLen {
		return nil, fmt.Errorf("floatref: max sequence %d outside [1, %d]", maxSeq, c.SeqLen)
	}
	kv := c.KVDim()
	e := &Engine{
		m: m, cfg: c,
		keys: make([]float32, c.NLayers*maxSeq*kv), vals: make([]float32, c.NLayers*maxSeq*kv),
		x: make([]float32, c.Dim), xb: make([]float32, c.Dim), xb2: make([]float32, c.Dim),
		hb: make([]float32, c.HiddenDim), hb2: make([]float32, c.HiddenDim), q: make([]float32, c.Dim),
		att: make([]float32, maxSeq), logits: make([]float32, c.VocabSize),
	}
	hs := c.HeadSize()
	e.cos = make([]float32, maxSeq*hs/2)
	e.sin = make([]float32, maxSeq*hs/2)
	for p := range maxSeq {
		for i := range hs / 2 {
			freq := float32(c.RopeScaling.Frequency(c.RopeTheta, i, hs))
			v := float32(p) * freq
			e.cos[p*hs/2+i] = float32(math.Cos(float64(v)))
			e.sin[p*hs/2+i] = float32(math.Sin(float64(v)))
		}
	}
	return e, nil
}

// Pos is the number of tokens consumed so far.
func (e *Engine) Pos() int { return e.pos }

// Reset empties the KV cache.
func (e *Engine) Reset() { e.pos = 0 }

// Step consumes token at the next position and returns the logits for the
// following token. The returned slice is overwritten by the next call.
func (e *Engine) Step(token int) ([]float32, error) {
	c := e.cfg
	maxSeq := len(e.att)
	if token < 0 || token >= c.VocabSize {
		return nil, fmt.Errorf("floatref: token %d outside vocabulary %d", token, c.VocabSize)
	}
	if e.pos >= maxSeq {
		return nil, fmt.Errorf("floatref: context full (%d positions)", maxSeq)
	}
	d, hs, kv, pos := c.Dim, c.HeadSize(), c.KVDim(), e.pos
	copy(e.x, e.m.Embedding[token*d:(token+1)*d])
	for l := range e.m.Layers {
		L := &e.m.Layers[l]
		rmsnorm(e.xb, e.x, L.AttnNorm, float32(c.NormEps))
		cache := l * maxSeq * kv
		k := e.keys[cache+pos*kv : cache+(pos+1)*kv]
		v := e.vals[cache+pos*kv : cache+(pos+1)*kv]
		matmul(e.q, e.xb, L.WQ)
		matmul(k, e.xb, L.WK)
		matmul(v, e.xb, L.WV)
		e.rope(e.q, pos)
		e.rope(k, pos)
		scale := float32(math.Sqrt(float64(hs)))
		for h := range c.NHeads {
			q := e.q[h*hs : (h+1)*hs]
			kvh := (h / c.KVMul()) * hs
			att := e.att[:pos+1]
			for t := range att {
				kt := e.keys[cache+t*kv+kvh : cache+t*kv+kvh+hs]
				var s float32
				for i := range hs {
					s += q[i] * kt[i]
				}
				att[t] = s / scale
			}
			softmax(att)
			out := e.xb[h*hs : (h+1)*hs]
			clear(out)
			for t, a := range att {
				vt := e.vals[cache+t*kv+kvh : cache+t*kv+kvh+hs]
				for i := range hs {
					out[i] += a * vt[i]
				}
			}
		}
		matmul(e.xb2, e.xb, L.WO)
		for i := range e.x {
			e.x[i] += e.xb2[i]
		}
		rmsnorm(e.xb, e.x, L.FFNNorm, float32(c.NormEps))
		matmul(e.hb, e.xb, L.W1)
		matmul(e.hb2, e.xb, L.W3)
		for i, g := range e.hb {
			g *= 1 / (1 + float32(math.Exp(float64(-g))))
			e.hb[i] = g * e.hb2[i]
		}
		matmul(e.xb, e.hb, L.W2)
		for i := range e.x {
			e.x[i] += e.xb[i]
		}
	}
	rmsnorm(e.x, e.x, e.m.FinalNorm, float32(c.NormEps))
	matmul(e.logits, e.x, e.m.ClassifierWeights())
	e.pos++
	return e.logits, nil
}

// rope rotates each head's pairs (k, k XOR 2^b) by the position's angles.
func (e *Engine) rope(vec []float32, pos int) {
	c := e.cfg
	hs := c.HeadSize()
	b := uint(c.RopePairBit)
	for h := 0; h < len(vec); h += hs {
		for i := range hs / 2 {
			k0 := (i>>b)<<(b+1) | i&(1<<b-1)
			k1 := k0 | 1<<b
			fc, fs := e.cos[pos*hs/2+i], e.sin[pos*hs/2+i]
			v0, v1 := vec[h+k0], vec[h+k1]
			vec[h+k0] = v0*fc - v1*fs
			vec[h+k1] = v0*fs + v1*fc
		}
	}
}

func rmsnorm(o, x, w []float32, eps float32) {
	var ss float32
	for _, v := range x {
		ss += v * v
	}
	ss /= float32(len(x))
	ss += eps
	ss = 1 / float32(math.Sqrt(float64(ss)))
	for i := range o {
		o[i] = w[i] * (ss * x[i])
	}
}

func softmax(x []float32) {
	m := x[0]
	for _, v := range x[1:] {
		m = max(m, v)
	}
	var sum float32
	for i, v := range x {
		x[i] = float32(math.Exp(float64(v - m)))
		sum += x[i]
	}
	for i := range x {
		x[i] /= sum
	}
}

// matmul: out[i] = Σ_j w[i][j]·x[j], w row-major [len(out)][len(x)].
func matmul(out, x, w []float32) {
	n := len(x)
	for i := range out {
		row := w[i*n : (i+1)*n]
		var s float32
		for j, v := range row {
			s += v * x[j]
		}
		out[i] = s
	}
}

// Argmax returns the first index of the largest logit (ties: lowest id).
func Argmax(logits []float32) int {
	best := 0
	for i, v := range logits {
		if v > logits[best] {
			best = i
		}
	}
	return best
}
