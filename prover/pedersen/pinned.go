package pedersen

// pinnedDigests maps a generator count n to the SHA-256 of the generator
// file (Serialize) holding G, H and g_0…g_{n−1}. Computed once by
// `go test -run TestPrintPinnedDigests -pin` and cross-checked in tests
// against fresh derivation for the small counts.
var pinnedDigests = map[int]string{}
