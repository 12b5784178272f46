package tlookup

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/tables"
)

func mustTable(tab *tables.Table, err error) *tables.Table {
	if err != nil {
		panic(err)
	}
	return tab
}

// randomColumn draws n entries of tab (and their outputs when out is set).
func randomColumn(rng *rand.Rand, tab *tables.Table, n int, out bool) Column {
	c := Column{In: make([]int64, n)}
	if out {
		c.Out = make([]int64, n)
	}
	for j := range c.In {
		idx := rng.IntN(tab.Size())
		c.In[j] = tab.In(idx)
		if out {
			c.Out[j] = tab.Out(idx)
		}
	}
	return c
}

// mixedInstance: a range lookup smaller than its table (5 < 2^8), a signed
// range lookup larger than its table (100 > 2^4), two lookups sharing
// INDC_6 with outputs, none a power of two.
func mixedInstance(t testing.TB, seed uint64) (*Layout, *Witness) {
	rng := rand.New(rand.NewPCG(seed, 99))
	r8 := mustTable(tables.Range(8))
	s4 := mustTable(tables.SRange(4))
	ind := mustTable(tables.Indicator(6))
	spec := Spec{Lookups: []Lookup{
		{Name: "small", Table: r8, LogSize: 3},
		{Name: "signed", Table: s4, LogSize: 7},
		{Name: "ind.a", Table: ind, LogSize: 4},
		{Name: "ind.b", Table: ind, LogSize: 2},
	}}
	l, err := NewLayout(spec)
	if err != nil {
		t.Fatal(err)
	}
	w := &Witness{Columns: []Column{
		randomColumn(rng, r8, 5, false),
		randomColumn(rng, s4, 100, false),
		randomColumn(rng, ind, 11, true),
		randomColumn(rng, ind, 3, true),
	}}
	return l, w
}

func mustMult(t testing.TB, l *Layout, w *Witness) [][]uint64 {
	t.Helper()
	m, err := l.Multiplicities(w)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLayoutAligned(t *testing.T) {
	l, _ := mixedInstance(t, 1)
	if len(l.Tables) != 3 || l.TableOf(2) != l.TableOf(3) {
		t.Fatalf("tables not shared: %d", len(l.Tables))
	}
	var total uint64
	for _, s := range l.segments {
		if s.offset%(1<<s.logSize) != 0 {
			t.Fatalf("segment at %d of size 2^%d is not aligned", s.offset, s.logSize)
		}
		total += 1 << s.logSize
	}
	if total > 1<<l.LogLeaves || total <= 1<<(l.LogLeaves-1) {
		t.Fatalf("%d leaves used of 2^%d", total, l.LogLeaves)
	}
}

func TestTreeRootIsZeroExactlyForHonestMultiplicities(t *testing.T) {
	l, w := mixedInstance(t, 2)
	m := mustMult(t, l, w)
	rng := rand.New(rand.NewPCG(3, 3))
	gamma, beta := randElem(rng), randElem(rng)
	p, q := l.leaves(w, countMult(m), gamma, beta)
	tr := buildTree(p, q, l.LogLeaves)
	if !tr.p[0][0].IsZero() || tr.q[0][0].IsZero() {
		t.Fatal("honest root is not 0/nonzero")
	}
	m[0][3]++
	p, q = l.leaves(w, countMult(m), gamma, beta)
	if tr := buildTree(p, q, l.LogLeaves); tr.p[0][0].IsZero() {
		t.Fatal("root stays 0 with a wrong multiplicity")
	}
}

func TestMultiplicitiesNameTensorAndIndex(t *testing.T) {
	l, w := mixedInstance(t, 4)
	w.Columns[1].In[57] = 8 // SRANGE_4 is [−8, 8)
	_, err := l.Multiplicities(w)
	if !errors.Is(err, ErrWitness) || !strings.Contains(err.Error(), `"signed" index 57`) {
		t.Fatalf("error does not name the tensor and index: %v", err)
	}
	l, w = mixedInstance(t, 4)
	w.Columns[2].Out[4] ^= 1
	if _, err := l.Multiplicities(w); !errors.Is(err, ErrWitness) || !strings.Contains(err.Error(), `"ind.a" index 4`) {
		t.Fatalf("wrong output not reported: %v", err)
	}
	l, w = mixedInstance(t, 4)
	w.Columns[0].In = append(w.Columns[0].In, 1, 2, 3, 4) // 9 > 2^3
	if _, err := l.Multiplicities(w); !errors.Is(err, ErrWitness) {
		t.Fatalf("oversized column accepted: %v", err)
	}
}

func TestCompletenessMixed(t *testing.T) {
	l, w := mixedInstance(t, 5)
	b := proveBundle(t, l, w, mustMult(t, l, w), nil)
	if err := verifyBundle(l, b); err != nil {
		t.Fatalf("honest proof rejected: %v", err)
	}
}

func TestCompletenessDenseTable(t *testing.T) {
	if testing.Short() {
		t.Skip("EXPC tree of 2^17 leaves")
	}
	rng := rand.New(rand.NewPCG(6, 6))
	e := mustTable(tables.ExpC(8))
	l, err := NewLayout(Spec{Lookups: []Lookup{{Name: "softmax.x1", Table: e, LogSize: 6}}})
	if err != nil {
		t.Fatal(err)
	}
	w := &Witness{Columns: []Column{randomColumn(rng, e, 37, true)}}
	b := proveBundle(t, l, w, mustMult(t, l, w), nil)
	if err := verifyBundle(l, b); err != nil {
		t.Fatalf("honest EXPC proof rejected: %v", err)
	}
}

func TestSpecErrors(t *testing.T) {
	r2 := mustTable(tables.Range(2))
	cases := map[string]Spec{
		"empty":    {},
		"no table": {Lookups: []Lookup{{Name: "x", LogSize: 2}}},
		"too big":  {Lookups: []Lookup{{Name: "x", Table: r2, LogSize: MaxLogLeaves}}},
		"negative": {Lookups: []Lookup{{Name: "x", Table: r2, LogSize: -1}}},
	}
	for name, s := range cases {
		if _, err := NewLayout(s); !errors.Is(err, ErrSpec) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Route needs a tensor name for every claim (here: a missing OutName).
	i2 := mustTable(tables.Indicator(2))
	l, err := NewLayout(Spec{Lookups: []Lookup{{Name: "x", Table: i2, LogSize: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	c := l.newClaims(make([][]fr.Element, l.NumLeafColumns()))
	if err := c.Route(func(string, *LeafClaim) error { return nil }); !errors.Is(err, ErrSpec) {
		t.Errorf("Route without OutName: %v", err)
	}
	// Witness shape errors reach Prove before any transcript work.
	w := &Witness{Columns: []Column{{In: []int64{1}}}} // INDC needs outputs
	if err := l.checkWitness(w, [][]uint64{make([]uint64, 4)}); !errors.Is(err, ErrWitness) {
		t.Errorf("missing outputs: %v", err)
	}
	w = &Witness{Columns: []Column{{In: []int64{1}, Out: []int64{1}}}}
	if err := l.checkWitness(w, [][]uint64{make([]uint64, 3)}); !errors.Is(err, ErrWitness) {
		t.Errorf("short multiplicities: %v", err)
	}
	w = &Witness{Columns: []Column{{InElems: make([]fr.Element, 1), OutElems: make([]fr.Element, 1)}}}
	if _, err := l.Multiplicities(w); !errors.Is(err, ErrWitness) {
		t.Errorf("field column counted: %v", err)
	}
}
