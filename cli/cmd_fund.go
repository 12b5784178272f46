package cli

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/anchor/devchain"
)

// defaultFundEther is what `zkllm chain fund` sends when --amount is not given.
const defaultFundEther = 10

var amountFlag = &ucli.Uint64Flag{
	Name: "amount", Category: catChain, Value: defaultFundEther,
	Usage: "whole ether to send",
}

func chainFundCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "fund",
		Usage:     "on a dev chain, send ether to an account from the node's unlocked dev account (geth --dev, anvil) or the public dev key",
		ArgsUsage: "<address>",
		Description: "Dev chains only (ids 1337 and 31337): geth --dev funds only its own developer account, so\n" +
			"a key of yours has nothing to pay gas with until funded.\n\nExample:\n" +
			"  zkllm chain fund 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --rpc-url http://127.0.0.1:8545",
		Flags:  flagsOf(baseFlags, []ucli.Flag{rpcURLFlag, chainIDFlag, amountFlag}),
		Action: action(1, chainFund),
	}
}

type fundResult struct {
	Schema  string `json:"schema"`
	ChainID uint64 `json:"chain_id"`
	From    string `json:"from"`
	To      string `json:"to"`
	Wei     string `json:"wei"`
	Balance string `json:"balance_wei"`
	TxHash  string `json:"tx_hash"`
}

func chainFund(s *session) error {
	to := s.c.Args().First()
	if !common.IsHexAddress(to) {
		return badInputf("chain fund: give the address to fund (got %q)", to)
	}
	cc, err := s.openChain()
	if err != nil {
		return err
	}
	defer cc.close()
	if !isDevChain(cc.chainID) {
		return badInputf("chain %d is not a dev chain: zkllm funds accounts only on dev chains; send ether to %s from a funded wallet", cc.chainID, to)
	}
	wei := new(big.Int).Mul(new(big.Int).SetUint64(s.c.Uint64(amountFlag.Name)), big.NewInt(params.Ether))
	from, tx, err := sendDevFunds(s.ctx, cc, common.HexToAddress(to), wei)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	if _, err := anchor.WaitReceipt(s.ctx, cc.client, tx, 0); err != nil {
		return classifyChainErr(s, cc, err)
	}
	if err := cc.sync(); err != nil {
		return internalf("%v", err)
	}
	bal, err := cc.client.BalanceAt(s.ctx, common.HexToAddress(to), nil)
	if err != nil {
		return classifyChainErr(s, cc, err)
	}
	r := fundResult{Schema: schemaPrefix + "chain-fund/v1", ChainID: cc.chainID, From: from.Hex(), To: common.HexToAddress(to).Hex(),
		Wei: wei.String(), Balance: bal.String(), TxHash: tx.Hex()}
	return s.out.result(r, r.TxHash, func(w io.Writer) {
		fmt.Fprintf(w, "sent %s ETH from %s to %s on chain %d\n  transaction %s; balance now %s wei\n",
			s.c.String(amountFlag.Name), r.From, r.To, r.ChainID, r.TxHash, r.Balance)
	})
}

// sendDevFunds pays wei to `to` on a dev chain: from the node's first unlocked account with
// enough balance (geth --dev's developer account, anvil's accounts), else signed with the
// public dev key (zkllm's embedded chain and anvil fund it).
func sendDevFunds(ctx context.Context, cc *chainConn, to common.Address, wei *big.Int) (common.Address, common.Hash, error) {
	var accounts []common.Address
	if err := cc.client.Client().CallContext(ctx, &accounts, "eth_accounts"); err == nil {
		for _, a := range accounts {
			bal, err := cc.client.BalanceAt(ctx, a, nil)
			if err != nil || bal.Cmp(wei) <= 0 {
				continue
			}
			var hash common.Hash
			tx := map[string]any{"from": a, "to": to, "value": (*hexutil.Big)(wei)}
			if err := cc.client.Client().CallContext(ctx, &hash, "eth_sendTransaction", tx); err == nil {
				return a, hash, nil
			}
		}
	}
	key := devchain.DevKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := cc.client.PendingNonceAt(ctx, from)
	if err != nil {
		return from, common.Hash{}, err
	}
	tip, err := cc.client.SuggestGasTipCap(ctx)
	if err != nil {
		return from, common.Hash{}, err
	}
	head, err := cc.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return from, common.Hash{}, err
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(big.NewInt(2), baseFee(head)))
	signed, err := types.SignNewTx(key, types.LatestSignerForChainID(new(big.Int).SetUint64(cc.chainID)), &types.DynamicFeeTx{
		ChainID: new(big.Int).SetUint64(cc.chainID), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: params.TxGas, To: &to, Value: wei,
	})
	if err != nil {
		return from, common.Hash{}, err
	}
	if err := cc.client.SendTransaction(ctx, signed); err != nil {
		return from, common.Hash{}, fmt.Errorf("%w (neither an unlocked account of the node nor the public dev key %s could pay)", err, from.Hex())
	}
	return from, signed.Hash(), nil
}

func baseFee(h *types.Header) *big.Int {
	if h.BaseFee == nil {
		return big.NewInt(0)
	}
	return h.BaseFee
}

// explainFunds says which account needs ether, on which chain, and how to get it: on a dev
// chain `zkllm chain fund` (or geth's own console command), elsewhere a faucet or a wallet.
func explainFunds(s *session, cc *chainConn, err error) error {
	who := s.signer
	var b strings.Builder
	if who == (common.Address{}) {
		fmt.Fprintf(&b, "the signing account cannot pay for the transaction on chain %d", cc.chainID)
	} else {
		bal := "unknown"
		if v, e := cc.client.BalanceAt(s.ctx, who, nil); e == nil {
			bal = v.String() + " wei"
		}
		fmt.Fprintf(&b, "account %s cannot pay for the transaction on chain %d (balance %s)", who.Hex(), cc.chainID, bal)
	}
	target := who.Hex()
	if who == (common.Address{}) {
		target = "<address>"
	}
	rpc := ""
	if cc.url != "" && cc.kind == "rpc" {
		rpc = " --rpc-url " + cc.url
	}
	if isDevChain(cc.chainID) {
		fmt.Fprintf(&b, ". On this dev chain, fund it from the node's unlocked dev account (geth --dev) or the dev key:\n"+
			"  zkllm chain fund %s%s\nor in geth's console:\n"+
			"  geth attach --exec \"eth.sendTransaction({from: eth.accounts[0], to: '%s', value: web3.toWei(10, 'ether')})\" %s",
			target, rpc, target, cc.url)
	} else {
		fmt.Fprintf(&b, ". Send it ether from a funded wallet (or a faucet on a test network), then retry")
	}
	return withCode(ExitBadInput, fmt.Errorf("%s (%w)", b.String(), err))
}
