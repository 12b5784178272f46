package cli

import (
	"slices"

	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/internal/memlimit"
)

// applyMemoryLimit sets the Go runtime's soft memory limit for a command that
// takes --memory-limit (the provers and the committer); other commands keep
// the runtime's default.
func applyMemoryLimit(c *ucli.Context) error {
	if c.Command == nil || !slices.ContainsFunc(c.Command.Flags, func(f ucli.Flag) bool { return f == memoryLimitFlag }) {
		return nil
	}
	if _, err := memlimit.Apply(c.String(memoryLimitFlag.Name)); err != nil {
		return badInputf("--memory-limit: %v", err)
	}
	return nil
}
