package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// Environment variables that point the harness at daemon binaries.
const (
	AnvilBinEnv = "ZKLLM_ANVIL_BIN"
	IPFSBinEnv  = "ZKLLM_IPFS_BIN"
)

// Default binary locations, relative to the repository root: where
// `npm install` puts Foundry's native anvil and where the scripts build Kubo.
const (
	DefaultAnvilBin = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
	DefaultIPFSBin  = "bin/ipfs"
)

// InCI reports whether the tests run under CI (CI=true), where a missing
// daemon binary must fail a test instead of skipping it.
func InCI() bool {
	return os.Getenv("CI") == "true"
}

// AnvilBin returns the anvil binary to use, or skips/fails the test (see
// package doc) when there is none.
func AnvilBin(t testing.TB) string {
	t.Helper()
	return findBinary(t, "anvil", AnvilBinEnv, DefaultAnvilBin, "run `npm install` at the repository root")
}

// IPFSBin returns the Kubo ipfs binary to use, or skips/fails the test (see
// package doc) when there is none.
func IPFSBin(t testing.TB) string {
	t.Helper()
	return findBinary(t, "Kubo ipfs", IPFSBinEnv, DefaultIPFSBin, "run `bash scripts/build-kubo`")
}

// findBinary resolves a daemon binary: the environment variable wins, else the
// default path under the repository root.
func findBinary(t testing.TB, what, envVar, defaultRel, howToGet string) string {
	t.Helper()
	path := os.Getenv(envVar)
	source := "$" + envVar
	if path == "" {
		root, err := RepoRoot()
		if err != nil {
			missingBinary(t, "testutil: %s binary: %v", what, err)
			return ""
		}
		path = filepath.Join(root, defaultRel)
		source = "default path (set $" + envVar + " to override)"
	}
	info, err := os.Stat(path)
	if err != nil {
		missingBinary(t, "testutil: %s binary not found at %s from %s: %v; %s", what, path, source, err, howToGet)
		return ""
	}
	if info.IsDir() || info.Mode().Perm()&0o111 == 0 {
		missingBinary(t, "testutil: %s binary %s from %s is not an executable file", what, path, source)
		return ""
	}
	return path
}

// missingBinary skips the test, or fails it under CI.
func missingBinary(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf(format+" (CI=true: a missing daemon is a failure)", args...)
	}
	t.Skipf(format, args...)
}
