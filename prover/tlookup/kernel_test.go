package tlookup

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/sumcheck"
	"github.com/zkllm/zkllm/prover/tables"
	"github.com/zkllm/zkllm/prover/transcript"
)

// tailed returns a random table of 2^n entries whose entries from data on
// equal c.
func tailed(n, data int, c fr.Element) []fr.Element {
	t := field.RandomScalars(1 << n)
	for i := data; i < len(t); i++ {
		t[i] = c
	}
	return t
}

// The layer kernel gives the engine's eq-mode proof byte for byte, on tables
// with and without constant tails (odd data lengths: pairs that mix data and
// tail, before and after folds), a zero eq coordinate (q_j(1) computed
// directly), sizes on the serial and the parallel path, and eq weights split
// over the first rounds (13 variables and more); it never writes the
// caller's tables.
func TestLayerKernelMatchesEngine(t *testing.T) {
	one, lambda, c := fr.One(), field.RandomScalar(), field.RandomScalar()
	type shape struct {
		name    string
		n       int
		lengths [numTabs]int // data length per table (p0, q1, q0, h); −1: all data
		tails   [numTabs]fr.Element
		zeroR   []int // coordinates of r set to 0
	}
	full := [numTabs]int{-1, -1, -1, -1}
	leafTop := func(n, used int) [numTabs]int { return [numTabs]int{0, used, -1, used} }
	shapes := []shape{
		{"full", 6, full, [numTabs]fr.Element{}, nil},
		{"full-parallel", 13, full, [numTabs]fr.Element{}, nil},
		{"leaf-top", 7, leafTop(7, 21), [numTabs]fr.Element{one, one, c, lambda}, nil},
		{"leaf-top-parallel", 13, leafTop(13, 1<<9+5), [numTabs]fr.Element{one, one, c, lambda}, nil},
		{"p0-tail", 12, [numTabs]int{77, -1, -1, -1}, [numTabs]fr.Element{one}, nil},
		{"padded-q0", 8, [numTabs]int{0, 3, 101, 3}, [numTabs]fr.Element{one, one, c, lambda}, nil},
		{"all-tails", 5, [numTabs]int{0, 0, 0, 0}, [numTabs]fr.Element{c, one, lambda, c}, nil},
		{"zero-coordinates", 7, leafTop(7, 33), [numTabs]fr.Element{one, one, c, lambda}, []int{0, 3}},
		{"one-variable", 1, full, [numTabs]fr.Element{}, nil},
		{"split-eq", 14, leafTop(14, 1<<12+7), [numTabs]fr.Element{one, one, c, lambda}, []int{2}},
	}
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			var tabs [numTabs][]fr.Element
			for k := range tabs {
				l := sh.lengths[k]
				if l < 0 {
					l = 1 << sh.n
				}
				tabs[k] = tailed(sh.n, l, sh.tails[k])
			}
			orig := tabs
			for k := range orig {
				orig[k] = slices.Clone(tabs[k])
			}
			r := field.RandomScalars(sh.n)
			for _, j := range sh.zeroR {
				r[j].SetZero()
			}
			enginePoly := &sumcheck.Polynomial{Form: layerForm(sh.n), Tables: [][]fr.Element{nil, tabs[0], tabs[1], tabs[2], tabs[3]}, EqPoint: r, EqFactor: facEq}
			claim := enginePoly.Sum()
			prove := func(poly *sumcheck.Polynomial) ([]byte, []fr.Element) {
				defer field.SeedForTesting([32]byte{byte(sh.n)})()
				p, err := sumcheck.NewDLCProver(transcript.New())
				if err != nil {
					t.Fatal(err)
				}
				s, _ := p.Commit(claim)
				proof, res, err := p.Prove(poly, s)
				if err != nil {
					t.Fatal(err)
				}
				var vals []fr.Element
				for _, o := range res.Openings {
					vals = append(vals, o.Value)
				}
				return proof.Marshal(), vals
			}
			want, wantVals := prove(enginePoly)
			var tt [numTabs]tailTable
			for k := range tabs {
				tt[k] = newTailTable(tabs[k])
			}
			// Stored tables with an empty scratch, then the same tables
			// generated where read (as the leaves and h are) with folds
			// served from a pool of donated memory.
			pooled := &layerScratch{}
			pooled.donate(field.RandomScalars(1 << sh.n))
			pooled.donate(make([]fr.Element, 3))
			// Generated tables are also kept unstored through one and two
			// folds (streamRounds 2, 3: foldView).
			for pass, scratch := range []*layerScratch{{}, pooled, pooled, pooled} {
				if pass == 1 {
					for k := range tt {
						data := tt[k].data
						tt[k] = tailTable{tail: tt[k].tail, n: len(data), gen: func(lo, hi int, out, _ []fr.Element) { copy(out, data[lo:hi]) }}
					}
				}
				kernel := newLayerKernel(r, tt, scratch)
				kernel.streamRounds = max(pass, 1)
				got, gotVals := prove(&sumcheck.Polynomial{Form: layerForm(sh.n), Kernel: kernel})
				if !bytes.Equal(got, want) {
					t.Fatalf("pass %d: kernel proof differs from the engine's", pass)
				}
				if fmt.Sprint(gotVals) != fmt.Sprint(wantVals) {
					t.Fatalf("pass %d: kernel final values differ from the engine's", pass)
				}
			}
			for k := range tabs {
				if !slices.Equal(tabs[k], orig[k]) {
					t.Fatalf("table %d was written", k)
				}
			}
		})
	}
}

