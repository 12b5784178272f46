package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/zkllm/zkllm/internal/testutil"
)

// committedOwner imports and commits stories260K (with the insecure test
// secret, so it is reproducible) into a fresh data directory.
func committedOwner(t *testing.T) string {
	t.Helper()
	owner := t.TempDir()
	wantCode(t, zk(t, nil, "model", "import", writeStories260K(t), "--data-dir", owner, "--quiet"), 0, "")
	wantCode(t, zk(t, []string{testSecret}, "model", "commit", "--data-dir", owner, "--quiet"), 0, "")
	return owner
}

func jsonField(t *testing.T, r result, schema, field string) string {
	t.Helper()
	m := decodeJSON(t, r, schema)
	s, ok := m[field].(string)
	if !ok || s == "" {
		t.Fatalf("no %s in %s", field, r)
	}
	return s
}

// corruptBlockHolding flips a byte of the flatfs block whose content is
// exactly content (a file below the 1 MiB chunk size is one raw block), and
// returns a function restoring it.
func corruptBlockHolding(t *testing.T, ipfsDir string, content []byte) func() {
	t.Helper()
	var path string
	filepath.Walk(ipfsDir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() && info.Size() == int64(len(content)) {
			if b, _ := os.ReadFile(p); bytes.Equal(b, content) {
				path = p
			}
		}
		return nil
	})
	if path == "" {
		t.Fatal("block holding the commitment not found in the IPFS store")
	}
	bad := bytes.Clone(content)
	bad[len(bad)/2] ^= 0x40
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	return func() { os.WriteFile(path, content, 0o644) }
}

// TestOwnerJourneyEmbedded: publish on the embedded defaults (served chain
// and gateway, each its own process), then audit from a fresh data directory
// that shares only the endpoints; plus the negative cases with their codes.
func TestOwnerJourneyEmbedded(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a model")
	}
	owner := committedOwner(t)
	chainURL := startServe(t, "chain", "serve", "--data-dir", owner)
	gwURL := startServe(t, "ipfs", "serve", "--data-dir", owner)

	// publish finds the served chain through the endpoint file
	r := zk(t, nil, "model", "publish", "--data-dir", owner, "--json")
	wantCode(t, r, 0, "")
	ref := jsonField(t, r, "zkllm/model-publish/v1", "ref")
	tx := jsonField(t, r, "zkllm/model-publish/v1", "tx_hash")
	modelID := jsonField(t, r, "zkllm/model-publish/v1", "model_id")
	if !strings.HasPrefix(ref, "eip155:1337:") {
		t.Fatalf("reference %q", ref)
	}

	audit := func(arg string, extra ...string) result {
		return zk(t, nil, append([]string{"model", "check", arg, "--data-dir", t.TempDir(), "--rpc-url", chainURL, "--gateway", gwURL, "--ipfs-timeout", "20s"}, extra...)...)
	}
	r = audit(ref, "--json")
	wantCode(t, r, 0, "")
	if v := jsonField(t, r, "zkllm/model-check/v1", "verdict"); v != "valid" {
		t.Fatalf("verdict %s", v)
	}
	// the same version from the transaction hash or the model id alone;
	// flags may also come before the argument
	wantCode(t, zk(t, nil, "model", "check", "--data-dir", t.TempDir(), "--rpc-url", chainURL, "--gateway", gwURL, tx), 0, "VALID")
	wantCode(t, audit(modelID, "--quiet"), 0, "VALID")

	// wrong chain: --chain-id, or a reference for another chain
	wantCode(t, audit(ref, "--chain-id", "5"), 3, "wrong chain")
	wantCode(t, audit(strings.Replace(ref, "eip155:1337:", "eip155:1338:", 1)), 3, "wrong chain")
	// no contract at the address
	noCode := "eip155:1337:0x000000000000000000000000000000000000dEaD/" + strings.SplitN(ref, "/", 2)[1]
	wantCode(t, audit(noCode), 3, "no contract code")
	// unreachable node
	wantCode(t, zk(t, nil, "model", "check", ref, "--data-dir", t.TempDir(), "--rpc-url", "http://127.0.0.1:1", "--gateway", gwURL), 2, "unreachable")
	// a CID pinned nowhere the auditor looks: an empty gateway
	emptyGW := startServe(t, "ipfs", "serve", "--data-dir", t.TempDir())
	r = zk(t, nil, "model", "check", ref, "--data-dir", t.TempDir(), "--rpc-url", chainURL, "--gateway", emptyGW, "--ipfs-timeout", "3s")
	wantCode(t, r, 2, "unavailable")
	// commitment bytes altered on IPFS: the block no longer hashes to its CID
	vk, err := os.ReadFile(filepath.Join(owner, "models", "stories260K", "commitment.vk"))
	if err != nil {
		t.Fatal(err)
	}
	restore := corruptBlockHolding(t, filepath.Join(owner, "ipfs"), vk)
	r = audit(ref)
	restore()
	wantCode(t, r, 1, "does not hash to its CID")
	wantCode(t, audit(ref), 0, "VALID")
	// the auditor's data directory never needed the owner's: nothing leaked in
	// revoked version
	r = zk(t, nil, "model", "revoke", "--data-dir", owner, "--json")
	wantCode(t, r, 0, "")
	r = audit(ref, "--json")
	wantCode(t, r, 1, "revoked")
	var m map[string]any
	json.Unmarshal([]byte(r.stdout), &m)
	if m["verdict"] != "invalid" || m["schema"] != "zkllm/model-check/v1" {
		t.Fatalf("revoked check output: %s", r)
	}
	// bad input
	wantCode(t, audit("not-a-reference"), 3, "malformed chain reference")
}

