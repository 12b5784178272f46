package cli

import (
	"encoding/hex"
	"path/filepath"

	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// encodeManifestAndSpec returns the canonical manifest and spec encodings of
// a loaded model (prover/model/spec; their SHA-256 are the manifest digest
// and spec_hash). The spec fixes c_W for the model's weight blob.
func encodeManifestAndSpec(lm *loadedModel) (manifest, specBytes []byte, err error) {
	var files []spec.SourceFile
	for _, f := range lm.sources {
		if f.Role == "folder" { // the folder itself is no file: its files follow
			continue
		}
		sum, err := hex.DecodeString(f.SHA256)
		if err != nil || len(sum) != 32 {
			return nil, nil, internalf("source %s: bad digest", f.Path)
		}
		sf := spec.SourceFile{Role: f.Role, Name: filepath.Base(f.Path), Size: uint64(f.Size)}
		copy(sf.SHA256[:], sum)
		files = append(files, sf)
	}
	m, err := spec.NewManifest(lm.quant, lm.tokenizer.Digest(), files)
	if err != nil {
		return nil, nil, badInputf("manifest: %v", err)
	}
	manifest, err = m.Marshal()
	if err != nil {
		return nil, nil, internalf("manifest: %v", err)
	}
	blob, err := owner.BlobForConfig(lm.quant.Config) // fixes c_W (PROTOCOL §4.2)
	if err != nil {
		return nil, nil, badInputf("weight layout: %v", err)
	}
	s, err := spec.New(lm.quant, pedersen.GeneratorVersion, blob.LogC)
	if err != nil {
		return nil, nil, badInputf("spec: %v", err)
	}
	specBytes, err = s.Marshal()
	if err != nil {
		return nil, nil, internalf("spec: %v", err)
	}
	return manifest, specBytes, nil
}

// modelID is model_id = SHA-256(manifest digest ‖ vk digest) (PROTOCOL §1.1;
// owner.ModelID from the vk file).
func modelID(manifestDigest, vkDigest [32]byte) ([32]byte, error) {
	return spec.ModelID(manifestDigest, vkDigest), nil
}
