package models

import (
	"bytes"
	"errors"
	"testing"
)

func TestStories260KDigests(t *testing.T) {
	ckpt, tok, err := Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	if len(ckpt.Data) != 1056540 || len(tok.Data) != 6227 {
		t.Fatalf("sizes %d, %d", len(ckpt.Data), len(tok.Data))
	}
	if !bytes.Contains(Stories260KLicense(), []byte("MIT License")) {
		t.Fatal("licence text missing")
	}
}

func TestCheckedRejectsAlteredBytes(t *testing.T) {
	data := bytes.Clone(tok512Bin)
	data[100] ^= 1
	if _, err := checked("tok512.bin", data, Tok512SHA256); !errors.Is(err, ErrDigest) {
		t.Fatalf("altered file accepted: %v", err)
	}
}
