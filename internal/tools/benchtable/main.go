// Command benchtable reads `go test -bench` output on stdin and prints the
// metrics each benchmark reported — chiefly the ratios against a baseline
// measured in the same run — as one aligned table, with a line saying what
// each known metric compares. scripts/bench pipes into it.
//
//	go test -run XXX -bench . -benchtime 1x ./prover/sumcheck | go run ./internal/tools/benchtable
//
// Above the table it prints the CPU (go test's "cpu:" line) and its vector
// features (a "cpufeatures:" line, which `benchtable -features` prints for
// the machine it runs on: the flags gnark-crypto's fr.Vector kernels
// dispatch on, AVX-512 IFMA chief among them), since every ratio against a
// gnark kernel depends on them. Benchmarks run at several GOMAXPROCS
// (go test -cpu 1,N, or GOMAXPROCS set per process) keep their core count in the table, and a second table
// gives the 1→N-core speed-up of their wall-time metrics.
//
// Other lines (PASS, ok …) are ignored; a "pkg:" line names the package of
// the results that follow.
//
// With -fit it instead fits the whole-model prover's CPU time to the padded
// blob sizes over BenchmarkProveLayer runs and extrapolates to the
// BenchmarkProofSizes cases in the input (fit.go; docs/scale.md).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/consensys/gnark-crypto/utils/cpu"
)

// meanings says what a metric compares, for the metrics our benchmarks report.
var meanings = map[string]string{
	"ratio":           "Hyrax commit / raw MultiExp on the same rows (wall)",
	"cpu-ratio":       "Hyrax commit / raw MultiExp on the same rows (CPU)",
	"x_allcore":       "advice commit (row-parallel) / raw all-core MultiExp per row (wall)",
	"cpu_x_allcore":   "advice commit (row-parallel) / raw all-core MultiExp per row (CPU)",
	"x_VectorMul":     "sumcheck prover / one single-threaded fr.Vector.Mul of the same size (wall)",
	"cpu_x_VectorMul": "sumcheck prover / one single-threaded fr.Vector.Mul of the same size (CPU)",
	"VectorMul_ms":    "the fr.Vector.Mul baseline, wall ms",
	"prove_ms":        "the benchmark's prover, wall ms per op",
	"faults/op":       "minor page faults of the timed subject per op (fresh memory touched)",
	"x_cleartext":     "ZK sumcheck / cleartext sumcheck (wall)",
	"x_plain":         "eq factored out / eq tabulated, same sumcheck (wall)",
	"cpu_x_plain":     "eq factored out / eq tabulated, same sumcheck (CPU)",
	"x_hadamard":      "lookup prover / one ZK Hadamard sumcheck of 2^log_leaves (wall)",
	"cpu_x_hadamard":  "lookup prover / one ZK Hadamard sumcheck of 2^log_leaves (CPU)",
	"x_red1":          "RED with 64 claims covering the blob / RED with 1 claim (wall)",
	"cpu_x_red1":      "RED with 64 claims covering the blob / RED with 1 claim (CPU)",
	"verify/MSM(c)":   "opening verifier / one MSM over the row's c generators",
	"fixed/float-cpu": "fixed-point / float inference (CPU)",
	"tok/s":           "tokens per second (wall)",
	"cpu-tok/s":       "tokens per CPU second",
	"MB/s":            "SHA-256 throughput: the machine-speed yardstick",
	"speedup":         "deriving generators / loading the pinned file",
	"prove_s":         "gadget or model prover, wall seconds (phases A–F of its proof)",
	"verify_s":        "gadget or model verifier, wall seconds",
	"proof_B":         "proof bytes",
	"x_fixed":         "prover / the same operation computed by prover/model/fixed (wall)",
	"peak_RSS_MB":     "peak resident memory of the process, MB",
	"peak_heap_MB":    "largest Go heap in use during the proof (live + uncollected garbage), MB",
	"peak_live_MB":    "largest heap a collection marked live during the proof, MB (what a tight GOMEMLIMIT can approach)",
	"fixed_s":         "plain fixed-point inference of the same tokens, wall seconds",
	"commit_s":        "whole-model prover, phase A (witness + advice commitment)",
	"gkr_s":           "whole-model prover, phase B (LogUp-GKR)",
	"gadgets_s":       "whole-model prover, phase C (padding + layer gadgets)",
	"red+open_s":      "whole-model prover, phase E (RED + blob openings)",
	"dlc_s":           "whole-model prover, phase F (DLC closing IPA)",
	"commit_cores":    "phase A: CPU seconds / wall seconds (cores kept busy)",
	"gkr_cores":       "phase B: cores kept busy",
	"gadgets_cores":   "phase C: cores kept busy",
	"red+open_cores":  "phase E: cores kept busy",
	"dlc_cores":       "phase F: cores kept busy",

	// BenchmarkProveLayer, BenchmarkProofSizes (prover/inference; docs/scale.md)
	"prove_cpu_s":        "prover CPU seconds (user+sys, all cores)",
	"fixed_cpu_s":        "plain fixed-point inference of the same tokens, CPU seconds",
	"cpu_x_fixed":        "prover / the same fixed-point inference (CPU)",
	"owner_commit_s":     "the owner's weight commitment (setup, not proving), wall seconds",
	"owner_commit_cpu_s": "the owner's weight commitment, CPU seconds",
	"weights":            "model parameters the proof covers",
	"weights_log":        "log2 of the padded weight blob",
	"advice":             "advice entries (padded tensors and multiplicities)",
	"advice_log":         "log2 of the padded advice blob",
	"looked_up":          "looked-up entries (LogUp leaves without the tables)",
	"leaves_log":         "log2 of the LogUp tree's leaves",
	"est_peak_RSS_MB":    "BenchmarkProveLayer's peak-RSS estimate for that proof (fit in docs/scale.md)",
}

