package devchain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/rpc"
)

// ChainID is the chain id (and network id) of every embedded dev chain.
const ChainID = 1337

// GasLimit is the block gas limit written into the dev genesis. Changing it
// changes the genesis, which existing directories would refuse.
const GasLimit = 60_000_000

// devKeyHex is the publicly known development key: anvil's and hardhat's
// first funded account. It protects nothing and must only ever sign on dev
// chains.
const devKeyHex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

// nodeName names the subdirectory of the data directory that holds the chain.
const nodeName = "devchain"

// ErrInUse reports that another process holds the chain directory.
var ErrInUse = errors.New("devchain: the chain directory is used by another process (is `zkllm chain serve` running?)")

// DevKey returns the well-known development private key funded in the genesis.
func DevKey() *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(devKeyHex)
	if err != nil {
		panic("devchain: bad built-in dev key: " + err.Error())
	}
	return k
}

// DevAddress is the address of DevKey.
func DevAddress() common.Address { return crypto.PubkeyToAddress(DevKey().PublicKey) }

// Options configure Open.
type Options struct {
	// HTTP serves JSON-RPC (eth, net, web3, dev) on loopback.
	HTTP bool
	// HTTPPort is the port to serve on; 0 picks a free one.
	HTTPPort int
}

// Chain is a running in-process dev chain.
type Chain struct {
	stack   *node.Node
	backend *eth.Ethereum
	rpc     *rpc.Client
	client  *ethclient.Client

	stopSync chan struct{}
	syncDone sync.WaitGroup
	closeMu  sync.Mutex
	closed   bool
}

// Open starts the dev chain whose database lives under dir (created if
// missing).
func Open(dir string, opts Options) (*Chain, error) {
	if dir == "" {
		return nil, errors.New("devchain: empty directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("devchain: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("devchain: %w", err)
	}
	nodeCfg := &node.Config{
		Name:    nodeName,
		DataDir: abs,
		P2P: p2p.Config{
			NoDiscovery: true,
			NoDial:      true,
			MaxPeers:    0,
			ListenAddr:  "",
		},
		UseLightweightKDF: true,
	}
	if opts.HTTP {
		nodeCfg.HTTPHost = "127.0.0.1"
		nodeCfg.HTTPPort = opts.HTTPPort
		nodeCfg.HTTPModules = []string{"eth", "net", "web3", "dev"}
		nodeCfg.HTTPVirtualHosts = []string{"localhost", "127.0.0.1"}
	}
	stack, err := node.New(nodeCfg)
	if err != nil {
		if strings.Contains(err.Error(), "already used by another process") {
			return nil, ErrInUse
		}
		return nil, fmt.Errorf("devchain: node: %w", err)
	}
	fail := func(err error) (*Chain, error) {
		stack.Close()
		if strings.Contains(err.Error(), "already used by another process") ||
			strings.Contains(err.Error(), "resource temporarily unavailable") {
			return nil, ErrInUse
		}
		return nil, err
	}

	dev := DevAddress()
	cfg := ethconfig.Defaults
	cfg.NetworkId = ChainID
	cfg.SyncMode = ethconfig.FullSync
	cfg.Genesis = core.DeveloperGenesisBlock(GasLimit, &dev)
	cfg.Miner.GasPrice = big.NewInt(1)
	cfg.DatabaseCache = 64
	cfg.TrieCleanCache = 16
	cfg.TrieDirtyCache = 16
	cfg.SnapshotCache = 16
	cfg.LogNoHistory = true
	// Crash safety (see doc.go): hash scheme, no pruning, explicit syncs.
	cfg.StateScheme = "hash"
	cfg.NoPruning = true

	backend, err := eth.New(stack, &cfg)
	if err != nil {
		return fail(fmt.Errorf("devchain: eth: %w", err))
	}
	filterSystem := filters.NewFilterSystem(backend.APIBackend, filters.Config{
		LogCacheSize:  cfg.FilterLogCacheSize,
		LogQueryLimit: cfg.LogQueryLimit,
		RangeLimit:    cfg.RangeLimit,
	})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(filterSystem)}})
	beacon, err := catalyst.NewSimulatedBeacon(0, dev, backend)
	if err != nil {
		return fail(fmt.Errorf("devchain: beacon: %w", err))
	}
	catalyst.RegisterSimulatedBeaconAPIs(stack, beacon)
	stack.RegisterLifecycle(beacon)
	if err := stack.Start(); err != nil {
		return fail(fmt.Errorf("devchain: start: %w", err))
	}
	rc := stack.Attach()
	c := &Chain{
		stack:    stack,
		backend:  backend,
		rpc:      rc,
		client:   ethclient.NewClient(rc),
		stopSync: make(chan struct{}),
	}
	c.syncOnNewHeads()
	// Until the transaction indexer has indexed something, a receipt lookup
	// of a pending transaction fails with "indexing in progress" instead of
	// "not found", which receipt pollers do not retry. A fresh chain (only
	// genesis) never starts the indexer, so seal one empty block first, then
	// wait for the indexer to catch up.
	if backend.BlockChain().CurrentBlock().Number.Sign() == 0 {
		beacon.Commit()
	}
	deadline := time.Now().Add(30 * time.Second)
	for !backend.BlockChain().TxIndexDone() {
		if time.Now().After(deadline) {
			c.Close()
			return nil, errors.New("devchain: transaction indexer did not catch up within 30s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return c, nil
}

// syncOnNewHeads flushes the database after every new head, so that clients
// served over HTTP (which cannot call Sync) get the same crash safety.
func (c *Chain) syncOnNewHeads() {
	heads := make(chan core.ChainHeadEvent, 16)
	sub := c.backend.BlockChain().SubscribeChainHeadEvent(heads)
	c.syncDone.Add(1)
	go func() {
		defer c.syncDone.Done()
		defer sub.Unsubscribe()
		for {
			select {
			case <-heads:
				_ = c.Sync()
			case <-sub.Err():
				return
			case <-c.stopSync:
				return
			}
		}
	}()
}

// Client is an ethclient attached in process (no socket).
func (c *Chain) Client() *ethclient.Client { return c.client }

// RPC is the raw in-process RPC client.
func (c *Chain) RPC() *rpc.Client { return c.rpc }

// HTTPEndpoint is the served JSON-RPC URL ("" unless Options.HTTP).
func (c *Chain) HTTPEndpoint() string {
	ep := c.stack.HTTPEndpoint()
	if ep == "" || c.stack.Config().HTTPHost == "" {
		return ""
	}
	return ep
}

// Sync flushes every pending database write to disk. Call it after a
// transaction's receipt was seen to make that transaction survive a kill -9.
func (c *Chain) Sync() error {
	if err := c.backend.ChainDb().SyncKeyValue(); err != nil {
		return fmt.Errorf("devchain: sync: %w", err)
	}
	return nil
}

// BlockNumber is the current head number.
func (c *Chain) BlockNumber() uint64 { return c.backend.BlockChain().CurrentBlock().Number.Uint64() }

// Close stops the chain and releases the directory. It is safe to call twice.
func (c *Chain) Close() error {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	close(c.stopSync)
	c.syncDone.Wait()
	_ = c.Sync()
	c.rpc.Close()
	return c.stack.Close()
}

// WaitReady returns once the chain answers eth_chainId.
func (c *Chain) WaitReady(ctx context.Context) error {
	_, err := c.client.ChainID(ctx)
	return err
}
