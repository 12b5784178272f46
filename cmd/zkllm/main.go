// Command zkllm is the zkllm binary; all of its commands live in package cli.
package main

import (
	"os"

	"github.com/zkllm/zkllm/cli"
	// Registers the CUDA backend with prover/backend (built with -tags cuda;
	// without the tag it registers a stub that reports ErrNoGPU).
	_ "github.com/zkllm/zkllm/kernels"
)

// Set with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "unknown"
)

func main() {
	os.Exit(cli.Run(os.Args, os.Stdout, os.Stderr, cli.BuildInfo{Version: version, Commit: commit}))
}
