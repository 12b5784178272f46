package rescale

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/pool"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tlookup"
	"github.com/zkllm/zkllm/prover/transcript"
)

// bestEffortMult counts every in-table entry and skips the others: the
// multiplicities a cheating prover would commit.
func bestEffortMult(t testing.TB, lookups []tlookup.Lookup, cols []tlookup.Column) [][]uint64 {
	t.Helper()
	l, err := tlookup.NewLayout(tlookup.Spec{Lookups: lookups})
	if err != nil {
		t.Fatal(err)
	}
	mult := make([][]uint64, len(l.Tables))
	for ti, tab := range l.Tables {
		mult[ti] = make([]uint64, tab.Size())
	}
	for i, lk := range lookups {
		ti := l.TableOf(i)
		tab := l.Tables[ti]
		c := cols[i]
		n := len(c.In)
		if c.InElems != nil {
			n = len(c.InElems)
		}
		for j := 0; j < n; j++ {
			in := int64(0)
			if c.InElems != nil {
				v, ok := fieldToInt64(&c.InElems[j])
				if !ok {
					continue
				}
				in = v
			} else {
				in = c.In[j]
			}
			idx, ok := tab.Index(in)
			if !ok || (c.Out != nil && tab.Out(idx) != c.Out[j]) {
				continue
			}
			mult[ti][idx]++
		}
		zero, _ := tab.Index(0)
		mult[ti][zero] += uint64(1<<lk.LogSize - n)
	}
	return mult
}

func fieldToInt64(e *fr.Element) (int64, bool) {
	var neg fr.Element
	neg.Neg(e)
	if e.IsUint64() && e.Uint64() < 1<<62 {
		return int64(e.Uint64()), true
	}
	if neg.IsUint64() && neg.Uint64() < 1<<62 {
		return -int64(neg.Uint64()), true
	}
	return 0, false
}

func randInts(rng *rand.Rand, n int, lo, hi int64) []int64 {
	v := make([]int64, n)
	for i := range v {
		v[i] = lo + rng.Int64N(hi-lo)
	}
	return v
}

func TestRangeCheckCompleteness(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// Larger than its table (100 > 2^4), and a 2-limb value smaller than its
	// tables (5 < 2^10 < 2^16); neither a power of two.
	a := Checked{Name: "a", Format: Signed(4), LogSize: 7}
	b := Checked{Name: "b", Format: Unsigned(26), LogSize: 3}
	s := &scenario{}
	for _, c := range []struct {
		chk Checked
		v   []int64
	}{{a, randInts(rng, 100, -8, 8)}, {b, append(randInts(rng, 4, 0, 1<<26), 1<<26-1)}} {
		lks, err := c.chk.Lookups()
		if err != nil {
			t.Fatal(err)
		}
		limbs, err := c.chk.Limbs(c.v)
		if err != nil {
			t.Fatal(err)
		}
		s.lookups = append(s.lookups, lks...)
		s.cols = append(s.cols, c.chk.Columns(limbs)...)
	}
	if err := s.verify(s.prove(t)); err != nil {
		t.Fatalf("honest range checks rejected: %v", err)
	}
	if _, err := b.Limbs([]int64{3, 1 << 26}); !errors.Is(err, ErrRange) || !strings.Contains(err.Error(), `"b" index 1`) {
		t.Fatalf("out-of-format value not reported with tensor and index: %v", err)
	}
}

// rescaleScenario builds an honest rescale of 37 random values.
func rescaleScenario(t testing.TB, r Rescale, seed uint64, bound int64) *scenario {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	x := randInts(rng, 37, -bound, bound)
	x[3] = 5<<r.Shift + 1<<(r.Shift-1) // R = −2^(k−1) exactly: the tie rounds up
	x[4] = -(1 << (r.Shift - 1))
	w, err := r.Witness(x)
	if err != nil {
		t.Fatal(err)
	}
	lks, err := r.Lookups()
	if err != nil {
		t.Fatal(err)
	}
	return &scenario{lookups: lks, cols: r.Columns(w), rescale: &r, rw: w, x: x}
}

func TestRescaleCompleteness(t *testing.T) {
	cases := []struct {
		r     Rescale
		bound int64
	}{
		{Rescale{Name: "y", Shift: 12, Out: Signed(28), LogSize: 6}, 1 << 39},
	}
	if !testing.Short() { // a two-limb remainder
		cases = append(cases, struct {
			r     Rescale
			bound int64
		}{Rescale{Name: "z", Shift: 24, Out: Signed(18), LogSize: 6}, 1 << 41})
	}
	for i, c := range cases {
		s := rescaleScenario(t, c.r, uint64(i), c.bound)
		if err := s.verify(s.prove(t)); err != nil {
			t.Fatalf("%s: honest rescale rejected: %v", c.r.Name, err)
		}
	}
}

