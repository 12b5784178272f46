package kernels

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

func TestPlanChunk(t *testing.T) {
	p := Plan{Budget: 1000}
	cases := []struct {
		n           int
		per, fixed  uint64
		align, want int
		wantErr     bool
	}{
		{0, 10, 0, 1, 0, false},
		{5, 10, 0, 1, 5, false},
		{500, 10, 0, 1, 100, false},
		{500, 10, 100, 1, 90, false},
		{500, 10, 0, 64, 64, false},
		{500, 10, 995, 1, 0, true},
	}
	for _, c := range cases {
		got, err := p.chunk(c.n, c.per, c.fixed, c.align)
		if (err != nil) != c.wantErr || got != c.want {
			t.Errorf("chunk(%d, %d, %d, %d) = %d, %v; want %d, err %v", c.n, c.per, c.fixed, c.align, got, err, c.want, c.wantErr)
		}
	}
}

// forChunks covers [0,n) exactly once, in order.
func TestForChunks(t *testing.T) {
	for _, n := range []int{0, 1, 7, 64, 65} {
		for _, size := range []int{1, 3, 64, 100} {
			next := 0
			err := forChunks(n, size, func(lo, hi int) error {
				if lo != next || hi <= lo || hi-lo > size {
					t.Fatalf("n=%d size=%d: chunk [%d,%d) after %d", n, size, lo, hi, next)
				}
				next = hi
				return nil
			})
			if err != nil || next != n {
				t.Fatalf("n=%d size=%d: covered %d, err %v", n, size, next, err)
			}
		}
	}
}

func TestEqSplit(t *testing.T) {
	if got := (Plan{Budget: 1 << 30}).eqSplit(20); got != 20 {
		t.Errorf("large budget: low = %d, want 20", got)
	}
	if got := (Plan{Budget: 32 * 1024}).eqSplit(20); got != 10 {
		t.Errorf("32 KiB: low = %d, want 10", got)
	}
}

// The MSM plan stays within the budget and covers every scalar bit.
func TestMSMPlan(t *testing.T) {
	for _, budget := range []uint64{256 << 10, 1 << 30, 80 << 30} {
		p := Plan{Budget: budget, Segments: 64, BucketSpan: 32}
		for _, n := range []int{1, 100, 1 << 16, 1 << 24} {
			for _, bits := range []int{1, 8, 16, 255} {
				s, err := p.msmPlan(n, bits, bits < 64)
				if err != nil {
					t.Fatalf("budget %d n %d bits %d: %v", budget, n, bits, err)
				}
				if s.c*s.windows < bits || s.c > 16 || s.chunk < 1 || s.chunk > n {
					t.Fatalf("budget %d n %d bits %d: shape %+v", budget, n, bits, s)
				}
				use := p.msmFixed(s.c, s.windows) + uint64(s.chunk)*p.msmPerPoint(s.windows, bits < 64)
				if use > budget {
					t.Fatalf("budget %d n %d bits %d: plan uses %d bytes", budget, n, bits, use)
				}
			}
		}
	}
}

func TestSmallBits(t *testing.T) {
	cases := []struct {
		w    []int64
		want int
	}{
		{nil, 1}, {[]int64{0}, 1}, {[]int64{1}, 1}, {[]int64{-2}, 2}, {[]int64{255, -3}, 8},
		{[]int64{math.MaxInt64}, 63}, {[]int64{-math.MaxInt64}, 63},
	}
	for _, c := range cases {
		if got := smallBits(c.w); got != c.want {
			t.Errorf("smallBits(%v) = %d, want %d", c.w, got, c.want)
		}
	}
}

// A range that runs out of device memory is retried in halves, in order,
// and results are the same; a range of one item that fails is an error.
func TestForChunksSplitsOnMemory(t *testing.T) {
	var got []int
	err := forChunks(10, 8, func(lo, hi int) error {
		if hi-lo > 3 {
			return fmt.Errorf("%w: %w", ErrKernel, ErrDeviceMemory)
		}
		for i := lo; i < hi; i++ {
			got = append(got, i)
		}
		return nil
	})
	if err != nil || len(got) != 10 {
		t.Fatalf("covered %v, err %v", got, err)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("out of order: %v", got)
		}
	}
	err = forChunks(4, 4, func(lo, hi int) error { return ErrDeviceMemory })
	if !errors.Is(err, ErrDeviceMemory) {
		t.Fatalf("always failing: err %v", err)
	}
	other := errors.New("other")
	calls := 0
	err = forChunks(4, 4, func(lo, hi int) error { calls++; return other })
	if !errors.Is(err, other) || calls != 1 {
		t.Fatalf("other error: err %v after %d calls, want no retry", err, calls)
	}
}
