package inference

import (
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/internal/cputime"
	"github.com/zkllm/zkllm/internal/memprobe"
	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/mle"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/model/synth"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/verifier"
)

// layerConfig is LLaMA-2-7B's layer shape with every width divided by div
// (head size 128 kept: d = 4096/div, d_ff = 11008/div, 32/div heads), one
// layer, and stories260K's 512-token vocabulary (its tokenizer stands in:
// the embedding and classifier are then 512 × d, not 32000 × d).
func layerConfig(div, T int) model.Config {
	c := synth.Config7B(1)
	c.Dim, c.HiddenDim = c.Dim/div, c.HiddenDim/div
	c.NHeads, c.NKVHeads = c.NHeads/div, c.NKVHeads/div
	c.VocabSize = 512
	c.SeqLen = max(c.SeqLen, T+1)
	return c
}

// envInts reads a comma-separated list of positive integers from the
// environment, or def when unset.
func envInts(b *testing.B, name string, def []int) []int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("%s=%q: want positive integers separated by commas", name, s)
		}
		out = append(out, n)
	}
	return out
}

// memAvailableMB reads MemAvailable from /proc/meminfo (0 if unknown).
func memAvailableMB() float64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkProveLayer proves one LLaMA-2-7B-shaped layer end to end: a
// one-layer synthetic model (layerConfig: random int16 weights, 512-token
// vocabulary) is committed by its owner (not timed as proving; owner_commit_s),
// a greedy generation of T positions is proved with the whole-model prover
// (every gadget, both pools, the closing DLC) and verified. It reports the
// prover's wall and CPU time, the fixed-point inference of the same
// positions in the same run and the ratios, the prover's peak RSS (VmHWM
// restarted after setup), the proof bytes, the verifier's time and the
// phase split.
//
// ZKLLM_LAYER_DIV divides the widths (1: the 7B layer; default 16 with
// -short, else 1); ZKLLM_LAYER_T lists the positions (default 16 with
// -short, else 512). A size whose estimated peak (scaleEstimateMB) exceeds
// the memory available is skipped with the estimate, not run into the OOM
// killer; ZKLLM_LAYER_FORCE=1 runs it anyway.
func BenchmarkProveLayer(b *testing.B) {
	defDiv, defT := []int{1}, []int{512}
	if testing.Short() {
		defDiv, defT = []int{16}, []int{16}
	}
	divs, Ts := envInts(b, "ZKLLM_LAYER_DIV", defDiv), envInts(b, "ZKLLM_LAYER_T", defT)
	_, tokFile, err := models.Stories260K()
	if err != nil {
		b.Fatal(err)
	}
	tok, err := llama2c.DecodeTokenizer(tokFile.Data, 512)
	if err != nil {
		b.Fatal(err)
	}
	for _, div := range divs {
		if 4096%div != 0 || 11008%div != 0 || 32%div != 0 {
			b.Fatalf("ZKLLM_LAYER_DIV=%d must divide 4096, 11008 and 32", div)
		}
		cfg := layerConfig(div, slices.Max(Ts))
		b.Run(fmt.Sprintf("d=%d", cfg.Dim), func(b *testing.B) {
			// Skip the width (and its commitment) only when even its smallest T cannot fit.
			if est, avail := scaleEstimateMB(cfg, slices.Min(Ts)), memAvailableMB(); avail > 0 && est > avail && os.Getenv("ZKLLM_LAYER_FORCE") != "1" {
				b.Skipf("d = %d at T = %d needs an estimated %.0f MB, %.0f MB available (ZKLLM_LAYER_FORCE=1 runs it)", cfg.Dim, slices.Min(Ts), est, avail)
			}
			var seed [32]byte
			q, err := synth.QuantizedSeeded(cfg, seed)
			if err != nil {
				b.Fatal(err)
			}
			start, cpu0 := time.Now(), cputime.Process().Seconds()
			c := commitQuant(b, q, tok, []spec.SourceFile{{Role: "synthetic", Name: fmt.Sprintf("llama2-7b-layer-div%d", div), SHA256: sha256.Sum256(fmt.Appendf(nil, "%+v", cfg))}}, false)
			commit, commitCPU := time.Since(start), cputime.Process().Seconds()-cpu0
			for _, T := range Ts {
				b.Run(fmt.Sprintf("T=%d", T), func(b *testing.B) {
					if est, avail := scaleEstimateMB(cfg, T), memAvailableMB(); avail > 0 && est > avail && os.Getenv("ZKLLM_LAYER_FORCE") != "1" {
						b.Skipf("T = %d needs an estimated %.0f MB, %.0f MB available", T, est, avail)
					}
					proveLayerOnce(b, c.model, cfg, T)
					// After the loop: b.Loop's first call deletes earlier metrics.
					b.ReportMetric(commit.Seconds(), "owner_commit_s")
					b.ReportMetric(commitCPU, "owner_commit_cpu_s")
				})
			}
		})
	}
}

