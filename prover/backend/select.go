package backend

import (
	"errors"
	"log"
	"os"
	"sync"
)

// ErrNoDevice is wrapped by an accelerator factory's error when the binary
// supports the accelerator but no device is usable (e.g. CUDA reports
// cudaErrorNoDevice); Select then falls back to the CPU.
var ErrNoDevice = errors.New("backend: no accelerator device")

// Factory opens an accelerator backend.
type Factory func() (Backend, error)

var (
	accelMu   sync.Mutex
	accelName string
	accel     Factory

	defaultOnce sync.Once
	defaultB    Backend
)

// RegisterAccelerator installs the accelerator Select tries first (package
// kernels calls it from init; only cmd imports kernels). A second call
// replaces the first.
func RegisterAccelerator(name string, f Factory) {
	accelMu.Lock()
	defer accelMu.Unlock()
	accelName, accel = name, f
}

// Select returns the accelerator when one is registered, allowed
// (ZKLLM_BACKEND is not "cpu") and opens; otherwise the CPU backend. It
// calls logf exactly once with the choice and, on fallback, the reason.
func Select(logf func(format string, args ...any)) Backend {
	accelMu.Lock()
	name, f := accelName, accel
	accelMu.Unlock()
	switch {
	case os.Getenv("ZKLLM_BACKEND") == "cpu":
		logf("backend: cpu (ZKLLM_BACKEND=cpu)")
	case f == nil:
		logf("backend: cpu (no accelerator linked in)")
	default:
		b, err := f()
		if err == nil {
			logf("backend: %s", b.Name())
			return b
		}
		logf("backend: cpu (%s unavailable: %v)", name, err)
	}
	return CPU{}
}

// Default returns the process-wide backend, selected once with log.Printf.
func Default() Backend {
	defaultOnce.Do(func() { defaultB = Select(log.Printf) })
	return defaultB
}
