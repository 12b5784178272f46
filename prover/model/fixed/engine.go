package fixed

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"

	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/params"
	"github.com/zkllm/zkllm/prover/model/quant"
	"github.com/zkllm/zkllm/prover/model/rope"
	"github.com/zkllm/zkllm/prover/tables"
)

// The public parameters, re-exported for readability of this package.
const (
	ActLog      = params.ActLog
	QKLog       = params.QKLog
	VLog        = params.VLog
	SiLUInLog   = params.SiLUInLog
	ScoreLog    = params.ScoreLog
	ThetaLog    = params.ThetaLog
	RopeLog     = params.RopeLog
	QKShift     = params.QKShift
	VShift      = params.VShift
	GateShift   = params.GateShift
	OShift      = params.OShift
	HadShift    = params.HadShift
	ExpDigitLog = params.ExpDigitLog
)

// Format bounds (PROTOCOL §9.1): a signed Aw value has |v| < 2^(w−1).
const (
	boundA32  = 1 << 31
	boundA24  = 1 << 23
	boundA23  = 1 << 22
	boundA20  = 1 << 19
	boundR    = 1 << 39
	boundRho  = 1 << 26
	maxMatDim = 1 << 16 // keeps every matmul accumulator < 2^62
)

// Errors.
var (
	ErrOverflow = errors.New("fixed: value outside its format")
	ErrInput    = errors.New("fixed: bad input")
)

// Options configures an Engine.
type Options struct {
	// RecordWitness keeps every intermediate tensor of every step (Witness).
	RecordWitness bool
	// compactOnly keeps int16 weights even for small models (tests use it
	// to check that both matmul paths agree).
	compactOnly bool
}

// MaxWidenedWeights: models with at most this many weights keep an int64
// copy of them, whose matmul compiles to plain indexed loads (about 40% fewer
// instructions than sign-extending int16 loads); larger models stay int16.
const MaxWidenedWeights = 1 << 24

type matrix struct {
	w          []int16
	w64        []int64 // the same weights widened, or nil
	rows, cols int
	e          uint
	name       string
}

type norm struct {
	g    []int16
	e    uint
	name string
}

type layer struct {
	attnNorm, ffnNorm          norm
	wq, wk, wv, wo, w1, w3, w2 matrix
}

// Engine runs the fixed-point model one token at a time with a KV cache.
// It is not safe for concurrent use; engines over one quant.Model may run in parallel.
type Engine struct {
	cfg        model.Config
	maxSeq     int
	emb        *quant.Tensor
	layers     []layer
	finalNorm  norm
	cls        matrix
	rope       *rope.Tables
	silu       *tables.Table
	expY       *[1 << ExpDigitLog]int32 // θ − EXPC.Out(x1): Y for x2 = 0, indexed by x1 (int32: half the cache footprint; an array: no bounds checks)
	k0         uint
	expScale   float64 // c = 2^24·√d_h: Y ≈ θ·e^(−v/c)
	wI         uint
	kappa      *big.Int // κ = round(d·ε·2^32)
	bigK       *big.Int // d·2^64
	keys, vals []int64  // KV cache [layer][kv_head][seq][head] (K_r, V at 2^12): a head's keys are contiguous
	pos        int
	wit        *Witness
	s          scratch
}

type scratch struct {
	r, x, qacc, qr, o, a, accD, att []int64
	kacc, vacc                      []int64
	gacc, uacc, u, sv, up, p        []int64
	logitAcc, logits                []int64
	z, y, live                      []int64
	kr, vr                          []int64
	steps                           []step
	bigU, bigQ, bigT                big.Int
}

