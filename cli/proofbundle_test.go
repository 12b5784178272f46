package cli

import (
	"bytes"
	"testing"
)

func validProofBundle() []byte {
	f := bundleFile{CID: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", SHA256: "4437e96ce62c6326f7ccce5fd8c54de2bc5790cfa24c3577eafde43b7b402a6b", Bytes: 12}
	b := &proofBundle{Schema: proofBundleSchema, Proof: f, Tokenizer: f, TokenizerFormat: tokenizerLlama2c, ModelVersion: "eip155:1337:0x5FbDB2315678afecb367f032d93F642f64180aa3/version/0x01"}
	return b.marshal()
}

func TestParseProofBundle(t *testing.T) {
	good := validProofBundle()
	b, err := parseProofBundle(good)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.marshal(), good) {
		t.Fatal("round trip")
	}
	for name, bad := range map[string][]byte{
		"trailing":         append(bytes.Clone(good), []byte("{}")...),
		"unknown field":    bytes.Replace(good, []byte(`"schema"`), []byte(`"x": 1, "schema"`), 1),
		"schema":           bytes.Replace(good, []byte("proof-bundle/v1"), []byte("proof-bundle/v2"), 1),
		"digest":           bytes.Replace(good, []byte("4437e96c"), []byte("4437E96C"), 1),
		"tokenizer format": bytes.Replace(good, []byte(`"llama2c"`), []byte(`"hf"`), 1),
		"zero size":        bytes.Replace(good, []byte(`"bytes": 12`), []byte(`"bytes": 0`), 1),
		"non-canonical":    bytes.Replace(good, []byte("\n  "), []byte("\n   "), 1),
		"oversized":        append(bytes.Clone(good), make([]byte, maxProofBundleBytes)...),
		"empty":            nil,
	} {
		if _, err := parseProofBundle(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzParseProofBundle(f *testing.F) {
	f.Add(validProofBundle())
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := parseProofBundle(b)
		if err != nil {
			return
		}
		if !bytes.Equal(out.marshal(), b) {
			t.Fatalf("accepted a non-canonical proof bundle")
		}
	})
}
