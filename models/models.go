package models

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
)

// ErrDigest reports an embedded file whose SHA-256 is not the published one.
var ErrDigest = errors.New("models: embedded file digest mismatch")

//go:embed stories260K/stories260K.bin
var stories260KBin []byte

//go:embed stories260K/tok512.bin
var tok512Bin []byte

//go:embed stories260K/LICENSE
var stories260KLicense []byte

//go:embed stories260K/ATTRIBUTION
var stories260KAttribution []byte

// Published SHA-256 digests (shared/models/stories260K/README.md).
const (
	Stories260KCheckpointSHA256 = "b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696"
	Tok512SHA256                = "037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312"
)

// File is one shipped file: its name, its bytes and its checked digest.
type File struct {
	Name   string
	Data   []byte
	SHA256 [32]byte
}

// Stories260K returns the llama2.c checkpoint and the tokenizer of the shipped
// stories260K model after checking both digests. The returned slices are
// copies: callers may keep or modify them.
func Stories260K() (checkpoint, tokenizer File, err error) {
	checkpoint, err = checked("stories260K.bin", stories260KBin, Stories260KCheckpointSHA256)
	if err != nil {
		return File{}, File{}, err
	}
	tokenizer, err = checked("tok512.bin", tok512Bin, Tok512SHA256)
	if err != nil {
		return File{}, File{}, err
	}
	return checkpoint, tokenizer, nil
}

// Stories260KLicense returns the licence text under which the weights were
// released, unchanged, followed by the attribution line.
func Stories260KLicense() []byte {
	return bytes.Join([][]byte{stories260KLicense, stories260KAttribution}, []byte("\n"))
}

func checked(name string, data []byte, wantHex string) (File, error) {
	want, err := hex.DecodeString(wantHex)
	if err != nil || len(want) != sha256.Size {
		return File{}, fmt.Errorf("models: bad pinned digest for %s", name)
	}
	got := sha256.Sum256(data)
	if !bytes.Equal(got[:], want) {
		return File{}, fmt.Errorf("%w: %s has %x, want %s", ErrDigest, name, got, wantHex)
	}
	return File{Name: name, Data: bytes.Clone(data), SHA256: got}, nil
}
