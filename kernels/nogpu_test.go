//go:build !cuda

package kernels

import (
	"errors"
	"testing"
)

// Without the cuda tag every entry point must report ErrNoGPU, so callers take the CPU path.
func TestAvailableWithoutCUDA(t *testing.T) {
	if err := Available(); !errors.Is(err, ErrNoGPU) {
		t.Fatalf("Available() = %v, want ErrNoGPU", err)
	}
}
