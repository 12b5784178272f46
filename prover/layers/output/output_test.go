package output

import (
	"crypto/sha256"
	"errors"
	"slices"
	"testing"

	"github.com/zkllm/zkllm/prover/claims"
	"github.com/zkllm/zkllm/prover/layers"
	"github.com/zkllm/zkllm/prover/layers/layertest"
	"github.com/zkllm/zkllm/prover/model/fixed"
	"github.com/zkllm/zkllm/prover/model/sample"
)

var (
	seedA = sha256.Sum256([]byte("zkllm output seed A"))
	seedB = sha256.Sum256([]byte("zkllm output seed B"))
)

func greedy() sample.Rule { return sample.Rule{Kind: sample.Greedy} }
func gumbel(seed [32]byte) sample.Rule {
	return sample.Rule{Kind: sample.Sample, Kappa: 256, Seed: seed}
}
func topK(seed [32]byte, k int) sample.Rule {
	return sample.Rule{Kind: sample.Sample, Kappa: 300, TopK: k, Seed: seed}
}

// selected returns the logit rows of positions P−1 … T−1 (G = T − P + 1).
func selected(w *fixed.Witness, V, P int) [][]int64 {
	T := len(w.Tokens)
	var out [][]int64
	for t := P - 1; t < T; t++ {
		out = append(out, w.Logits[t*V:(t+1)*V])
	}
	return out
}

