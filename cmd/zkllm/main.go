// Command zkllm is the zkllm binary; all of its commands live in package cli.
package main

import (
	"os"

	"github.com/zkllm/zkllm/cli"
)

// Set with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "unknown"
)

func main() {
	os.Exit(cli.Run(os.Args, os.Stdout, os.Stderr, cli.BuildInfo{Version: version, Commit: commit}))
}