// TestRescaleStatementsAbsorbed: across a whole rescale proof (GKR, the
// gadget's sumchecks, the pool, the DLC close) every sumcheck absorbs ⟦S⟧
// (sc/claim) right before its first round, every product proof its X, Y, Z
// right before T1..T3 and every IPA its P_a, Y right before x (PROTOCOL
// §4.5 rev 1.2): the components do it, not the callers.
func TestRescaleStatementsAbsorbed(t *testing.T) {
	s := rescaleScenario(t, Rescale{Name: "y", Shift: 12, Out: Signed(28), LogSize: 6}, 3, 1<<39)
	s.rec = &transcript.Recorder{}
	if err := s.verify(s.prove(t)); err != nil {
		t.Fatalf("honest rescale rejected: %v", err)
	}
	counts := map[string]int{}
	ev := s.rec.Events
	for i, e := range ev {
		var want string
		switch {
		case e.Label == transcript.LabelIPAx:
			want = transcript.LabelIPAStatement
		case e.Label == transcript.LabelProductT:
			want = transcript.LabelProductStatement
		case e.Label == transcript.LabelSumcheckRound && ev[i-2].Label != transcript.LabelSumcheckRound:
			want = transcript.LabelSumcheckClaim // first round of an instance
		default:
			continue
		}
		if ev[i-1].Kind != transcript.Absorb || ev[i-1].Label != want {
			t.Fatalf("event %d (%s) preceded by %s, want %s", i, e.Label, ev[i-1].Label, want)
		}
		counts[want]++
	}
	for _, l := range []string{transcript.LabelIPAStatement, transcript.LabelProductStatement, transcript.LabelSumcheckClaim} {
		if counts[l] == 0 {
			t.Fatalf("no %s in the proof: the test checks nothing", l)
		}
	}
}

// TestRescaleRemainderAtHalfRejected: with X ≡ 2^(k−1) mod 2^k the honest
// remainder is −2^(k−1); the cheater uses R = +2^(k−1) and X' − 1, which
// satisfies X = 2^k·X' + R exactly, so only the remainder's range check
// (SRANGE_k excludes 2^(k−1)) can catch it.
func TestRescaleRemainderAtHalfRejected(t *testing.T) {
	r := Rescale{Name: "y", Shift: 12, Out: Signed(28), LogSize: 6}
	s := rescaleScenario(t, r, 3, 1<<39)
	if err := s.verify(s.prove(t)); err != nil {
		t.Fatalf("honest control rejected: %v", err)
	}
	if s.rw.R[3] != -(1 << 11) {
		t.Fatalf("setup: R[3] = %d", s.rw.R[3])
	}
	s.rw.Q[3]--
	s.rw.R[3] = 1 << 11
	var err error
	if s.rw.QLimbs, err = r.Quotient().Limbs(s.rw.Q); err != nil {
		t.Fatal(err)
	}
	s.rw.RLimbs = [][]int64{s.rw.R} // single limb, decomposition would refuse it
	s.cols = r.Columns(s.rw)
	s.mult = bestEffortMult(t, s.lookups, s.cols)
	if err := s.verify(s.prove(t)); err == nil {
		t.Fatal("remainder 2^(k−1) accepted")
	} else {
		t.Logf("remainder 2^(k−1): rejected: %v", err)
	}
}

// forgedQuotient returns the cheater's witness for entry j: R' = R + 1 and
// X” = (X − R')/2^k mod r, a huge field element.
func forgedQuotient(r Rescale, s *scenario, j int) (qF []fr.Element, rem []int64) {
	rem = append([]int64(nil), s.rw.R...)
	rem[j]++
	qF = int64Field(s.rw.Q)
	var x, inv fr.Element
	x.SetInt64(s.x[j] - rem[j])
	inv = r.Pow2()
	inv.Inverse(&inv)
	qF[j].Mul(&x, &inv)
	return qF, rem
}

