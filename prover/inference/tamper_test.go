package inference

import (
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

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

// Random bit flips over the whole file are rejected: 60 in CI; with
// ZKLLM_LONG_TESTS set, 10,000 (or the number it holds, when above 1), on
// two goroutines.
func TestProofBitFlips(t *testing.T) {
	p := greedyProof(t)
	key := p.c.model.PublicKey()
	n := 60
	if env := os.Getenv("ZKLLM_LONG_TESTS"); env != "" {
		n = 10000
		if v, err := strconv.Atoi(env); err == nil && v > 1 {
			n = v
		}
	}
	rng := rand.New(rand.NewPCG(14, 14))
	type flip struct{ pos, bit int }
	flips := make(chan flip)
	var accepted atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range flips {
				b := append([]byte(nil), p.file...)
				b[f.pos] ^= 1 << f.bit
				if _, err := verifier.Verify(key, b); err == nil {
					accepted.Add(1)
					t.Errorf("flip of bit %d at byte %d accepted", f.bit, f.pos)
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		flips <- flip{rng.IntN(len(p.file)), rng.IntN(8)}
	}
	close(flips)
	wg.Wait()
	t.Logf("%d bit flips over %d bytes, %d accepted", n, len(p.file), accepted.Load())
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
