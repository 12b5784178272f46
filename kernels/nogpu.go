//go:build !cuda

package kernels

import (
	"fmt"

	"github.com/zkllm/zkllm/prover/backend"
)

// Available reports whether GPU kernels can be used in this build.
func Available() error { return errNoTag }

var errNoTag = fmt.Errorf("%w: built without CUDA support (build tag `cuda`)", ErrNoGPU)

// Without the cuda tag the accelerator always reports ErrNoGPU, so
// backend.Select logs why it runs on the CPU.
func init() {
	backend.RegisterAccelerator("cuda", func() (backend.Backend, error) {
		return nil, fmt.Errorf("%w: %w", backend.ErrNoDevice, errNoTag)
	})
}
