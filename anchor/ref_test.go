package anchor

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

const (
	refAddr = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
	refID   = "0x1f9b5e2c7a3d4b6e8f0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
)

func TestRefFormatParse(t *testing.T) {
	r := Ref{ChainID: 31337, Contract: common.HexToAddress(refAddr), Kind: KindProof, ID: common.HexToHash(refID)}
	want := "eip155:31337:" + refAddr + "/proof/" + refID
	if got := r.String(); got != want {
		t.Fatalf("String() = %s, want %s", got, want)
	}
	// Lower-case address and upper-case id are accepted and normalize.
	lower := "eip155:31337:" + strings.ToLower(refAddr) + "/proof/0x" + strings.ToUpper(refID[2:])
	got, err := ParseRef(lower)
	if err != nil || got != r {
		t.Fatalf("ParseRef(%s) = %+v, %v", lower, got, err)
	}
	for _, kind := range []Kind{KindModel, KindVersion, KindProof, KindTx} {
		r.Kind = kind
		back, err := ParseRef(r.String())
		if err != nil || back != r {
			t.Fatalf("round trip of %s: %+v, %v", r, back, err)
		}
	}
	bare, err := ParseRef(refID)
	if err != nil || !bare.Bare() || bare.Kind != KindTx || bare.ID != common.HexToHash(refID) || bare.String() != refID {
		t.Fatalf("bare tx hash: %+v, %v", bare, err)
	}
}

func TestRefRejectsMalformed(t *testing.T) {
	good := "eip155:31337:" + refAddr + "/proof/" + refID
	badChecksum := strings.Replace(refAddr, "F", "f", 1)
	for name, s := range map[string]string{
		"empty":            "",
		"other namespace":  "cosmos:1:" + refAddr + "/proof/" + refID,
		"no kind":          "eip155:31337:" + refAddr + "/" + refID,
		"extra segment":    good + "/x",
		"unknown kind":     "eip155:31337:" + refAddr + "/block/" + refID,
		"chain id zero":    "eip155:0:" + refAddr + "/proof/" + refID,
		"chain id leading": "eip155:031337:" + refAddr + "/proof/" + refID,
		"chain id hex":     "eip155:0x7a69:" + refAddr + "/proof/" + refID,
		"chain id sign":    "eip155:+1:" + refAddr + "/proof/" + refID,
		"chain overflow":   "eip155:18446744073709551616:" + refAddr + "/proof/" + refID,
		"short address":    "eip155:1:0x1234/proof/" + refID,
		"bad checksum":     "eip155:1:" + badChecksum + "/proof/" + refID,
		"zero address":     "eip155:1:0x0000000000000000000000000000000000000000/proof/" + refID,
		"short id":         "eip155:1:" + refAddr + "/proof/0x1234",
		"id without 0x":    "eip155:1:" + refAddr + "/proof/" + refID[2:],
		"id not hex":       "eip155:1:" + refAddr + "/proof/0x" + strings.Repeat("g", 64),
		"bare short hash":  "0x1234",
		"bare no prefix":   refID[2:],
		"three colons":     "eip155:1:2:" + refAddr + "/proof/" + refID,
		"trailing space":   good + " ",
	} {
		if _, err := ParseRef(s); !errors.Is(err, ErrBadRef) {
			t.Errorf("%s: ParseRef(%q) err = %v, want ErrBadRef", name, s, err)
		}
	}
}

// FuzzParseRef: whatever parses formats back to a string that parses to the same Ref, and
// that canonical string is a fixed point.
func FuzzParseRef(f *testing.F) {
	f.Add("eip155:31337:" + refAddr + "/proof/" + refID)
	f.Add("eip155:1:" + strings.ToLower(refAddr) + "/model/" + refID)
	f.Add(refID)
	f.Add("eip155:1:0x1234/proof/0x12")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			if !errors.Is(err, ErrBadRef) {
				t.Fatalf("error without ErrBadRef: %v", err)
			}
			return
		}
		canon := r.String()
		back, err := ParseRef(canon)
		if err != nil || back != r {
			t.Fatalf("ParseRef(%q) = %+v; its String %q parses to %+v, %v", s, r, canon, back, err)
		}
		if back.String() != canon {
			t.Fatalf("canonical form not a fixed point: %q vs %q", back.String(), canon)
		}
	})
}
