package testutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRepoRootFindsMainModule(t *testing.T) {
	root := MustRepoRoot(t)
	if !declaresModule(filepath.Join(root, "go.mod"), ModulePath) {
		t.Fatalf("RepoRoot %s: go.mod does not declare %s", root, ModulePath)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "testutil", "doc.go")); err != nil {
		t.Fatalf("RepoRoot %s is not this repository: %v", root, err)
	}
}

func TestRepoRootSkipsNestedModules(t *testing.T) {
	dir := t.TempDir()
	nested := filepath.Join(dir, "tools", "x")
	if err := os.MkdirAll(nested, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "go.mod"), "module "+ModulePath+"\n\ngo 1.26.8\n")
	writeFile(t, filepath.Join(nested, "go.mod"), "module "+ModulePath+"/tools/x\n")
	t.Chdir(nested)
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if root != dir {
		t.Fatalf("RepoRoot = %s, want %s", root, dir)
	}
}

func TestRepoRootErrorsOutsideRepository(t *testing.T) {
	t.Chdir(t.TempDir())
	if _, err := RepoRoot(); err == nil || !strings.Contains(err.Error(), ModulePath) {
		t.Fatalf("RepoRoot outside a repository: err = %v, want one naming %s", err, ModulePath)
	}
}

func TestFreePortsAreDistinct(t *testing.T) {
	ports := FreePorts(t, 8)
	seen := map[int]bool{}
	for _, p := range ports {
		if p <= 0 || p > 65535 {
			t.Fatalf("port %d out of range", p)
		}
		if seen[p] {
			t.Fatalf("port %d handed out twice in %v", p, ports)
		}
		seen[p] = true
	}
}

func TestTailBufferKeepsLastBytes(t *testing.T) {
	b := &tailBuffer{limit: 4}
	b.Write([]byte("abc"))
	b.Write([]byte("defg"))
	if got := b.String(); got != "defg" {
		t.Fatalf("tail = %q, want %q", got, "defg")
	}
}

func TestProcessAliveOnSelfAndUnknownPID(t *testing.T) {
	if !processAlive(os.Getpid()) {
		t.Fatal("processAlive(self) = false")
	}
	if processAlive(1 << 30) { // above Linux's pid_max limit
		t.Fatal("processAlive(impossible pid) = true")
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
