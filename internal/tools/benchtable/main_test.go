package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
pkg: github.com/zkllm/zkllm/prover/sumcheck
cpu: Some CPU
BenchmarkEqWeightedSumcheck-2   	       1	  12500000 ns/op	         0.7100 cpu_x_plain	         0.6900 x_plain
BenchmarkProductSumcheck/zk-2  	       1	 2000000000 ns/op	  33.00 x_VectorMul
PASS
ok  	github.com/zkllm/zkllm/prover/sumcheck	3.1s
pkg: github.com/zkllm/zkllm/prover/model/fixed
BenchmarkInference/sha256-yardstick-2  1  550000 ns/op  1906.50 MB/s
`

func TestParse(t *testing.T) {
	rs, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{"github.com/zkllm/zkllm/prover/sumcheck", "EqWeightedSumcheck", "ns/op", 12500000},
		{"github.com/zkllm/zkllm/prover/sumcheck", "EqWeightedSumcheck", "cpu_x_plain", 0.71},
		{"github.com/zkllm/zkllm/prover/sumcheck", "EqWeightedSumcheck", "x_plain", 0.69},
		{"github.com/zkllm/zkllm/prover/sumcheck", "ProductSumcheck/zk", "ns/op", 2e9},
		{"github.com/zkllm/zkllm/prover/sumcheck", "ProductSumcheck/zk", "x_VectorMul", 33},
		{"github.com/zkllm/zkllm/prover/model/fixed", "Inference/sha256-yardstick", "ns/op", 550000},
		{"github.com/zkllm/zkllm/prover/model/fixed", "Inference/sha256-yardstick", "MB/s", 1906.5},
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
	if err := write(&buf, rs); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{"prover/sumcheck", "x_plain", "0.690", "eq factored out", "time/op", "2s", "MB/s", "yardstick"} {
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

func TestTrimProcs(t *testing.T) {
	for in, want := range map[string]string{"A-2": "A", "A/b-c-16": "A/b-c", "A/x-y": "A/x-y", "A": "A"} {
		if got := trimProcs(in); got != want {
			t.Errorf("trimProcs(%q) = %q, want %q", in, got, want)
		}
	}
}
