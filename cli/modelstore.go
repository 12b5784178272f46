package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/zkllm/zkllm/internal/atomicfile"
)

// Files of one imported model, under <data-dir>/models/<name>/.
const (
	recordFile   = "model.json"     // the local record (modelRecord)
	manifestFile = "manifest.bin"   // canonical manifest (its SHA-256: manifest digest)
	specFile     = "spec.bin"       // canonical spec (its SHA-256: spec_hash)
	vkFile       = "commitment.vk"  // verifying key = weight commitment (its SHA-256 goes on-chain)
	rangeFile    = "range.proof"    // the weight range proof (PROTOCOL §4.3)
	partialFile  = "commit.partial" // row blocks of an unfinished commit
)

const recordSchema = schemaPrefix + "model-record/v1"

// modelRecord is the data directory's knowledge of one model.
type modelRecord struct {
	Schema         string         `json:"schema"`
	Name           string         `json:"name"`
	Format         string         `json:"format"` // "llama2c" or "hf"
	Sources        []sourceFile   `json:"sources"`
	ManifestSHA256 string         `json:"manifest_sha256"`
	SpecSHA256     string         `json:"spec_sha256"`
	Params         uint64         `json:"params"`
	Tensors        int            `json:"tensors"`
	Commitment     *commitRecord  `json:"commitment,omitempty"`
	Published      *publishRecord `json:"published,omitempty"`
}

type sourceFile struct {
	Role   string `json:"role"` // checkpoint, tokenizer, config, weights
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type commitRecord struct {
	VKSHA256         string  `json:"vk_sha256"`
	ModelID          string  `json:"model_id"`
	VKBytes          int64   `json:"vk_bytes"`
	Rows             int     `json:"rows"`
	RowLength        int     `json:"row_length"`
	RangeProofSHA256 string  `json:"range_proof_sha256,omitempty"`
	RangeProofBytes  int64   `json:"range_proof_bytes,omitempty"`
	Insecure         bool    `json:"insecure,omitempty"` // made with the test-hook secret
	Seconds          float64 `json:"seconds"`
}

type publishRecord struct {
	ChainID     uint64 `json:"chain_id"`
	Contract    string `json:"contract"`
	Ref         string `json:"ref"`
	TxHash      string `json:"tx_hash"`
	Block       uint64 `json:"block"`
	VKCID       string `json:"vk_cid"`
	ManifestCID string `json:"manifest_cid"`
	RangeCID    string `json:"range_proof_cid"`
	// The model line the version belongs to, its owner when last seen by this data
	// directory, a transfer offered from it, and the block of a revocation (0: live).
	ModelRef     string `json:"model_ref,omitempty"`
	Owner        string `json:"owner,omitempty"`
	Version      uint32 `json:"version,omitempty"`
	PendingOwner string `json:"pending_owner,omitempty"`
	RevokedBlock uint64 `json:"revoked_block,omitempty"`
}

// state is how `model list` and `model show` describe a publication.
func (p *publishRecord) state() string {
	switch {
	case p.Ref == "":
		return "line " + p.ModelRef + " (no version of yours yet)"
	case p.RevokedBlock != 0:
		return fmt.Sprintf("revoked %s (block %d)", p.Ref, p.RevokedBlock)
	case p.PendingOwner != "":
		return fmt.Sprintf("published %s (transfer offered to %s)", p.Ref, p.PendingOwner)
	}
	return "published " + p.Ref
}

func (d dataDir) loadRecord(name string) (*modelRecord, error) {
	if err := validModelName(name); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(d.path(modelsDirName, name, recordFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, badInputf("no model %q in %s (import one with `zkllm model import`)", name, d.root)
	}
	if err != nil {
		return nil, internalf("model %q: %v", name, err)
	}
	var r modelRecord
	if err := json.Unmarshal(b, &r); err != nil || r.Schema != recordSchema {
		return nil, internalf("model %q: damaged record %s", name, d.path(modelsDirName, name, recordFile))
	}
	return &r, nil
}

func (d dataDir) saveRecord(r *modelRecord) error {
	r.Schema = recordSchema
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return internalf("model record: %v", err)
	}
	return atomicfile.Write(d.path(modelsDirName, r.Name, recordFile), append(b, '\n'), 0o600)
}

func (d dataDir) modelNames() ([]string, error) {
	ents, err := os.ReadDir(d.path(modelsDirName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, internalf("models: %v", err)
	}
	var names []string
	for _, e := range ents {
		if e.IsDir() {
			if _, err := os.Stat(d.path(modelsDirName, e.Name(), recordFile)); err == nil {
				names = append(names, e.Name())
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// selectModel resolves --model, or the only imported model.
func (s *session) selectModel() (*modelRecord, error) {
	if name := s.c.String(modelFlag.Name); name != "" {
		return s.dir.loadRecord(name)
	}
	names, err := s.dir.modelNames()
	if err != nil {
		return nil, err
	}
	switch len(names) {
	case 0:
		return nil, badInputf("no model in %s: run `zkllm model import <path>` first", s.dir.root)
	case 1:
		return s.dir.loadRecord(names[0])
	default:
		return nil, badInputf("several models in %s (%v): choose one with --model", s.dir.root, names)
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