// TestRescaleForgedQuotient: X” = (X − R')/2^k mod r with an in-range R'
// is rejected with the quotient range check, and accepted without it.
func TestRescaleForgedQuotient(t *testing.T) {
	const j = 7
	// (a) Quotient range-checked by limbs: l_0 = X'' cannot be in RANGE_16.
	r := Rescale{Name: "y", Shift: 12, Out: Signed(28), LogSize: 6}
	s := rescaleScenario(t, r, 4, 1<<39)
	if err := s.verify(s.prove(t)); err != nil {
		t.Fatalf("honest control rejected: %v", err)
	}
	qF, rem := forgedQuotient(r, s, j)
	l0 := int64Field(s.rw.QLimbs[0])
	l1 := int64Field(s.rw.QLimbs[1])
	l0[j], l1[j] = qF[j], fr.Element{}
	remLimbs, err := r.Remainder().Limbs(rem)
	if err != nil {
		t.Fatal(err)
	}
	s.cols = []tlookup.Column{{InElems: l0}, {InElems: l1}, {In: remLimbs[0]}}
	s.mult = bestEffortMult(t, s.lookups, s.cols)
	s.forge = forgeRescale(r, [][]fr.Element{l0, l1}, remLimbs)
	if err := s.verify(s.prove(t)); err == nil {
		t.Fatal("forged quotient accepted despite the quotient range check")
	} else {
		t.Logf("with the quotient range check: rejected: %v", err)
	}

	// (b) The same forgery against a rescale whose quotient is NOT range
	// checked (QuotientByTable with no table lookup): accepted. This is why
	// §7.2 requires both checks.
	r.QuotientByTable = true
	s = rescaleScenario(t, r, 4, 1<<39)
	qF, rem = forgedQuotient(r, s, j)
	if remLimbs, err = r.Remainder().Limbs(rem); err != nil {
		t.Fatal(err)
	}
	s.cols = []tlookup.Column{{In: remLimbs[0]}}
	s.mult = bestEffortMult(t, s.lookups, s.cols)
	s.tensors = map[string][]fr.Element{r.Name: qF}
	s.forge = forgeRescale(r, [][]fr.Element{qF}, remLimbs)
	if err := s.verify(s.prove(t)); err != nil {
		t.Fatalf("without a quotient check the forgery should pass (the test would be vacuous otherwise): %v", err)
	}
	t.Log("without the quotient range check: the forged quotient is accepted")
}

func TestSiLUWitnessErrors(t *testing.T) {
	s := SiLU{In: "ffn.u", Out: "ffn.s", LogSize: 2}
	if _, _, err := s.Witness([]int64{0, 1 << 19}); !errors.Is(err, ErrRange) || !strings.Contains(err.Error(), `"ffn.u" index 1`) {
		t.Fatalf("out-of-table SILU input not reported with tensor and index: %v", err)
	}
}

func TestSiLULookup(t *testing.T) {
	if testing.Short() {
		t.Skip("SILU tree has 2^21 leaves")
	}
	rng := rand.New(rand.NewPCG(8, 8))
	g := SiLU{In: "ffn.u", Out: "ffn.s", LogSize: 5}
	u := randInts(rng, 21, -1<<19, 1<<19)
	_, col, err := g.Witness(u)
	if err != nil {
		t.Fatal(err)
	}
	lk, err := g.Lookup()
	if err != nil {
		t.Fatal(err)
	}
	s := &scenario{lookups: []tlookup.Lookup{lk}, cols: []tlookup.Column{col}}
	if err := s.verify(s.prove(t)); err != nil {
		t.Fatalf("honest SILU lookup rejected: %v", err)
	}
	// One wrong output (off by one), counted at its input's index.
	s.mult = bestEffortMult(t, s.lookups, s.cols)
	j, _ := lk.Table.Index(col.In[9])
	s.mult[0][j]++
	col.Out[9]++
	if err := s.verify(s.prove(t)); err == nil {
		t.Fatal("wrong SILU output accepted")
	}
}

// forgeRescale is a prover step for r that sends the given (possibly forged)
// quotient limbs and remainder limbs at u, as Rescale.ProveAt would.
func forgeRescale(r Rescale, qLimbs [][]fr.Element, remLimbs [][]int64) func(testing.TB, *sumcheck.DLCProver, *pool.Prover, []fr.Element) (sumcheck.Scalar, *RescaleAt) {
	return func(t testing.TB, dlc *sumcheck.DLCProver, pl *pool.Prover, u []fr.Element) (sumcheck.Scalar, *RescaleAt) {
		q, qPts, err := r.Quotient().ProveAtElems(dlc, pl, u, qLimbs)
		if err != nil {
			t.Fatal(err)
		}
		rr, rPts, err := r.Remainder().ProveAt(dlc, pl, u, remLimbs)
		if err != nil {
			t.Fatal(err)
		}
		return q.Scale(r.Pow2()).Add(rr), &RescaleAt{Quotient: qPts, Remainder: rPts}
	}
}
