// Package memlimit sets the Go runtime's soft memory limit for the memory-heavy
// commands (proving, committing): `--memory-limit auto|off|<size>|<percent>`.
//
// Why: the prover's peak resident set is mostly garbage the collector has not
// reached yet. With the default GOGC = 100 the heap may grow to twice its live
// set before a collection, so a proof whose live set fits the machine can
// still be killed for memory. A soft limit (runtime/debug.SetMemoryLimit)
// makes the collector run harder as the heap nears it instead.
//
// Invariants:
//   - A limit is never applied silently over one the user gave through the
//     GOMEMLIMIT environment variable: "auto" leaves it in force.
//   - "auto" is 90% of the memory this process may use: the smaller of the
//     machine's MemTotal and the cgroup (v2 memory.max or v1
//     memory.limit_in_bytes) limit; where neither is readable, no limit.
//   - Parse accepts only well-formed input (a positive size with an optional
//     binary or decimal unit, a percentage in (0,100], "auto", "off") and
//     names what was wrong otherwise.
//   - It is a soft limit: it trades collector CPU for memory and never makes
//     an allocation fail; the Go runtime caps the collector's share of CPU
//     when the live set is above the limit.
package memlimit
