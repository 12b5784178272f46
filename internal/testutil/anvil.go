package testutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Anvil's well-known development account 0 (funded with 10000 ETH at start).
const (
	AnvilChainID        = 31337
	AnvilDevKey0Hex     = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
	AnvilDevAddress0Hex = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
)

// startAttempts bounds retries after a port was taken between pick and bind.
const startAttempts = 3

// Anvil is a running anvil dev chain.
type Anvil struct {
	RPCURL  string // http://127.0.0.1:<port>
	ChainID uint64 // as answered by eth_chainId
	d       *daemon
}

// PID returns anvil's process id.
func (a *Anvil) PID() int { return a.d.PID() }

// Stop kills anvil now and waits for it to exit; cleanup would do the same at
// the end of the test. Use it to test behaviour when the node goes away.
func (a *Anvil) Stop() error { return a.d.stop() }

// StartAnvil starts a real anvil on a free loopback port and returns once it
// answers eth_chainId. extraArgs are appended to the command line (for
// example "--block-time", "1"). The process is killed when the test ends.
func StartAnvil(t testing.TB, extraArgs ...string) *Anvil {
	t.Helper()
	bin := AnvilBin(t)
	var lastErr error
	for range startAttempts {
		port := FreePort(t)
		args := append([]string{"--host", "127.0.0.1", "--port", strconv.Itoa(port), "--silent"}, extraArgs...)
		d, err := startDaemon(t, "anvil", bin, nil, args...)
		if err != nil {
			t.Fatal(err)
		}
		url := "http://127.0.0.1:" + strconv.Itoa(port)
		var chainID uint64
		err = d.waitReady(func() error {
			id, err := rpcChainID(url)
			chainID = id
			return err
		})
		if err == nil {
			return &Anvil{RPCURL: url, ChainID: chainID, d: d}
		}
		lastErr = err
		if !d.portClash() {
			break
		}
	}
	t.Fatal(lastErr)
	return nil
}

var rpcClient = &http.Client{Timeout: 2 * time.Second}

// rpcChainID asks an Ethereum JSON-RPC endpoint for eth_chainId.
func rpcChainID(url string) (uint64, error) {
	var hexID string
	if err := rpcCall(url, "eth_chainId", &hexID); err != nil {
		return 0, err
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(hexID, "0x"), 16, 64)
	if err != nil {
		return 0, fmt.Errorf("eth_chainId: bad result %q: %w", hexID, err)
	}
	return id, nil
}

// rpcCall makes one JSON-RPC call without parameters and decodes its result.
func rpcCall(url, method string, result any) error {
	body := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":%q,"params":[]}`, method)
	resp, err := rpcClient.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %s: %s", method, resp.Status, bytes.TrimSpace(raw))
	}
	var reply struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(raw, &reply); err != nil {
		return fmt.Errorf("%s: bad reply %q: %w", method, raw, err)
	}
	if reply.Error != nil {
		return fmt.Errorf("%s: error %d: %s", method, reply.Error.Code, reply.Error.Message)
	}
	return json.Unmarshal(reply.Result, result)
}
