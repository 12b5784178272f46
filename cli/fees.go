package cli

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/zkllm/zkllm/anchor"
)

// feeBackend applies --gas-price / --priority-fee to the transactions the
// registry client builds. go-ethereum's binder asks the backend for the
// tip and, when the head has no base fee, for a legacy gas price; answering
// those is how a fixed fee reaches every transaction.
type feeBackend struct {
	*ethclient.Client
	gasPrice *big.Int // legacy gas price (wei); nil: EIP-1559 fees
	tip      *big.Int // max priority fee (wei); nil: node suggestion
}

func (f *feeBackend) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	h, err := f.Client.HeaderByNumber(ctx, n)
	if err != nil || f.gasPrice == nil {
		return h, err
	}
	cp := types.CopyHeader(h)
	cp.BaseFee = nil // makes the binder build a legacy transaction at gasPrice
	return cp, nil
}

func (f *feeBackend) SuggestGasPrice(ctx context.Context) (*big.Int, error) {
	if f.gasPrice != nil {
		return new(big.Int).Set(f.gasPrice), nil
	}
	return f.Client.SuggestGasPrice(ctx)
}

func (f *feeBackend) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	if f.tip != nil {
		return new(big.Int).Set(f.tip), nil
	}
	return f.Client.SuggestGasTipCap(ctx)
}

// txBackend is the chain client with the fee flags applied.
func (s *session) txBackend(cc *chainConn) (anchor.Backend, error) {
	parse := func(name string) (*big.Int, error) {
		v := s.c.String(name)
		if v == "" {
			return nil, nil
		}
		x, ok := new(big.Int).SetString(v, 10)
		if !ok || x.Sign() < 0 {
			return nil, badInputf("--%s %q: want a non-negative integer amount of wei", name, v)
		}
		return x, nil
	}
	gp, err := parse(gasPriceFlag.Name)
	if err != nil {
		return nil, err
	}
	tip, err := parse(priorityFeeFlag.Name)
	if err != nil {
		return nil, err
	}
	if gp != nil && tip != nil {
		return nil, badInputf("--gas-price (legacy pricing) and --priority-fee (EIP-1559) exclude each other")
	}
	if gp == nil && tip == nil {
		return cc.client, nil
	}
	return &feeBackend{Client: cc.client, gasPrice: gp, tip: tip}, nil
}
