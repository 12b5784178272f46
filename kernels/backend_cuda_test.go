//go:build cuda

package kernels

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/zkllm/zkllm/prover/backend"
	"github.com/zkllm/zkllm/prover/backend/backendtest"
)

// Every kernel, run by the host emulator, equals the CPU reference bit for
// bit: once with room for everything and once with a 256 KiB budget, so
// every operation streams its inputs in several chunks.
func TestEmulatorMatchesCPU(t *testing.T) {
	t.Log("cuda tag: running the CUDA kernels in host emulation")
	backendtest.Run(t, OpenEmulator(1<<30))
}

func TestEmulatorChunkedMatchesCPU(t *testing.T) {
	backendtest.Run(t, OpenEmulator(256<<10))
}

// gpuExpected reports whether this machine should have a usable GPU: one is
// visible to the kernel driver, or ZKLLM_REQUIRE_GPU=1 says so.
func gpuExpected() bool {
	if os.Getenv("ZKLLM_REQUIRE_GPU") == "1" {
		return true
	}
	_, err := os.Stat("/dev/nvidia0")
	return err == nil
}

// openDevice returns the GPU backend; on a GPU machine "no device" is a
// failure, elsewhere the test reports that it could not run.
func openDevice(t *testing.T) *Backend {
	t.Helper()
	b, err := Open()
	if err != nil {
		if gpuExpected() || !errors.Is(err, ErrNoGPU) {
			t.Fatalf("GPU expected but not usable: %v", err)
		}
		t.Skipf("COULD NOT RUN: no CUDA device on this machine (%v); GPU==CPU runs where a GPU is lent", err)
	}
	t.Logf("cuda tag: running on %s", b.Name())
	return b
}

// Every kernel on the GPU equals the CPU reference bit for bit.
func TestDeviceMatchesCPU(t *testing.T) {
	backendtest.Run(t, openDevice(t))
}

// The same with a 256 KiB budget: every operation streams in chunks.
func TestDeviceChunkedMatchesCPU(t *testing.T) {
	backendtest.Run(t, openDevice(t).WithBudget(256<<10))
}

// Select picks the GPU when one opens; otherwise it falls back to the CPU
// cleanly, its one log line carrying the CUDA error (cudaErrorNoDevice = 100
// on a machine without a GPU).
func TestSelectWithCUDATag(t *testing.T) {
	t.Setenv("ZKLLM_BACKEND", "")
	var lines []string
	b := backend.Select(func(f string, a ...any) { lines = append(lines, fmt.Sprintf(f, a...)) })
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1: %q", len(lines), lines)
	}
	t.Logf("cuda tag: %s", lines[0])
	_, err := Open()
	switch {
	case err == nil && !strings.HasPrefix(b.Name(), "cuda: "):
		t.Fatalf("a device opens but Select chose %q", b.Name())
	case err != nil && (b.Name() != "cpu" || !strings.Contains(lines[0], "cuda unavailable")):
		t.Fatalf("no device (%v) but Select chose %q, log %q", err, b.Name(), lines[0])
	case err != nil && gpuExpected():
		t.Fatalf("GPU expected but not usable: %v", err)
	}
}
