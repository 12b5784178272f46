package testkit

import (
	"cmp"
	"strconv"
	"strings"
	"testing"
)

// IDs parses a space-separated list of token ids ("1 291 280"); a field
// that is not an integer fails the test.
func IDs(t testing.TB, s string) []int {
	t.Helper()
	var out []int
	for _, f := range strings.Fields(s) {
		v, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("token list %q: %v", s, err)
		}
		out = append(out, v)
	}
	return out
}

// Argmax returns the first index of the largest entry (0 for an empty slice).
func Argmax[T cmp.Ordered](xs []T) int {
	best := 0
	for i, v := range xs {
		if v > xs[best] {
			best = i
		}
	}
	return best
}

// Greedy feeds prompt to step, then generates up to n tokens by argmax over
// the returned logits, stopping after BOS (id 1, llama2.c's convention).
func Greedy[T cmp.Ordered](t testing.TB, step func(tok int) ([]T, error), prompt []int, n int) []int {
	t.Helper()
	var logits []T
	var err error
	for _, tok := range prompt {
		if logits, err = step(tok); err != nil {
			t.Fatal(err)
		}
	}
	var out []int
	for range n {
		next := Argmax(logits)
		out = append(out, next)
		if next == 1 {
			break
		}
		if logits, err = step(next); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
