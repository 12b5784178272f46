package floatref

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/llama2c"
)

func stories(t testing.TB) *model.Model {
	t.Helper()
	ckpt, _, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := llama2c.Decode(ckpt.Data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func ids(s string) []int {
	var out []int
	for _, f := range strings.Fields(s) {
		var v int
		fmt.Sscan(f, &v)
		out = append(out, v)
	}
	return out
}

// greedy feeds prompt then generates n tokens greedily (stopping at BOS).
func greedy(t *testing.T, e *Engine, prompt []int, n int) []int {
	var logits []float32
	var err error
	for _, tok := range prompt {
		if logits, err = e.Step(tok); err != nil {
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
		if logits, err = e.Step(next); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The known greedy answers of shared/models/stories260K/README.md.
func TestKnownGreedyAnswers(t *testing.T) {
	m := stories(t)
	for _, c := range []struct{ prompt, want string }{
		{"1", "403 407 261 378 432 383 286 261 376 298 315 421 395 317 426 338 401 396 267 337 410 408 419 292"},
		{"1 291 280 294 262 294 353 265 284 294 426", "291 280 294 286 399 393 426 291 280 294 286 399 393 426 291 280 294 286 399 393"},
		{"1 346 306 414 432 263 304 341 443 410 475 479 472 410 198 191", "312 286 261 370 432 352 266 268 388 426 346 397 355 267 337 335 345 268 388 269"},
	} {
		e, err := New(m, 256)
		if err != nil {
			t.Fatal(err)
		}
		want := ids(c.want)
		if got := greedy(t, e, ids(c.prompt), len(want)); !slices.Equal(got, want) {
			t.Errorf("prompt %s: got %v, want %v", c.prompt, got, want)
		}
	}
}

func TestStepRejectsBadInput(t *testing.T) {
	e, err := New(stories(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Step(512); err == nil {
		t.Error("token outside vocabulary accepted")
	}
	e.Step(1)
	e.Step(1)
	if _, err := e.Step(1); err == nil {
		t.Error("step past the context accepted")
	}
}
