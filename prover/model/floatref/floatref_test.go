package floatref

import (
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/internal/testkit"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/internal/modeltest"
)

func stories(t testing.TB) *model.Model {
	t.Helper()
	m, _ := modeltest.Stories260K(t)
	return m
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
		want := testkit.IDs(t, c.want)
		if got := testkit.Greedy(t, e.Step, testkit.IDs(t, c.prompt), len(want)); !slices.Equal(got, want) {
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
