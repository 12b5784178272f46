// Package memprobe measures a process's memory for benchmarks: the kernel's
// peak resident set (VmHWM, restartable through /proc/self/clear_refs) and
// the peak of the Go heap's in-use objects, sampled while a step runs.
//
// Invariants: it reads only this process's /proc files and runtime/metrics;
// on systems without them every figure is 0 and Reset reports false, so a
// benchmark still runs (it just reports nothing useful). Nothing here is
// used by a prover or verifier at run time.
package memprobe
