package fixed

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/llama2c"
	"github.com/zkllm/zkllm/prover/model/quant"
)

func stories(t testing.TB) (*model.Model, *quant.Model) {
	t.Helper()
	ckpt, _, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := llama2c.Decode(ckpt.Data)
	if err != nil {
		t.Fatal(err)
	}
	q, err := quant.Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	return m, q
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

func argmax(xs []int64) int {
	best := 0
	for i, v := range xs {
		if v > xs[best] {
			best = i
		}
	}
	return best
}

func greedy(t *testing.T, e *Engine, prompt []int, n int) []int {
	var logits []int64
	var err error
	for _, tok := range prompt {
		if logits, err = e.Step(tok); err != nil {
			t.Fatal(err)
		}
	}
	var out []int
	for range n {
		next := argmax(logits)
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

func TestKnownGreedyAnswersFixed(t *testing.T) {
	_, q := stories(t)
	for _, c := range []struct{ prompt, want string }{
		{"1", "403 407 261 378 432 383 286 261 376 298 315 421 395 317 426 338 401 396 267 337 410 408 419 292"},
		{"1 291 280 294 262 294 353 265 284 294 426", "291 280 294 286 399 393 426 291 280 294 286 399 393 426 291 280 294 286 399 393"},
		{"1 346 306 414 432 263 304 341 443 410 475 479 472 410 198 191", "312 286 261 370 432 352 266 268 388 426 346 397 355 267 337 335 345 268 388 269"},
	} {
		e, err := New(q, 256, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := ids(c.want)
		got := greedy(t, e, ids(c.prompt), len(want))
		agree := 0
		for i := range min(len(got), len(want)) {
			if got[i] == want[i] {
				agree++
			}
		}
		t.Logf("prompt %s: %d/%d greedy ids agree", c.prompt, agree, len(want))
		if !slices.Equal(got, want) {
			t.Errorf("prompt %s: got %v, want %v", c.prompt, got, want)
		}
	}
}

// The int16 and widened-int64 matmul paths give identical logits.
func TestCompactAndWidenedAgree(t *testing.T) {
	_, q := stories(t)
	a, err := New(q, 16, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(q, 16, Options{compactOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.layers[0].wq.w64 == nil || b.layers[0].wq.w64 != nil {
		t.Fatal("paths not selected as intended")
	}
	for _, tok := range ids("1 291 280 294 262 294 353 265 284 294 426 291 280 294 286 399") {
		la, err1 := a.Step(tok)
		lb, err2 := b.Step(tok)
		if err1 != nil || err2 != nil || !slices.Equal(la, lb) {
			t.Fatalf("paths differ at token %d (%v %v)", tok, err1, err2)
		}
	}
}
