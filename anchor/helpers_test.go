package anchor

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"
)

// simChain is a fresh simulated chain (id 1337) with funded accounts.
type simChain struct {
	sim  *simulated.Backend
	keys []*ecdsa.PrivateKey
}

func newSimChain(t testing.TB, funded int) *simChain {
	t.Helper()
	alloc := types.GenesisAlloc{}
	s := &simChain{}
	for range funded {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		s.keys = append(s.keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(1000), big.NewInt(params.Ether))}
	}
	s.sim = simulated.NewBackend(alloc)
	t.Cleanup(func() { s.sim.Close() })
	return s
}

func (s *simChain) backend() Backend { return Simulated(s.sim) }

// deploy deploys a registry with key 0 and returns a client signing with key i.
func (s *simChain) deploy(t testing.TB) *Client {
	t.Helper()
	c, _, err := Deploy(context.Background(), s.backend(), Options{Key: s.keys[0]})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (s *simChain) as(t testing.TB, c *Client, i int) *Client {
	t.Helper()
	other, err := Open(context.Background(), s.backend(), c.Address(), Options{Key: s.keys[i]})
	if err != nil {
		t.Fatal(err)
	}
	return other
}

func digest(parts ...any) common.Hash {
	return sha256.Sum256([]byte(fmt.Sprint(parts...)))
}

func sampleVersion(n int) VersionInput {
	return VersionInput{
		ModelID:          digest("model", n),
		SpecHash:         digest("spec", n),
		CommitmentDigest: digest("commitment", n),
		SourceDigest:     digest("source", n),
		CommitmentCID:    "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
		MetadataURI:      fmt.Sprintf("ipfs://meta/%d", n),
	}
}

const sampleProofCID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
