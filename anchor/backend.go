package anchor

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
)

// Backend is what the client needs from a chain. *ethclient.Client (any JSON-RPC node, and the
// dev chain's client) and simulated.Client both satisfy it.
type Backend interface {
	bind.ContractBackend
	ChainID(ctx context.Context) (*big.Int, error)
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
	BalanceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (*big.Int, error)
}

// miner is implemented by backends that only produce a block when told to.
type miner interface {
	Commit() common.Hash
}

// simBackend adds the simulated chain's Commit to its client, so each sent transaction is
// mined at once.
type simBackend struct {
	simulated.Client
	sim *simulated.Backend
}

func (s simBackend) Commit() common.Hash { return s.sim.Commit() }

// Simulated wraps a simulated chain (unit tests) as a Backend that mines after every send.
func Simulated(sim *simulated.Backend) Backend {
	return simBackend{Client: sim.Client(), sim: sim}
}
