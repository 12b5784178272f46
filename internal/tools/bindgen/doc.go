// Command bindgen writes the Go bindings of the zkllm contracts from forge's build artifacts,
// with go-ethereum's abigen library (the same version as the bind package the client uses).
//
//	node_modules/@foundry-rs/forge-linux-amd64/bin/forge build
//	go run ./internal/tools/bindgen
//
// For each contract it writes anchor/bindings/<name>.go (abigen v2 output: ABI, creation
// bytecode, typed pack/unpack helpers, events and custom errors) and <name>_runtime.go, the
// deployed runtime bytecode, so auditors can compare on-chain code against it. CI reruns it
// and fails on any diff (bindings must never be edited by hand).
package main
