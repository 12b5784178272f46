package tables

import (
	"encoding/hex"
	"sort"
)

// Pinned SHA-256 digests (Table.Digest) of the dense tables. A change to the
// generator that alters any entry is caught at start-up by SiLU and ExpC.
// Regenerate only together with a spec/generator version bump.
var pinnedSiLU = mustDigest("bd492af7a7a6c4c9832497a9c690928f99ae126685aa2bb424738e2a9f864c73")

var pinnedExpC = map[int][32]byte{
	4:   mustDigest("cd3150a9ef072e500c6dd5a9ee26d7e6696326d33e008b2aaeb57e6797e9c010"),
	8:   mustDigest("c104805fd2635a72f68df31061eb2e41f9de6d24df97cecf060526227129c4b4"),
	16:  mustDigest("acdc044fc220b4ef8b5f75c9aa7cda445b9d70c77b1bca4757d0ec5150fc0dda"),
	32:  mustDigest("1230cfe891ce53f20fffb5bca15f19028eaae54b12ae4ab2aa0fa5aa7dd7b249"),
	48:  mustDigest("2832342e9ccb0b1dd5186066669202278d1b8617ed2839819b91bc6fa2945494"),
	64:  mustDigest("4d32b116f0a0f42a2d76a1f21e485931c73d65ba78c14f8838d857f96de741da"),
	80:  mustDigest("27e220322847c2d1bb580640d8133a2c231e7de7edb9df6823e28ec41abe7c22"),
	96:  mustDigest("497a9592d6233ff44a689c815cc33e44a832fd222ade0094feb1eb925f7e6949"),
	128: mustDigest("c5c153b5e4de0985ac1005c230eea35ae2989cb9f495cfb9675aecc443e48d66"),
	256: mustDigest("a2a593071dde28596e8abd63bac3383770df185576c15154e9b72ebf68f3f65b"),
}

// PinnedSiLUDigest returns the pinned SHA-256 of the SILU table (for the spec).
func PinnedSiLUDigest() [32]byte { return pinnedSiLU }

// PinnedExpCDigest returns the pinned SHA-256 of EXPC for dh, if any.
func PinnedExpCDigest(dh int) ([32]byte, bool) {
	d, ok := pinnedExpC[dh]
	return d, ok
}

// PinnedExpCHeadDims lists the head dimensions EXPC is available for.
func PinnedExpCHeadDims() []int {
	dims := make([]int, 0, len(pinnedExpC))
	for d := range pinnedExpC {
		dims = append(dims, d)
	}
	sort.Ints(dims)
	return dims
}

func mustDigest(s string) [32]byte {
	var d [32]byte
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(d) {
		panic("tables: malformed pinned digest " + s)
	}
	copy(d[:], b)
	return d
}
