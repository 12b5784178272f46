package sample

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/zkllm/zkllm/prover/tables"
)

// Constants of §7.11.
const (
	KappaLog = 8  // κ = round(2^8/temperature)
	NoiseLog = 24 // N is at 2^24
	// MaxKappa bounds κ so that κ·ℓ (ℓ < 2^23) stays far inside int64.
	MaxKappa = 1 << 24
)

// ErrRule reports an invalid decoding rule.
var ErrRule = errors.New("sample: invalid decoding rule")

// Kind selects greedy or Gumbel-max sampling.
type Kind uint8

const (
	Greedy Kind = iota
	Sample
)

// Rule is a decoding rule as the statement carries it.
type Rule struct {
	Kind  Kind
	Kappa int64    // Sample only: κ ≥ 1
	TopK  int      // 0 or V: no top-k restriction; else 1 ≤ TopK ≤ V
	Seed  [32]byte // Sample only
}

// KappaFromTemperature returns κ = round(2^8/temperature), ties to even.
// One IEEE division and a rounding: identical on every platform.
func KappaFromTemperature(temperature float64) (int64, error) {
	if !(temperature > 0) || math.IsInf(temperature, 0) {
		return 0, fmt.Errorf("%w: temperature %v must be positive and finite", ErrRule, temperature)
	}
	k := math.RoundToEven(256 / temperature)
	if k < 1 || k > MaxKappa {
		return 0, fmt.Errorf("%w: temperature %v gives κ = %v outside [1, %d]", ErrRule, temperature, k, MaxKappa)
	}
	return int64(k), nil
}

// Validate checks the rule for a vocabulary of v tokens.
func (r Rule) Validate(v int) error {
	switch r.Kind {
	case Greedy:
	case Sample:
		if r.Kappa < 1 || r.Kappa > MaxKappa {
			return fmt.Errorf("%w: κ = %d outside [1, %d]", ErrRule, r.Kappa, MaxKappa)
		}
	default:
		return fmt.Errorf("%w: kind %d", ErrRule, r.Kind)
	}
	if r.TopK < 0 || r.TopK > v {
		return fmt.Errorf("%w: top-k %d outside [0, %d]", ErrRule, r.TopK, v)
	}
	return nil
}

// Noise returns N[g][v] = round(2^24·(−ln(−ln U))).
func Noise(seed [32]byte, g, v int) int64 {
	var msg [40]byte
	copy(msg[:], seed[:])
	binary.BigEndian.PutUint32(msg[32:], uint32(g))
	binary.BigEndian.PutUint32(msg[36:], uint32(v))
	h := sha256.Sum256(msg[:])
	// U = (x + ½)/2^32 = (2x + 1)/2^33, exact at any precision ≥ 34 bits.
	x := uint64(binary.BigEndian.Uint32(h[:4]))
	u := newF().SetUint64(2*x + 1)
	u.SetMantExp(u, -33)
	l := ln(u) // ln U < 0
	l.Neg(l)   // −ln U > 0
	l = ln(l)  // ln(−ln U)
	l.Neg(l)
	l.SetMantExp(l, NoiseLog)
	return tables.RoundHalfEven(l).Int64()
}

// NoiseRow returns N[g][0..v).
func NoiseRow(seed [32]byte, g, v int) []int64 {
	out := make([]int64, v)
	for i := range out {
		out[i] = Noise(seed, g, i)
	}
	return out
}

// Candidates returns, for top-k ≥ 1 and < len(logits), the mask b of the k
// largest keys ℓ_v·V_pad + (V_pad−1−v); nil means every id is a candidate.
func Candidates(logits []int64, topK int) []bool {
	v := len(logits)
	if topK == 0 || topK >= v {
		return nil
	}
	ids := make([]int, v)
	for i := range ids {
		ids[i] = i
	}
	// Keys order ids by logit descending, then id ascending.
	slices.SortFunc(ids, func(a, b int) int {
		switch {
		case logits[a] > logits[b]:
			return -1
		case logits[a] < logits[b]:
			return 1
		}
		return a - b
	})
	mask := make([]bool, v)
	for _, id := range ids[:topK] {
		mask[id] = true
	}
	return mask
}

// Choose applies the rule to the logits of generated position g and returns
// the emitted token.
func (r Rule) Choose(g int, logits []int64) (int, error) {
	if err := r.Validate(len(logits)); err != nil {
		return 0, err
	}
	if len(logits) == 0 {
		return 0, fmt.Errorf("%w: empty logits", ErrRule)
	}
	mask := Candidates(logits, r.TopK)
	best, bestScore := -1, int64(0)
	for v, l := range logits {
		if mask != nil && !mask[v] {
			continue
		}
		score := l
		if r.Kind == Sample {
			score = r.Kappa*l + Noise(r.Seed, g, v)
		}
		if best < 0 || score > bestScore {
			best, bestScore = v, score
		}
	}
	return best, nil
}

// Generate feeds prompt to step, then emits up to maxNew tokens with rule,
// stopping after a token for which stop returns true (stop may be nil).
// step consumes one token and returns the next logits.
func Generate(step func(token int) ([]int64, error), prompt []int, maxNew int, rule Rule, stop func(int) bool) ([]int, error) {
	if len(prompt) == 0 {
		return nil, fmt.Errorf("%w: empty prompt (P ≥ 1)", ErrRule)
	}
	var logits []int64
	var err error
	for _, t := range prompt {
		if logits, err = step(t); err != nil {
			return nil, err
		}
	}
	var out []int
	for g := range maxNew {
		next, err := rule.Choose(g, logits)
		if err != nil {
			return nil, err
		}
		out = append(out, next)
		if (stop != nil && stop(next)) || g == maxNew-1 {
			break
		}
		if logits, err = step(next); err != nil {
			return nil, err
		}
	}
	return out, nil
}
