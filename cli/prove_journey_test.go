package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/internal/testutil"
	"github.com/zkllm/zkllm/prover/proof"
)

// devKey is anvil's second account (not the public dev key zkllm's embedded chain uses).
const devKey = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"

// faultyGateway proxies a real gateway; requests naming target (a CID) are corrupted (one
// byte of the response flipped) or stalled until the client gives up, per mode.
type faultyGateway struct {
	upstream string
	target   atomic.Value // string
	mode     atomic.Value // "", "corrupt" or "stall"
}

func (g *faultyGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	target, _ := g.target.Load().(string)
	mode, _ := g.mode.Load().(string)
	hit := target != "" && strings.Contains(r.URL.Path, target)
	if hit && mode == "stall" {
		<-r.Context().Done()
		return
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, g.upstream+r.URL.RequestURI(), nil)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), 502)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if hit && mode == "corrupt" && len(body) > 64 {
		body = bytes.Clone(body)
		body[len(body)-32] ^= 0x01 // inside the last block's data
	}
	for k, v := range resp.Header {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(body)
}

// TestProveVerifyJourneyAnvilKubo: the owner publishes, a user proves and anchors, a fresh
// auditor process with an empty data directory verifies from the chain reference alone, all
// as separate processes against a real anvil and a real Kubo; then the negative cases, each
// with its exit code and a message naming what is wrong.
func TestProveVerifyJourneyAnvilKubo(t *testing.T) {
	if testing.Short() {
		t.Skip("proves a whole model")
	}
	anvil := testutil.StartAnvil(t)
	kubo := testutil.StartKubo(t)
	owner := committedOwner(t)
	key := "ZKLLM_PRIVATE_KEY=0x" + devKey
	r := zk(t, []string{key}, "contract", "deploy", "--rpc-url", anvil.RPCURL, "--data-dir", owner, "--json")
	wantCode(t, r, 0, "")
	contract := jsonField(t, r, "zkllm/contract-deploy/v1", "contract")
	env := []string{key, testSecret, "ZKLLM_RPC_URL=" + anvil.RPCURL, "ZKLLM_CONTRACT=" + contract, "ZKLLM_IPFS_API=" + kubo.APIURL}
	wantCode(t, zk(t, env, "model", "publish", "--data-dir", owner, "--quiet"), 0, "")

	// The user (here the owner's data directory: the prover holds weights and secret).
	wantCode(t, zk(t, env, "generate", "--data-dir", owner, "-n", "2", "Once"), 0, "Once upon a")
	r = zk(t, env, "prove", "--data-dir", owner, "-n", "2", "Once", "--json")
	wantCode(t, r, 0, "")
	m := decodeJSON(t, r, "zkllm/prove/v1")
	ref, file := m["ref"].(string), m["file"].(string)
	if !strings.Contains(ref, "/proof/0x") || m["output"] != " upon a" {
		t.Fatalf("prove result: %s", r)
	}
	// A wrong owner secret fails before proving.
	wantCode(t, zk(t, []string{"ZKLLM_INSECURE_TEST_SECRET=" + strings.Repeat("77", 32)}, "prove", "--data-dir", owner, "--local", "-n", "1", "Once"), 3, "do not reproduce the published commitment")

	gw := &faultyGateway{upstream: kubo.GatewayURL}
	srv := httptest.NewServer(gw)
	defer srv.Close()
	audit := func(arg string, extra ...string) result {
		return zk(t, nil, append([]string{"verify", arg, "--data-dir", t.TempDir(), "--rpc-url", anvil.RPCURL, "--gateway", srv.URL, "--ipfs-timeout", "5s"}, extra...)...)
	}
	r = audit(ref, "--json")
	wantCode(t, r, 0, "")
	if v := decodeJSON(t, r, "zkllm/verify/v1")["verdict"]; v != "valid" {
		t.Fatalf("verdict %v", v)
	}
	// --attest records the verdict on-chain from the signing account.
	r = zk(t, []string{key}, "verify", ref, "--attest", "--data-dir", t.TempDir(), "--rpc-url", anvil.RPCURL, "--gateway", srv.URL, "--json")
	wantCode(t, r, 0, "")
	if tx, _ := decodeJSON(t, r, "zkllm/verify/v1")["attest_tx"].(string); !strings.HasPrefix(tx, "0x") {
		t.Fatalf("no attestation transaction: %s", r)
	}
	// From the transaction hash alone, and a local file against the local model.
	wantCode(t, audit(m["tx_hash"].(string)), 0, "VALID")
	wantCode(t, zk(t, nil, "verify", "--file", file, "--data-dir", owner), 0, "VALID")

	// Edited output text: the statement no longer matches its tokens.
	pf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := proof.Unmarshal(pf)
	if err != nil {
		t.Fatal(err)
	}
	f.Statement.Output = " upon a dragon"
	edited, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	ef := filepath.Join(t.TempDir(), "edited.zkp")
	os.WriteFile(ef, edited, 0o644)
	wantCode(t, zk(t, nil, "verify", "--file", ef, "--data-dir", owner), 1, "text")
	// Flipped proof bytes in a local file.
	bad := bytes.Clone(pf)
	bad[len(bad)-40] ^= 0x04
	os.WriteFile(ef, bad, 0o644)
	wantCode(t, zk(t, nil, "verify", "--file", ef, "--data-dir", owner), 1, "INVALID")

	// Tampered proof bytes on IPFS (a gateway altering them), then a stalling gateway.
	gw.target.Store(m["proof_cid"].(string))
	gw.mode.Store("corrupt")
	wantCode(t, audit(ref), 1, "proof.zkp")
	gw.mode.Store("stall")
	r = audit(ref, "--ipfs-timeout", "2s")
	wantCode(t, r, 2, "proof.zkp")
	gw.mode.Store("")

	// Wrong chain id, unreachable node.
	wantCode(t, audit(ref, "--chain-id", "5"), 3, "chain")
	wantCode(t, audit(strings.Replace(ref, "eip155:31337:", "eip155:5:", 1)), 3, "wrong chain")
	wantCode(t, zk(t, nil, "verify", ref, "--data-dir", t.TempDir(), "--rpc-url", "http://127.0.0.1:1", "--gateway", srv.URL), 2, "unreachable")

	// A proof anchored for another model version: a second version of the line with another
	// commitment (another secret), and this proof's record copied under it.
	other := t.TempDir()
	wantCode(t, zk(t, nil, "model", "import", writeStories260K(t), "--data-dir", other, "--quiet"), 0, "")
	otherEnv := append(env[:0:0], key, "ZKLLM_INSECURE_TEST_SECRET="+strings.Repeat("42", 32), "ZKLLM_RPC_URL="+anvil.RPCURL, "ZKLLM_CONTRACT="+contract, "ZKLLM_IPFS_API="+kubo.APIURL)
	wantCode(t, zk(t, otherEnv, "model", "commit", "--data-dir", other, "--quiet"), 0, "")
	r = zk(t, otherEnv, "model", "publish", "--data-dir", other, "--json")
	wantCode(t, r, 0, "")
	v2, err := anchor.ParseRef(jsonField(t, r, "zkllm/model-publish/v1", "ref"))
	if err != nil {
		t.Fatal(err)
	}
	ec, err := ethclient.Dial(anvil.RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	pk, _ := crypto.HexToECDSA(devKey)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reg, err := anchor.Open(ctx, ec, common.HexToAddress(contract), anchor.Options{ChainID: anvil.ChainID, Key: pk, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	pk2, _, err := reg.AnchorProof(ctx, v2.ID, common.HexToHash(m["statement_sha256"].(string)), common.HexToHash(m["proof_sha256"].(string)), m["bundle_cid"].(string))
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, audit(reg.Ref(anchor.KindProof, pk2).String()), 1, "another model")

	// A revoked model version: the original proof no longer verifies as live.
	wantCode(t, zk(t, env, "model", "revoke", "--data-dir", owner, "--quiet"), 0, "")
	wantCode(t, audit(ref), 1, "revoked")
	// Bad input.
	wantCode(t, audit("not-a-reference"), 3, "malformed chain reference")
}

// TestGenerateSettings: decoding settings (PROTOCOL §7.11) from the command line: a seeded
// sample is reproducible, a seed changes it, and settings that do not go together are refused.
func TestGenerateSettings(t *testing.T) {
	d := t.TempDir()
	wantCode(t, zk(t, nil, "model", "import", writeStories260K(t), "--data-dir", d, "--quiet"), 0, "")
	gen := func(args ...string) result {
		return zk(t, nil, append([]string{"generate", "--data-dir", d, "--json", "-n", "6"}, args...)...)
	}
	seed := strings.Repeat("ab", 32)
	a := gen("--temperature", "0.9", "--top-k", "12", "--seed", seed, "Once")
	wantCode(t, a, 0, "")
	b := gen("--temperature", "0.9", "--top-k", "12", "--seed", seed, "Once")
	if a.stdout != strings.Replace(b.stdout, jsonSeconds(b.stdout), jsonSeconds(a.stdout), 1) {
		t.Fatalf("the same seed gave different outputs:\n%s\n%s", a, b)
	}
	m := decodeJSON(t, a, "zkllm/generate/v1")
	if rule := m["rule"].(map[string]any); rule["kind"] != "sample" || rule["seed"] != seed || rule["top_k"] != float64(12) {
		t.Fatalf("rule %v", rule)
	}
	if g := decodeJSON(t, gen("Once"), "zkllm/generate/v1"); g["output"] != " upon a time, there was" || g["rule"].(map[string]any)["kind"] != "greedy" {
		t.Fatalf("greedy: %v", g)
	}
	wantCode(t, gen("--top-k", "3", "Once"), 3, "temperature")
	wantCode(t, gen("--temperature", "0.9", "--seed", "00", "Once"), 3, "--seed")
	wantCode(t, gen("--temperature", "-1", "Once"), 3, "negative")
	wantCode(t, gen("-n", "0", "Once"), 3, "at least 1")
	wantCode(t, gen(), 3, "prompt")
	// proving needs a committed model and the owner secret
	wantCode(t, zk(t, nil, "prove", "--data-dir", d, "--local", "Once"), 3, "not committed")
}

// jsonSeconds returns the "seconds" member of a JSON object's text (it differs between runs).
func jsonSeconds(s string) string {
	i := strings.Index(s, `"seconds":`)
	if i < 0 {
		return ""
	}
	j := strings.IndexAny(s[i:], ",\n}")
	return s[i : i+j]
}
