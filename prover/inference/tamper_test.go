package inference

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/proof"
	"github.com/zkllm/zkllm/prover/verifier"
)

var (
	greedyOnce sync.Once
	greedyVal  *proven
)

// greedyProof is one honest greedy proof shared by the tampering tests.
func greedyProof(t *testing.T) *proven {
	t.Helper()
	greedyOnce.Do(func() { greedyVal = proveStories(t, "Once upon a time", 4, sample.Rule{}) })
	if greedyVal == nil {
		t.Fatal("no honest proof")
	}
	return greedyVal
}

// reencode replaces the file's statement (the body stays).
func reencode(t *testing.T, file []byte, edit func(st *proof.Statement)) []byte {
	t.Helper()
	f, err := proof.Unmarshal(file)
	if err != nil {
		t.Fatal(err)
	}
	edit(f.Statement)
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// consistent fixes the output text after a token edit, so the edit reaches
// the proof instead of stopping at the text check.
func consistent(t *testing.T, p *proven, st *proof.Statement) {
	out, err := proof.OutputText(p.c.model.Tokenizer, st.Tokens, st.P)
	if err != nil {
		t.Fatal(err)
	}
	st.Output = out
}

func TestStatementTampering(t *testing.T) {
	p := greedyProof(t)
	key := p.c.model.PublicKey()
	if _, err := verifier.Verify(key, p.file); err != nil {
		t.Fatalf("honest: %v", err)
	}
	cases := []struct {
		name string
		edit func(st *proof.Statement)
		want error
	}{
		{"edited output text", func(st *proof.Statement) { st.Output += "!" }, proof.ErrText},
		{"another generated token", func(st *proof.Statement) {
			st.Tokens[st.P+1] = (st.Tokens[st.P+1] + 1) % 512
			consistent(t, p, st)
		}, verifier.ErrReject},
		{"another last token", func(st *proof.Statement) {
			st.Tokens[st.T()] = (st.Tokens[st.T()] + 7) % 512
			consistent(t, p, st)
		}, verifier.ErrReject},
		{"another prompt", func(st *proof.Statement) {
			st.Prompt = "Once upon a tame"
			st.Tokens = append(p.c.model.Tokenizer.Encode(st.Prompt), st.Tokens[st.P:]...)
			st.P = len(st.Tokens) - len(p.st.Generated())
			consistent(t, p, st)
		}, verifier.ErrReject},
		{"shorter sequence", func(st *proof.Statement) {
			st.Tokens = st.Tokens[:len(st.Tokens)-1]
			consistent(t, p, st)
		}, verifier.ErrReject},
		{"sampling instead of greedy", func(st *proof.Statement) {
			st.Rule = sample.Rule{Kind: sample.Sample, Kappa: 256, Seed: [32]byte{1}}
		}, verifier.ErrReject},
		{"another model id", func(st *proof.Statement) { st.ModelID[0] ^= 1 }, verifier.ErrModel},
		{"another spec hash", func(st *proof.Statement) { st.SpecHash[0] ^= 1 }, verifier.ErrModel},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := reencode(t, p.file, c.edit)
			if _, err := verifier.Verify(key, b); !errors.Is(err, c.want) {
				t.Fatalf("want %v, got %v", c.want, err)
			}
		})
	}
}

// longCount is the number of cases a long test runs: def in CI; with
// ZKLLM_LONG_TESTS set, long (or the number it holds, when above 1).
func longCount(def, long int) int {
	env := os.Getenv("ZKLLM_LONG_TESTS")
	if env == "" {
		return def
	}
	if v, err := strconv.Atoi(env); err == nil && v > 1 {
		return v
	}
	return long
}

