package pedersen

// pinnedDigests maps a generator count n to the SHA-256 of the generator
// file (Serialize) holding G, H and g_0…g_{n−1} of GeneratorVersion 1.
// Produced by `go test ./prover/pedersen -run TestPrintPinnedDigests -pin 19 -v`
// (derivation by HashToG1, itself checked against RFC 9380 vectors);
// TestPinnedDigests re-derives the counts up to 2^10 and compares.
var pinnedDigests = map[int]string{
	1:      "410f71baccb1dd473d4d65ab0b408766f3c9b2b76737b292b46e6ed1a6a74f7d",
	2:      "6f8ec1b833a94c3583454fba4357fe5dab497cbd97e937e72341cb44b29a99a2",
	3:      "f82937e95a24a1be6287e2b7781514ab2fd87d668eb20840ef5be4479c01443a",
	4:      "eee4c035c50e62c77d35076bc5b129c54b5770927d8ffbab8acd69f4e5bbad0d",
	8:      "fecbd0714feef757bfdd9127d5aea05e3d51b8c0fc6f916f12b323e0bec467e9",
	16:     "255ec0d0db80ec06fa1c64d9722d22ea2ae3e15388469721c11b15aacf6b37ed",
	32:     "4ac6f48f430244229f962bdaff92c6f78b993fc9941a9ff5d59732988381e02e",
	64:     "0e7a3e6106da91fcb433205f0d48a960b0c9d43155fa519a6fce3c563754cb35",
	128:    "3c2b8ddd84ba37d54aff7753bd4bd231e97300ea2e34e0fec7dfdbf7a17f124a",
	256:    "be7bbb1ab4facff711b1f424ddf2f2988e6e9dd18d184cbe73b5f212860f44df",
	512:    "d59fa34396c6174ad48deb7442d20321d6911fe9e5bfdf2e421efe754f09ab61",
	1024:   "6a016b8154a3cc5cb7e1222dea5c218adccfb277e5373d6b88e057516d9c5196",
	2048:   "46bef84ff4461e4439d43fd5e8f830a924f4405169e78a86bc523a5376e2f9f6",
	4096:   "a4c69335315f79c63338cf0840de5587324546c989e8b8c30f7f63f0738fea43",
	8192:   "167e34189a79ee380da4c8c012ff734ef1ec55e7752843925f09d35aa9b9f447",
	16384:  "3291796ed7304697b3d81b5977ceeaf41d5bedf7c894fcd9bd068a23b312850a",
	32768:  "2720dede33cd531fa30cceaae6587fd49acca8cc1ba68a4a577f50f81ef3ca5b",
	65536:  "0f303bf4872c87642e7591ab3e58a31208bf7434508105dc800cf1c77215ff98",
	131072: "d06cf6e08a793026381d04be2abca63411828c0b0b8f02eb890a567932ae7e9c",
	262144: "7a28ed579cab55b60bbb0bffc92f8038a174d6da5f6c0a449d0cb72b099ebbbc",
	524288: "c7d8f0f1df2030872d0e83165373f2df175d2c771b4440d1d0e54762c9f94c89",
}
