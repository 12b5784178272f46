//go:build !cuda

package kernels

import "errors"

// ErrNoGPU is returned by every kernel entry point when the binary was built
// without CUDA support or no device is present.
var ErrNoGPU = errors.New("kernels: built without CUDA support (build tag `cuda`)")

// Available reports whether GPU kernels can be used in this build.
func Available() error { return ErrNoGPU }
