// Package ipfsstore stores and retrieves zkllm's files (proofs, commitment
// files, models) as IPFS UnixFS files, with CIDs identical to Kubo's and
// retrieval that trusts nothing but the CID.
//
// # Backends
//
//   - Flatfs (OpenFlatfs(dir)): the embedded default, no daemon. Blocks live
//     in a flatfs directory (dir/blocks, next-to-last/2 sharding, fsync'd,
//     written in batches), pins are empty files dir/pins/<cid>.
//   - Kubo (NewKuboRPC(apiURL, opts)): a Kubo node over plain HTTP to its RPC
//     API (/api/v0/add, dag/export, block/get, block/stat, pin/add).
//   - GatewayFetcher (NewGatewayFetcher(urls, opts)): read-only retrieval from
//     trustless HTTP gateways, raced in order of preference.
//
// Flatfs and Kubo implement Store (Put, Get, Has, Pin); GatewayFetcher
// implements Getter (Get). FirstOf(getters...) chains any of them, e.g. a
// local Kubo node and then public gateways, under one deadline.
// GetFile(ctx, getter, cid, path, limits, wantSHA256) is what an auditor
// calls: all-or-nothing file, SHA-256 of the content checked against the
// digest recorded on-chain. GatewayHandler(store.Blockstore()) plus
// ServeGateway serve a local store to others as a trustless gateway.
//
// # Invariants
//
//   - Import (Put, Import, ComputeCID) uses a Profile; the default
//     UnixFSv1_2025 is Kubo's `unixfs-v1-2025`: CIDv1, sha2-256, raw leaves
//     of 1 MiB, balanced DAG of at most 1024 links per node. Import streams:
//     only the current chunk and the open internal nodes are in memory.
//   - Retrieval accepts only verifiable forms (CAR streams and raw blocks),
//     CIDs raw or dag-pb with full sha2-256, blocks of at most BlockSizeCap
//     (2 MiB; a larger CAR section is refused from its length prefix, before
//     it is read). Every block is hashed against its CID before any of its
//     bytes reach the caller; the DAG is walked depth-first, each subtree
//     must yield exactly the bytes its parent declared, and the total is
//     bounded by Limits.MaxSize (the root's declared size is checked first).
//     Memory is one block plus the open path of the DAG (depth × links) plus
//     one CID per distinct block received (to recognise repeats).
//   - Limits bound every retrieval: MaxSize, Timeout (all sources),
//     IdleTimeout (per request, no byte received, headers included), and
//     MinRate over each RateWindow (per request, from the first body byte: a
//     drip is ErrTooSlow); ctx cancels at any time.
//   - Sources are raced (race.go): the preferred one starts first; each time
//     the started ones have delivered no verified byte for HedgeDelay, or one
//     fails, the next starts beside them. The first to write a verified byte
//     owns the output and the others are cancelled, so a stalling or dripping
//     source costs one HedgeDelay, not an idle timeout. Each source's health
//     outlives the retrieval: one that failed by its own fault (invalid data,
//     stall, drip, refused connection, unknown host, HTTP error other than
//     not-found) is tried after all others for the rest of its Getter's life,
//     until it delivers again; the last to deliver is tried first.
//   - Every failure is an *Error of one Kind: KindUnavailable (ErrNotFound,
//     ErrTimeout, ErrStalled, ErrTooSlow, ErrSource, cancellation — try
//     later/elsewhere; a transport failure keeps its own error, e.g.
//     syscall.ECONNREFUSED or a *net.DNSError, matchable with errors.Is/As)
//     or KindInvalid (ErrHashMismatch, ErrBlockTooLarge, ErrTooLarge,
//     ErrTruncated, ErrUnexpectedBlock, ErrMalformed, ErrNotFile,
//     ErrUnsupported, ErrInconsistent, ErrProfileMismatch, ErrDigestMismatch
//     — a source served bad data). errors.Is(err, ErrUnavailable) and
//     errors.Is(err, ErrInvalid) never both hold; when several sources fail,
//     Invalid wins. Failures of the caller's writer are returned as they are.
//   - A stream that ends cleanly before the DAG is complete is ErrTruncated
//     (Invalid); one cut by the transport, a stall, a node's reported error
//     (Kubo RPC's X-Stream-Error trailer) or a boxo gateway's in-band
//     "\n\n[Gateway Error: …" end marker (what boxo and Kubo gateways send
//     after a 200 when they lack a block) is Unavailable.
//   - When a source fails halfway, the next resumes after the bytes already
//     written; each byte reaches the writer once.
//   - GetFile writes to a temporary file beside the target, fsyncs, checks
//     the digest and renames; on any error nothing is left behind.
package ipfsstore
