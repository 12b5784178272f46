package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeArtifact(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name+".sol")
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p, name+".json"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRunRejectsMissingOrEmptyArtifacts(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	err := run(dir, out, "bindings")
	if err == nil || !strings.Contains(err.Error(), "run forge build first") {
		t.Fatalf("missing artifact: err = %v", err)
	}
	writeArtifact(t, dir, "ZkllmRegistry", `{"abi":[],"bytecode":{"object":"0x"},"deployedBytecode":{"object":"0x"}}`)
	if err := run(dir, out, "bindings"); err == nil || !strings.Contains(err.Error(), "no ABI or bytecode") {
		t.Fatalf("empty bytecode: err = %v", err)
	}
	writeArtifact(t, dir, "ZkllmRegistry", `{"abi":`)
	if err := run(dir, out, "bindings"); err == nil {
		t.Fatal("truncated JSON accepted")
	}
	if _, err := os.Stat(filepath.Join(out, "zkllmregistry.go")); !os.IsNotExist(err) {
		t.Fatalf("failed runs left bindings behind: %v", err)
	}
}

func TestRunWritesFormattedBindings(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	abi := `[{"type":"function","name":"x","inputs":[],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"view"}]`
	writeArtifact(t, dir, "ZkllmRegistry", `{"abi":`+abi+`,"bytecode":{"object":"0x6001"},"deployedBytecode":{"object":"0x6002"}}`)
	if err := run(dir, out, "bindings"); err != nil {
		t.Fatal(err)
	}
	code, err := os.ReadFile(filepath.Join(out, "zkllmregistry.go"))
	if err != nil || !strings.Contains(string(code), "DO NOT EDIT") || !strings.Contains(string(code), "func (zkllmRegistry *ZkllmRegistry) PackX()") {
		t.Fatalf("bindings: %v\n%s", err, code)
	}
	rt, err := os.ReadFile(filepath.Join(out, "zkllmregistry_runtime.go"))
	if err != nil || !strings.Contains(string(rt), `const ZkllmRegistryRuntimeBin = "0x6002"`) || !strings.Contains(string(rt), "DO NOT EDIT") {
		t.Fatalf("runtime file: %v\n%s", err, rt)
	}
}

func TestIsHexCode(t *testing.T) {
	for s, want := range map[string]bool{"0x6001": true, "6001": true, "0x": false, "": false, "0x600": false, "0x60zz": false} {
		if got := isHexCode(s); got != want {
			t.Errorf("isHexCode(%q) = %v, want %v", s, got, want)
		}
	}
}