// proveLayerOnce generates T positions, times the fixed-point inference of
// them, proves and verifies, and reports the metrics of BenchmarkProveLayer.
func proveLayerOnce(b *testing.B, m *Model, cfg model.Config, T int) {
	prompt := "Once upon a time"
	p := len(m.Tokenizer.Encode(prompt))
	st, err := m.GenerateStatement(prompt, T+1-p, sample.Rule{}, -1)
	if err != nil {
		b.Fatal(err)
	}
	// The padded blob sizes the prover's cost follows (docs/scale.md fits
	// prove_cpu_s against them).
	sz, err := sizesOf(cfg, T, p)
	if err != nil {
		b.Fatal(err)
	}
	tokens := st.Tokens
	for b.Loop() {
		start, cpu0 := time.Now(), cputime.Process().Seconds()
		if _, err := fixed.Forward(m.Quant, tokens[:T]); err != nil {
			b.Fatal(err)
		}
		infer, inferCPU := time.Since(start), cputime.Process().Seconds()-cpu0
		reset := memprobe.ResetPeak()
		var stepPeaks []string
		opt := Options{Progress: func(s layers.Step) {
			if s.Done && s.Elapsed > time.Second {
				stepPeaks = append(stepPeaks, fmt.Sprintf("%s/%s %.1fs on %.1f cores, peak %.0f MB, live %.0f MB", s.Phase, s.Name, s.Elapsed.Seconds(), s.CPU.Seconds()/s.Elapsed.Seconds(), peakRSSMB(), liveHeapMB()))
			}
		}}
		stop := heapProfileAtPeak(b, os.Getenv("ZKLLM_LAYER_HEAPPROF"))
		heap := memprobe.StartHeap(20 * time.Millisecond)
		start, cpu0 = time.Now(), cputime.Process().Seconds()
		file, rep, err := Prove(m, st, opt)
		prove, proveCPU := time.Since(start), cputime.Process().Seconds()-cpu0
		heapPeak := heap.Stop()
		stop()
		if err != nil {
			b.Fatal(err)
		}
		peak := peakRSSMB()
		start = time.Now()
		if _, err := verifier.Verify(m.PublicKey(), file); err != nil {
			b.Fatal(err)
		}
		verify := time.Since(start)
		b.ReportMetric(prove.Seconds(), "prove_s")
		b.ReportMetric(proveCPU, "prove_cpu_s")
		b.ReportMetric(infer.Seconds(), "fixed_s")
		b.ReportMetric(inferCPU, "fixed_cpu_s")
		b.ReportMetric(prove.Seconds()/infer.Seconds(), "x_fixed")
		b.ReportMetric(proveCPU/inferCPU, "cpu_x_fixed")
		b.ReportMetric(float64(len(file)), "proof_B")
		b.ReportMetric(verify.Seconds(), "verify_s")
		b.ReportMetric(float64(heapPeak)/(1<<20), "peak_heap_MB")
		b.ReportMetric(float64(heap.PeakLive())/(1<<20), "peak_live_MB")
		b.ReportMetric(float64(sz.AdviceLog), "advice_log")
		b.ReportMetric(float64(sz.WeightsLog), "weights_log")
		if reset {
			b.ReportMetric(peak, "peak_RSS_MB")
		} else {
			b.ReportMetric(peak, "peak_RSS_MB_incl_setup")
		}
		reportPhases(b, rep)
		if len(stepPeaks) > 0 {
			b.Logf("T = %d, steps over 1 s (cores busy, peak RSS and live heap after each): %s", T, strings.Join(stepPeaks, "; "))
		}
	}
}