// The leaf halves (data and constant tails, never the whole leaf layer)
// hold the leaves of the definition, and the tree built from them equals
// the tree built from the full leaves, on layouts whose halves end in
// unused leaves, in lookup segments (p ≡ 1), in a table, or are all lookups.
func TestLeafHalvesMatchLeaves(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	r5, r6 := mustTable(tables.Range(5)), mustTable(tables.Range(6))
	instances := map[string]func() (*Layout, *Witness){
		"mixed": func() (*Layout, *Witness) { return mixedInstance(t, 6) },
		"wide":  func() (*Layout, *Witness) { return wideInstance(t) },
		"lookup-then-table": func() (*Layout, *Witness) { // 2^9 values, a 2^6 table
			l, err := NewLayout(Spec{Lookups: []Lookup{{Name: "x", Table: r6, LogSize: 9}}})
			if err != nil {
				t.Fatal(err)
			}
			return l, &Witness{Columns: []Column{randomColumn(rng, r6, 1<<9-3, false)}}
		},
		"upper-half-ends-in-lookups": func() (*Layout, *Witness) { // 2^6 | 2^5 table, 2^4, 2^4
			l, err := NewLayout(Spec{Lookups: []Lookup{{Name: "a", Table: r5, LogSize: 6}, {Name: "b", Table: r5, LogSize: 4}, {Name: "c", Table: r5, LogSize: 4}}})
			if err != nil {
				t.Fatal(err)
			}
			return l, &Witness{Columns: []Column{randomColumn(rng, r5, 64, false), randomColumn(rng, r5, 16, false), randomColumn(rng, r5, 9, false)}}
		},
	}
	for name, inst := range instances {
		t.Run(name, func(t *testing.T) {
			l, w := inst()
			mult := countMult(mustMult(t, l, w))
			gamma, beta := randElem(rng), randElem(rng)
			p, q := l.leaves(w, mult, gamma, beta)
			hl := l.leafHalves(w, mult, gamma, beta)
			half := len(p) / 2
			for h := range 2 {
				for x := range half {
					if !hl.p[h].at(x).Equal(&p[h*half+x]) || !hl.q[h].at(x).Equal(&q[h*half+x]) {
						t.Fatalf("half %d entry %d differs from the leaves", h, x)
					}
				}
			}
			// The tails these layouts are chosen for are found.
			switch name {
			case "lookup-then-table":
				if hl.p[0].length() != 0 || !hl.p[0].tail.IsOne() || hl.q[1].length() >= half {
					t.Fatal("lower half p ≡ 1 or upper half unused leaves not a tail")
				}
			case "upper-half-ends-in-lookups":
				if hl.p[1].length() != 32 || !hl.p[1].tail.IsOne() {
					t.Fatalf("upper half p has %d data entries, want the table's 32", hl.p[1].length())
				}
			}
			// The top g layers generated (1: small trees; 2, 3: the
			// large-tree paths), read entry by entry and in chunks.
			n := l.LogLeaves
			want := buildTree(p, q, n)
			for g := 1; g <= min(3, n-2); g++ {
				got := buildTreeHalves(hl, n, g)
				for k := 0; k < n; k++ {
					pk, qk := got.layer(k)
					pc, qc := make([]fr.Element, 1<<k), make([]fr.Element, 1<<k)
					pcv, qcv := pk.chunk(0, 1<<k, pc), qk.chunk(0, 1<<k, qc)
					for x := range want.p[k] {
						if !pk.at(x).Equal(&want.p[k][x]) || !qk.at(x).Equal(&want.q[k][x]) {
							t.Fatalf("g=%d tree layer %d: entry %d differs", g, k, x)
						}
						if !chunkAt(pcv, x).Equal(&want.p[k][x]) || !chunkAt(qcv, x).Equal(&want.q[k][x]) {
							t.Fatalf("g=%d tree layer %d: chunked entry %d differs", g, k, x)
						}
					}
					if stored := got.p[k] != nil || got.q[k] != nil; stored != (k < n-g) {
						t.Fatalf("g=%d: tree layer %d stored %v", g, k, stored)
					}
				}
			}
		})
	}
}

