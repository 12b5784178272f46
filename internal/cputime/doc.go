// Package cputime reads the CPU time this process has used (user + system,
// all threads), for benchmarks and the prover's per-step report: CPU time
// over wall time is how many cores a step kept busy, and unlike wall time it
// barely moves when other jobs share the machine.
//
// Invariant: Process never fails; where the platform has no getrusage it
// returns 0, and callers treat 0 as unknown.
package cputime
