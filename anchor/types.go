package anchor

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/zkllm/zkllm/anchor/bindings"
)

// VersionInput is what a model version commits to (names follow PROTOCOL §1.1).
type VersionInput struct {
	ModelID          common.Hash // SHA-256(manifest digest || verifying-key file digest)
	SpecHash         common.Hash // spec_hash
	CommitmentDigest common.Hash // SHA-256 of the commitment (verifying key) file
	SourceDigest     common.Hash // digest of the original model files
	CommitmentCID    string      // IPFS CID of the commitment file
	MetadataURI      string      // optional
}

func (v VersionInput) binding() bindings.ZkllmRegistryVersionInput {
	return bindings.ZkllmRegistryVersionInput{
		ModelId:          v.ModelID,
		SpecHash:         v.SpecHash,
		CommitmentDigest: v.CommitmentDigest,
		SourceDigest:     v.SourceDigest,
		CommitmentCid:    v.CommitmentCID,
		MetadataUri:      v.MetadataURI,
	}
}

// Model is a model line: an owner and its published versions. PendingOwner is the address a
// transfer was offered to (zero when none); it becomes the owner only when it accepts.
type Model struct {
	Key          common.Hash
	Owner        common.Address
	PendingOwner common.Address
	VersionCount uint32
}

// Version is a published model version.
type Version struct {
	ID          common.Hash
	ModelKey    common.Hash
	Number      uint32
	Revoked     bool
	BlockNumber uint64
	// RevokedBlock is the block of the revocation (0 while live).
	RevokedBlock uint64
	// Publisher is the account that published the version (the model's owner at the time).
	Publisher common.Address
	VersionInput
}

// Proof is an anchored proof record. It is keyed by what it claims, Key =
// ProofKey(VersionID, StatementDigest, Digest): the same proof digest anchored under another
// version is another record.
type Proof struct {
	Key             common.Hash
	Digest          common.Hash
	VersionID       common.Hash
	StatementDigest common.Hash
	Submitter       common.Address
	BlockNumber     uint64
	CID             string
}

// Attestation is an auditor's verdict on a proof (an ERC-8004 validation response).
type Attestation struct {
	ProofKey     common.Hash // the attested proof record (ERC-8004 requestHash)
	Validator    common.Address
	Valid        bool // response 100; false means response 0
	URI          string
	ResponseHash common.Hash
	Tag          common.Hash
	BlockNumber  uint64
}

// Receipt summarizes a mined transaction.
type Receipt struct {
	TxHash      common.Hash
	BlockNumber uint64
	GasUsed     uint64
}

// ERC-8004 response values the registry accepts.
const (
	responseValid   = 100
	responseInvalid = 0
)
