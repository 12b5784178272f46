package owner

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// SecretSize is the owner secret's length in bytes.
const SecretSize = 32

// Secret is the owner's 32-byte secret (from crypto/rand): every Hyrax row
// blinding of the weight commitment derives from it, so whoever holds it can
// prove with the committed weights and resume a commit; nobody else learns
// anything about the weights from the vk.
type Secret [SecretSize]byte

// rowBlindLabel domain-separates the row-blinding PRF; v2 binds the row
// length and generator version (PROTOCOL §4.2 rev 1.2).
const rowBlindLabel = "zkllm/row-blind/v2"

// BlindingDomain is what a row blinding is bound to besides the row index:
// the model (its manifest digest), the Hyrax row length c_W = 2^LogC and the
// generator-set version. Re-committing the same manifest under another row
// length or generator set can therefore never reuse a blinding.
type BlindingDomain struct {
	ManifestDigest   [32]byte
	LogC             int
	GeneratorVersion uint32
}

// prefix is the message every row's PRF input starts with:
//
//	label ‖ manifest digest (32 B) ‖ u64 c_W ‖ u32 generator version
func (d BlindingDomain) prefix() []byte {
	b := append([]byte(rowBlindLabel), d.ManifestDigest[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(1)<<d.LogC)
	return binary.BigEndian.AppendUint32(b, d.GeneratorVersion)
}

// RowBlinding derives ρ_row:
//
//	h_i = HMAC-SHA256(secret, prefix ‖ u64 row ‖ u8 i), i = 0, 1
//	ρ   = int_be(h_0 ‖ h_1) mod r
//
// 512 bits reduced mod r leave a bias below 2^-256 (≥ 128 extra bits, as
// §4.2 asks). Padding rows are the caller's business (their ρ is 0).
func (s *Secret) RowBlinding(d BlindingDomain, row uint64) fr.Element {
	out := make([]fr.Element, 1)
	s.RowBlindings(d, row, out)
	return out[0]
}

// RowBlindings fills out[i] with ρ_{from+i}.
func (s *Secret) RowBlindings(d BlindingDomain, from uint64, out []fr.Element) {
	prefix := d.prefix()
	m := hmac.New(sha256.New, s[:])
	var wide [64]byte
	var x big.Int
	for i := range out {
		msg := binary.BigEndian.AppendUint64(append([]byte(nil), prefix...), from+uint64(i))
		hmacPair(m, msg, &wide)
		x.SetBytes(wide[:])
		out[i].SetBigInt(&x) // reduces mod r
	}
}

// hmacPair writes HMAC(msg ‖ 0) ‖ HMAC(msg ‖ 1) into wide.
func hmacPair(m hash.Hash, msg []byte, wide *[64]byte) {
	for i := 0; i < 2; i++ {
		m.Reset()
		m.Write(msg)
		m.Write([]byte{byte(i)})
		m.Sum(wide[32*i : 32*i])
	}
}

// ID is a public fingerprint of the secret (HMAC of a fixed label): it tells
// whether two secrets are the same without revealing either. The resumable
// commit keeps it in its partial file's header.
func (s *Secret) ID() [32]byte {
	m := hmac.New(sha256.New, s[:])
	m.Write([]byte("zkllm/secret-id/v1"))
	var id [32]byte
	m.Sum(id[:0])
	return id
}
