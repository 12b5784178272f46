package transcript

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// TestGoldenVectors replays testdata/transcript/vectors.txt, produced by
// gen.sh with printf/xxd/sha256sum/bc only (no Go), and compares σ after
// every operation and every challenge.
func TestGoldenVectors(t *testing.T) {
	f, err := os.Open("../../testdata/transcript/vectors.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr := New()
	sc := bufio.NewScanner(f)
	ops := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "init", "sigma":
			st := tr.State()
			if got := hex.EncodeToString(st[:]); got != fields[1] {
				t.Fatalf("line %q: σ = %s", sc.Text(), got)
			}
		case "absorb":
			label, data := fields[1], []byte{}
			if len(fields) > 2 {
				if data, err = hex.DecodeString(fields[2]); err != nil {
					t.Fatal(err)
				}
			}
			switch label { // exercise the typed absorbs on their encodings
			case LabelT:
				if len(data) != 8 {
					t.Fatalf("st/T must carry 8 bytes")
				}
				tr.AbsorbUint64(label, binary.BigEndian.Uint64(data))
			case LabelSumcheckRound:
				xs := make([]fr.Element, len(data)/32)
				for i := range xs {
					if err := xs[i].SetBytesCanonical(data[32*i : 32*i+32]); err != nil {
						t.Fatal(err)
					}
				}
				tr.AbsorbScalars(label, xs)
			default:
				tr.AbsorbBytes(label, data)
			}
			ops++
		case "squeeze":
			got := tr.Challenge(fields[1])
			b := got.Bytes()
			if hex.EncodeToString(b[:]) != fields[2] {
				t.Fatalf("squeeze %s = %x, want %s", fields[1], b, fields[2])
			}
			ops++
		default:
			t.Fatalf("unknown line %q", sc.Text())
		}
	}
	if ops < 8 {
		t.Fatalf("only %d operations replayed", ops)
	}
}

func TestEveryOperationChangesState(t *testing.T) {
	tr := New()
	seen := map[[32]byte]bool{tr.State(): true}
	step := func(what string) {
		s := tr.State()
		if seen[s] {
			t.Fatalf("%s left σ at a previous value", what)
		}
		seen[s] = true
	}
	tr.AbsorbBytes(LabelTest, nil)
	step("empty absorb")
	tr.AbsorbBytes(LabelTest, nil)
	step("repeated empty absorb")
	tr.Challenge(LabelTest)
	step("squeeze")
	tr.Challenge(LabelTest)
	step("second squeeze")
}

func TestDomainSeparation(t *testing.T) {
	// Same bytes under different labels, or split differently, differ.
	a, b, c := New(), New(), New()
	a.AbsorbBytes("ab", []byte("c"))
	b.AbsorbBytes("a", []byte("bc"))
	c.AbsorbBytes("ab", []byte("c"))
	if a.State() == b.State() {
		t.Fatal("label/data boundary not bound")
	}
	if a.State() != c.State() {
		t.Fatal("transcript not deterministic")
	}
	x, y := a.Challenge("x"), c.Challenge("y")
	if x.Equal(&y) {
		t.Fatal("squeeze label not bound")
	}
}

func TestChallengeNonZeroAndClone(t *testing.T) {
	tr := New()
	tr.AbsorbUint64(LabelTest, 42)
	cl := tr.Clone()
	x := tr.ChallengeNonZero(LabelIPAx)
	y := cl.ChallengeNonZero(LabelIPAx)
	if x.IsZero() || !x.Equal(&y) {
		t.Fatal("clone diverged or zero challenge")
	}
}

func TestRecorderOrder(t *testing.T) {
	tr := New()
	rec := &Recorder{}
	tr.Observe(rec)
	tr.AbsorbBytes(LabelTest, []byte("m0"))
	tr.Challenge(LabelTest)
	tr.AbsorbBytes(LabelTest, []byte("xx m1 yy"))
	tr.Challenge(LabelTest)
	if n, ok := rec.SqueezesBefore([]byte("m0")); !ok || n != 0 {
		t.Fatalf("m0: %d %v", n, ok)
	}
	if n, ok := rec.SqueezesBefore([]byte("m1")); !ok || n != 1 {
		t.Fatalf("m1: %d %v", n, ok)
	}
	if _, ok := rec.SqueezesBefore([]byte("never")); ok {
		t.Fatal("unabsorbed message reported absorbed")
	}
	if rec.Squeezes() != 2 || len(rec.Events) != 4 {
		t.Fatalf("log: %s", rec)
	}
}

// TestLabelsUniqueAndConstant parses labels.go: every label constant must be
// a distinct, non-empty ASCII string.
func TestLabelsUniqueAndConstant(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "labels.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, name := range vs.Names {
			lit, ok := vs.Values[i].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s is not a string literal", name)
				continue
			}
			v, _ := strconv.Unquote(lit.Value)
			if v == "" || len(v) > 64 {
				t.Errorf("%s: bad label %q", name, v)
			}
			if prev, dup := seen[v]; dup {
				t.Errorf("%s and %s share label %q", prev, name, v)
			}
			seen[v] = name.Name
		}
		return true
	})
	if len(seen) < 30 {
		t.Fatalf("only %d labels found", len(seen))
	}
}
