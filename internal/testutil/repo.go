package testutil

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ModulePath is the main module's import path; RepoRoot looks for the go.mod
// that declares it.
const ModulePath = "github.com/zkllm/zkllm"

// RepoRoot returns the repository's root directory: the closest directory at
// or above the working directory whose go.mod declares ModulePath. Tests run
// in their package's directory, so this works from any package of the module.
// Nested modules (tools/kubo) are skipped over.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("testutil: working directory: %w", err)
	}
	for {
		if declaresModule(filepath.Join(dir, "go.mod"), ModulePath) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testutil: no go.mod declaring " + ModulePath + " at or above the working directory")
		}
		dir = parent
	}
}

// MustRepoRoot is RepoRoot for tests: it fails the test on error.
func MustRepoRoot(t testing.TB) string {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// declaresModule reports whether the go.mod at path has "module <want>".
func declaresModule(path, want string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == want
		}
	}
	return false
}
