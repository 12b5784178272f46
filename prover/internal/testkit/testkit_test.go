package testkit

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"testing"
)

func TestSeedRoundTrip(t *testing.T) {
	t.Chdir(t.TempDir())
	in := []byte{0, 1, '"', '\\', 0xff, '\n'}
	WriteSeeds(t, "FuzzX", map[string][]byte{"a": in})
	if got := ReadSeed(t, "FuzzX", "a"); !bytes.Equal(got, in) {
		t.Fatalf("read %q, wrote %q", got, in)
	}
	raw, err := os.ReadFile(SeedDir("FuzzX") + "/a")
	if err != nil || !bytes.HasPrefix(raw, []byte("go test fuzz v1\n[]byte(")) {
		t.Fatalf("corpus file %q: %v", raw, err)
	}
	if ents, _ := os.ReadDir(SeedDir("FuzzX")); len(ents) != 1 {
		t.Fatalf("%d files left in the corpus directory, want 1 (no temporaries)", len(ents))
	}
	RequireSeeds(t, "test", "FuzzX")
}

func TestGreedy(t *testing.T) {
	if got := IDs(t, " 1 22\t333 "); !slices.Equal(got, []int{1, 22, 333}) {
		t.Fatalf("IDs: %v", got)
	}
	if Argmax([]int64{3, 7, 7, -1}) != 1 || Argmax([]float32{}) != 0 {
		t.Fatal("Argmax must return the first largest entry")
	}
	// step returns logits peaking at tok+1, and at BOS once tok reaches 4.
	step := func(tok int) ([]int64, error) {
		l := make([]int64, 8)
		if tok >= 4 {
			l[1] = 1
		} else {
			l[tok+1] = 1
		}
		return l, nil
	}
	if got := Greedy(t, step, []int{1}, 10); !slices.Equal(got, []int{2, 3, 4, 1}) {
		t.Fatalf("Greedy: %v", got)
	}
	if got := Greedy(t, step, []int{1}, 2); !slices.Equal(got, []int{2, 3}) {
		t.Fatalf("Greedy with a limit of 2: %v", got)
	}
}

// fakeTB records Fatalf instead of stopping, to test a failing check.
type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }

func TestRoundTrip(t *testing.T) {
	strict := func(b []byte) (string, error) {
		if len(b) == 0 {
			return "", errors.New("empty")
		}
		return string(b), nil
	}
	lossy := func(b []byte) (string, error) { return string(bytes.TrimRight(b, "\x00")), nil }
	enc := func(s string) []byte { return []byte(s) }
	for _, c := range []struct {
		name   string
		in     []byte
		decode func([]byte) (string, error)
		fail   bool
	}{
		{"accepted and canonical", []byte("ab"), strict, false},
		{"refused", nil, strict, false},
		{"accepted but not canonical", []byte("ab\x00"), lossy, true},
	} {
		f := &fakeTB{TB: t}
		RoundTrip(f, c.in, c.decode, enc)
		if f.failed != c.fail {
			t.Errorf("%s: failed=%v, want %v", c.name, f.failed, c.fail)
		}
	}
}
