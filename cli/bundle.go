package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// A published model version points on-chain (metadata URI) at a bundle: a
// small JSON file on IPFS naming the other published files by CID and
// SHA-256. The commitment's CID and digest, the manifest digest (source
// digest), the spec hash and the model id are on-chain themselves; the bundle
// adds the range proof, the manifest's and spec's CIDs, and the owner's own
// metadata URI. Being fetched by CID, the bundle is as trustworthy as the
// chain record naming it.

const bundleSchema = schemaPrefix + "model-bundle/v1"

// maxBundleBytes bounds the bundle fetch.
const maxBundleBytes = 64 << 10

type bundleFile struct {
	CID    string `json:"cid"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

type bundle struct {
	Schema      string     `json:"schema"`
	Commitment  bundleFile `json:"commitment"`
	Manifest    bundleFile `json:"manifest"`
	Spec        bundleFile `json:"spec"`
	RangeProof  bundleFile `json:"range_proof"`
	MetadataURI string     `json:"metadata_uri,omitempty"`
}

func (b *bundle) marshal() []byte {
	out, _ := json.MarshalIndent(b, "", "  ")
	return append(out, '\n')
}

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// parseBundle decodes a bundle strictly: exact schema, no unknown fields, no
// trailing data, well-formed digests, and canonical encoding.
func parseBundle(b []byte) (*bundle, error) {
	if len(b) > maxBundleBytes {
		return nil, fmt.Errorf("bundle larger than %d bytes", maxBundleBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var out bundle
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("bundle: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("bundle: trailing data")
	}
	if out.Schema != bundleSchema {
		return nil, fmt.Errorf("bundle: schema %q, want %q", out.Schema, bundleSchema)
	}
	for name, f := range map[string]bundleFile{"commitment": out.Commitment, "manifest": out.Manifest, "spec": out.Spec, "range_proof": out.RangeProof} {
		if f.CID == "" || !hex64.MatchString(f.SHA256) || f.Bytes <= 0 {
			return nil, fmt.Errorf("bundle: %s entry is incomplete or malformed", name)
		}
	}
	if !bytes.Equal(out.marshal(), b) {
		return nil, fmt.Errorf("bundle: not in canonical form")
	}
	return &out, nil
}

// bundleURI and parseBundleURI: the on-chain metadata URI is ipfs://<cid>.
func bundleURI(cid string) string { return "ipfs://" + cid }

func parseBundleURI(uri string) (string, error) {
	c, ok := strings.CutPrefix(uri, "ipfs://")
	if !ok || c == "" || strings.ContainsAny(c, "/?#") {
		return "", fmt.Errorf("metadata URI %q is not ipfs://<cid> of a zkllm bundle", uri)
	}
	return c, nil
}
