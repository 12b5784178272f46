package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
)

// The -fit mode: least squares over BenchmarkProveLayer runs of
//
//	prove CPU s ≈ a·2^advice_log + b·2^weights_log + c
//
// (the prover's cost follows the padded advice and weight blobs; docs/scale.md),
// each run's residual, the peak RSS per padded entry of the larger blob, and
// the extrapolation to every BenchmarkProofSizes case in the input, with the
// ratio to BenchmarkForwardLayer's inference CPU where the input has it.

// layerRun is one BenchmarkProveLayer result.
type layerRun struct {
	name              string
	adviceLog, wLog   float64
	cpu, peakMB, base float64 // prover CPU s, peak RSS MB, inference CPU s
	liveMB            float64 // peak live heap MB (0 if not reported)
}

// byBench groups the input's metrics by benchmark name (the last core count wins).
func byBench(rep *report, prefix string) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, r := range rep.results {
		if !strings.HasPrefix(r.bench, prefix) {
			continue
		}
		if out[r.bench] == nil {
			out[r.bench] = map[string]float64{}
		}
		out[r.bench][r.metric] = r.value
	}
	return out
}

// layerRuns picks the ProveLayer runs that carry every metric the fit needs.
func layerRuns(rep *report) []layerRun {
	var runs []layerRun
	for name, m := range byBench(rep, "ProveLayer/") {
		a, okA := m["advice_log"]
		w, okW := m["weights_log"]
		c, okC := m["prove_cpu_s"]
		if !okA || !okW || !okC {
			continue
		}
		runs = append(runs, layerRun{name: name, adviceLog: a, wLog: w, cpu: c, peakMB: m["peak_RSS_MB"], base: m["fixed_cpu_s"], liveMB: m["peak_live_MB"]})
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].name < runs[j].name })
	return runs
}

// fitCost fits the prover's CPU seconds: a and b in µs per padded entry.
func fitCost(runs []layerRun) (a, b, c float64, err error) {
	return fitLinear(runs, func(r layerRun) float64 { return r.cpu })
}

// fitLinear solves the 3×3 normal equations of y ≈ a·2^A + b·2^W + c, with a
// and b per 10^6 entries (µs per entry for seconds, B per entry for MB).
// Blob sizes are scaled to 2^20 entries so the system stays well
// conditioned.
func fitLinear(runs []layerRun, y func(layerRun) float64) (a, b, c float64, err error) {
	if len(runs) < 3 {
		return 0, 0, 0, errors.New("benchtable -fit: need at least 3 ProveLayer runs with advice_log, weights_log and prove_cpu_s")
	}
	var ata [3][4]float64
	for _, r := range runs {
		x := [3]float64{math.Exp2(r.adviceLog - 20), math.Exp2(r.wLog - 20), 1}
		for i := range 3 {
			for j := range 3 {
				ata[i][j] += x[i] * x[j]
			}
			ata[i][3] += x[i] * y(r)
		}
	}
	// Gaussian elimination with partial pivoting.
	for col := range 3 {
		p := col
		for r := col + 1; r < 3; r++ {
			if math.Abs(ata[r][col]) > math.Abs(ata[p][col]) {
				p = r
			}
		}
		if math.Abs(ata[p][col]) < 1e-12 {
			return 0, 0, 0, errors.New("benchtable -fit: the runs do not separate the advice and weight terms (vary both widths and positions)")
		}
		ata[col], ata[p] = ata[p], ata[col]
		for r := range 3 {
			if r == col {
				continue
			}
			f := ata[r][col] / ata[col][col]
			for k := col; k < 4; k++ {
				ata[r][k] -= f * ata[col][k]
			}
		}
	}
	scale := math.Exp2(20) / 1e6 // per 2^20 entries → per 10^6 entries
	return ata[0][3] / ata[0][0] / scale, ata[1][3] / ata[1][1] / scale, ata[2][3] / ata[2][2], nil
}

// predict is the fitted prover CPU seconds for blob logs A and W.
func predict(a, b, c, adviceLog, wLog float64) float64 {
	return (a*math.Exp2(adviceLog)+b*math.Exp2(wLog))/1e6 + c
}

