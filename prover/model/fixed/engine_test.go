package fixed

import (
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/internal/modeltest"
	"github.com/zkllm/zkllm/prover/model/quant"
)

func stories(t testing.TB) (*model.Model, *quant.Model) {
	t.Helper()
	m, _ := modeltest.Stories260K(t)
	q, err := quant.Quantize(m)
	if err != nil {
		t.Fatal(err)
	}
	return m, q
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
		want := testkit.IDs(t, c.want)
		got := testkit.Greedy(t, e.Step, testkit.IDs(t, c.prompt), len(want))
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
	for _, tok := range testkit.IDs(t, "1 291 280 294 262 294 353 265 284 294 426 291 280 294 286 399") {
		la, err1 := a.Step(tok)
		lb, err2 := b.Step(tok)
		if err1 != nil || err2 != nil || !slices.Equal(la, lb) {
			t.Fatalf("paths differ at token %d (%v %v)", tok, err1, err2)
		}
	}
}
