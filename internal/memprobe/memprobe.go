package memprobe

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ResetPeak collects garbage, returns freed heap to the OS and restarts the
// kernel's peak RSS count (VmHWM) from the current RSS, so PeakRSS then
// measures what follows. It reports whether the restart worked.
func ResetPeak() bool {
	runtime.GC()
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// PeakRSS returns the process's peak resident set (VmHWM) in bytes, 0 if
// unknown.
func PeakRSS() int64 { return statusBytes("self", "VmHWM:") }

// PeakRSSOf returns process pid's peak resident set (VmHWM) in bytes, 0 if
// unknown (no such process, or it has exited: a zombie has no memory). A
// child's wait4 rusage is no substitute: os/exec starts children with
// vfork, so their ru_maxrss also counts the parent's peak.
func PeakRSSOf(pid int) int64 { return statusBytes(strconv.Itoa(pid), "VmHWM:") }

// RSS returns the process's current resident set (VmRSS) in bytes, 0 if
// unknown.
func RSS() int64 { return statusBytes("self", "VmRSS:") }

// statusBytes reads one "Name:   N kB" line of /proc/<proc>/status.
func statusBytes(proc, key string) int64 {
	b, err := os.ReadFile("/proc/" + proc + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// heapObjects is the runtime metric of the heap's in-use objects (live and
// not yet collected).
const heapObjects = "/memory/classes/heap/objects:bytes"

// heapLive is the runtime metric of the heap the last collection marked
// live: what the program held, without the garbage between collections.
const heapLive = "/gc/heap/live:bytes"

// LiveHeap returns the heap the last collection marked live, in bytes (0
// where the runtime does not report it).
func LiveHeap() uint64 {
	s := []metrics.Sample{{Name: heapLive}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// HeapSampler records the largest in-use heap seen while it runs, and the
// largest live heap (as of each collection).
type HeapSampler struct {
	stop       chan struct{}
	done       sync.WaitGroup
	peak, live uint64
}

// StartHeap starts sampling the in-use heap every interval.
func StartHeap(interval time.Duration) *HeapSampler {
	s := &HeapSampler{stop: make(chan struct{})}
	sample := []metrics.Sample{{Name: heapObjects}, {Name: heapLive}}
	read := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			s.peak = max(s.peak, sample[0].Value.Uint64())
		}
		if sample[1].Value.Kind() == metrics.KindUint64 {
			s.live = max(s.live, sample[1].Value.Uint64())
		}
	}
	read()
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return s
}

// Stop ends sampling and returns the peak in-use heap in bytes.
func (s *HeapSampler) Stop() uint64 {
	close(s.stop)
	s.done.Wait()
	return s.peak
}

// PeakLive returns, after Stop, the largest live heap a collection marked
// while sampling (0 where the runtime does not report it). Peak RSS minus it
// is garbage awaiting collection and memory not yet returned to the OS.
func (s *HeapSampler) PeakLive() uint64 { return s.live }
