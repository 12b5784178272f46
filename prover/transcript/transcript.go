package transcript

import (
	"crypto/sha256"
	"encoding/binary"
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// Domain is the initialisation string of version 1.
const Domain = "zkllm-go/transcript/v1"

// Operation tags of the hash chain.
const (
	tagAbsorb  = 0x01
	tagSqueeze = 0x02
	tagUpdate  = 0x03
)

// Observer is told of every absorb and squeeze, in order. Data is the exact
// absorbed byte string (do not retain it without copying).
type Observer interface {
	Absorbed(label string, data []byte)
	Squeezed(label string, value fr.Element)
}

// Transcript is a Fiat–Shamir hash chain. The zero value is not usable; use
// New. A Transcript is not safe for concurrent use.
type Transcript struct {
	state [32]byte
	obs   Observer
	buf   []byte // scratch for encodings, reused
}

// New returns a transcript in the initial state.
func New() *Transcript {
	return &Transcript{state: sha256.Sum256([]byte(Domain))}
}

// Observe attaches o (nil detaches); it receives every later operation.
func (t *Transcript) Observe(o Observer) { t.obs = o }

// State returns σ (for golden tests and debugging).
func (t *Transcript) State() [32]byte { return t.state }

// Clone returns an independent copy with the same state and no observer.
func (t *Transcript) Clone() *Transcript { return &Transcript{state: t.state} }

func writeLabel(h interface{ Write([]byte) (int, error) }, label string) {
	if len(label) > 0xFFFF {
		panic("transcript: label longer than 65535 bytes")
	}
	var l [2]byte
	binary.BigEndian.PutUint16(l[:], uint16(len(label)))
	h.Write(l[:])
	h.Write([]byte(label))
}

// AbsorbBytes absorbs data under label.
func (t *Transcript) AbsorbBytes(label string, data []byte) {
	h := sha256.New()
	h.Write([]byte{tagAbsorb})
	h.Write(t.state[:])
	writeLabel(h, label)
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(data)))
	h.Write(n[:])
	h.Write(data)
	h.Sum(t.state[:0])
	if t.obs != nil {
		t.obs.Absorbed(label, data)
	}
}

// AbsorbUint64 absorbs v as 8 big-endian bytes.
func (t *Transcript) AbsorbUint64(label string, v uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	t.AbsorbBytes(label, b[:])
}

// AbsorbScalar absorbs one scalar (32 bytes).
func (t *Transcript) AbsorbScalar(label string, x *fr.Element) {
	t.buf = field.AppendScalar(t.buf[:0], x)
	t.AbsorbBytes(label, t.buf)
}

// AbsorbScalars absorbs a vector of scalars as one message.
func (t *Transcript) AbsorbScalars(label string, xs []fr.Element) {
	t.buf = field.AppendScalars(t.buf[:0], xs)
	t.AbsorbBytes(label, t.buf)
}

// AbsorbPoint absorbs one point (48 bytes compressed).
func (t *Transcript) AbsorbPoint(label string, p *bls12381.G1Affine) {
	t.buf = field.AppendPoint(t.buf[:0], p)
	t.AbsorbBytes(label, t.buf)
}

// AbsorbPoints absorbs a vector of points as one message.
func (t *Transcript) AbsorbPoints(label string, ps []bls12381.G1Affine) {
	t.buf = field.AppendPoints(t.buf[:0], ps)
	t.AbsorbBytes(label, t.buf)
}

// squeeze implements squeeze(L) without notifying the observer.
func (t *Transcript) squeeze(label string) fr.Element {
	var wide [64]byte
	for i := byte(0); i < 2; i++ {
		h := sha256.New()
		h.Write([]byte{tagSqueeze})
		h.Write(t.state[:])
		writeLabel(h, label)
		h.Write([]byte{i})
		h.Sum(wide[32*int(i) : 32*int(i)])
	}
	h := sha256.New()
	h.Write([]byte{tagUpdate})
	h.Write(t.state[:])
	writeLabel(h, label)
	h.Sum(t.state[:0])

	var x big.Int
	x.SetBytes(wide[:])
	var e fr.Element
	e.SetBigInt(&x) // reduces the 512-bit integer mod r (bias < 2^-256)
	return e
}

// Challenge squeezes a uniform field element under label.
func (t *Transcript) Challenge(label string) fr.Element {
	e := t.squeeze(label)
	if t.obs != nil {
		t.obs.Squeezed(label, e)
	}
	return e
}

// ChallengeNonZero squeezes under label until the value is non-zero (for
// challenges that get inverted).
func (t *Transcript) ChallengeNonZero(label string) fr.Element {
	for {
		e := t.squeeze(label)
		if t.obs != nil {
			t.obs.Squeezed(label, e)
		}
		if !e.IsZero() {
			return e
		}
	}
}

// Challenges squeezes n challenges under one label, in order.
func (t *Transcript) Challenges(label string, n int) []fr.Element {
	out := make([]fr.Element, n)
	for i := range out {
		out[i] = t.Challenge(label)
	}
	return out
}
