package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestFitRecoversCoefficients builds ProveLayer lines from a known cost law
// and checks that -fit returns it, and that it extrapolates to a ProofSizes
// case with the ForwardLayer baseline.
func TestFitRecoversCoefficients(t *testing.T) {
	const a, b, c = 0.7, 0.2, 5.0 // µs, µs, s
	var in strings.Builder
	in.WriteString("pkg: github.com/zkllm/zkllm/prover/inference\n")
	for _, r := range [][2]int{{23, 21}, {24, 21}, {23, 23}, {24, 25}, {25, 25}} {
		cpu := (a*math.Exp2(float64(r[0]))+b*math.Exp2(float64(r[1])))/1e6 + c
		fmt.Fprintf(&in, "BenchmarkProveLayer/d=%d/T=%d-2 1 1 ns/op %d advice_log %d weights_log %.6f prove_cpu_s 0.5 fixed_cpu_s 3000 peak_RSS_MB\n", 1<<r[1], r[0], r[0], r[1], cpu)
	}
	in.WriteString("BenchmarkProofSizes/layer/d=4096/T=512-2 1 1 ns/op 28 advice_log 29 weights_log\n")
	in.WriteString("BenchmarkForwardLayer/d=4096/T=512-2 1 1 ns/op 54.4 fixed_cpu_s\n")
	rep, err := parse(strings.NewReader(in.String()))
	if err != nil {
		t.Fatal(err)
	}
	ga, gb, gc, err := fitCost(layerRuns(rep))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(ga-a) > 1e-6 || math.Abs(gb-b) > 1e-6 || math.Abs(gc-c) > 1e-6 {
		t.Fatalf("fit = %.6f, %.6f, %.6f; want %v, %v, %v", ga, gb, gc, a, b, c)
	}
	var out bytes.Buffer
	if err := writeFit(&out, rep); err != nil {
		t.Fatal(err)
	}
	want := predict(a, b, c, 28, 29)
	for _, s := range []string{"over 5 ProveLayer runs", "layer/d=4096/T=512", fmt.Sprintf("%.0f", want), fmt.Sprintf("%.1f×", want/54.4)} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("-fit output lacks %q:\n%s", s, out.String())
		}
	}
}

func TestFitNeedsSeparableRuns(t *testing.T) {
	in := "BenchmarkProveLayer/x-2 1 1 ns/op 23 advice_log 21 weights_log 9 prove_cpu_s\n" +
		"BenchmarkProveLayer/y-2 1 1 ns/op 23 advice_log 21 weights_log 9.5 prove_cpu_s\n"
	rep, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := fitCost(layerRuns(rep)); err == nil {
		t.Fatal("a fit over 2 runs succeeded")
	}
	in += "BenchmarkProveLayer/z-2 1 1 ns/op 23 advice_log 21 weights_log 9.2 prove_cpu_s\n"
	if rep, err = parse(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := fitCost(layerRuns(rep)); err == nil {
		t.Fatal("a fit over runs of one size succeeded")
	}
}
