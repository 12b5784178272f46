// Package anchor is the Go client of the ZkllmRegistry contract (contracts/src): it deploys the
// registry, publishes model versions, anchors proofs, records attestations, and resolves and
// lists records, over one small interface (Backend) that the simulated chain
// (ethclient/simulated), the in-process dev chain (anchor/devchain) and any JSON-RPC node
// (anvil, geth, a public chain) all satisfy.
//
// Invariants and choices:
//   - The ABI and bytecode come only from the generated package anchor/bindings (never
//     hand-written); Verify compares the on-chain runtime code hash with the bindings'.
//   - Receipts are awaited by polling every PollInterval (20 ms by default), not with
//     bind.WaitMined's 1 s tick; a backend with Commit() (the simulated chain) is mined after
//     every send.
//   - Reads happen at one block chosen by ReadPolicy: `finalized` on public chains, `latest` on
//     dev chains (ids 1337 and 31337), or latest minus N confirmations.
//   - Errors are typed: ErrWrongChain, ErrNoCode, ErrCodeMismatch, ErrInsufficientFunds,
//     ErrUnknownModel / ErrUnknownVersion / ErrUnknownProof, ErrNotConfirmed, ErrBadNodeData,
//     and *RevertError carrying the decoded custom error of a reverted call or transaction.
//   - The RPC node is not trusted: a record read back must match the key it was asked for
//     (VersionID(modelKey, number), ProofKey(version, statement, proof digest)), and a log
//     must come from the registry with exactly its event's topics, match the filter, lie in
//     the queried blocks and decode (else ErrBadNodeData; FuzzNodeAnswers).
//   - Proof records are keyed by their claim, ProofKey(version, statement, proof digest), so a
//     copy of a pending anchorProof under another version is another record; attestations name
//     that key. Ownership moves in two steps (TransferModel, then AcceptModel by the new owner).
//   - Keys come from a go-ethereum keystore file or an environment variable, never a flag.
//   - A chain reference (Ref) is the one string users copy: eip155:<chain id>:<contract>/<kind>/<id>.
package anchor
