package devchain

import (
	"bufio"
	"context"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
)

// sendValue transfers wei from the dev account to `to` and waits for the receipt.
func sendValue(t *testing.T, c *Chain, to common.Address, wei int64) common.Hash {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cl := c.Client()
	nonce, err := cl.PendingNonceAt(ctx, DevAddress())
	if err != nil {
		t.Fatal(err)
	}
	tip, err := cl.SuggestGasTipCap(ctx)
	if err != nil {
		t.Fatal(err)
	}
	head, err := cl.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID: big.NewInt(ChainID), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: 21000, To: &to, Value: big.NewInt(wei),
	})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(big.NewInt(ChainID)), DevKey())
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.SendTransaction(ctx, signed); err != nil {
		t.Fatal(err)
	}
	for {
		r, err := cl.TransactionReceipt(ctx, signed.Hash())
		if err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				t.Fatalf("tx failed")
			}
			if err := c.Sync(); err != nil {
				t.Fatal(err)
			}
			return signed.Hash()
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no receipt: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func TestPersistsAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	to := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Client().ChainID(context.Background())
	if err != nil || id.Int64() != ChainID {
		t.Fatalf("chain id %v, %v", id, err)
	}
	h1 := sendValue(t, c, to, 7)
	h2 := sendValue(t, c, to, 5)
	head := c.BlockNumber()
	if head < 2 {
		t.Fatalf("head %d after two txs", head)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	c, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := c.BlockNumber(); got != head {
		t.Fatalf("head after reopen %d, want %d", got, head)
	}
	ctx := context.Background()
	for _, h := range []common.Hash{h1, h2} {
		if _, err := c.Client().TransactionReceipt(ctx, h); err != nil {
			t.Fatalf("receipt %s lost: %v", h, err)
		}
	}
	bal, err := c.Client().BalanceAt(ctx, to, nil)
	if err != nil || bal.Int64() != 12 {
		t.Fatalf("balance %v, %v; want 12", bal, err)
	}
	// The chain keeps producing blocks after a restart.
	sendValue(t, c, to, 1)
}

func TestSecondOpenIsRefused(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrInUse) {
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
}

func TestServeHTTPAndEndpointFile(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, Options{HTTP: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	url := c.HTTPEndpoint()
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("endpoint %q", url)
	}
	path := filepath.Join(dir, "chain.endpoint")
	if _, ok := ReadLiveEndpoint(context.Background(), path, ProbeChain); ok {
		t.Fatal("live endpoint reported without a file")
	}
	if err := WriteEndpoint(path, "chain", url); err != nil {
		t.Fatal(err)
	}
	got, ok := ReadLiveEndpoint(context.Background(), path, ProbeChain)
	if !ok || got != url {
		t.Fatalf("live endpoint %q %v", got, ok)
	}
	// A client over HTTP sees the same chain and its writes.
	hc, err := ethclient.Dial(url)
	if err != nil {
		t.Fatal(err)
	}
	defer hc.Close()
	to := common.HexToAddress("0x00000000000000000000000000000000000000bb")
	sendValue(t, c, to, 3)
	bal, err := hc.BalanceAt(context.Background(), to, nil)
	if err != nil || bal.Int64() != 3 {
		t.Fatalf("balance over HTTP %v, %v", bal, err)
	}
	// A stale file (dead pid) is not live.
	if err := os.WriteFile(path, []byte(`{"schema":"zkllm.endpoint/v1","kind":"chain","url":"`+url+`","pid":999999999}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := ReadLiveEndpoint(context.Background(), path, ProbeChain); ok {
		t.Fatal("stale endpoint reported live")
	}
	// Garbage is rejected.
	os.WriteFile(path, []byte("{"), 0o600)
	if _, err := ReadEndpoint(path); err == nil {
		t.Fatal("garbage endpoint file accepted")
	}
	RemoveEndpoint(path)
}

// TestKill9KeepsConfirmedTransactions runs a child process that confirms a
// transaction and is then killed with SIGKILL; the receipt must survive.
func TestKill9KeepsConfirmedTransactions(t *testing.T) {
	if os.Getenv("DEVCHAIN_CHILD_DIR") != "" {
		t.Skip("child mode")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildConfirmsThenHangs$", "-test.v")
	cmd.Env = append(os.Environ(), "DEVCHAIN_CHILD_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var txHash string
	sc := bufio.NewScanner(out)
	deadline := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	for sc.Scan() {
		if h, ok := strings.CutPrefix(sc.Text(), "CONFIRMED "); ok {
			txHash = h
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no clean shutdown
		t.Fatal(err)
	}
	cmd.Wait()
	if txHash == "" {
		t.Fatal("child never confirmed a transaction")
	}
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Client().TransactionReceipt(context.Background(), common.HexToHash(txHash)); err != nil {
		t.Fatalf("confirmed tx %s lost after kill -9: %v", txHash, err)
	}
}

func TestChildConfirmsThenHangs(t *testing.T) {
	dir := os.Getenv("DEVCHAIN_CHILD_DIR")
	if dir == "" {
		t.Skip("helper process for TestKill9KeepsConfirmedTransactions")
	}
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	to := common.HexToAddress("0x00000000000000000000000000000000000000cc")
	sendValue(t, c, to, 1)
	h := sendValue(t, c, to, 2)
	os.Stdout.WriteString("CONFIRMED " + h.Hex() + "\n")
	time.Sleep(time.Minute)
}