// choose returns the tokens the rule emits (sample.Rule.Choose).
func choose(t testing.TB, rule sample.Rule, logits [][]int64) []int {
	t.Helper()
	out := make([]int, len(logits))
	for g, row := range logits {
		var err error
		if out[g], err = rule.Choose(g, row); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

type setup struct {
	V       int
	logits  [][]int64
	inputs  layertest.Inputs
	prover  *Gadget
	public  *Gadget
	proveOK bool
}

func newSetup(t testing.TB, V int, logits [][]int64, rule sample.Rule, tokens []int) *setup {
	t.Helper()
	s := &setup{V: V, logits: logits}
	s.inputs = layertest.CheckedInputs(t, layers.TensorLogits, layers.FormatLogits, layers.Shape{V, len(logits)}, layertest.Stack(logits))
	var err error
	if s.prover, err = NewProver(V, rule, tokens, logits); err != nil {
		t.Fatal(err)
	}
	if s.public, err = New(V, rule, tokens); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *setup) proveVerify(t testing.TB) ([]byte, error, error) {
	proof, pe := layertest.Prove(nil, []layers.ProverGadget{s.inputs, s.prover})
	if pe != nil {
		return nil, pe, nil
	}
	return proof, nil, layertest.Verify(nil, []layers.VerifierGadget{s.inputs.Public(), s.public}, proof)
}

func (s *setup) mustAccept(t *testing.T, what string) []byte {
	t.Helper()
	proof, pe, ve := s.proveVerify(t)
	if pe != nil || ve != nil {
		t.Fatalf("%s: honest proof failed: prove %v, verify %v", what, pe, ve)
	}
	return proof
}

func (s *setup) mustReject(t *testing.T, what string) {
	t.Helper()
	_, pe, ve := s.proveVerify(t)
	if pe != nil {
		t.Fatalf("%s: the prover failed instead of producing a forged proof: %v", what, pe)
	}
	if !errors.Is(ve, layers.ErrReject) {
		t.Fatalf("%s: %v", what, ve)
	}
}

func randomLogits(t testing.TB, T, P int, seed byte) (int, [][]int64) {
	cfg := layertest.SmallConfig()
	_, _, w := layertest.Random(t, cfg, T, seed)
	return cfg.VocabSize, selected(w, cfg.VocabSize, P)
}

func TestStoriesHonest(t *testing.T) {
	q, _, w := layertest.Stories(t, 8)
	V := q.Config.VocabSize
	logits := selected(w, V, 5) // G = 4
	// Greedy: the bound tokens are the recorded continuation (and the next one).
	tokens := choose(t, greedy(), logits)
	if !slices.Equal(tokens[:len(tokens)-1], w.Tokens[5:]) {
		t.Fatalf("greedy choices %v differ from the recorded tokens %v", tokens, w.Tokens[5:])
	}
	rules := []sample.Rule{greedy(), gumbel(seedA)}
	if !testing.Short() {
		rules = append(rules, topK(seedA, 7))
	}
	for _, rule := range rules {
		newSetup(t, V, logits, rule, choose(t, rule, logits)).mustAccept(t, "stories")
	}
}

func TestRandomShapesHonest(t *testing.T) {
	V, logits := randomLogits(t, 6, 4, 3) // V = 37, G = 3
	for _, rule := range []sample.Rule{greedy(), gumbel(seedA), topK(seedA, 4)} {
		newSetup(t, V, logits, rule, choose(t, rule, logits)).mustAccept(t, "random")
	}
	// One bound token (G = 1: no row variables).
	rule := topK(seedB, 2)
	newSetup(t, V, logits[2:], rule, choose(t, rule, logits[2:])).mustAccept(t, "G = 1")
}

// The gadget's witness exists (Δ ≥ 0, the top-k relations hold) exactly
// for the token sample.Rule.Choose emits, for every rule and every id.
func TestAgreesWithSample(t *testing.T) {
	V, logits := randomLogits(t, 6, 4, 5)
	// A tie at the maximum of row 1 (ties go to the lowest id).
	logits[1] = slices.Clone(logits[1])
	hi := slices.Index(logits[1], slices.Max(logits[1]))
	logits[1][(hi+5)%V] = logits[1][hi]
	for _, rule := range []sample.Rule{greedy(), gumbel(seedA), gumbel(seedB), topK(seedA, 3), topK(seedB, 1)} {
		want := choose(t, rule, logits)
		for g := range logits {
			for v := 0; v < V; v++ {
				tokens := slices.Clone(want)
				tokens[g] = v
				_, err := NewProver(V, rule, tokens, logits)
				if (err == nil) != (v == want[g]) {
					t.Fatalf("rule %+v row %d id %d (choice %d): witness error %v", rule, g, v, want[g], err)
				}
			}
		}
	}
}

// forged proves a token that is not the rule's choice at row g, with the
// negative Δ (or top-k bounds) wrapped into range.
func forged(t *testing.T, V int, logits [][]int64, rule sample.Rule, g, token int, force bool) {
	t.Helper()
	tokens := choose(t, rule, logits)
	tokens[g] = token
	s := &setup{V: V, logits: logits}
	s.inputs = layertest.CheckedInputs(t, layers.TensorLogits, layers.FormatLogits, layers.Shape{V, len(logits)}, layertest.Stack(logits))
	s.prover = &Gadget{V: V, Rule: rule, Tokens: tokens, logits: logits, hooks: hooks{wrap: true, forceCandidate: force}}
	if err := s.prover.compute(); err != nil {
		t.Fatal(err)
	}
	var err error
	if s.public, err = New(V, rule, tokens); err != nil {
		t.Fatal(err)
	}
	s.mustReject(t, "forged token")
}

// Attack 17/18: a non-maximal token, a tie broken upward, a changed seed,
// a token outside the top-k candidates — all rejected.
func TestForgedTokensRejected(t *testing.T) {
	V, logits := randomLogits(t, 6, 4, 7)
	want := choose(t, greedy(), logits)
	// Non-maximal: the smallest logit of row 0.
	forged(t, V, logits, greedy(), 0, slices.Index(logits[0], slices.Min(logits[0])), false)
	// Tie broken upward: duplicate the maximum at a higher id and claim it.
	tied := slices.Clone(logits)
	tied[2] = slices.Clone(tied[2])
	hi := want[2]
	up := V - 1
	if up == hi {
		up = V - 2
	}
	tied[2][up] = tied[2][hi]
	if choose(t, greedy(), tied)[2] != min(hi, up) {
		t.Fatal("tie setup")
	}
	forged(t, V, tied, greedy(), 2, max(hi, up), false)
	if testing.Short() {
		return
	}
	// Gumbel-max: a non-chosen token.
	ch := choose(t, gumbel(seedA), logits)
	forged(t, V, logits, gumbel(seedA), 1, (ch[1]+1)%V, false)
	// Top-k: the Gumbel winner outside the k = 2 candidates, forced in.
	rule := topK(seedA, 2)
	cands := sample.Candidates(logits[0], 2)
	best, bestScore := -1, int64(0)
	for v := 0; v < V; v++ {
		if cands[v] {
			continue
		}
		sc := rule.Kappa*logits[0][v] + sample.Noise(rule.Seed, 0, v)
		if best < 0 || sc > bestScore {
			best, bestScore = v, sc
		}
	}
	forged(t, V, logits, rule, 0, best, true)
}

// Tokens sampled under one seed do not verify under another (attack 18).
func TestChangedSeedRejected(t *testing.T) {
	V, logits := randomLogits(t, 6, 4, 9)
	rule := gumbel(seedA)
	tokens := choose(t, rule, logits)
	if slices.Equal(tokens, choose(t, gumbel(seedB), logits)) {
		t.Skip("both seeds choose the same tokens")
	}
	s := newSetup(t, V, logits, rule, tokens)
	var err error
	if s.public, err = New(V, gumbel(seedB), tokens); err != nil {
		t.Fatal(err)
	}
	_, pe, ve := s.proveVerify(t)
	if pe != nil || !errors.Is(ve, layers.ErrReject) {
		t.Fatalf("changed seed: prove %v, verify %v", pe, ve)
	}
}

// Changed committed values and a padded entry are rejected; a dropped
// claim fails at the ledger; bit flips anywhere are rejected.
func TestTamperingRejected(t *testing.T) {
	V, logits := randomLogits(t, 6, 4, 11)
	rule := topK(seedA, 4)
	tokens := choose(t, rule, logits)
	sh := layers.Shape{V, len(logits)}
	cases := []struct {
		name   string
		tensor string
		idx    int
	}{
		{"Δ", TensorDelta + "#l0", sh.Index(3, 1)},
		{"b", TensorBits, sh.Index(tokens[0], 0)},
		{"τ", TensorTau + "#l0", 1},
		{"padded Δ", TensorDelta + "#l0", sh.Index(V, 0)},
	}
	for i, c := range cases {
		if testing.Short() && i > 1 {
			break
		}
		s := newSetup(t, V, logits, rule, tokens)
		s.prover.hooks.tamper = func(vals map[string][]int64) { vals[c.tensor][c.idx] ^= 1 }
		s.mustReject(t, c.name)
	}
	// One logit changed (the committed input differs from the prover's).
	s := newSetup(t, V, logits, rule, tokens)
	s.inputs[0].Data = slices.Clone(s.inputs[0].Data)
	s.inputs[0].Data[sh.Len()-1] ^= 4
	s.mustReject(t, "logit")

	s = newSetup(t, V, logits, rule, tokens)
	s.public.hooks.dropClaims = true
	if _, pe, ve := s.proveVerify(t); pe != nil || !errors.Is(ve, claims.ErrUnsettled) {
		t.Fatalf("dropped claims: prove %v, verify %v", pe, ve)
	}

	s = newSetup(t, V, logits, rule, tokens)
	step := 3
	if testing.Short() {
		step = 12
	}
	tried, n := layertest.ProofElements(t, nil, s.inputs, s.prover, s.public, step)
	t.Logf("%d forgeries over %d gadget bytes", tried, n)
}
