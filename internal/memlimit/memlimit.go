package memlimit

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// AutoFraction is the share of the process's memory "auto" sets the limit to:
// the rest is left to the kernel, the page cache and memory the runtime does
// not count (stacks of cgo threads, mapped files).
const AutoFraction = 0.9

// ErrSpec reports a malformed --memory-limit value.
var ErrSpec = errors.New("memory limit")

// Limit is what Apply did.
type Limit struct {
	Bytes  int64  // the limit in force; 0 when none
	Source string // "flag", "auto", "GOMEMLIMIT", or "off"
}

// Parse turns a --memory-limit value into bytes (0 for "off"). total is the
// memory the process may use (Total), needed for "auto" and percentages; 0
// means unknown, which makes "auto" mean no limit and a percentage an error.
func Parse(spec string, total uint64) (int64, error) {
	s := strings.TrimSpace(strings.ToLower(spec))
	switch s {
	case "off", "none", "0":
		return 0, nil
	case "auto", "":
		return int64(float64(total) * AutoFraction), nil
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || !(f > 0 && f <= 100) {
			return 0, fmt.Errorf("%w: %q: a percentage must be in (0, 100]", ErrSpec, spec)
		}
		if total == 0 {
			return 0, fmt.Errorf("%w: %q: the machine's memory size is unknown here; give a size such as 8GiB", ErrSpec, spec)
		}
		return int64(float64(total) * f / 100), nil
	}
	num, unit := splitUnit(s)
	mult, ok := units[unit]
	if !ok {
		return 0, fmt.Errorf("%w: %q: unknown unit %q (use B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)", ErrSpec, spec, unit)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || !(f > 0) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%w: %q: want a positive size such as 8GiB, a percentage such as 80%%, auto or off", ErrSpec, spec)
	}
	b := f * float64(mult)
	if b < 1<<20 || b > math.MaxInt64/2 {
		return 0, fmt.Errorf("%w: %q: a limit must be between 1 MiB and 4 EiB", ErrSpec, spec)
	}
	return int64(b), nil
}

var units = map[string]uint64{
	"": 1, "b": 1,
	"k": 1 << 10, "ki": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mi": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gi": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "ti": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

// splitUnit splits "12.5GiB" into "12.5" and "gib" (s is lower case).
func splitUnit(s string) (num, unit string) {
	i := len(s)
	for i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z' {
		i--
	}
	return strings.TrimSpace(s[:i]), s[i:]
}

// Apply sets the runtime's soft memory limit from spec and reports it. With
// "auto" a GOMEMLIMIT given in the environment stays in force.
func Apply(spec string) (Limit, error) {
	s := strings.TrimSpace(strings.ToLower(spec))
	if (s == "auto" || s == "") && os.Getenv("GOMEMLIMIT") != "" {
		return Limit{Bytes: debug.SetMemoryLimit(-1), Source: "GOMEMLIMIT"}, nil
	}
	b, err := Parse(spec, Total())
	if err != nil {
		return Limit{}, err
	}
	src := "flag"
	switch {
	case b == 0:
		debug.SetMemoryLimit(math.MaxInt64) // the runtime's "no limit"
		return Limit{Source: "off"}, nil
	case s == "auto" || s == "":
		src = "auto"
	}
	debug.SetMemoryLimit(b)
	return Limit{Bytes: b, Source: src}, nil
}

// Total returns the memory this process may use: the smaller of MemTotal and
// the cgroup limit, 0 when neither can be read.
func Total() uint64 {
	total := memTotal("/proc/meminfo")
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if c := cgroupLimit(p); c > 0 && (total == 0 || c < total) {
			total = c
		}
	}
	return total
}

// memTotal reads MemTotal (kB) from a meminfo file; 0 if absent.
func memTotal(path string) uint64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return 0
			}
			kb, err := strconv.ParseUint(f[0], 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// cgroupLimit reads a cgroup memory limit in bytes; 0 for none ("max", a
// v1 "unlimited" value near 2^63) or unreadable.
func cgroupLimit(path string) uint64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	v, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || v >= 1<<62 {
		return 0
	}
	return v
}
