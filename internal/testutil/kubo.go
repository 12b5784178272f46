package testutil

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/zkllm/zkllm/internal/atomicfile"
)

// KuboInitProfiles are the profiles every harness node is initialised with:
// "test" (no bootstrap peers, no mDNS) and "unixfs-v1-2025" (CIDv1, raw
// leaves, 1 MiB chunks) — the import settings ipfsstore reproduces.
const KuboInitProfiles = "test,unixfs-v1-2025"

// emptyIdentityCID is the CID of the empty block under the identity hash: any
// gateway serves it without storing anything, so it probes readiness.
const emptyIdentityCID = "bafkqaaa"

// Kubo is a running Kubo IPFS daemon, offline, on loopback ports.
type Kubo struct {
	APIURL     string // Kubo RPC API, e.g. http://127.0.0.1:<port> (POST /api/v0/...)
	GatewayURL string // HTTP gateway, e.g. http://127.0.0.1:<port> (GET /ipfs/<cid>)
	RepoPath   string // IPFS_PATH of this node
	bin        string
	d          *daemon
}

// PID returns the daemon's process id.
func (k *Kubo) PID() int { return k.d.PID() }

// Stop kills the daemon now and waits for it to exit; cleanup would do the
// same at the end of the test.
func (k *Kubo) Stop() error { return k.d.stop() }

// Command returns an `ipfs` CLI command bound to this node's repository; while
// the daemon runs, the CLI talks to it through its API.
func (k *Kubo) Command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, k.bin, args...)
	cmd.Env = append(os.Environ(), "IPFS_PATH="+k.RepoPath)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	return cmd
}

// StartKubo initialises a fresh Kubo repository in a temporary directory,
// binds its API, gateway and swarm to free loopback ports, starts
// `ipfs daemon --offline` and returns once the API and the gateway answer.
// The process is killed when the test ends.
func StartKubo(t testing.TB) *Kubo {
	t.Helper()
	bin := IPFSBin(t)
	k := &Kubo{RepoPath: filepath.Join(t.TempDir(), "ipfs"), bin: bin}

	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	if out, err := k.Command(ctx, "init", "--profile="+KuboInitProfiles).CombinedOutput(); err != nil {
		t.Fatalf("testutil: ipfs init: %v\n%s", err, out)
	}

	env := []string{"IPFS_PATH=" + k.RepoPath, "IPFS_TELEMETRY=off"}
	var lastErr error
	for range startAttempts {
		ports := FreePorts(t, 3)
		if err := configureKubo(k.RepoPath, ports[0], ports[1], ports[2]); err != nil {
			t.Fatal(err)
		}
		k.APIURL = "http://127.0.0.1:" + strconv.Itoa(ports[0])
		k.GatewayURL = "http://127.0.0.1:" + strconv.Itoa(ports[1])
		d, err := startDaemon(t, "kubo", bin, env, "daemon", "--offline")
		if err != nil {
			t.Fatal(err)
		}
		err = d.waitReady(k.probe)
		if err == nil {
			k.d = d
			return k
		}
		lastErr = err
		if !d.portClash() {
			break
		}
		// The lock on the repository goes with the process; wait for it.
		if err := d.stop(); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal(lastErr)
	return nil
}

// probe succeeds once the RPC API and the gateway both answer.
func (k *Kubo) probe() error {
	resp, err := rpcClient.Post(k.APIURL+"/api/v0/id", "", nil)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("kubo API /api/v0/id: HTTP %s", resp.Status)
	}
	resp, err = rpcClient.Get(k.GatewayURL + "/ipfs/" + emptyIdentityCID)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("kubo gateway /ipfs/%s: HTTP %s", emptyIdentityCID, resp.Status)
	}
	return nil
}

// configureKubo points the repository's API, gateway and swarm at the given
// loopback ports and turns content routing off (the node runs offline).
// Editing the JSON directly saves four `ipfs config` process starts.
func configureKubo(repo string, apiPort, gatewayPort, swarmPort int) error {
	path := filepath.Join(repo, "config")
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("testutil: kubo config: %w", err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return fmt.Errorf("testutil: kubo config %s: %w", path, err)
	}
	addrs, ok := cfg["Addresses"].(map[string]any)
	if !ok {
		return fmt.Errorf("testutil: kubo config %s has no Addresses object", path)
	}
	loopback := func(port int) string { return "/ip4/127.0.0.1/tcp/" + strconv.Itoa(port) }
	addrs["API"] = loopback(apiPort)
	addrs["Gateway"] = loopback(gatewayPort)
	addrs["Swarm"] = []string{loopback(swarmPort)}
	routing, _ := cfg["Routing"].(map[string]any)
	if routing == nil {
		routing = map[string]any{}
		cfg["Routing"] = routing
	}
	routing["Type"] = "none"
	out, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return fmt.Errorf("testutil: kubo config: %w", err)
	}
	return atomicfile.Write(path, out, 0o600)
}
