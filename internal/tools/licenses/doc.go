// Command licenses writes docs/THIRD_PARTY_LICENSES.md: the licence of every
// module the zkllm binary links, so that whoever ships the binary knows what
// it contains and CI notices a new dependency.
//
//	go run ./internal/tools/licenses
//
// It asks `go list -deps -json ./cmd/zkllm` on a fixed set of platforms (the
// union: some dependencies are per-OS), reads each module's licence files
// (LICENSE*, LICENCE*, COPYING*, UNLICENSE*) from the module cache, and
// classifies them by well-known markers of the licence texts (the GPL family
// by the title at the top, since each names the others in its body). It
// fails, rather than guessing, when a module has no licence file, a file
// matches no known licence, or a module carries a GPL text, unless the
// reviewed table in rules.go says why that is fine and the evidence it names
// is still there (go-ethereum: LGPL library code, GPL only under cmd/, which
// must not be linked). CI reruns it and fails on any diff.
package main