// With h = p1 + λ·q1 generated over the kernel's own q1 (setDerivedH: h's
// first rounds load p1 and reuse q1's values), the kernel still gives the
// engine's proof: q1 and p1 with tails of their own (q1 longer or shorter
// than p1, so h's data runs meet q1's tail), stored or generated, kept
// unstored through one or two rounds, serial and parallel sizes.
func TestLayerKernelDerivedH(t *testing.T) {
	one, zero := fr.One(), fr.Element{}
	lambda := field.RandomScalar()
	for _, sh := range []struct {
		n, lp, lq int
		pTail     fr.Element
	}{{6, 40, 17, zero}, {7, 9, 100, one}, {13, 1<<12 + 3, 1<<11 + 1, zero}, {14, 1 << 13, 1<<12 + 5, one}} {
		for _, generated := range []bool{false, true} {
			for _, stream := range []int{1, 2, 3} {
				name := fmt.Sprintf("n%d-gen%v-stream%d", sh.n, generated, stream)
				t.Run(name, func(t *testing.T) {
					p0, q0 := tailed(sh.n, 1<<sh.n, one), tailed(sh.n, 1<<sh.n-7, one)
					p1, q1 := tailed(sh.n, sh.lp, sh.pTail), tailed(sh.n, sh.lq, one)
					h := make([]fr.Element, 1<<sh.n)
					for i := range h {
						h[i].Mul(&q1[i], &lambda)
						h[i].Add(&h[i], &p1[i])
					}
					r := field.RandomScalars(sh.n)
					enginePoly := &sumcheck.Polynomial{Form: layerForm(sh.n), Tables: [][]fr.Element{nil, p0, q1, q0, h}, EqPoint: r, EqFactor: facEq}
					claim := enginePoly.Sum()
					prove := func(poly *sumcheck.Polynomial) []byte {
						defer field.SeedForTesting([32]byte{byte(sh.n), 7})()
						p, err := sumcheck.NewDLCProver(transcript.New())
						if err != nil {
							t.Fatal(err)
						}
						s, _ := p.Commit(claim)
						proof, _, err := p.Prove(poly, s)
						if err != nil {
							t.Fatal(err)
						}
						return proof.Marshal()
					}
					want := prove(enginePoly)
					view := func(d []fr.Element) tailTable {
						tt := newTailTable(d)
						if !generated {
							return tt
						}
						data := tt.data
						return tailTable{tail: tt.tail, n: len(data), gen: func(lo, hi int, out, _ []fr.Element) { copy(out, data[lo:hi]) }}
					}
					p1T, q1T := view(p1), view(q1)
					tt := [numTabs]tailTable{view(p0), q1T, view(q0), hView(p1T, q1T, lambda)}
					scratch := &layerScratch{}
					scratch.donate(make([]fr.Element, 1<<sh.n))
					kernel := newLayerKernel(r, tt, scratch)
					kernel.streamRounds = stream
					kernel.setDerivedH(p1T, lambda)
					if got := prove(&sumcheck.Polynomial{Form: layerForm(sh.n), Kernel: kernel}); !bytes.Equal(got, want) {
						t.Fatal("kernel proof with derived h differs from the engine's")
					}
				})
			}
		}
	}
}

// chunkAt returns entry x of a chunk view.
func chunkAt(v chunkView, x int) *fr.Element {
	if v.constant {
		return &v.c
	}
	return &v.v[x]
}

// The prover gives every generator the scratch it needs (genScratch, the
// tree build's chunk buffers, atScratch): no generated read falls back to
// fresh memory per chunk, with 1, 2 or 3 generated tree layers.
func TestGeneratorsHaveScratch(t *testing.T) {
	for g := 1; g <= 3; g++ {
		t.Run(fmt.Sprintf("generated-layers=%d", g), func(t *testing.T) {
			defer setForceGenLayers(g)()
			l, w := wideInstance(t)
			genFallbacks.Store(0)
			b := proveBundle(t, l, w, mustMult(t, l, w), nil)
			if n := genFallbacks.Load(); n != 0 {
				t.Fatalf("%d generator calls lacked scratch", n)
			}
			if err := verifyBundle(l, b); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// The number of generated tree layers follows the size rule: today's path
// (1) below 2^24 leaves (the lookup benchmarks' sizes), 2 from 2^24, 3 from
// 2^26, always leaving at least one stored layer; forceGenLayers wins.
func TestGeneratedLayersBySize(t *testing.T) {
	for n, want := range map[int]int{2: 1, 3: 1, 13: 1, 21: 1, 23: 1, 24: 2, 25: 2, 26: 3, 28: 3, 36: 3} {
		if got := generatedLayers(n); got != want {
			t.Errorf("2^%d leaves: %d generated layers, want %d", n, got, want)
		}
	}
	defer setForceGenLayers(3)()
	for n, want := range map[int]int{3: 1, 4: 2, 5: 3, 20: 3} {
		if got := generatedLayers(n); got != want {
			t.Errorf("forced 3, 2^%d leaves: %d generated layers, want %d", n, got, want)
		}
	}
}
