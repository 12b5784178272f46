package anchor_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/anchor/bindings"
	"github.com/zkllm/zkllm/internal/testutil"
)

// BenchmarkAnvilAnchorProof times one AnchorProof (send + 20 ms receipt polling) against a real
// anvil, and in the same run the same transaction awaited with bind.WaitMined (1 s tick):
// metric "waitmined-x" is how many times slower the baseline is.
func BenchmarkAnvilAnchorProof(b *testing.B) {
	node := testutil.StartAnvil(b)
	client, err := ethclient.Dial(node.RPCURL)
	if err != nil {
		b.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	key, err := crypto.HexToECDSA(testutil.AnvilDevKey0Hex)
	if err != nil {
		b.Fatal(err)
	}
	c, _, err := anchor.Deploy(ctx, client, anchor.Options{Key: key})
	if err != nil {
		b.Fatal(err)
	}
	in := anchor.VersionInput{ModelID: common.Hash{1}, SpecHash: common.Hash{2}, CommitmentDigest: common.Hash{3},
		SourceDigest: common.Hash{4}, CommitmentCID: "bafy"}
	_, versionID, _, err := c.RegisterModel(ctx, common.Hash{5}, in)
	if err != nil {
		b.Fatal(err)
	}
	reg := bindings.NewZkllmRegistry()
	inst := reg.Instance(client, c.Address())
	auth := bind.NewKeyedTransactor(key, big.NewInt(int64(node.ChainID)))
	var ours, baseline time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := common.BigToHash(big.NewInt(int64(2*i + 1)))
		start := time.Now()
		if _, _, err := c.AnchorProof(ctx, versionID, common.Hash{9}, d, "bafkrei"); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)

		b.StopTimer()
		start = time.Now()
		tx, err := bind.Transact(inst, auth, reg.PackAnchorProof(versionID, common.Hash{9}, common.BigToHash(big.NewInt(int64(2*i+2))), "bafkrei"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bind.WaitMined(ctx, client, tx.Hash()); err != nil {
			b.Fatal(err)
		}
		baseline += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(ours.Microseconds())/float64(b.N)/1000, "ms/anchor")
	b.ReportMetric(float64(baseline)/float64(ours), "waitmined-x")
}