// New builds an engine for q with room for maxSeq positions (≤ SeqLen).
func New(q *quant.Model, maxSeq int, opt Options) (*Engine, error) {
	c := q.Config
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if maxSeq < 1 || maxSeq > c.SeqLen {
		return nil, fmt.Errorf("%w: max sequence %d outside [1, %d]", ErrInput, maxSeq, c.SeqLen)
	}
	if c.Dim > maxMatDim || c.HiddenDim > maxMatDim {
		return nil, fmt.Errorf("%w: dim %d / hidden %d above %d (accumulator bound)", ErrInput, c.Dim, c.HiddenDim, maxMatDim)
	}
	e := &Engine{cfg: c, maxSeq: maxSeq}
	var err error
	get := func(name string) *quant.Tensor {
		if err != nil {
			return nil
		}
		var t *quant.Tensor
		t, err = q.Tensor(name)
		return t
	}
	var total int
	for _, t := range q.Tensors {
		total += len(t.Data)
	}
	widen := total <= MaxWidenedWeights && !opt.compactOnly
	mat := func(name string) matrix {
		t := get(name)
		if t == nil {
			return matrix{}
		}
		m := matrix{w: t.Data, rows: t.Shape[0], cols: t.Shape[1], e: uint(t.Exp), name: name}
		if widen {
			m.w64 = make([]int64, len(t.Data))
			for i, v := range t.Data {
				m.w64[i] = int64(v)
			}
		}
		return m
	}
	nrm := func(name string) norm {
		t := get(name)
		if t == nil {
			return norm{}
		}
		return norm{g: t.Data, e: uint(t.Exp), name: name}
	}
	e.emb = get("embed")
	if e.emb != nil && e.emb.Exp > ActLog {
		return nil, fmt.Errorf("%w: embedding exponent %d > 16", ErrInput, e.emb.Exp)
	}
	e.layers = make([]layer, c.NLayers)
	for l := range e.layers {
		p := fmt.Sprintf("layers.%d.", l)
		e.layers[l] = layer{
			attnNorm: nrm(p + "attn_norm"), ffnNorm: nrm(p + "ffn_norm"),
			wq: mat(p + "wq"), wk: mat(p + "wk"), wv: mat(p + "wv"), wo: mat(p + "wo"),
			w1: mat(p + "w1"), w3: mat(p + "w3"), w2: mat(p + "w2"),
		}
	}
	e.finalNorm = nrm("final_norm")
	if c.SharedClassifier {
		e.cls = mat("embed")
	} else {
		e.cls = mat("lm_head")
	}
	if err != nil {
		return nil, err
	}
	if e.rope, err = rope.GetScaled(c.HeadSize(), c.RopeTheta, c.RopeScaling, maxSeq); err != nil {
		return nil, err
	}
	if e.silu, err = tables.SiLU(); err != nil {
		return nil, err
	}
	expc, err := tables.ExpC(c.HeadSize())
	if err != nil {
		return nil, err
	}
	if expc.Size() != 1<<ExpDigitLog {
		return nil, fmt.Errorf("%w: EXPC has %d entries, want 2^16", ErrInput, expc.Size())
	}
	e.expY = new([1 << ExpDigitLog]int32)
	for j := range e.expY {
		e.expY[j] = int32(tables.Theta - expc.Out(j)) // in [0, θ]
	}
	e.k0 = uint(params.K0(c.HeadSize()))
	e.expScale = math.Ldexp(math.Sqrt(float64(c.HeadSize())), ScoreLog)
	e.wI = uint(params.WI(c.HeadSize()))
	e.kappa = Kappa(c)
	e.bigK = new(big.Int).Lsh(big.NewInt(int64(c.Dim)), 64)
	kv := c.KVDim()
	e.keys = make([]int64, c.NLayers*maxSeq*kv)
	e.vals = make([]int64, c.NLayers*maxSeq*kv)
	d, h := c.Dim, c.HiddenDim
	e.s = scratch{
		r: make([]int64, d), x: make([]int64, d), qacc: make([]int64, d), qr: make([]int64, d),
		o: make([]int64, d), a: make([]int64, d), accD: make([]int64, d), att: make([]int64, d),
		kacc: make([]int64, kv), vacc: make([]int64, kv), kr: make([]int64, kv), vr: make([]int64, kv),
		gacc: make([]int64, h), uacc: make([]int64, h), u: make([]int64, h), sv: make([]int64, h),
		up: make([]int64, h), p: make([]int64, h),
		logitAcc: make([]int64, c.VocabSize), logits: make([]int64, c.VocabSize),
		z: make([]int64, maxSeq), y: make([]int64, maxSeq),
		live: make([]int64, 0, maxSeq), steps: make([]step, 0, maxSeq),
	}
	if opt.RecordWitness {
		e.wit = newWitness(c, maxSeq)
	}
	return e, nil
}

