// Package cli holds the `zkllm` command tree (urfave/cli/v2): the model
// owner's journey (model import, commit, publish, check, ...), chain and IPFS
// housekeeping, keys and the demo. cmd/zkllm only wires it to os.Args.
//
// Conventions every command keeps (see docs/cli.md):
//   - Exit codes: 0 ok/valid, 1 invalid, 2 data unavailable, 3 bad input or
//     wrong chain, 4 internal error (panics included), 130 interrupted.
//   - Shared flags are accepted before and after the subcommand and after
//     positional arguments: NormalizeArgs moves every flag to the leaf command.
//   - Flag values come from the command line, then ZKLLM_* environment
//     variables, then <data-dir>/config.json, then defaults.
//   - --json prints exactly one JSON object whose "schema" field names and
//     versions its shape; --quiet prints only the essential result.
//   - Every file is written atomically (temp file + rename); Ctrl-C cancels
//     the context and leaves no partial output.
//   - Private keys come from the keystore in the data directory or from
//     ZKLLM_PRIVATE_KEY, never from a flag; the public dev key is accepted only
//     on dev chains (1337, 31337).
//   - Every command that writes the data directory runs under its writer lock
//     (flock on <data-dir>/lock, see lock.go); read-only commands never take it.
//   - Unknown commands and subcommands are usage errors (3) with a suggestion;
//     registry reverts reach the user as sentences (explainRevert), a lack of
//     funds names the account and how to fund it.
//   - A model id never picks among owners silently (anyone can register any
//     model id): `model check <model id>` needs a single line or --owner, and
//     every verdict names the owner and line it is for.
//   - `prove` never proves with weights or an owner secret that do not
//     reproduce the commitment (four rows re-committed first, exit 3), never
//     creates an owner secret, and pins before it anchors: the on-chain proof
//     CID names a proof bundle (proofbundle.go, strict canonical JSON) whose
//     proof entry carries the on-chain proof digest and whose tokenizer is
//     accepted only when its digest is the manifest's.
//   - `verify <reference>` trusts only the chain and content addresses: the
//     model version must be live, every fetched file must match its CID and the
//     on-chain digest that names it, the statement's digest must be the
//     on-chain statement digest; verdicts and exit codes are `model check`'s,
//     and checkProof (the verification itself) only reads its key, so
//     verifications run concurrently.
package cli
