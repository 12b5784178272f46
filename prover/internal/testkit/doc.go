// Package testkit holds small helpers shared by the tests of the prover's
// packages, so that each package's tests do not carry their own copy:
//
//   - fuzz seed corpora in Go's standard layout, testdata/fuzz/FuzzXxx/NAME,
//     each file "go test fuzz v1" followed by one []byte(...) line
//     (WriteSeeds, ReadSeed, RequireSeeds); files are written atomically;
//   - token-id helpers for the model tests (IDs, Greedy).
//
// It imports only the standard library, so any package under prover/ can
// use it from its in-package tests without an import cycle. Only _test.go
// files import it.
package testkit
