// Command benchtable reads `go test -bench` output on stdin and prints the
// metrics each benchmark reported — chiefly the ratios against a baseline
// measured in the same run — as one aligned table, with a line saying what
// each known metric compares. scripts/bench pipes into it.
//
//	go test -run XXX -bench . -benchtime 1x ./prover/sumcheck | go run ./internal/tools/benchtable
//
// Lines that are not benchmark results (pkg:, cpu:, PASS, ok …) are ignored;
// a "pkg:" line names the package of the results that follow.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// meanings says what a metric compares, for the metrics our benchmarks report.
var meanings = map[string]string{
	"ratio":           "Hyrax commit / raw MultiExp on the same rows (wall)",
	"cpu-ratio":       "Hyrax commit / raw MultiExp on the same rows (CPU)",
	"x_VectorMul":     "sumcheck prover / one fr.Vector.Mul of the same size (wall)",
	"cpu_x_VectorMul": "sumcheck prover / one fr.Vector.Mul of the same size (CPU)",
	"x_cleartext":     "ZK sumcheck / cleartext sumcheck (wall)",
	"x_plain":         "eq factored out / eq tabulated, same sumcheck (wall)",
	"cpu_x_plain":     "eq factored out / eq tabulated, same sumcheck (CPU)",
	"x_hadamard":      "lookup prover / one ZK Hadamard sumcheck of the same size (wall)",
	"cpu_x_hadamard":  "lookup prover / one ZK Hadamard sumcheck of the same size (CPU)",
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
	"fixed_s":         "plain fixed-point inference of the same tokens, wall seconds",
	"commit_s":        "whole-model prover, phase A (witness + advice commitment)",
	"gkr_s":           "whole-model prover, phase B (LogUp-GKR)",
	"gadgets_s":       "whole-model prover, phase C (padding + layer gadgets)",
	"red+open_s":      "whole-model prover, phase E (RED + blob openings)",
	"dlc_s":           "whole-model prover, phase F (DLC closing IPA)",
}

// result is one metric of one benchmark.
type result struct {
	pkg, bench, metric string
	value              float64
}

// parse reads go test -bench output.
func parse(r io.Reader) ([]result, error) {
	var out []result
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue // e.g. a log line that starts with a benchmark name
		}
		name := trimProcs(strings.TrimPrefix(f[0], "Benchmark"))
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("benchtable: %q: value %q is not a number", line, f[i])
			}
			out = append(out, result{pkg: pkg, bench: name, metric: f[i+1], value: v})
		}
	}
	return out, sc.Err()
}

// trimProcs drops the -GOMAXPROCS suffix go test appends to names.
func trimProcs(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
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

func write(w io.Writer, rs []result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tbenchmark\tmetric\tvalue\tcompares")
	for _, r := range rs {
		val, metric := format(r.metric, r.value)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", strings.TrimPrefix(r.pkg, "github.com/zkllm/zkllm/"), r.bench, metric, val, meanings[r.metric])
	}
	return tw.Flush()
}

func main() {
	rs, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(rs) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark results on stdin")
		os.Exit(1)
	}
	if err := write(os.Stdout, rs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
