package testutil

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestStartAnvilAnswersAndStops(t *testing.T) {
	a := StartAnvil(t)
	if a.ChainID != AnvilChainID {
		t.Fatalf("chain id %d, want %d", a.ChainID, AnvilChainID)
	}
	var block string
	if err := rpcCall(a.RPCURL, "eth_blockNumber", &block); err != nil {
		t.Fatal(err)
	}
	if block != "0x0" {
		t.Fatalf("fresh chain at block %s, want 0x0", block)
	}
	pid := a.PID()
	if err := a.Stop(); err != nil {
		t.Fatal(err)
	}
	if processAlive(pid) {
		t.Fatalf("anvil pid %d alive after Stop", pid)
	}
	if _, err := rpcChainID(a.RPCURL); err == nil {
		t.Fatal("anvil still answers after Stop")
	}
	if err := a.Stop(); err != nil { // idempotent: cleanup calls it again
		t.Fatalf("second Stop: %v", err)
	}
}

func TestStartAnvilPassesExtraArgs(t *testing.T) {
	a := StartAnvil(t, "--chain-id", "4242")
	if a.ChainID != 4242 {
		t.Fatalf("chain id %d, want 4242 from --chain-id", a.ChainID)
	}
}

func TestCleanupKillsAnvil(t *testing.T) {
	var pid int
	t.Run("owner", func(t *testing.T) {
		pid = StartAnvil(t).PID()
		if !processAlive(pid) {
			t.Fatalf("anvil pid %d not alive while the test runs", pid)
		}
	})
	if pid == 0 {
		t.Skip("anvil did not start (skipped above)")
	}
	if processAlive(pid) {
		t.Fatalf("anvil pid %d still alive after its test's cleanup", pid)
	}
}

func TestStartKuboServesAddedContent(t *testing.T) {
	k := StartKubo(t)
	content := []byte("zkllm testutil: hello from a real Kubo node\n")

	cid := kuboAdd(t, k, content)
	if !strings.HasPrefix(cid, "bafk") { // CIDv1 raw leaf, from the unixfs-v1-2025 profile
		t.Fatalf("CID %s: want a CIDv1 raw leaf (bafk...) from the unixfs-v1-2025 profile", cid)
	}

	resp, err := http.Get(k.GatewayURL + "/ipfs/" + cid)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("gateway GET: %s, %v", resp.Status, err)
	}
	if !bytes.Equal(got, content) {
		t.Fatalf("gateway returned %q, want %q", got, content)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := k.Command(ctx, "add", "-Q", "--only-hash", writeTemp(t, content)).CombinedOutput()
	if err != nil {
		t.Fatalf("ipfs add --only-hash: %v\n%s", err, out)
	}
	if cliCID := strings.TrimSpace(string(out)); cliCID != cid {
		t.Fatalf("CLI CID %s differs from RPC CID %s", cliCID, cid)
	}

	pid := k.PID()
	if err := k.Stop(); err != nil {
		t.Fatal(err)
	}
	if processAlive(pid) {
		t.Fatalf("kubo pid %d alive after Stop", pid)
	}
}

func TestCleanupKillsKubo(t *testing.T) {
	var pid int
	t.Run("owner", func(t *testing.T) {
		pid = StartKubo(t).PID()
	})
	if pid == 0 {
		t.Skip("kubo did not start (skipped above)")
	}
	if processAlive(pid) {
		t.Fatalf("kubo pid %d still alive after its test's cleanup", pid)
	}
}

// The tests below re-run this test binary as a child that plays a scenario
// (helperScenarioEnv) and report what happened to the daemons it started.
const (
	helperScenarioEnv = "ZKLLM_TESTUTIL_SCENARIO"
	helperPIDFileEnv  = "ZKLLM_TESTUTIL_PIDFILE"
)

// TestHelperScenario is the child's entry point; it does nothing in a normal run.
func TestHelperScenario(t *testing.T) {
	scenario := os.Getenv(helperScenarioEnv)
	if scenario == "" {
		return
	}
	pidFile := os.Getenv(helperPIDFileEnv)
	switch scenario {
	case "fail-after-start":
		writeFile(t, pidFile, strconv.Itoa(StartAnvil(t).PID()))
		t.Fatal("scenario: the test fails while anvil runs")
	case "killed-after-start":
		anvil, kubo := StartAnvil(t), StartKubo(t)
		writeFile(t, pidFile, fmt.Sprintf("%d %d", anvil.PID(), kubo.PID()))
		syscall.Kill(os.Getpid(), syscall.SIGKILL) // like go test -timeout or kill -9
		select {}
	case "start-anvil":
		StartAnvil(t)
	case "start-kubo":
		StartKubo(t)
	default:
		t.Fatalf("unknown scenario %q", scenario)
	}
}

