package cli

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/zkllm/zkllm/anchor/devchain"
	"github.com/zkllm/zkllm/internal/atomicfile"
)

func validBundle() []byte {
	f := bundleFile{CID: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", SHA256: "4437e96ce62c6326f7ccce5fd8c54de2bc5790cfa24c3577eafde43b7b402a6b", Bytes: 12}
	b := &bundle{Schema: bundleSchema, Commitment: f, Manifest: f, Spec: f, RangeProof: f}
	return b.marshal()
}

func TestParseBundle(t *testing.T) {
	good := validBundle()
	b, err := parseBundle(good)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.marshal(), good) {
		t.Fatal("round trip")
	}
	for name, bad := range map[string][]byte{
		"trailing":      append(bytes.Clone(good), []byte("{}")...),
		"unknown field": bytes.Replace(good, []byte(`"schema"`), []byte(`"x": 1, "schema"`), 1),
		"schema":        bytes.Replace(good, []byte("model-bundle/v1"), []byte("model-bundle/v2"), 1),
		"digest":        bytes.Replace(good, []byte("4437e96c"), []byte("4437E96C"), 1),
		"non-canonical": bytes.Replace(good, []byte("\n  "), []byte("\n   "), 1),
		"empty":         nil,
	} {
		if _, err := parseBundle(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzParseBundle(f *testing.F) {
	f.Add(validBundle())
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := parseBundle(b)
		if err != nil {
			return
		}
		if !bytes.Equal(out.marshal(), b) { // accepted means canonical
			t.Fatalf("accepted a non-canonical bundle")
		}
	})
}

func FuzzDecodeSecret(f *testing.F) {
	var k [secretSize]byte
	k[0] = 7
	f.Add(encodeSecret(k))
	f.Add([]byte("zkllm-owner-secret-v1\n00\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		key, err := decodeSecret(b)
		if err != nil {
			return
		}
		if _, err := decodeSecret(encodeSecret(key)); err != nil {
			t.Fatal("re-encoded secret rejected")
		}
	})
}

func FuzzReadEndpoint(f *testing.F) {
	f.Add([]byte(`{"schema":"zkllm.endpoint/v1","kind":"chain","url":"http://127.0.0.1:1","pid":1}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "ep")
		if err := atomicfile.Write(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		ep, err := devchain.ReadEndpoint(p)
		if err == nil && (ep.URL == "" || ep.PID <= 0) {
			t.Fatalf("accepted an incomplete endpoint %+v", ep)
		}
	})
}
