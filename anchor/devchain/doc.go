// Package devchain runs go-ethereum's own developer chain (what `geth --dev`
// runs: node + eth + the simulated beacon) inside the current process, with its
// database persisted in a directory, so that one zkllm process can publish a
// model and a later process can resolve it from the same chain.
//
// Invariants:
//   - The genesis is core.DeveloperGenesisBlock with the well-known development
//     key (DevKey, the same account anvil funds first) as the faucet and a fixed
//     gas limit; it is identical on every run, so a directory opened again keeps
//     its chain. Chain id and network id are ChainID (1337).
//   - Crash safety: the state scheme is "hash" with pruning disabled, and the
//     key-value store is flushed (SyncKeyValue) after every new head block and
//     whenever Sync is called, so a kill -9 after a receipt was seen loses no
//     confirmed transaction.
//   - A directory is used by one process at a time (go-ethereum locks it);
//     Open on a directory another process holds fails with ErrInUse. A served
//     chain (Options.HTTP) is reached by other processes through its endpoint
//     file (WriteEndpoint / ReadLiveEndpoint), never by opening the directory.
//   - Blocks are produced on demand: the simulated beacon seals a block as soon
//     as a transaction reaches the pool (period 0).
package devchain
