package tlookup

import (
	"errors"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// TestBlobRangeBatchRejectsTampering: with every group equation of the
// weight range proof in one ipa.Batch, a proof altered in a Schnorr response
// only (so the transcript replay and every DLC relation still go through)
// must be rejected by the batch's single MSM, and by the immediate path too.
func TestBlobRangeBatchRejectsTampering(t *testing.T) {
	m := newTestModel(t, 6, 6)
	honest, err := ProveBlobRange(m.vk, m.blob, m.blind, testModelID)
	if err != nil {
		t.Fatal(err)
	}
	enc := honest.Marshal()
	for _, batched := range []bool{true, false} {
		p, err := UnmarshalBlobRangeProof(enc, m.vk)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.verify(m.vk, testModelID, batched); err != nil {
			t.Fatalf("honest proof rejected (batched %v): %v", batched, err)
		}
	}
	one := fr.One()
	tamper := map[string]func(p *BlobRangeProof){
		"gkr root product":  func(p *BlobRangeProof) { p.GKR.RootProducts[1].S[4].Add(&p.GKR.RootProducts[1].S[4], &one) },
		"gkr layer product": func(p *BlobRangeProof) { s := &p.GKR.Layers[0].Products[0].S[2]; s.Add(s, &one) },
		"weight opening":    func(p *BlobRangeProof) { p.OpenWeights.Z1.Add(&p.OpenWeights.Z1, &one) },
		"mult opening":      func(p *BlobRangeProof) { p.OpenMult.Z2.Add(&p.OpenMult.Z2, &one) },
		"dlc ipa":           func(p *BlobRangeProof) { p.DLC.IPA.Z1.Add(&p.DLC.IPA.Z1, &one) },
	}
	for name, f := range tamper {
		for _, batched := range []bool{true, false} {
			p, err := UnmarshalBlobRangeProof(enc, m.vk)
			if err != nil {
				t.Fatal(err)
			}
			f(p)
			err = p.verify(m.vk, testModelID, batched)
			if !errors.Is(err, ErrReject) {
				t.Fatalf("%s (batched %v): tampered proof accepted: %v", name, batched, err)
			}
			// The batched path defers the check: the rejection is the batch's.
			if batched && !strings.Contains(err.Error(), "batched group equation fails") {
				t.Fatalf("%s: batched path rejected before the batch: %v", name, err)
			}
			// The public entry point is the batched one.
			if name == "dlc ipa" && batched {
				if err := VerifyBlobRange(m.vk, testModelID, p.Marshal()); !errors.Is(err, ErrReject) {
					t.Fatalf("VerifyBlobRange accepted a tampered DLC IPA: %v", err)
				}
			}
		}
	}
}
