package anchor

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// Anyone may attest on any proof, also after its version is revoked: a reader counts only the
// validators it trusts, and can tell verdicts made after the revocation.
func TestAttestationsFilteredByValidator(t *testing.T) {
	ctx := context.Background()
	s := newSimChain(t, 3)
	owner := s.deploy(t)
	trusted, stranger := s.as(t, owner, 1), s.as(t, owner, 2)
	_, v1, _, err := owner.RegisterModel(ctx, digest("salt"), sampleVersion(1))
	if err != nil {
		t.Fatal(err)
	}
	key, _, err := owner.AnchorProof(ctx, v1, digest("s"), digest("p"), sampleProofCID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stranger.Attest(ctx, key, true, "ipfs://sybil", common.Hash{}, common.Hash{}); err != nil {
		t.Fatal(err)
	}
	rc, err := owner.RevokeVersion(ctx, v1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := trusted.Attest(ctx, key, false, "ipfs://late", common.Hash{}, common.Hash{}); err != nil {
		t.Fatalf("an attestation after the revocation is accepted by the registry: %v", err)
	}
	atts, err := owner.Attestations(ctx, key)
	if err != nil || len(atts) != 2 {
		t.Fatalf("attestations %+v, %v", atts, err)
	}
	v, err := owner.Version(ctx, v1)
	if err != nil || v.RevokedBlock != rc.BlockNumber {
		t.Fatalf("revoked block %+v, %v", v, err)
	}
	tally := CountAttestations(atts, []common.Address{trusted.From()}, v.RevokedBlock)
	if tally.Valid != 0 || tally.Invalid != 1 || len(tally.Ignored) != 1 || tally.Ignored[0].Validator != stranger.From() || tally.AfterRevocation != 1 {
		t.Fatalf("tally %+v", tally)
	}
	if none := CountAttestations(atts, nil, 0); len(none.Counted) != 0 || len(none.Ignored) != 2 {
		t.Fatalf("no trusted validator: %+v", none)
	}
}