// liveHeapMB is the heap the last collection marked live, in MB.
func liveHeapMB() float64 { return float64(memprobe.LiveHeap()) / (1 << 20) }

// heapProfileAtPeak, when path is set, watches the live heap (as the last
// collection marked it) every 20 ms until stop is called and writes a heap
// profile to path.<benchmark name> each time it grows 5% past its previous
// maximum. A heap profile shows the allocations live at the last collection,
// so the last one written shows what was live at the prover's peak.
func heapProfileAtPeak(b *testing.B, path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	path += "." + strings.NewReplacer("/", "_", "=", "").Replace(b.Name())
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		var top uint64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			live := memprobe.LiveHeap()
			if live <= top+top/20 {
				continue
			}
			top = live
			if err := atomicfile.WriteFrom(path, 0o644, func(w io.Writer) error { return pprof.Lookup("heap").WriteTo(w, 0) }); err != nil {
				b.Errorf("heap profile: %v", err)
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}

// scaleEstimateMB is the peak RSS BenchmarkProveLayer expects for cfg at T
// positions, in MB, without a memory limit: twice the live heap fitted in
// docs/scale.md (11.2 B per padded advice entry + 7.9 B per padded weight
// entry + 293 MB; with GOGC = 100 the heap grows to about twice the live
// set between collections). The 7B layer at 512 tokens: ≈ 15 GB (measured
// 11.9–14.4 GB without a tight limit). 0 if the shapes are invalid.
func scaleEstimateMB(cfg model.Config, T int) float64 {
	s, err := sizesOf(cfg, T, 5)
	if err != nil {
		return 0
	}
	return estimateMB(s)
}

// estimateMB is scaleEstimateMB's fit applied to a proof's sizes.
func estimateMB(s *proofSizes) float64 {
	return 2 * ((11.2*math.Ldexp(1, int(s.AdviceLog))+7.9*math.Ldexp(1, s.WeightsLog))/(1<<20) + 293)
}

// proofSizes is the shape of a proof, from the public gadgets alone (no
// witness, no weights): what the prover's memory and time scale with.
type proofSizes struct {
	Weights             int64            // parameters
	WeightsLog          int              // weight blob log size (padded tensors)
	Advice, AdviceLog   int64            // Σ padded advice tensors (with multiplicities); blob log size
	Leaves, LeavesLog   int64            // LogUp leaves: Σ lookup and table segments; tree log size
	AdviceBy, LeavesBy  map[string]int64 // per gadget
	Lookups, TableLeafs int64            // looked-up entries; table entries
}

// sizesOf builds the verifier's gadgets for cfg over T positions with a
// prompt of p tokens and sums their advice tensors and lookups as the
// engine's plan places them.
func sizesOf(cfg model.Config, T, p int) (*proofSizes, error) {
	tokens := make([]int, T+1)
	pub, err := verifier.PublicOf(cfg, synth.Exponents(cfg), tokens, p, sample.Rule{})
	if err != nil {
		return nil, err
	}
	gs, err := verifier.Gadgets(pub)
	if err != nil {
		return nil, err
	}
	s := &proofSizes{Weights: int64(cfg.ParamCount()), AdviceBy: map[string]int64{}, LeavesBy: map[string]int64{}}
	var specs []pedersen.TensorSpec
	var lks []tlookup.Lookup
	for _, g := range gs {
		ts, err := g.Tensors()
		if err != nil {
			return nil, err
		}
		l, err := g.Lookups()
		if err != nil {
			return nil, err
		}
		specs, lks = append(specs, ts...), append(lks, l...)
		for _, t := range ts {
			n := int64(1)
			for _, d := range t.Shape {
				n *= int64(1) << mle.Log2Ceil(int(d))
			}
			s.AdviceBy[g.Name()] += n
		}
		for _, lk := range l {
			s.LeavesBy[g.Name()] += int64(1) << lk.LogSize
			s.Lookups += int64(1) << lk.LogSize
		}
	}
	lay, err := tlookup.NewLayout(tlookup.Spec{Lookups: lks})
	if err != nil {
		return nil, err
	}
	for _, t := range lay.Tables {
		specs = append(specs, pedersen.TensorSpec{Name: tlookup.MultName(t), Shape: []uint64{uint64(t.Size())}})
		s.AdviceBy["multiplicities"] += int64(t.Size())
		s.TableLeafs += int64(t.Size())
	}
	s.Leaves, s.LeavesLog = s.Lookups+s.TableLeafs, int64(lay.LogLeaves)
	place, err := pedersen.Place(specs)
	if err != nil {
		return nil, err
	}
	s.AdviceLog = int64(place.LogSize)
	for _, n := range s.AdviceBy {
		s.Advice += n
	}
	wb, err := owner.BlobForConfig(cfg)
	if err != nil {
		return nil, err
	}
	s.WeightsLog = wb.Layout.LogSize
	return s, nil
}

// BenchmarkProofSizes sizes (sizesOf, nothing is proved) the one-layer
// 7B-shaped proofs of BenchmarkProveLayer and LLaMA-2-7B itself (32 layers,
// 32,000 tokens) at 2048 positions with a one-token prompt: weights, advice
// entries and LogUp leaves, the quantities docs/scale.md extrapolates with.
func BenchmarkProofSizes(b *testing.B) {
	type size struct {
		name string
		cfg  model.Config
		T, P int
	}
	var cases []size
	for _, div := range []int{16, 8, 4, 1} {
		for _, T := range []int{16, 64, 512, 2048} {
			c := layerConfig(div, T)
			cases = append(cases, size{fmt.Sprintf("layer/d=%d/T=%d", c.Dim, T), c, T, 5})
		}
	}
	full := synth.Config7B(32)
	cases = append(cases, size{"llama2-7b/T=2048", full, 2048, 1})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var s *proofSizes
			var err error
			for b.Loop() {
				if s, err = sizesOf(c.cfg, c.T, c.P); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(s.Weights), "weights")
			b.ReportMetric(float64(s.WeightsLog), "weights_log")
			b.ReportMetric(float64(s.Advice), "advice")
			b.ReportMetric(float64(s.AdviceLog), "advice_log")
			b.ReportMetric(float64(s.Lookups), "looked_up")
			b.ReportMetric(float64(s.LeavesLog), "leaves_log")
			b.ReportMetric(estimateMB(s), "est_peak_RSS_MB")
			var by []string
			for _, g := range slices.Sorted(maps.Keys(s.AdviceBy)) {
				by = append(by, fmt.Sprintf("%s %.3g/%.3g", g, float64(s.AdviceBy[g]), float64(s.LeavesBy[g])))
			}
			b.Logf("advice/looked-up entries by gadget: %s", strings.Join(by, ", "))
		})
	}
}

