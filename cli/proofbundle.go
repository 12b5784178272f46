package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// An anchored proof's on-chain CID names a proof bundle: a small JSON file on IPFS naming the
// proof file and the model's tokenizer by CID, SHA-256 and size. The chain holds the proof
// file's SHA-256 (the proof digest) and the statement digest, so an auditor checks the bundle's
// proof entry against the chain, the fetched proof against both, and the tokenizer against the
// manifest's tokenizer digest: nothing in the bundle is trusted beyond what those bind. The
// tokenizer travels with the proof because the verifier needs it to check the prompt and
// output texts, and the owner's model bundle does not carry it.

const proofBundleSchema = schemaPrefix + "proof-bundle/v1"

// maxProofBundleBytes bounds the proof-bundle fetch.
const maxProofBundleBytes = 16 << 10

// Tokenizer encodings a proof bundle may carry.
const tokenizerLlama2c = "llama2c" // tokenizer.Tokenizer.MarshalLlama2c (its SHA-256 is the digest)

type proofBundle struct {
	Schema          string     `json:"schema"`
	Proof           bundleFile `json:"proof"`
	Tokenizer       bundleFile `json:"tokenizer"`
	TokenizerFormat string     `json:"tokenizer_format"`
	// ModelVersion is the chain reference of the model version the proof was made for
	// (informative: the chain record's version id is what counts).
	ModelVersion string `json:"model_version"`
}

func (b *proofBundle) marshal() []byte {
	out, _ := json.MarshalIndent(b, "", "  ")
	return append(out, '\n')
}

// parseProofBundle decodes strictly: exact schema, known fields only, no trailing data,
// complete entries, a known tokenizer format, canonical encoding.
func parseProofBundle(b []byte) (*proofBundle, error) {
	if len(b) > maxProofBundleBytes {
		return nil, fmt.Errorf("proof bundle larger than %d bytes", maxProofBundleBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var out proofBundle
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("proof bundle: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("proof bundle: trailing data")
	}
	if out.Schema != proofBundleSchema {
		return nil, fmt.Errorf("proof bundle: schema %q, want %q", out.Schema, proofBundleSchema)
	}
	for name, f := range map[string]bundleFile{"proof": out.Proof, "tokenizer": out.Tokenizer} {
		if f.CID == "" || !hex64.MatchString(f.SHA256) || f.Bytes <= 0 {
			return nil, fmt.Errorf("proof bundle: %s entry is incomplete or malformed", name)
		}
	}
	if out.TokenizerFormat != tokenizerLlama2c {
		return nil, fmt.Errorf("proof bundle: tokenizer format %q (this build reads %q)", out.TokenizerFormat, tokenizerLlama2c)
	}
	if !bytes.Equal(out.marshal(), b) {
		return nil, fmt.Errorf("proof bundle: not in canonical form")
	}
	return &out, nil
}
