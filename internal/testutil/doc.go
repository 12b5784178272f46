// Package testutil holds helpers shared by zkllm's tests: it finds the
// repository root, hands out free loopback ports, and starts REAL external
// daemons — anvil (Foundry's dev chain) and a Kubo IPFS node — for
// integration tests.
//
// Invariants of the daemon helpers (StartAnvil, StartKubo):
//   - They listen on 127.0.0.1 only, on ports picked free just before the
//     start (retried on an "address in use" race), with their data in the
//     test's temporary directory; they never touch a user's ~/.ipfs or chain.
//   - They return only once the daemon answers (anvil: eth_chainId over
//     JSON-RPC; Kubo: /api/v0/id on the RPC API and the gateway's port).
//   - Each daemon runs in its own process group with Pdeathsig=SIGKILL, so a
//     test binary that is killed (go test -timeout, ^C, SIGKILL) takes its
//     daemons with it. t.Cleanup kills the whole group — also when the test
//     failed — and waits for the process to exit before the temporary
//     directory is removed.
//   - Binaries come from an environment variable (ZKLLM_ANVIL_BIN,
//     ZKLLM_IPFS_BIN) or else from the repository's default install paths
//     (node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil from npm install,
//     bin/ipfs built from tools/kubo). A missing binary skips the test, except
//     under CI=true where it fails it: CI must never pass by skipping.
//     A binary that exists but cannot start always fails the test.
package testutil