// runScenario runs the child with extra environment and returns its output
// and exit error.
func runScenario(t *testing.T, scenario string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperScenario$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{helperScenarioEnv + "=" + scenario}, env...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func readPIDs(t *testing.T, path string) []int {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("child wrote no pid file: %v", err)
	}
	var pids []int
	for _, f := range strings.Fields(string(raw)) {
		pid, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("pid file %q: %v", raw, err)
		}
		pids = append(pids, pid)
	}
	return pids
}

func TestCleanupKillsAnvilWhenTestFails(t *testing.T) {
	AnvilBin(t) // skip (or fail under CI) here rather than in the child
	pidFile := filepath.Join(t.TempDir(), "pids")
	out, err := runScenario(t, "fail-after-start", helperPIDFileEnv+"="+pidFile)
	if err == nil || !strings.Contains(out, "scenario: the test fails while anvil runs") {
		t.Fatalf("child should have failed in the scenario; err=%v output:\n%s", err, out)
	}
	for _, pid := range readPIDs(t, pidFile) {
		if processAlive(pid) { // cleanup waits for exit: no grace period needed
			t.Fatalf("anvil pid %d outlived its failed test", pid)
		}
	}
}

func TestDaemonsDieWithKilledTestBinary(t *testing.T) {
	AnvilBin(t)
	IPFSBin(t)
	pidFile := filepath.Join(t.TempDir(), "pids")
	out, err := runScenario(t, "killed-after-start", helperPIDFileEnv+"="+pidFile)
	if err == nil {
		t.Fatalf("child should have been killed; output:\n%s", out)
	}
	pids := readPIDs(t, pidFile)
	if len(pids) != 2 {
		t.Fatalf("want anvil and kubo pids, got %v; child output:\n%s", pids, out)
	}
	// Pdeathsig is delivered asynchronously after the parent dies.
	deadline := time.Now().Add(10 * time.Second)
	for _, pid := range pids {
		for processAlive(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("daemon pid %d orphaned by a killed test binary", pid)
			}
			time.Sleep(pollInterval)
		}
	}
}

func TestMissingBinarySkipsOutsideCIAndFailsInCI(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-binary")
	for _, tc := range []struct {
		scenario, envVar string
	}{
		{"start-anvil", AnvilBinEnv},
		{"start-kubo", IPFSBinEnv},
	} {
		out, err := runScenario(t, tc.scenario, tc.envVar+"="+missing, "CI=")
		if err != nil || !strings.Contains(out, "--- SKIP") || !strings.Contains(out, missing) {
			t.Errorf("%s without CI: want a skip naming %s; err=%v output:\n%s", tc.scenario, missing, err, out)
		}
		out, err = runScenario(t, tc.scenario, tc.envVar+"="+missing, "CI=true")
		if err == nil || !strings.Contains(out, "--- FAIL") || !strings.Contains(out, "CI=true") {
			t.Errorf("%s with CI=true: want a failure; err=%v output:\n%s", tc.scenario, err, out)
		}
	}
}

func TestBinaryThatCannotStartFails(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken")
	writeFile(t, broken, "#!/bin/sh\necho 'cannot start: broken on purpose' >&2\nexit 3\n")
	if err := os.Chmod(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		scenario, envVar string
	}{
		{"start-anvil", AnvilBinEnv},
		{"start-kubo", IPFSBinEnv},
	} {
		out, err := runScenario(t, tc.scenario, tc.envVar+"="+broken, "CI=")
		if err == nil || !strings.Contains(out, "--- FAIL") || !strings.Contains(out, "broken on purpose") {
			t.Errorf("%s with a broken binary: want a failure showing its output; err=%v output:\n%s", tc.scenario, err, out)
		}
	}
}

// kuboAdd adds content through the RPC API, as ipfsstore's Kubo client does.
func kuboAdd(t *testing.T, k *Kubo, content []byte) string {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile("file", "hello.txt")
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	mw.Close()
	resp, err := http.Post(k.APIURL+"/api/v0/add?cid-version=1&quieter=true", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("kubo add: %s: %s", resp.Status, raw)
	}
	var reply struct{ Hash string }
	if err := json.Unmarshal(raw, &reply); err != nil || reply.Hash == "" {
		t.Fatalf("kubo add reply %q: %v", raw, err)
	}
	return reply.Hash
}

func writeTemp(t *testing.T, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "content")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
