package memprobe

import (
	"os"
	"runtime"
	"testing"
	"time"
)

var sink []byte

// TestHeapSamplerSeesAllocation checks that a 64 MiB allocation held while
// sampling shows in the peak, and that RSS figures are read on Linux.
func TestHeapSamplerSeesAllocation(t *testing.T) {
	runtime.GC()
	s := StartHeap(time.Millisecond)
	sink = make([]byte, 64<<20)
	for i := range sink {
		sink[i] = byte(i)
	}
	runtime.GC() // marks the 64 MiB live
	time.Sleep(10 * time.Millisecond)
	peak := s.Stop()
	sink = nil
	if peak < 64<<20 {
		t.Fatalf("peak heap %d B, want ≥ 64 MiB", peak)
	}
	if live := s.PeakLive(); live < 64<<20 {
		t.Fatalf("peak live heap %d B, want ≥ 64 MiB", live)
	}
	if live := LiveHeap(); live < 64<<20 {
		t.Fatalf("live heap %d B after the collection that marked the 64 MiB, want ≥ 64 MiB", live)
	}
	if runtime.GOOS == "linux" && PeakRSSOf(os.Getpid()) < 64<<20 {
		t.Fatalf("PeakRSSOf(self) = %d B after touching 64 MiB", PeakRSSOf(os.Getpid()))
	}
	rss := RSS() // before the peak: RSS may grow between the two reads
	if peakRSS := PeakRSS(); runtime.GOOS == "linux" && (rss == 0 || peakRSS < rss) {
		t.Fatalf("RSS %d B, peak %d B", rss, peakRSS)
	}
}
