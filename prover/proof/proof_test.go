package proof

import (
	"bytes"
	"errors"
	"testing"

	"github.com/zkllm/zkllm/prover/model/sample"
	"github.com/zkllm/zkllm/prover/transcript"
)

func testStatement() *Statement {
	s := &Statement{P: 3, Tokens: []int{1, 40, 41, 7, 8, 9}, Prompt: "Once upon", Output: " a time"}
	s.ModelID[0], s.Manifest[1], s.VK[2], s.SpecHash[3], s.Tokenizer[4] = 1, 2, 3, 4, 5
	return s
}

func TestStatementRoundTrip(t *testing.T) {
	for _, rule := range []sample.Rule{{}, {Kind: sample.Sample, Kappa: 256, TopK: 5, Seed: [32]byte{9}}} {
		s := testStatement()
		s.Rule = rule
		b, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		got, err := UnmarshalStatement(b)
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := got.Marshal()
		if !bytes.Equal(b, b2) {
			t.Fatal("round trip changed the encoding")
		}
		f := &File{Statement: s, Body: []byte{1, 2, 3}}
		fb, err := f.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		g, err := Unmarshal(fb)
		if err != nil || !bytes.Equal(g.Body, f.Body) || g.Statement.Output != s.Output {
			t.Fatalf("file round trip: %v", err)
		}
	}
}

func TestStatementRejects(t *testing.T) {
	s := testStatement()
	b, _ := s.Marshal()
	cases := map[string][]byte{
		"empty":     nil,
		"truncated": b[:len(b)-1],
		"trailing":  append(append([]byte(nil), b...), 0),
		"magic":     append([]byte("ZKLLMST2"), b[8:]...),
	}
	greedySeed := testStatement()
	greedySeed.Rule.Seed[0] = 1
	gb, _ := greedySeed.Marshal()
	cases["greedy with a seed"] = gb
	bigP := append([]byte(nil), b...)
	bigP[8+160+3] = 200 // P > T
	cases["P beyond T"] = bigP
	for name, in := range cases {
		if _, err := UnmarshalStatement(in); !errors.Is(err, ErrStatement) {
			t.Errorf("%s: %v", name, err)
		}
	}
	fb, _ := (&File{Statement: s}).Marshal()
	fb[9] = 2 // version 2
	if _, err := Unmarshal(fb); !errors.Is(err, ErrFile) {
		t.Errorf("unknown version: %v", err)
	}
}

// Every statement field reaches the transcript: changing any of them
// changes the state before the first challenge.
func TestAbsorbBindsEveryField(t *testing.T) {
	state := func(s *Statement) [32]byte {
		tr := transcript.New()
		if err := s.Absorb(tr); err != nil {
			t.Fatal(err)
		}
		return tr.State()
	}
	base := state(testStatement())
	muts := []func(*Statement){
		func(s *Statement) { s.ModelID[0] ^= 1 },
		func(s *Statement) { s.Manifest[0] ^= 1 },
		func(s *Statement) { s.VK[0] ^= 1 },
		func(s *Statement) { s.SpecHash[0] ^= 1 },
		func(s *Statement) { s.Tokenizer[0] ^= 1 },
		func(s *Statement) { s.P = 2 },
		func(s *Statement) { s.Tokens[1]++ },
		func(s *Statement) { s.Tokens[len(s.Tokens)-1]++ },
		func(s *Statement) { s.Tokens = s.Tokens[:5] },
		func(s *Statement) { s.Rule = sample.Rule{Kind: sample.Sample, Kappa: 1, Seed: [32]byte{1}} },
		func(s *Statement) { s.Prompt += "!" },
		func(s *Statement) { s.Output += "!" },
	}
	for i, m := range muts {
		s := testStatement()
		m(s)
		if state(s) == base {
			t.Errorf("mutation %d does not reach the transcript", i)
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	s := testStatement()
	fb, _ := (&File{Statement: s, Body: []byte{7}}).Marshal()
	f.Add(fb)
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Unmarshal(b)
		if err != nil {
			return
		}
		again, err := file.Marshal()
		if err != nil {
			t.Fatalf("decoded file does not re-encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatal("round trip differs")
		}
	})
}
