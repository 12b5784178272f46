package rmsnorm

import (
	"math/big"
	"math/bits"
	"slices"
	"testing"
	"time"

	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/rescale"
)

// BenchmarkGadgetRMSNorm proves attn_norm and ffn_norm (each alone, with
// the stand-in inputs R and a committed in the same proof) at stories260K
// shapes and T = 256 (64 with -short). Metrics: prove_s and verify_s for
// the whole layers.Prove/Verify run (inputs' commitment included),
// proof_B = the gadget's own proof bytes (its messages in the stream:
// rescale limb openings, three sumchecks with their final values and
// product proofs, limb and checkpoint openings; not the shared advice
// rows, GKR, pool settlement and DLC proof), total_B = the whole proof,
// x_fixed = prove_s / the time of the same integer computation as
// prover/model/fixed (ρ and x for every row, from the witness inputs).
func BenchmarkGadgetRMSNorm(b *testing.B) {
	T := 256
	if testing.Short() {
		T = 64
	}
	q, _, w := layertest.Stories(b, T)
	for _, k := range []Kind{Attn, FFN} {
		b.Run(k.Role(), func(b *testing.B) {
			s := newSetup(b, q, w)
			s.only = &k
			ps, vs := s.gadgets()
			span := &layertest.Span{}
			ps[1] = layertest.Recorder{ProverGadget: ps[1], Span: span}
			n := s.attn.Norm
			if k == FFN {
				n = s.ffn.Norm
			}
			if !slices.Equal(integerNorm(n), n.X()) {
				b.Fatal("the integer reference differs from the gadget's witness")
			}
			var prove, verify, integer time.Duration
			var size int
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				proof, err := layertest.Prove(s.weights, ps)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := layertest.Verify(s.weights, vs, proof); err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				integerNorm(n)
				prove, verify, integer = prove+t1.Sub(t0), verify+t2.Sub(t1), integer+time.Since(t2)
				size = len(proof)
			}
			N := float64(b.N)
			b.ReportMetric(prove.Seconds()/N, "prove_s")
			b.ReportMetric(verify.Seconds()/N, "verify_s")
			b.ReportMetric(float64(span.Hi-span.Lo), "proof_B")
			b.ReportMetric(float64(size), "total_B")
			b.ReportMetric(prove.Seconds()/integer.Seconds(), "x_fixed")
		})
	}
}

// integerNorm recomputes ρ and x for every row as prover/model/fixed does:
// an integer sum of squares, ρ = isqrt(K/u), x = rescale(h·ρ·g, 16+e_g)
// in int64 where the product fits, else with math/big.
func integerNorm(n *Norm) []int64 {
	s := &n.Spec
	h, g := n.w.hd, n.w.g
	rows := s.Rows.Len()
	perLayer := rows
	if s.Layered {
		perLayer = rows / s.Rows[len(s.Rows)-1]
	}
	K := s.K()
	k := 16 + s.GExp
	out := make([]int64, len(h))
	var u, t, q big.Int
	for r := 0; r < rows; r++ {
		hr := h[r*s.Width : (r+1)*s.Width]
		var hi, lo uint64
		for _, v := range hr {
			a := uint64(max(v, -v))
			ph, pl := mulU(a, a)
			var c uint64
			lo, c = addU(lo, pl)
			hi += ph + c
		}
		u.SetUint64(hi)
		u.Lsh(&u, 64)
		u.Or(&u, t.SetUint64(lo))
		u.Add(&u, s.Kappa)
		q.Quo(K, &u)
		q.Sqrt(&q)
		rho := q.Int64()
		gl := g[0]
		if s.Layered {
			gl = g[r/perLayer]
		}
		for j, v := range hr {
			rg := rho * gl[j]
			if v > -1<<21 && v < 1<<21 {
				x, _, _ := rescale.RoundShift(v*rg, k)
				out[r*s.Width+j] = x
				continue
			}
			t.SetInt64(v)
			t.Mul(&t, big.NewInt(rg))
			x, _, _ := rescale.RoundShiftBig(&t, k)
			out[r*s.Width+j] = x.Int64()
		}
	}
	return out
}

func mulU(a, b uint64) (hi, lo uint64) { return bits.Mul64(a, b) }
func addU(a, b uint64) (uint64, uint64) {
	s := a + b
	if s < a {
		return s, 1
	}
	return s, 0
}
