package sample

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/tables"
)

// Noise against a float64 evaluation of the same formula (equal up to
// float64 error, so within 1 unit).
func TestNoiseAgainstFloat64(t *testing.T) {
	seed := sha256.Sum256([]byte("zkllm test seed"))
	for g := range 3 {
		for v := range 200 {
			var msg [40]byte
			copy(msg[:], seed[:])
			binary.BigEndian.PutUint32(msg[32:], uint32(g))
			binary.BigEndian.PutUint32(msg[36:], uint32(v))
			h := sha256.Sum256(msg[:])
			u := (float64(binary.BigEndian.Uint32(h[:4])) + 0.5) / (1 << 32)
			want := math.Ldexp(-math.Log(-math.Log(u)), NoiseLog)
			if got := Noise(seed, g, v); math.Abs(float64(got)-want) > 1 {
				t.Fatalf("N[%d][%d] = %d, float64 %v", g, v, got, want)
			}
		}
	}
}

// Gumbel(0,1) has mean γ ≈ 0.5772 and variance π²/6.
func TestNoiseIsGumbel(t *testing.T) {
	var seed [32]byte
	row := NoiseRow(seed, 0, 4000)
	var sum, sq float64
	for _, n := range row {
		x := math.Ldexp(float64(n), -NoiseLog)
		sum += x
		sq += x * x
	}
	mean := sum / float64(len(row))
	vari := sq/float64(len(row)) - mean*mean
	if math.Abs(mean-0.5772) > 0.08 || math.Abs(vari-math.Pi*math.Pi/6) > 0.25 {
		t.Fatalf("mean %v variance %v", mean, vari)
	}
}

// The fast ln agrees with tables.Log to far below the rounding unit.
func TestLnAgainstTablesLog(t *testing.T) {
	for _, x := range []float64{1e-12, 0.5 / (1 << 32), 0.3, 0.999999, 1, 1.5, 2, 22.87, 1e9} {
		a := ln(newF().SetFloat64(x))
		b := tables.Log(new(big.Float).SetPrec(256).SetFloat64(x), 256)
		d := new(big.Float).Sub(a, b)
		if d.Abs(d).Cmp(big.NewFloat(1e-30)) > 0 {
			t.Errorf("ln(%v): off by %v", x, d)
		}
	}
}

func TestGoldenNoise(t *testing.T) {
	var seed [32]byte
	seed[0] = 7
	got := []int64{Noise(seed, 0, 0), Noise(seed, 0, 1), Noise(seed, 5, 511)}
	want := []int64{95020, -4424234, 18373179}
	if !slices.Equal(got, want) {
		t.Fatalf("noise %v, want %v", got, want)
	}
}

func TestGreedyTiesLowestID(t *testing.T) {
	id, err := Rule{}.Choose(0, []int64{3, 7, 7, -1})
	if err != nil || id != 1 {
		t.Fatalf("greedy %d %v", id, err)
	}
}

func TestTopK(t *testing.T) {
	logits := []int64{5, 9, 9, 1, 8}
	if m := Candidates(logits, 2); !slices.Equal(m, []bool{false, true, true, false, false}) {
		t.Fatalf("top-2 %v", m)
	}
	if m := Candidates(logits, 3); !slices.Equal(m, []bool{false, true, true, false, true}) {
		t.Fatalf("top-3 %v", m)
	}
	// Sampling never leaves the top-k set, whatever the seed.
	for s := range 50 {
		var seed [32]byte
		seed[0] = byte(s)
		id, err := Rule{Kind: Sample, Kappa: 1, TopK: 2, Seed: seed}.Choose(0, logits)
		if err != nil || (id != 1 && id != 2) {
			t.Fatalf("top-2 sample gave %d %v", id, err)
		}
	}
}

func TestSamplingDependsOnSeedAndTemperature(t *testing.T) {
	logits := make([]int64, 64)
	for i := range logits {
		logits[i] = int64(i%8) << 16
	}
	seen := map[int]bool{}
	for s := range 40 {
		var seed [32]byte
		seed[1] = byte(s)
		id, _ := Rule{Kind: Sample, Kappa: 1, Seed: seed}.Choose(0, logits) // temperature 256: near uniform
		seen[id] = true
	}
	if len(seen) < 10 {
		t.Fatalf("hot sampling hit only %d ids", len(seen))
	}
	// Very cold: always the greedy choice (first maximizer is id 7).
	for s := range 20 {
		var seed [32]byte
		seed[2] = byte(s)
		id, _ := Rule{Kind: Sample, Kappa: 1 << 16, Seed: seed}.Choose(3, logits)
		if logits[id] != 7<<16 {
			t.Fatalf("cold sampling chose logit %d", logits[id])
		}
	}
}

func TestRuleValidation(t *testing.T) {
	if k, err := KappaFromTemperature(1); err != nil || k != 256 {
		t.Fatal(k, err)
	}
	if k, _ := KappaFromTemperature(0.7); k != 366 {
		t.Fatalf("κ(0.7) = %d", k)
	}
	for _, bad := range []float64{0, -1, math.Inf(1), math.NaN(), 1e9} {
		if _, err := KappaFromTemperature(bad); err == nil {
			t.Errorf("temperature %v accepted", bad)
		}
	}
	for _, r := range []Rule{{Kind: Sample}, {Kind: 9}, {TopK: -1}, {TopK: 5}} {
		if _, err := r.Choose(0, []int64{1, 2, 3, 4}); err == nil {
			t.Errorf("rule %+v accepted", r)
		}
	}
}

func TestGenerate(t *testing.T) {
	// A toy "model": logits favour (last token + 1) mod 8.
	last := 0
	step := func(tok int) ([]int64, error) {
		last = tok
		l := make([]int64, 8)
		l[(tok+1)%8] = 10
		return l, nil
	}
	out, err := Generate(step, []int{1, 2}, 10, Rule{}, func(t int) bool { return t == 6 })
	if err != nil || !slices.Equal(out, []int{3, 4, 5, 6}) || last != 5 {
		t.Fatalf("generate %v %v last %d", out, err, last)
	}
	if _, err := Generate(step, nil, 3, Rule{}, nil); err == nil {
		t.Fatal("empty prompt accepted")
	}
}
