package inference

import (
	"fmt"
	"testing"
	"time"

	"github.com/zkllm/zkllm/internal/memprobe"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/verifier"
)

// peakRSSMB reads the process's peak resident set (VmHWM) in MB.
func peakRSSMB() float64 { return float64(memprobe.PeakRSS()) / (1 << 20) }

// proveWarmed is set once BenchmarkProveStories has run one untimed proof.
var proveWarmed bool

// BenchmarkProveStories proves stories260K over T positions (storyPrompt,
// 16 tokens, then greedy ones) and reports the prover's wall time, the plain
// fixed-point inference of the same tokens and their ratio, the proof
// bytes, the verifier's time, the peak RSS and the split by phase.
// -short runs T = 64 only; the full set is 64, 128 and 256.
func BenchmarkProveStories(b *testing.B) {
	sizes := []int{64, 128, 256}
	if testing.Short() {
		sizes = sizes[:1]
	}
	c := stories(b)
	m := c.model
	for _, T := range sizes {
		b.Run(fmt.Sprintf("T=%d", T), func(b *testing.B) {
			st, err := m.GenerateStatement(storyPrompt, T+1-len(m.Tokenizer.Encode(storyPrompt)), sample.Rule{}, -1)
			if err != nil {
				b.Fatal(err)
			}
			tokens := st.Tokens
			// Warm-up, untimed: the baseline every run, the prover once per
			// process (generators, tables, fresh memory), so that the timed
			// proof pays none of the process's first-use costs (scripts/bench
			// runs one process per core count for the 1→N speed-up).
			if _, err := fixed.Forward(m.Quant, tokens[:T]); err != nil {
				b.Fatal(err)
			}
			if !proveWarmed {
				if _, _, err := Prove(m, st, Options{}); err != nil {
					b.Fatal(err)
				}
				proveWarmed = true
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := fixed.Forward(m.Quant, tokens[:T]); err != nil {
					b.Fatal(err)
				}
				infer := time.Since(start)
				start = time.Now()
				file, rep, err := Prove(m, st, Options{})
				if err != nil {
					b.Fatal(err)
				}
				prove := time.Since(start)
				start = time.Now()
				if _, err := verifier.Verify(m.PublicKey(), file); err != nil {
					b.Fatal(err)
				}
				verify := time.Since(start)
				b.ReportMetric(prove.Seconds(), "prove_s")
				b.ReportMetric(infer.Seconds(), "fixed_s")
				b.ReportMetric(prove.Seconds()/infer.Seconds(), "x_fixed")
				b.ReportMetric(float64(len(file)), "proof_B")
				b.ReportMetric(verify.Seconds(), "verify_s")
				b.ReportMetric(peakRSSMB(), "peak_RSS_MB")
				reportPhases(b, rep)
			}
		})
	}
}

// reportPhases reports a proof's time per phase (commit, gkr, gadgets,
// red+open, dlc) as <phase>_s metrics, and the cores each phase kept busy
// (its CPU time over its wall time) as <phase>_cores.
func reportPhases(b *testing.B, rep *layers.Report) {
	wall, cpu := map[string]float64{}, map[string]float64{}
	for _, s := range rep.Steps {
		key := map[string]string{"A": "commit", "B": "gkr", "C": "gadgets", "E": "red+open", "F": "dlc"}[s.Phase]
		wall[key] += s.Elapsed.Seconds()
		cpu[key] += s.CPU.Seconds()
	}
	for k, v := range wall {
		b.ReportMetric(v, k+"_s")
		if v > 0 && cpu[k] > 0 {
			b.ReportMetric(cpu[k]/v, k+"_cores")
		}
	}
}