// writeFit prints the fit, the residuals, peak memory per entry and the
// extrapolations.
func writeFit(w io.Writer, rep *report) error {
	runs := layerRuns(rep)
	a, b, c, err := fitCost(runs)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "fit over %d ProveLayer runs: prove CPU s ≈ %.3f µs·2^advice_log + %.3f µs·2^weights_log + %.1f s\n\n", len(runs), a, b, c)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "run\tadvice_log\tweights_log\tprove CPU s\tfitted\tresidual\tinference CPU s\tCPU ratio\tpeak MB\tB/entry (larger blob)\tlive MB\tlive B/entry")
	maxPerEntry, maxLive := 0.0, 0.0
	for _, r := range runs {
		f := predict(a, b, c, r.adviceLog, r.wLog)
		entries := math.Exp2(math.Max(r.adviceLog, r.wLog))
		perEntry, livePer := r.peakMB*1e6/entries, r.liveMB*1e6/entries
		maxPerEntry, maxLive = math.Max(maxPerEntry, perEntry), math.Max(maxLive, livePer)
		ratio := "-"
		if r.base > 0 {
			ratio = fmt.Sprintf("%.0f×", r.cpu/r.base)
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.1f\t%.1f\t%+.0f%%\t%.3g\t%s\t%.0f\t%.0f\t%.0f\t%.0f\n", r.name, r.adviceLog, r.wLog, r.cpu, f, 100*(f-r.cpu)/r.cpu, r.base, ratio, r.peakMB, perEntry, r.liveMB, livePer)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	sizes := byBench(rep, "ProofSizes/")
	if len(sizes) == 0 {
		return nil
	}
	bases := map[string]float64{} // "d=…/T=…" → inference CPU s
	for name, m := range byBench(rep, "ForwardLayer/") {
		bases[strings.TrimPrefix(name, "ForwardLayer/")] = m["fixed_cpu_s"]
	}
	// Memory: the same linear law where it fits (MB → B per entry), else the
	// largest per-entry figure measured times the larger blob.
	memory := func(y func(layerRun) float64, maxPer float64) func(al, wl float64) float64 {
		ma, mb, mc, err := fitLinear(runs, y)
		if err != nil || ma < 0 || mb < 0 {
			fmt.Fprintf(w, "(memory: no linear fit; %.0f B per entry of the larger blob)\n", maxPer)
			return func(al, wl float64) float64 { return maxPer * math.Exp2(math.Max(al, wl)) / 1e9 }
		}
		fmt.Fprintf(w, "  ≈ %.1f B·2^advice_log + %.1f B·2^weights_log + %.0f MB\n", ma, mb, mc)
		return func(al, wl float64) float64 { return (ma*math.Exp2(al)+mb*math.Exp2(wl))/1e9 + mc/1e3 }
	}
	fmt.Fprintln(w, "\npeak RSS fit:")
	peakGB := memory(func(r layerRun) float64 { return r.peakMB }, maxPerEntry)
	liveGB := func(al, wl float64) float64 { return 0 }
	if maxLive > 0 {
		fmt.Fprintln(w, "peak live heap fit:")
		liveGB = memory(func(r layerRun) float64 { return r.liveMB }, maxLive)
	}
	fmt.Fprintln(w, "\nextrapolated with the fits above:")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "proof\tadvice_log\tweights_log\tprove CPU s\tinference CPU s\tratio\tpeak GB\tlive GB")
	names := make([]string, 0, len(sizes))
	for n := range sizes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := sizes[n]
		al, wl := m["advice_log"], m["weights_log"]
		p := predict(a, b, c, al, wl)
		base, ratio := "-", "-"
		if v, ok := bases[strings.TrimPrefix(n, "ProofSizes/layer/")]; ok && v > 0 {
			base, ratio = fmt.Sprintf("%.1f", v), fmt.Sprintf("%.1f×", p/v)
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.0f\t%s\t%s\t%.1f\t%.1f\n", strings.TrimPrefix(n, "ProofSizes/"), al, wl, p, base, ratio, peakGB(al, wl), liveGB(al, wl))
	}
	return tw.Flush()
}
