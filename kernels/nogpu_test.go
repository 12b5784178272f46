//go:build !cuda

package kernels

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/zkllm/zkllm/prover/backend"
)

// Without the cuda tag every entry point must report ErrNoGPU, so callers take the CPU path.
func TestAvailableWithoutCUDA(t *testing.T) {
	if err := Available(); !errors.Is(err, ErrNoGPU) {
		t.Fatalf("Available() = %v, want ErrNoGPU", err)
	}
}

// Linking kernels without the tag registers the stub: Select runs the CPU
// and its one log line says why.
func TestSelectFallsBackWithoutCUDA(t *testing.T) {
	t.Setenv("ZKLLM_BACKEND", "")
	var lines []string
	b := backend.Select(func(f string, a ...any) { lines = append(lines, fmt.Sprintf(f, a...)) })
	if b.Name() != "cpu" || len(lines) != 1 || !strings.Contains(lines[0], "built without CUDA support") {
		t.Fatalf("selected %q, log %q", b.Name(), lines)
	}
}