// Kappa is params.Kappa.
func Kappa(c model.Config) *big.Int { return params.Kappa(c) }

// Pos is the number of tokens consumed so far.
func (e *Engine) Pos() int { return e.pos }

// Witness returns the recorded witness (nil unless Options.RecordWitness).
func (e *Engine) Witness() *Witness { return e.wit }

// Step consumes token at the next position and returns the logits (at 2^16)
// for the next token. The slice is overwritten by the next call.
func (e *Engine) Step(token int) ([]int64, error) {
	c := e.cfg
	if token < 0 || token >= c.VocabSize {
		return nil, fmt.Errorf("%w: token %d outside vocabulary %d", ErrInput, token, c.VocabSize)
	}
	if e.pos >= e.maxSeq {
		return nil, fmt.Errorf("%w: context full (%d positions)", ErrInput, e.maxSeq)
	}
	s := &e.s
	d := c.Dim
	shift := uint(ActLog - e.emb.Exp)
	for j, w := range e.emb.Data[token*d : (token+1)*d] {
		s.r[j] = int64(w) << shift
	}
	if e.wit != nil {
		e.wit.Tokens = append(e.wit.Tokens, token)
		e.wit.R[0] = append(e.wit.R[0], s.r...)
	}
	for l := range e.layers {
		if err := e.layer(l); err != nil {
			return nil, err
		}
		if e.wit != nil {
			e.wit.R[l+1] = append(e.wit.R[l+1], s.r...)
		}
	}
	rho, err := e.rmsnorm(s.x, s.r, e.finalNorm, -1)
	if err != nil {
		return nil, err
	}
	matmul(s.logitAcc, s.x, e.cls)
	for i, acc := range s.logitAcc {
		v := rescale64(acc, e.cls.e)
		if v <= -boundA24 || v >= boundA24 {
			return nil, e.overflow(-1, "logits", i, v, "A24")
		}
		s.logits[i] = v
	}
	if w := e.wit; w != nil {
		w.FinalRho = append(w.FinalRho, rho)
		w.XFinal = append(w.XFinal, s.x...)
		w.LogitAcc = append(w.LogitAcc, s.logitAcc...)
		w.Logits = append(w.Logits, s.logits...)
	}
	e.pos++
	return s.logits, nil
}

func (e *Engine) overflow(l int, tensor string, i int, v any, format string) error {
	where := "final"
	if l >= 0 {
		where = fmt.Sprintf("layer %d", l)
	}
	return fmt.Errorf("%w: %s %s[t=%d][%d] = %v outside %s", ErrOverflow, where, tensor, e.pos, i, v, format)
}

// matmul: out[i] = Σ_j W[i][j]·x[j] in int64 (|acc| < 2^62 by the dimension bound).
func matmul(out, x []int64, m matrix) {
	if m.w64 != nil {
		matmul64(out, x, m.w64, m.cols)
		return
	}
	n := m.cols
	for i := range out {
		r := m.w[i*n : (i+1)*n]
		xv := x[:len(r)]
		var s0, s1, s2, s3 int64
		// j < len(r)−3 with len(xv) = len(r): the compiler proves every index in range.
		j := 0
		for ; j < len(r)-3; j += 4 {
			s0 += int64(r[j]) * xv[j]
			s1 += int64(r[j+1]) * xv[j+1]
			s2 += int64(r[j+2]) * xv[j+2]
			s3 += int64(r[j+3]) * xv[j+3]
		}
		for ; j < len(r); j++ {
			s0 += int64(r[j]) * xv[j]
		}
		out[i] = s0 + s1 + s2 + s3
	}
}

// matmul64 is matmul over widened weights: each row is a dot product.
func matmul64(out, x, w []int64, n int) {
	for i := range out {
		out[i] = dot(x[:n], w[i*n:(i+1)*n])
	}
}