// rejectEach verifies n mutants of an honest proof on two goroutines and
// fails the test for each one accepted; mutant(i) returns the i-th forged
// file and a description of it.
func rejectEach(t *testing.T, key *verifier.Key, n int, mutant func(i int) ([]byte, string)) {
	t.Helper()
	jobs := make(chan int)
	var accepted atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				b, what := mutant(i)
				if _, err := verifier.Verify(key, b); err == nil {
					accepted.Add(1)
					t.Errorf("%s: accepted", what)
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	t.Logf("%d forgeries, %d accepted", n, accepted.Load())
}

// Random bit flips over the whole file are rejected: 60 in CI; with
// ZKLLM_LONG_TESTS set, 10,000 (or the number it holds, when above 1).
func TestProofBitFlips(t *testing.T) {
	p := greedyProof(t)
	n := longCount(60, 10000)
	rng := rand.New(rand.NewPCG(14, 14)) // test-only fixed seed: reproducible positions
	type flip struct{ pos, bit int }
	flips := make([]flip, n)
	for i := range flips {
		flips[i] = flip{rng.IntN(len(p.file)), rng.IntN(8)}
	}
	t.Logf("%d bit flips over a %d-byte proof file", n, len(p.file))
	rejectEach(t, p.c.model.PublicKey(), n, func(i int) ([]byte, string) {
		b := slices.Clone(p.file)
		b[flips[i].pos] ^= 1 << flips[i].bit
		return b, fmt.Sprintf("flip of bit %d at byte %d", flips[i].bit, flips[i].pos)
	})
}

// element is one scalar or point of a proof body, by its file offset.
type element struct{ off, size int }

// bodyElements maps the proof body onto the scalars and points the honest
// verifier decodes from it (field's read trace), checking that they cover
// the body exactly: the body is nothing but those elements.
func bodyElements(t *testing.T, key *verifier.Key, file []byte) []element {
	t.Helper()
	f, err := proof.Unmarshal(file)
	if err != nil {
		t.Fatal(err)
	}
	bodyOff := len(file) - len(f.Body)
	var mu sync.Mutex
	var els []element
	restore := field.TraceReadsForTesting(func(buf []byte, off, size int) {
		if len(buf) != len(f.Body) || &buf[0] != &file[bodyOff] {
			return // another reader (statement, key)
		}
		mu.Lock()
		els = append(els, element{bodyOff + off, size})
		mu.Unlock()
	})
	_, err = verifier.Verify(key, file)
	restore()
	if err != nil {
		t.Fatalf("honest proof: %v", err)
	}
	slices.SortFunc(els, func(a, b element) int { return a.off - b.off })
	next := bodyOff
	for _, e := range els {
		if e.off != next {
			t.Fatalf("body bytes %d..%d are no element", next, e.off)
		}
		next += e.size
	}
	if next != len(file) {
		t.Fatalf("the elements cover %d of %d body bytes", next-bodyOff, len(f.Body))
	}
	return els
}

// Each scalar of the body plus one and each point plus the generator,
// re-encoded canonically, is rejected: every element with ZKLLM_LONG_TESTS
// set, a spread sample of 24 in CI.
func TestEveryElementSubstituted(t *testing.T) {
	p := greedyProof(t)
	key := p.c.model.PublicKey()
	els := bodyElements(t, key, p.file)
	n := longCount(24, len(els))
	if n > len(els) {
		n = len(els)
	}
	stride := len(els) / n
	_, _, g, _ := bls12381.Generators()
	one := fr.One()
	var scalars, points int
	for i := 0; i < n; i++ {
		if els[i*stride].size == field.PointSize {
			points++
		} else {
			scalars++
		}
	}
	// Substitutes are encoded here, on the test goroutine (Fatal is not
	// for the workers).
	subst := make([][]byte, n)
	for i := range subst {
		e := els[i*stride]
		raw := p.file[e.off : e.off+e.size]
		if e.size == field.PointSize {
			pt, err := field.DecodePoint(raw)
			if err != nil {
				t.Fatal(err)
			}
			pt.Add(&pt, &g)
			subst[i] = field.AppendPoint(nil, &pt)
		} else {
			x, err := field.DecodeScalar(raw)
			if err != nil {
				t.Fatal(err)
			}
			x.Add(&x, &one)
			subst[i] = field.AppendScalar(nil, &x)
		}
	}
	t.Logf("%d of %d body elements substituted: %d scalars +1, %d points +G", n, len(els), scalars, points)
	rejectEach(t, key, n, func(i int) ([]byte, string) {
		e := els[i*stride]
		b := slices.Clone(p.file)
		copy(b[e.off:], subst[i]) // a point plus G may be the identity: 48 bytes still
		return b, fmt.Sprintf("element at byte %d (%d bytes) substituted", e.off, e.size)
	})
}

// Truncation and trailing bytes are rejected as such.
func TestProofLength(t *testing.T) {
	p := greedyProof(t)
	key := p.c.model.PublicKey()
	for name, b := range map[string][]byte{
		"truncated": p.file[:len(p.file)-1],
		"trailing":  append(append([]byte(nil), p.file...), 0),
	} {
		if _, err := verifier.Verify(key, b); !errors.Is(err, layers.ErrReject) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// One byte flipped in the middle of every section of the body (each step of
// the run: advice rows, GKR, padding, every gadget, the settlements, the
// DLC) is rejected.
func TestEverySectionMutated(t *testing.T) {
	c := stories(t)
	m := c.model
	st, err := m.GenerateStatement("Once", 2, sample.Rule{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	file, rep, err := Prove(m, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := proof.Unmarshal(file)
	if err != nil {
		t.Fatal(err)
	}
	off := len(file) - len(f.Body)
	for _, s := range rep.Steps {
		if s.Bytes == 0 {
			continue
		}
		b := append([]byte(nil), file...)
		b[off+s.Bytes/2] ^= 0x10
		if _, err := verifier.Verify(m.PublicKey(), b); !errors.Is(err, layers.ErrReject) {
			t.Errorf("section %s/%s mutated: %v", s.Phase, s.Name, err)
		}
		off += s.Bytes
	}
	if off != len(file) {
		t.Fatalf("the sections cover %d of %d bytes", off, len(file))
	}
}
