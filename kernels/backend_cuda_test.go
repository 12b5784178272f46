//go:build cuda

package kernels

import (
	"errors"
	"os"
	"testing"

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