// result is one metric of one benchmark run at procs GOMAXPROCS.
type result struct {
	pkg, bench string
	procs      int
	metric     string
	value      float64
}

// report is everything parse keeps from the input.
type report struct {
	results  []result
	cpu      string // go test's "cpu:" line
	features string // the "cpufeatures:" line
}

// featuresPrefix starts the line `benchtable -features` prints.
const featuresPrefix = "cpufeatures: "

// features describes the vector features of this machine as gnark-crypto
// sees them (its fr.Vector kernels take the IFMA path only where
// cpu.SupportAVX512IFMA holds).
func features() string {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	return fmt.Sprintf("AVX-512 IFMA: %s (AVX-512: %s, ADX: %s; %d cores)",
		yes(cpu.SupportAVX512IFMA), yes(cpu.SupportAVX512), yes(cpu.SupportADX), runtime.NumCPU())
}

// parse reads go test -bench output.
func parse(r io.Reader) (*report, error) {
	rep := &report{}
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		if c, ok := strings.CutPrefix(line, "cpu: "); ok && rep.cpu == "" {
			rep.cpu = strings.TrimSpace(c)
			continue
		}
		if f, ok := strings.CutPrefix(line, featuresPrefix); ok {
			rep.features = strings.TrimSpace(f)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue // e.g. a log line that starts with a benchmark name
		}
		name, procs := splitProcs(strings.TrimPrefix(f[0], "Benchmark"))
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("benchtable: %q: value %q is not a number", line, f[i])
			}
			rep.results = append(rep.results, result{pkg: pkg, bench: name, procs: procs, metric: f[i+1], value: v})
		}
	}
	return rep, sc.Err()
}

// splitProcs splits the -GOMAXPROCS suffix go test appends to names (none
// means 1).
func splitProcs(name string) (string, int) {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if n, err := strconv.Atoi(name[i+1:]); err == nil && n > 0 {
			return name[:i], n
		}
	}
	return name, 1
}

// format prints v compactly; ns/op becomes a duration.
func format(metric string, v float64) (string, string) {
	switch metric {
	case "ns/op":
		return time.Duration(v).Round(time.Microsecond).String(), "time/op"
	case "B/op", "allocs/op":
		return strconv.FormatFloat(v, 'f', 0, 64), metric
	}
	if v != 0 && (v < 0.01 || v >= 1e6) {
		return strconv.FormatFloat(v, 'e', 3, 64), metric
	}
	return strconv.FormatFloat(v, 'f', 3, 64), metric
}

// speedupMetrics are the wall-time metrics whose 1→N-core ratio is printed.
var speedupMetrics = map[string]bool{"prove_ms": true, "prove_s": true}

// speedup is one benchmark's wall-time metric at 1 core and at N.
type speedup struct {
	pkg, bench, metric string
	n                  int
	one, many          float64
}

// speedups pairs each speedupMetrics result at 1 core with the same
// benchmark's result at the most cores present.
func speedups(rs []result) []speedup {
	type key struct{ pkg, bench, metric string }
	one := map[key]float64{}
	many := map[key]result{}
	var order []key
	for _, r := range rs {
		if !speedupMetrics[r.metric] {
			continue
		}
		k := key{r.pkg, r.bench, r.metric}
		if r.procs == 1 {
			if _, seen := one[k]; !seen {
				order = append(order, k)
			}
			one[k] = r.value
		} else if m, ok := many[k]; !ok || r.procs > m.procs {
			many[k] = r
		}
	}
	var out []speedup
	for _, k := range order {
		if m, ok := many[k]; ok {
			out = append(out, speedup{k.pkg, k.bench, k.metric, m.procs, one[k], m.value})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pkg < out[j].pkg })
	return out
}

func write(w io.Writer, rep *report) error {
	cpuName, feat := rep.cpu, rep.features
	if cpuName == "" {
		cpuName = "unknown (no cpu: line in the input)"
	}
	if feat == "" {
		feat = "AVX-512 IFMA: unknown (no cpufeatures: line in the input; benchtable -features prints it)"
	}
	fmt.Fprintf(w, "CPU: %s\nvector features: %s\n\n", cpuName, feat)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tbenchmark\tcpus\tmetric\tvalue\tcompares")
	for _, r := range rep.results {
		val, metric := format(r.metric, r.value)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", short(r.pkg), r.bench, r.procs, metric, val, meanings[r.metric])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	sp := speedups(rep.results)
	if len(sp) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\ncores speed-up (wall time at 1 core / at N cores, same run; vector features as above)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tbenchmark\tmetric\t1 core\tN cores\tN\tspeed-up")
	for _, s := range sp {
		one, _ := format(s.metric, s.one)
		many, _ := format(s.metric, s.many)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%.2f×\n", short(s.pkg), s.bench, s.metric, one, many, s.n, s.one/s.many)
	}
	return tw.Flush()
}

func short(pkg string) string { return strings.TrimPrefix(pkg, "github.com/zkllm/zkllm/") }

func main() {
	printFeatures := flag.Bool("features", false, "print this machine's "+strings.TrimSuffix(featuresPrefix, " ")+" line and exit")
	fit := flag.Bool("fit", false, "fit prove CPU s to the padded advice and weight blobs over the BenchmarkProveLayer runs on stdin, and extrapolate to its BenchmarkProofSizes cases (docs/scale.md)")
	flag.Parse()
	if *printFeatures {
		fmt.Println(featuresPrefix + features())
		return
	}
	rep, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(rep.results) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark results on stdin")
		os.Exit(1)
	}
	out := write
	if *fit {
		out = writeFit
	}
	if err := out(os.Stdout, rep); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
