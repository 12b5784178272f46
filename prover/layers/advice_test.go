package layers

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/pedersen"
	"github.com/zkllm/zkllm/prover/pool"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// wideGadget commits one unchecked tensor whose values may need int64.
type wideGadget struct {
	name string
	v    []int64
	omit bool // the witness forgets the tensor
}

func (g *wideGadget) Name() string { return g.name }
func (g *wideGadget) Tensors() ([]pedersen.TensorSpec, error) {
	return []pedersen.TensorSpec{{Name: g.name, Shape: []uint64{uint64(len(g.v))}}}, nil
}
func (g *wideGadget) Lookups() ([]tlookup.Lookup, error) { return nil, nil }
func (g *wideGadget) Witness() (map[string][]int64, []tlookup.Column, error) {
	if g.omit {
		return map[string][]int64{}, nil, nil
	}
	return map[string][]int64{g.name: g.v}, nil, nil
}
func (g *wideGadget) Prove(*Prover) error { return nil }

// referenceAdvice is the advice blob laid out the plain way: every tensor
// copied into one int64 blob, then the multiplicities.
func referenceAdvice(t *testing.T, pl *plan, gs []ProverGadget) []int64 {
	t.Helper()
	blob := make([]int64, pl.layout.Size())
	var cols []tlookup.Column
	for _, g := range gs {
		vals, c, err := g.Witness()
		if err != nil {
			t.Fatal(err)
		}
		ts, _ := g.Tensors()
		for _, s := range ts {
			p, _ := pl.layout.Lookup(s.Name)
			copy(blob[p.Offset:], vals[s.Name])
		}
		cols = append(cols, c...)
	}
	if pl.lookups != nil {
		mult, err := pl.lookups.Multiplicities(&tlookup.Witness{Columns: cols})
		if err != nil {
			t.Fatal(err)
		}
		for ti, tb := range pl.lookups.Tables {
			p, _ := pl.layout.Lookup(tlookup.MultName(tb))
			for j, m := range mult[ti] {
				blob[p.Offset+uint64(j)] = int64(m)
			}
		}
	}
	return blob
}

// TestAdviceWitnessLayout: the blob built in place (int32, or int64 after a
// value outside int32 in any gadget) holds exactly the plain layout, under
// one and several workers.
func TestAdviceWitnessLayout(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	small := make([]int64, 3000)
	for i := range small {
		small[i] = int64(rng.IntN(1<<20)) - 1<<19
	}
	big := append([]int64(nil), small...)
	big[1234] = -1 << 40
	for _, tc := range []struct {
		name string
		gs   []ProverGadget
		wide bool
	}{
		{"narrow", []ProverGadget{newSquare(rng, Shape{5, 3}), &wideGadget{name: "a", v: small}}, false},
		{"wide-last", []ProverGadget{newSquare(rng, Shape{5, 3}), &wideGadget{name: "a", v: small}, &wideGadget{name: "b", v: big}}, true},
		{"wide-first", []ProverGadget{&wideGadget{name: "b", v: big}, newSquare(rng, Shape{7, 3})}, true},
	} {
		pl, err := makePlan(asGadgets(tc.gs))
		if err != nil {
			t.Fatal(err)
		}
		want := referenceAdvice(t, pl, tc.gs)
		for _, workers := range []int{1, 4} {
			blob, _, _, err := adviceWitness(pl, tc.gs, Local{Workers: workers})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if (blob.wide != nil) != tc.wide || (blob.narrow != nil) == tc.wide {
				t.Fatalf("%s: wide = %v, want %v", tc.name, blob.wide != nil, tc.wide)
			}
			for i, w := range want {
				got := int64(0)
				if tc.wide {
					got = blob.wide[i]
				} else {
					got = int64(blob.narrow[i])
				}
				if got != w {
					t.Fatalf("%s, %d workers: entry %d = %d, want %d", tc.name, workers, i, got, w)
				}
			}
		}
	}
}

// TestAdviceWitnessMissingTensor: a witness without one of its tensors is a
// gadget error.
func TestAdviceWitnessMissingTensor(t *testing.T) {
	g := &wideGadget{name: "a", v: []int64{1, 2, 3}, omit: true}
	pl, err := makePlan([]Gadget{g})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := adviceWitness(pl, []ProverGadget{g}, Local{}); err == nil {
		t.Fatal("a missing tensor was accepted")
	}
}

// TestTableFromInts: Table converts a small-integer pool's entries straight
// into the table (entries past the stored ones zero), as Entries does.
func TestTableFromInts(t *testing.T) {
	lay, err := pedersen.Place([]pedersen.TensorSpec{{Name: "a", Shape: []uint64{1000}}, {Name: "b", Shape: []uint64{300}}})
	if err != nil {
		t.Fatal(err)
	}
	logC := AdviceLogC(lay.LogSize)
	b, _ := lay.Lookup("b")
	vals := make([]int32, b.Offset+200) // b's last entries not stored
	for i := range vals {
		vals[i] = int32(i*7919%65536) - 1<<15
	}
	for _, ints := range []bool{true, false} {
		var pp *pool.Prover
		if ints {
			pp, err = pool.NewProverSmall(pool.Shape{Layout: lay, LogC: logC}, vals, make([]fr.Element, 1<<(lay.LogSize-logC)))
		} else {
			fv := make([]fr.Element, len(vals))
			for i, v := range vals {
				fv[i].SetInt64(int64(v))
			}
			pp, err = pool.NewProver(pool.Shape{Layout: lay, LogC: logC}, fv, make([]fr.Element, 1<<(lay.LogSize-logC)))
		}
		if err != nil {
			t.Fatal(err)
		}
		p := &Prover{advice: pp}
		got, err := p.Table("b")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1<<b.LogSize {
			t.Fatalf("table of %d entries, want %d", len(got), 1<<b.LogSize)
		}
		for j := range got {
			var want fr.Element
			if k := b.Offset + uint64(j); k < uint64(len(vals)) {
				want.SetInt64(int64(vals[k]))
			}
			if !got[j].Equal(&want) {
				t.Fatalf("ints %v: entry %d = %v, want %v", ints, j, got[j].String(), want.String())
			}
		}
	}
}
