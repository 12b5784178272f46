package cli_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/zkllm/zkllm/internal/testutil"
	"github.com/zkllm/zkllm/models"
)

// TestOwnerLineHardening walks the issue-16 findings about model lines against a real anvil:
// idempotent re-publish, a model id registered by two owners (the hijack), revocation seen by
// the local records and by the lookup, the two-step transfer by chain reference and the
// publishing after it, the verdict block of a failed check, --confirmations on a young
// version, and funding an empty account.
func TestOwnerLineHardening(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a model")
	}
	anvil := testutil.StartAnvil(t)
	ownerA := committedOwner(t)
	const (
		keyA  = "ZKLLM_PRIVATE_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
		addrA = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
		keyB  = "ZKLLM_PRIVATE_KEY=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"
		addrB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
	)
	r := zk(t, []string{keyA}, "contract", "deploy", "--rpc-url", anvil.RPCURL, "--data-dir", ownerA, "--json")
	wantCode(t, r, 0, "")
	chain := []string{"ZKLLM_RPC_URL=" + anvil.RPCURL, "ZKLLM_CONTRACT=" + jsonField(t, r, "zkllm/contract-deploy/v1", "contract")}
	envA, envB := append([]string{keyA}, chain...), append([]string{keyB}, chain...)
	publish := func(env []string, dir string, extra ...string) map[string]any {
		t.Helper()
		r := zk(t, env, append([]string{"model", "publish", "--data-dir", dir, "--json"}, extra...)...)
		wantCode(t, r, 0, "")
		return decodeJSON(t, r, "zkllm/model-publish/v1")
	}

	// Re-publishing the same content sends nothing and reports the existing version.
	p1 := publish(envA, ownerA)
	again := publish(envA, ownerA)
	if again["existing"] != true || again["ref"] != p1["ref"] || again["tx_hash"] != "" {
		t.Fatalf("re-publish: %v (first %v)", again, p1)
	}
	p2 := publish(envA, ownerA, "--force")
	if p2["existing"] == true || p2["ref"] == p1["ref"] || p2["version"].(float64) != 2 || p2["model_ref"] != p1["model_ref"] {
		t.Fatalf("forced re-publish: %v", p2)
	}
	lineA, modelID := p1["model_ref"].(string), p1["model_id"].(string)

	// A copy published by another key: the model id alone no longer picks silently.
	ownerB := filepath.Join(t.TempDir(), "b")
	if out, err := exec.Command("cp", "-a", ownerA, ownerB).CombinedOutput(); err != nil {
		t.Fatalf("copy data dir: %v %s", err, out)
	}
	pB := publish(envB, ownerB)
	if pB["model_ref"] == lineA || pB["owner"] != addrB {
		t.Fatalf("copy joined line A: %v", pB)
	}
	check := func(arg string, extra ...string) result {
		return zk(t, chain, append([]string{"model", "check", arg, "--data-dir", ownerA}, extra...)...)
	}
	r = check(modelID)
	wantCode(t, r, 3, "registered by 2 model lines")
	if !strings.Contains(r.stderr, addrA) || !strings.Contains(r.stderr, addrB) {
		t.Fatalf("the refusal does not list both owners:\n%s", r)
	}
	wantCode(t, check(modelID, "--owner", addrA), 0, "for owner "+addrA)
	wantCode(t, check(modelID, "--owner", "0x000000000000000000000000000000000000dEaD"), 3, "no line owned by")

	// The owner revokes: the lookup for that owner is INVALID, and the local record says so.
	wantCode(t, zk(t, envA, "model", "revoke", "--data-dir", ownerA), 0, "revoked")
	r = check(modelID, "--owner", addrA, "--json")
	wantCode(t, r, 1, "")
	m := decodeJSON(t, r, "zkllm/model-check/v1")
	if m["verdict"] != "invalid" || m["failed_step"] != "not revoked" || m["owner"] != addrA {
		t.Fatalf("revoked check: %v", m)
	}
	wantCode(t, zk(t, nil, "model", "list", "--data-dir", ownerA), 0, "revoked eip155:31337:")

	// Two-step transfer of line A by its chain reference; B accepts into its local model.
	wantCode(t, zk(t, envA, "model", "transfer", addrB, lineA, "--data-dir", ownerA), 0, "zkllm model accept "+lineA)
	wantCode(t, zk(t, envA, "model", "accept", lineA, "--data-dir", ownerA), 3, "has no transfer pending for you")
	wantCode(t, zk(t, envB, "model", "accept", lineA, "--model", "stories260K", "--data-dir", ownerB), 0, "now own")
	// The old owner is told who owns the line; the new owner adds versions to it.
	wantCode(t, zk(t, envA, "model", "publish", "--data-dir", ownerA, "--force"), 3, "owner is "+addrB)
	p3 := publish(envB, ownerB, "--force")
	if p3["model_ref"] != lineA || p3["version"].(float64) != 3 || p3["owner"] != addrB {
		t.Fatalf("publish after transfer: %v", p3)
	}

	// The old owner's record follows the chain on request: the line is B's now.
	r = zk(t, chain, "model", "show", "--refresh", "--data-dir", ownerA)
	wantCode(t, r, 0, "revoked eip155:31337:")
	if !strings.Contains(r.stdout, "(owner "+addrB+")") {
		t.Fatalf("refreshed record does not follow the transfer:\n%s", r)
	}

	// A version younger than --confirmations is "not confirmed yet" (2), not bad input.
	wantCode(t, check(p3["ref"].(string), "--confirmations", "50"), 2, "more block")

	// A failed fetch prints the verdict block; --json gives the model-check object.
	emptyGW := startServe(t, "ipfs", "serve", "--data-dir", t.TempDir())
	r = zk(t, chain, "model", "check", p3["ref"].(string), "--data-dir", t.TempDir(), "--gateway", emptyGW, "--ipfs-timeout", "2s", "--json")
	wantCode(t, r, 2, "")
	m = decodeJSON(t, r, "zkllm/model-check/v1")
	if m["verdict"] != "unavailable" || !strings.HasPrefix(m["failed_step"].(string), "fetch ") || m["reason"] == "" {
		t.Fatalf("unavailable check: %v", m)
	}

	// An account without ether is named, with the way to fund it on a dev chain.
	k, _ := crypto.GenerateKey()
	poor := crypto.PubkeyToAddress(k.PublicKey).Hex()
	envC := []string{"ZKLLM_PRIVATE_KEY=0x" + strings.TrimPrefix(hexKey(k.D.Bytes()), "0x")}
	r = zk(t, envC, "contract", "deploy", "--rpc-url", anvil.RPCURL, "--data-dir", t.TempDir())
	wantCode(t, r, 3, "zkllm chain fund "+poor)
	r = zk(t, nil, "chain", "fund", poor, "--rpc-url", anvil.RPCURL, "--data-dir", t.TempDir(), "--json")
	wantCode(t, r, 0, "")
	var f map[string]any
	json.Unmarshal([]byte(r.stdout), &f)
	if f["to"] != poor {
		t.Fatalf("fund: %s", r)
	}
	wantCode(t, zk(t, envC, "contract", "deploy", "--rpc-url", anvil.RPCURL, "--data-dir", t.TempDir()), 0, "deployed")
}

func hexKey(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 64)
	for i := range out {
		out[i] = '0'
	}
	off := 64 - 2*len(b)
	for i, c := range b {
		out[off+2*i], out[off+2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}

// TestDemoLabels (issue 16): the demo labels the checkpoint's own digest as the checkpoint's
// (not the manifest's), and calls its throwaway secret a demo secret instead of asking the
// user to back up a file in a directory it deletes.
func TestDemoLabels(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole demo")
	}
	ck, _, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(ck.Data)
	r := zk(t, []string{"TMPDIR=" + t.TempDir()}, "demo", "--owner-only") // the labels are the owner's
	wantCode(t, r, 0, "verdict: valid")
	if !strings.Contains(r.stdout, "(sha256 "+hex.EncodeToString(sum[:8])) {
		t.Fatalf("checkpoint digest not labelled as the checkpoint's:\n%s", r)
	}
	if !strings.Contains(r.stdout, "demo owner secret") || strings.Contains(r.stdout+r.stderr, "Back it up now") {
		t.Fatalf("the throwaway secret is not called a demo secret:\n%s", r)
	}
}
