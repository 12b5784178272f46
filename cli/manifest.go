package cli

// encodeManifestAndSpec returns the canonical manifest and spec encodings of
// a loaded model (their SHA-256 are the manifest digest and spec_hash), and
// modelID computes model_id = SHA-256(manifest digest ‖ vk digest). Both are
// helper D's canonical encodings (prover/model/spec).
func encodeManifestAndSpec(lm *loadedModel) (manifest, spec []byte, err error) {
	return nil, nil, errNotYetAvailable("canonical manifest and spec encodings (prover/model/spec)")
}

func modelID(manifestDigest, vkDigest [32]byte) ([32]byte, error) {
	return [32]byte{}, errNotYetAvailable("model id (prover/model/spec)")
}
