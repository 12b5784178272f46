package anchor

import "github.com/ethereum/go-ethereum/common"

// Tally is what a reader makes of the attestations on one proof record: anyone may attest,
// so only the validators the reader trusts are counted; the others are reported, not counted.
type Tally struct {
	Valid, Invalid int           // verdicts of trusted validators
	Counted        []Attestation // the trusted validators' attestations, in input order
	Ignored        []Attestation // attestations by validators the reader does not trust
	// AfterRevocation counts trusted attestations recorded after the version's revocation
	// (they are counted; a reader may discount them).
	AfterRevocation int
}

// CountAttestations tallies atts (one proof's, as Attestations returns them) over the
// trusted validators. revokedBlock is the version's RevokedBlock (0 while live).
func CountAttestations(atts []Attestation, trusted []common.Address, revokedBlock uint64) Tally {
	trust := make(map[common.Address]bool, len(trusted))
	for _, a := range trusted {
		trust[a] = true
	}
	var t Tally
	for _, a := range atts {
		if !trust[a.Validator] {
			t.Ignored = append(t.Ignored, a)
			continue
		}
		t.Counted = append(t.Counted, a)
		if a.Valid {
			t.Valid++
		} else {
			t.Invalid++
		}
		if revokedBlock != 0 && a.BlockNumber > revokedBlock {
			t.AfterRevocation++
		}
	}
	return t
}
