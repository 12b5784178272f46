package memlimit

import (
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestParse(t *testing.T) {
	var total uint64 = 16 << 30
	auto := int64(float64(total) * AutoFraction)
	good := []struct {
		in   string
		want int64
	}{
		{"off", 0}, {"0", 0}, {"auto", auto}, {"", auto},
		{"8GiB", 8 << 30}, {"8g", 8 << 30}, {"8 GB", 8e9}, {"512MiB", 512 << 20}, {"1.5GiB", 3 << 29},
		{"50%", 8 << 30}, {"100%", 16 << 30}, {"2097152", 2 << 20}, {"1TiB", 1 << 40},
	}
	for _, c := range good {
		got, err := Parse(c.in, total)
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	bad := []string{"-1GiB", "8XB", "GiB", "0%", "101%", "abc%", "12", "NaN", "Inf GiB", "1e30", "8 G iB"}
	for _, in := range bad {
		if got, err := Parse(in, total); !errors.Is(err, ErrSpec) {
			t.Errorf("Parse(%q) = %d, %v; want an ErrSpec error", in, got, err)
		}
	}
	if _, err := Parse("50%", 0); !errors.Is(err, ErrSpec) {
		t.Errorf("a percentage with an unknown total: err = %v", err)
	}
	if got, err := Parse("auto", 0); err != nil || got != 0 {
		t.Errorf("auto with an unknown total = %d, %v; want no limit", got, err)
	}
}

func TestApply(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	l, err := Apply("3GiB")
	if err != nil || l.Bytes != 3<<30 || l.Source != "flag" || debug.SetMemoryLimit(-1) != 3<<30 {
		t.Fatalf("Apply(3GiB) = %+v, %v; runtime limit %d", l, err, debug.SetMemoryLimit(-1))
	}
	if l, err := Apply("off"); err != nil || l.Bytes != 0 || l.Source != "off" {
		t.Fatalf("Apply(off) = %+v, %v", l, err)
	}
	if _, err := Apply("lots"); !errors.Is(err, ErrSpec) {
		t.Fatalf("Apply(lots): err = %v", err)
	}
	t.Setenv("GOMEMLIMIT", "5GiB")
	debug.SetMemoryLimit(5 << 30) // what the runtime would have read at start
	if l, err := Apply("auto"); err != nil || l.Source != "GOMEMLIMIT" || l.Bytes != 5<<30 {
		t.Fatalf("Apply(auto) under GOMEMLIMIT = %+v, %v; want the environment's limit kept", l, err)
	}
}

func TestTotalFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if got := memTotal(write("meminfo", "MemFree: 1 kB\nMemTotal:       24576000 kB\n")); got != 24576000<<10 {
		t.Errorf("memTotal = %d", got)
	}
	if got := memTotal(write("bad", "MemTotal: lots kB\n")); got != 0 {
		t.Errorf("memTotal of a malformed file = %d", got)
	}
	if got := cgroupLimit(write("max", "max\n")); got != 0 {
		t.Errorf("cgroup max = %d, want 0 (none)", got)
	}
	if got := cgroupLimit(write("v1", "9223372036854771712\n")); got != 0 {
		t.Errorf("cgroup v1 unlimited = %d, want 0", got)
	}
	if got := cgroupLimit(write("lim", "8589934592\n")); got != 8<<30 {
		t.Errorf("cgroup limit = %d", got)
	}
	if Total() == 0 {
		t.Log("no readable memory size on this system")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"auto", "off", "8GiB", "50%", "1.5 g", "-3", "%", "1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := Parse(s, 16<<30)
		if err != nil && !errors.Is(err, ErrSpec) {
			t.Fatalf("Parse(%q): error %v is not ErrSpec", s, err)
		}
		if err == nil && b < 0 {
			t.Fatalf("Parse(%q) = %d < 0", s, b)
		}
	})
}
