package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `cpufeatures: AVX-512 IFMA: yes (AVX-512: yes, ADX: yes; 2 cores)
goos: linux
pkg: github.com/zkllm/zkllm/prover/sumcheck
cpu: Some CPU
BenchmarkEqWeightedSumcheck-2   	       1	  12500000 ns/op	         0.7100 cpu_x_plain	         0.6900 x_plain
BenchmarkProductSumcheck/zk-2  	       1	 2000000000 ns/op	  33.00 x_VectorMul
BenchmarkProductSumcheck/zk  	       1	 3000000000 ns/op	  60.00 prove_ms
BenchmarkProductSumcheck/zk-2  	       1	 2000000000 ns/op	  40.00 prove_ms
PASS
ok  	github.com/zkllm/zkllm/prover/sumcheck	3.1s
pkg: github.com/zkllm/zkllm/prover/model/fixed
BenchmarkInference/sha256-yardstick-2  1  550000 ns/op  1906.50 MB/s
`

func TestParse(t *testing.T) {
	rep, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	const sc, fx = "github.com/zkllm/zkllm/prover/sumcheck", "github.com/zkllm/zkllm/prover/model/fixed"
	want := []result{
		{sc, "EqWeightedSumcheck", 2, "ns/op", 12500000},
		{sc, "EqWeightedSumcheck", 2, "cpu_x_plain", 0.71},
		{sc, "EqWeightedSumcheck", 2, "x_plain", 0.69},
		{sc, "ProductSumcheck/zk", 2, "ns/op", 2e9},
		{sc, "ProductSumcheck/zk", 2, "x_VectorMul", 33},
		{sc, "ProductSumcheck/zk", 1, "ns/op", 3e9},
		{sc, "ProductSumcheck/zk", 1, "prove_ms", 60},
		{sc, "ProductSumcheck/zk", 2, "ns/op", 2e9},
		{sc, "ProductSumcheck/zk", 2, "prove_ms", 40},
		{fx, "Inference/sha256-yardstick", 2, "ns/op", 550000},
		{fx, "Inference/sha256-yardstick", 2, "MB/s", 1906.5},
	}
	rs := rep.results
	if rep.cpu != "Some CPU" || !strings.HasPrefix(rep.features, "AVX-512 IFMA: yes") {
		t.Errorf("cpu %q, features %q", rep.cpu, rep.features)
	}
	if len(rs) != len(want) {
		t.Fatalf("%d results, want %d: %+v", len(rs), len(want), rs)
	}
	for i := range want {
		if rs[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, rs[i], want[i])
		}
	}
	var buf bytes.Buffer
	if err := write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{"CPU: Some CPU", "vector features: AVX-512 IFMA: yes", "prover/sumcheck", "x_plain", "0.690", "eq factored out",
		"time/op", "2s", "MB/s", "yardstick", "cores speed-up", "1.50×"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
}

func TestParseRejectsGarbledValue(t *testing.T) {
	if _, err := parse(strings.NewReader("BenchmarkX-2  1  abc ns/op\n")); err == nil {
		t.Fatal("a non-numeric value was accepted")
	}
}

func TestSplitProcs(t *testing.T) {
	type np struct {
		name  string
		procs int
	}
	for in, want := range map[string]np{"A-2": {"A", 2}, "A/b-c-16": {"A/b-c", 16}, "A/x-y": {"A/x-y", 1}, "A": {"A", 1}, "A/T=64": {"A/T=64", 1}} {
		if name, procs := splitProcs(in); name != want.name || procs != want.procs {
			t.Errorf("splitProcs(%q) = %q, %d, want %+v", in, name, procs, want)
		}
	}
}

// Without a cpu: or cpufeatures: line the header says so instead of
// guessing, and with one core count only there is no speed-up table.
func TestHeaderUnknownAndNoSpeedup(t *testing.T) {
	rep, err := parse(strings.NewReader("BenchmarkX-2  1  5 ns/op  2.0 prove_ms\n"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "CPU: unknown") || !strings.Contains(out, "AVX-512 IFMA: unknown") || strings.Contains(out, "speed-up") {
		t.Errorf("unexpected table:\n%s", out)
	}
}

func TestFeaturesLine(t *testing.T) {
	f := features()
	if !strings.HasPrefix(f, "AVX-512 IFMA: yes") && !strings.HasPrefix(f, "AVX-512 IFMA: no") {
		t.Fatalf("features() = %q", f)
	}
}