// BenchmarkForwardLayer times the fixed-point inference (fixed.Forward, the
// witness pass BenchmarkProveLayer compares with) of the one-layer
// 7B-shaped model alone, at the positions of ZKLLM_LAYER_T (default 16 with
// -short, else 16, 64 and 512) and the widths of ZKLLM_LAYER_DIV (default
// 1): the baseline at sizes the prover cannot reach on a small machine.
func BenchmarkForwardLayer(b *testing.B) {
	defT := []int{16, 64, 512}
	if testing.Short() {
		defT = defT[:1]
	}
	divs, Ts := envInts(b, "ZKLLM_LAYER_DIV", []int{1}), envInts(b, "ZKLLM_LAYER_T", defT)
	for _, div := range divs {
		cfg := layerConfig(div, slices.Max(Ts))
		var seed [32]byte
		q, err := synth.QuantizedSeeded(cfg, seed)
		if err != nil {
			b.Fatal(err)
		}
		for _, T := range Ts {
			b.Run(fmt.Sprintf("d=%d/T=%d", cfg.Dim, T), func(b *testing.B) {
				tokens := make([]int, T)
				for i := range tokens {
					tokens[i] = (i*7 + 403) % cfg.VocabSize
				}
				cpu0 := cputime.Process().Seconds()
				for b.Loop() {
					if _, err := fixed.Forward(q, tokens); err != nil {
						b.Fatal(err)
					}
				}
				n := float64(b.N)
				b.ReportMetric(b.Elapsed().Seconds()/n, "fixed_s")
				b.ReportMetric((cputime.Process().Seconds()-cpu0)/n, "fixed_cpu_s")
			})
		}
	}
}
