package cli

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"

	"github.com/zkllm/zkllm/anchor"
)

// Issue 16: verify shows whose attestations it counts — only --validator addresses; a
// stranger's verdict is listed as not counted, and a verdict after the revocation is flagged.
func TestAttestationSummaryCountsTrustedOnly(t *testing.T) {
	ctx := context.Background()
	var keys []*anchor.Client
	alloc := types.GenesisAlloc{}
	privs := make([]*ecdsa.PrivateKey, 3)
	for i := range privs {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		privs[i] = k
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))}
	}
	sim := simulated.NewBackend(alloc)
	defer sim.Close()
	b := anchor.Simulated(sim)
	owner, _, err := anchor.Deploy(ctx, b, anchor.Options{Key: privs[0]})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range privs {
		c, err := anchor.Open(ctx, b, owner.Address(), anchor.Options{Key: k})
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, c)
	}
	h := func(s string) common.Hash { return crypto.Keccak256Hash([]byte(s)) }
	_, v1, _, err := owner.RegisterModel(ctx, h("salt"), anchor.VersionInput{ModelID: h("m"), SpecHash: h("s"),
		CommitmentDigest: h("c"), SourceDigest: h("src"), CommitmentCID: "bafy"})
	if err != nil {
		t.Fatal(err)
	}
	key, _, err := owner.AnchorProof(ctx, v1, h("statement"), h("proof"), "bafk")
	if err != nil {
		t.Fatal(err)
	}
	trusted, stranger := keys[1], keys[2]
	if _, err := stranger.Attest(ctx, key, true, "ipfs://sybil", common.Hash{}, common.Hash{}); err != nil {
		t.Fatal(err)
	}
	rc, err := owner.RevokeVersion(ctx, v1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := trusted.Attest(ctx, key, true, "ipfs://r", common.Hash{}, common.Hash{}); err != nil {
		t.Fatal(err)
	}
	sum, err := summarizeAttestations(ctx, owner, key, []string{trusted.From().Hex()}, rc.BlockNumber)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Valid != 1 || sum.Invalid != 0 || len(sum.Ignored) != 1 || sum.Ignored[0] != stranger.From().Hex() || sum.AfterRevocation != 1 {
		t.Fatalf("summary %+v", sum)
	}
	var w bytes.Buffer
	sum.print(&w)
	if !strings.Contains(w.String(), "1 valid, 0 invalid") || !strings.Contains(w.String(), "1 by other validators not counted") {
		t.Fatalf("printed %q", w.String())
	}
	none, err := summarizeAttestations(ctx, owner, key, nil, 0)
	if err != nil || none.Valid != 0 || len(none.Ignored) != 2 {
		t.Fatalf("no trusted validators: %+v %v", none, err)
	}
	if _, err := summarizeAttestations(ctx, owner, key, []string{"nope"}, 0); ExitCode(err) != ExitBadInput {
		t.Fatalf("bad --validator: %v", err)
	}
}