// TestOwnerJourneyAnvilKubo runs the journey against a real anvil and a real
// Kubo started by the test harness.
func TestOwnerJourneyAnvilKubo(t *testing.T) {
	if testing.Short() {
		t.Skip("commits a model")
	}
	anvil := testutil.StartAnvil(t)
	kubo := testutil.StartKubo(t)
	owner := committedOwner(t)

	// A non-dev key from the environment (anvil's second account).
	key := "ZKLLM_PRIVATE_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
	r := zk(t, []string{key}, "contract", "deploy", "--rpc-url", anvil.RPCURL, "--data-dir", owner, "--json", "--gas-price", "7000000000")
	wantCode(t, r, 0, "")
	contract := jsonField(t, r, "zkllm/contract-deploy/v1", "contract")
	ec, err := ethclient.Dial(anvil.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	tx, _, err := ec.TransactionByHash(context.Background(), common.HexToHash(jsonField(t, r, "zkllm/contract-deploy/v1", "tx_hash")))
	if err != nil || tx.Type() != types.LegacyTxType || tx.GasPrice().Int64() != 7_000_000_000 {
		t.Fatalf("--gas-price not applied: %v %v", tx, err)
	}

	env := []string{key, "ZKLLM_RPC_URL=" + anvil.RPCURL, "ZKLLM_CONTRACT=" + contract, "ZKLLM_IPFS_API=" + kubo.APIURL}
	r = zk(t, env, "model", "publish", "--data-dir", owner, "--json", "--priority-fee", "1234567")
	wantCode(t, r, 0, "")
	ref := jsonField(t, r, "zkllm/model-publish/v1", "ref")
	tx, _, err = ec.TransactionByHash(context.Background(), common.HexToHash(jsonField(t, r, "zkllm/model-publish/v1", "tx_hash")))
	if err != nil || tx.Type() != types.DynamicFeeTxType || tx.GasTipCap().Int64() != 1234567 {
		t.Fatalf("--priority-fee not applied: %v %v", tx, err)
	}
	wantCode(t, zk(t, env, "model", "publish", "--data-dir", owner, "--gas-price", "1", "--priority-fee", "1"), 3, "exclude each other")
	if owner := jsonField(t, r, "zkllm/model-publish/v1", "owner"); owner != "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" {
		t.Fatalf("published by %s", owner)
	}
	// The auditor knows only the reference, the node and a gateway.
	r = zk(t, nil, "model", "check", ref, "--data-dir", t.TempDir(), "--rpc-url", anvil.RPCURL, "--gateway", kubo.GatewayURL, "--json")
	wantCode(t, r, 0, "")
	if v := jsonField(t, r, "zkllm/model-check/v1", "verdict"); v != "valid" {
		t.Fatalf("verdict %s", v)
	}
	// The same through Kubo's RPC API instead of its gateway.
	wantCode(t, zk(t, nil, "model", "check", ref, "--data-dir", t.TempDir(), "--rpc-url", anvil.RPCURL, "--ipfs-api", kubo.APIURL), 0, "VALID")

	// A keystore account (password from the environment) signs a new version.
	pw := "ZKLLM_KEYSTORE_PASSWORD=correct horse"
	keyFile := filepath.Join(t.TempDir(), "k")
	os.WriteFile(keyFile, []byte("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a\n"), 0o600)
	r = zk(t, []string{pw}, "key", "import", keyFile, "--data-dir", owner, "--quiet")
	wantCode(t, r, 0, "")
	acct := strings.TrimSpace(r.stdout)
	r = zk(t, []string{pw}, "model", "publish", "--data-dir", owner, "--rpc-url", anvil.RPCURL, "--contract", contract, "--ipfs-api", kubo.APIURL, "--from", acct, "--json")
	wantCode(t, r, 0, "")
	if got := jsonField(t, r, "zkllm/model-publish/v1", "owner"); got != acct {
		t.Fatalf("published by %s, want keystore account %s", got, acct)
	}
	wantCode(t, zk(t, []string{"ZKLLM_KEYSTORE_PASSWORD=wrong"}, "model", "publish", "--data-dir", owner, "--rpc-url", anvil.RPCURL, "--contract", contract, "--ipfs-api", kubo.APIURL, "--from", acct), 3, "could not decrypt")
	// the local record follows the latest publication
	r = zk(t, nil, "model", "show", "--data-dir", owner, "--json")
	wantCode(t, r, 0, "")
	if !strings.Contains(r.stdout, "eip155:31337:") {
		t.Fatalf("model show: %s", r)
	}
	wantCode(t, zk(t, nil, "model", "list", "--data-dir", owner), 0, "published eip155:31337:")

	// A chain that is not a dev chain refuses the insecure test secret and
	// the public dev key.
	other := testutil.StartAnvil(t, "--chain-id", "5")
	r = zk(t, []string{key}, "model", "publish", "--data-dir", owner, "--rpc-url", other.RPCURL, "--contract", contract, "--ipfs-api", kubo.APIURL)
	wantCode(t, r, 3, "INSECURE")
	r = zk(t, []string{"ZKLLM_PRIVATE_KEY=ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"}, "contract", "deploy", "--rpc-url", other.RPCURL, "--data-dir", owner)
	wantCode(t, r, 3, "dev key")
	// no contract at the address on that chain
	wantCode(t, zk(t, nil, "model", "check", strings.Replace(ref, "eip155:31337:", "eip155:5:", 1), "--data-dir", t.TempDir(), "--rpc-url", other.RPCURL, "--gateway", kubo.GatewayURL), 3, "no contract code")
}