// dot is Σ a_i·b_i over len(a) (≤ len(b)); |Q_r|, |K_r| < 2^22 keep it far inside int64.
func dot(a, b []int64) int64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int64
	i := 0
	for ; i < len(a)-7; i += 8 {
		s0 += a[i]*b[i] + a[i+4]*b[i+4]
		s1 += a[i+1]*b[i+1] + a[i+5]*b[i+5]
		s2 += a[i+2]*b[i+2] + a[i+6]*b[i+6]
		s3 += a[i+3]*b[i+3] + a[i+7]*b[i+7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// rmsnorm writes x = rescale(h·ρ·g, 16+e_g) and returns ρ (PROTOCOL §7.4).
func (e *Engine) rmsnorm(out, h []int64, g norm, l int) (int64, error) {
	var sum i128
	for _, v := range h {
		sum = sum.add(mul128(v, v))
	}
	rho, ok := e.rhoFast(sum)
	if !ok {
		s := &e.s
		s.bigU.SetUint64(sum.hi)
		s.bigU.Lsh(&s.bigU, 64)
		s.bigU.Or(&s.bigU, s.bigT.SetUint64(sum.lo))
		s.bigU.Add(&s.bigU, e.kappa)
		s.bigQ.Quo(e.bigK, &s.bigU) // both positive: Quo is floor
		s.bigQ.Sqrt(&s.bigQ)
		if !s.bigQ.IsInt64() || s.bigQ.Int64() >= boundRho {
			return 0, e.overflow(l, g.name+".rho", 0, s.bigQ.String(), "[0, 2^26)")
		}
		rho = s.bigQ.Int64()
	}
	if rho >= boundRho {
		return 0, e.overflow(l, g.name+".rho", 0, rho, "[0, 2^26)")
	}
	k := uint(ActLog) + g.e
	for j, v := range h {
		rg := rho * int64(g.g[j]) // < 2^41
		var x int64
		if v > -1<<21 && v < 1<<21 {
			x = rescale64(v*rg, k) // < 2^62
		} else {
			var ok bool
			if x, ok = mul128(v, rg).rescale(k); !ok {
				return 0, e.overflow(l, g.name+".out", j, "2^63+", "A32")
			}
		}
		if x <= -boundA32 || x >= boundA32 {
			return 0, e.overflow(l, g.name+".out", j, x, "A32")
		}
		out[j] = x
	}
	return rho, nil
}

// rhoFast computes ρ = ⌊√(d·2^64/u)⌋, u = S + κ, in 64-bit arithmetic when
// u < 2^64 (the common case); ok = false sends the caller to math/big.
// Since ⌊√⌊x⌋⌋ = ⌊√x⌋, ρ = isqrt(⌊d·2^64/u⌋), and u ≥ κ > d makes that
// quotient fit 64 bits.
func (e *Engine) rhoFast(sum i128) (int64, bool) {
	if sum.hi != 0 || !e.kappa.IsUint64() {
		return 0, false
	}
	u, carry := bits.Add64(sum.lo, e.kappa.Uint64(), 0)
	d := uint64(e.cfg.Dim)
	if carry != 0 || u <= d {
		return 0, false
	}
	q, _ := bits.Div64(d, 0, u)
	r := uint64(math.Sqrt(float64(q))) // within a few units; fixed exactly below
	for {
		if hi, lo := bits.Mul64(r, r); hi != 0 || lo > q {
			r--
			continue
		}
		if hi, lo := bits.Mul64(r+1, r+1); hi == 0 && lo <= q {
			r++
			continue
		}
		break
	}
	if r >= 1<<62 {
		return 0, false
	}
	return int64(r), true
}

// ropeRescale writes out = rescale(C⊙acc + S⊙rot(acc), k) per head and checks A23.
func (e *Engine) ropeRescale(out, acc []int64, k uint, l int, name string) error {
	hs := e.cfg.HeadSize()
	half := hs / 2
	b := uint(e.cfg.RopePairBit)
	cs := e.rope.Cos[e.pos*half : (e.pos+1)*half]
	sn := e.rope.Sin[e.pos*half : (e.pos+1)*half]
	for h := 0; h < len(acc); h += hs {
		for i := range half {
			k0 := h + (i>>b)<<(b+1) | i&(1<<b-1)
			k1 := k0 + 1<<b
			c, s := int64(cs[i]), int64(sn[i])
			a0, a1 := acc[k0], acc[k1]
			var r0, r1 int64
			if a0 > -1<<46 && a0 < 1<<46 && a1 > -1<<46 && a1 < 1<<46 {
				r0 = rescale64(c*a0-s*a1, k) // < 2^61
				r1 = rescale64(c*a1+s*a0, k)
			} else {
				var ok0, ok1 bool
				r0, ok0 = mul128(c, a0).add(mul128(-s, a1)).rescale(k)
				r1, ok1 = mul128(c, a1).add(mul128(s, a0)).rescale(k)
				if !ok0 || !ok1 {
					return e.overflow(l, name, k0, "2^63+", "A23")
				}
			}
			for _, kv := range [2]struct {
				idx int
				v   int64
			}{{k0, r0}, {k1, r1}} {
				if kv.v <= -boundA23 || kv.v >= boundA23 {
					return e.overflow(l, name, kv.idx, kv.v, "A23")
				}
				out[kv.idx] = kv.v
			}
		}
	}
	return nil
}

func (e *Engine) layer(l int) error {
	c := e.cfg
	L := &e.layers[l]
	s := &e.s
	hs, pos := c.HeadSize(), e.pos
	w := e.wit
	var lw *LayerWitness
	if w != nil {
		lw = &w.Layers[l]
	}

	rhoAtt, err := e.rmsnorm(s.x, s.r, L.attnNorm, l)
	if err != nil {
		return err
	}
	matmul(s.qacc, s.x, L.wq)
	matmul(s.kacc, s.x, L.wk)
	matmul(s.vacc, s.x, L.wv)
	kr, vr := s.kr, s.vr
	if err := e.ropeRescale(s.qr, s.qacc, L.wq.e+QKShift, l, "Q_r"); err != nil {
		return err
	}
	if err := e.ropeRescale(kr, s.kacc, L.wk.e+QKShift, l, "K_r"); err != nil {
		return err
	}
	for i, acc := range s.vacc {
		v := rescale64(acc, L.wv.e+VShift)
		if v <= -boundA24 || v >= boundA24 {
			return e.overflow(l, "V", i, v, "A24")
		}
		vr[i] = v
	}
	if lw != nil {
		lw.AttnRho = append(lw.AttnRho, rhoAtt)
		lw.X1 = append(lw.X1, s.x...)
		lw.QAcc = append(lw.QAcc, s.qacc...)
		lw.KAcc = append(lw.KAcc, s.kacc...)
		lw.VAcc = append(lw.VAcc, s.vacc...)
		lw.QR = append(lw.QR, s.qr...)
		lw.KR = append(lw.KR, kr...)
		lw.V = append(lw.V, vr...)
	}
	// Scatter this position's K_r and V into the head-major cache.
	headBase := func(g int) int { return ((l*c.NKVHeads + g) * e.maxSeq) * hs }
	for g := range c.NKVHeads {
		at := headBase(g) + pos*hs
		copy(e.keys[at:at+hs], kr[g*hs:(g+1)*hs])
		copy(e.vals[at:at+hs], vr[g*hs:(g+1)*hs])
	}

	// Attention, head by head.
	for h := range c.NHeads {
		q := s.qr[h*hs : (h+1)*hs]
		base := headBase(h / c.KVMul())
		keys := e.keys[base : base+(pos+1)*hs]
		vals := e.vals[base : base+(pos+1)*hs]
		z := s.z[:pos+1]
		for j := range z {
			z[j] = dot(q, keys[j*hs:(j+1)*hs])
		}
		zhat, err := e.softmax(z, s.y[:pos+1], l)
		if err != nil {
			return err
		}
		// O = rescale(Y·V, 18), accumulated row by row (most Y are 0).
		out := s.o[h*hs : (h+1)*hs]
		acc := s.att[:hs]
		clear(acc)
		for j, y := range s.y[:pos+1] {
			if y == 0 {
				continue
			}
			vt := vals[j*hs : (j+1)*hs]
			vt = vt[:len(acc)]
			for i, v := range vt {
				acc[i] += y * v
			}
		}
		for i, a := range acc {
			v := rescale64(a, OShift)
			if v <= -boundA32 || v >= boundA32 {
				return e.overflow(l, "O", h*hs+i, v, "A32")
			}
			out[i] = v
		}
		if lw != nil {
			lw.ZHat = append(lw.ZHat, zhat)
			lw.Y = append(lw.Y, s.y[:pos+1]...)
		}
	}

	matmul(s.accD, s.o, L.wo)
	for i, acc := range s.accD {
		a := rescale64(acc, L.wo.e)
		if a <= -boundA32 || a >= boundA32 {
			return e.overflow(l, "a", i, a, "A32")
		}
		s.a[i] = a
		s.r[i] += a // h1 = R + a
		if s.r[i] <= -boundR || s.r[i] >= boundR {
			return e.overflow(l, "h1", i, s.r[i], "|R| < 2^39")
		}
	}
	if lw != nil {
		lw.O = append(lw.O, s.o...)
		lw.AAcc = append(lw.AAcc, s.accD...)
		lw.A = append(lw.A, s.a...)
		lw.H1 = append(lw.H1, s.r...)
	}

	rhoFFN, err := e.rmsnorm(s.x, s.r, L.ffnNorm, l)
	if err != nil {
		return err
	}
	matmul(s.gacc, s.x, L.w1)
	matmul(s.uacc, s.x, L.w3)
	for i := range s.gacc {
		u := rescale64(s.gacc[i], L.w1.e+GateShift)
		sv, ok := e.silu.Lookup(u)
		if !ok || u <= -boundA20 || u >= boundA20 {
			return e.overflow(l, "u", i, u, "A20 (SILU input)")
		}
		up := rescale64(s.uacc[i], L.w3.e)
		if up <= -boundA32 || up >= boundA32 {
			return e.overflow(l, "up", i, up, "A32")
		}
		p := rescale64(sv*up, HadShift) // |s| < 2^25, |up| < 2^31
		if p <= -boundA32 || p >= boundA32 {
			return e.overflow(l, "p", i, p, "A32")
		}
		s.u[i], s.sv[i], s.up[i], s.p[i] = u, sv, up, p
	}
	matmul(s.accD, s.p, L.w2)
	if lw != nil {
		lw.FFNRho = append(lw.FFNRho, rhoFFN)
		lw.X2 = append(lw.X2, s.x...)
		lw.GateAcc = append(lw.GateAcc, s.gacc...)
		lw.U = append(lw.U, s.u...)
		lw.S = append(lw.S, s.sv...)
		lw.UpAcc = append(lw.UpAcc, s.uacc...)
		lw.Up = append(lw.Up, s.up...)
		lw.P = append(lw.P, s.p...)
		lw.DownAcc = append(lw.DownAcc, s.accD...)
	}
	for i, acc := range s.accD {
		f := rescale64(acc, L.w2.e)
		if f <= -boundA32 || f >= boundA32 {
			return e.overflow(l, "f", i, f, "A32")
		}
		s.r[i] += f
		if s.r[i] <= -boundR || s.r[i] >= boundR {
			return e.overflow(l, "R", i, s.r[i], "|R| < 2^39")
		}
		if lw != nil {
			lw.F = append(lw.F, f)
		}
	}
	return nil
}

// Forward runs one teacher-forced pass over tokens (prompt and generated
// tokens together, PROTOCOL §1.1) and returns the full witness; the logits
// at position t are Witness.Logits[t·V : (t+1)·V].
func Forward(q *quant.Model, tokens []int) (*Witness, error) {
	if len(tokens) == 0 {
		return nil, fmt.Errorf("%w: no tokens", ErrInput)
	}
	e, err := New(q, len(tokens), Options{RecordWitness: true})
	if err != nil {
		return nil, err
	}
	for _, t := range tokens {
		if _, err := e.Step(t); err != nil {
			return nil, err
		}
	}
	return e.Witness(), nil
}
