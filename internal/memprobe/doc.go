// Package memprobe measures memory for benchmarks and tests: the kernel's
// peak resident set of this process (VmHWM, restartable through
// /proc/self/clear_refs) or of a child by pid, and the Go heap in use and
// live (as the last collection marked it), sampled while a step runs.
//
// Invariants: it reads only /proc status files and runtime/metrics, and
// writes only this process's clear_refs; on systems without them every
// figure is 0 and ResetPeak reports false, so a benchmark still runs (it
// just reports nothing useful). Nothing here is used by a prover or
// verifier at run time.
package memprobe
