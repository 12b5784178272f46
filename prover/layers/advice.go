package layers

import (
	"fmt"
	"math"
	"sync/atomic"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/tlookup"
)

// adviceBlob is the advice blob of phase A being laid out. It is int32 while
// every value placed fits (A32 activations, 16-bit limbs, digits,
// multiplicities: the usual case, 4 B an entry) and int64 once one does not
// (wide != nil, narrow dropped). Writers of disjoint ranges may run at once
// on the narrow blob; widen is called with no writer running.
type adviceBlob struct {
	narrow []int32
	wide   []int64
}

func newAdviceBlob(n uint64) *adviceBlob { return &adviceBlob{narrow: make([]int32, n)} }

// placeNarrow copies v into the narrow blob at off (spread over the cores
// for long tensors) and reports whether every value fit; when one does not,
// part of v may have been written and the caller must place it again after
// widen.
func (b *adviceBlob) placeNarrow(off uint64, v []int64) bool {
	dst := b.narrow[off : off+uint64(len(v))]
	var bad atomic.Bool
	field.ParallelMin(len(v), 1<<16, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x := v[i]
			if x != int64(int32(x)) {
				bad.Store(true)
				return
			}
			dst[i] = int32(x)
		}
	})
	return !bad.Load()
}

// widen switches the blob to int64, keeping what was placed.
func (b *adviceBlob) widen() {
	if b.wide != nil {
		return
	}
	b.wide = make([]int64, len(b.narrow))
	field.ParallelMin(len(b.narrow), 1<<16, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			b.wide[i] = int64(b.narrow[i])
		}
	})
	b.narrow = nil
}

// placeGadget places a gadget's witness tensors (Tensors order): in the
// narrow blob when narrow, reporting false when some value needs int64 (the
// caller then places them again, narrow false, after widen); else in the
// wide blob.
func (b *adviceBlob) placeGadget(pl *plan, g Gadget, vals map[string][]int64, narrow bool) (bool, error) {
	ts, err := g.Tensors()
	if err != nil {
		return false, err
	}
	fits := true
	for _, t := range ts {
		v, ok := vals[t.Name]
		p, _ := pl.layout.Lookup(t.Name)
		if !ok || len(v) > 1<<p.LogSize {
			return false, fmt.Errorf("%w: %s: witness for %q missing or oversized", ErrGadget, g.Name(), t.Name)
		}
		switch {
		case !narrow:
			copy(b.wide[p.Offset:], v)
		case fits:
			fits = b.placeNarrow(p.Offset, v)
		}
	}
	return fits, nil
}

// placeMultiplicities writes the lookup multiplicities into their tensors.
func (b *adviceBlob) placeMultiplicities(pl *plan, mult [][]uint64) {
	for ti, t := range pl.lookups.Tables {
		p, _ := pl.layout.Lookup(tlookup.MultName(t))
		m := mult[ti]
		if b.wide == nil && fitsInt32(m) {
			dst := b.narrow[p.Offset : p.Offset+uint64(len(m))]
			field.ParallelMin(len(m), 1<<16, func(lo, hi int) {
				for j := lo; j < hi; j++ {
					dst[j] = int32(m[j])
				}
			})
			continue
		}
		b.widen()
		for j, x := range m {
			b.wide[p.Offset+uint64(j)] = int64(x)
		}
	}
}

func fitsInt32(m []uint64) bool {
	for _, x := range m {
		if x > math.MaxInt32 {
			return false
		}
	}
	return true
}

// adviceWitness lays every gadget's witness out as the advice blob (with the
// lookup multiplicities) and returns the lookup columns. Each gadget's job
// places its own tensors as soon as its witness is ready (disjoint ranges of
// one int32 blob), so only the lookup columns outlive the job; a witness
// with a value outside int32 is kept and placed after the blob is widened
// to int64. The blob's entries are the same either way.
func adviceWitness(pl *plan, gadgets []ProverGadget, runner Runner) (*adviceBlob, []tlookup.Column, [][]uint64, error) {
	blob := newAdviceBlob(pl.layout.Size())
	wide := make([]map[string][]int64, len(gadgets))
	gcols := make([][]tlookup.Column, len(gadgets))
	jobs := make([]func() error, len(gadgets))
	for i, g := range gadgets {
		jobs[i] = func() error {
			vals, c, err := g.Witness()
			if err != nil {
				return fmt.Errorf("%s: %w", g.Name(), err)
			}
			gcols[i] = c
			fits, err := blob.placeGadget(pl, g, vals, true)
			if !fits && err == nil {
				wide[i] = vals
			}
			return err
		}
	}
	if err := runner.Run(jobs); err != nil {
		return nil, nil, nil, err
	}
	for i, vals := range wide {
		if vals != nil {
			blob.widen()
			if _, err := blob.placeGadget(pl, gadgets[i], vals, false); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	var cols []tlookup.Column
	for _, c := range gcols {
		cols = append(cols, c...)
	}
	if pl.lookups == nil {
		return blob, cols, nil, nil
	}
	mult, err := pl.lookups.Multiplicities(&tlookup.Witness{Columns: cols})
	if err != nil {
		return nil, nil, nil, err
	}
	blob.placeMultiplicities(pl, mult)
	return blob, cols, mult, nil
}

// commit commits the blob and opens the advice pool on it (int32 or int64).
func (b *adviceBlob) commit(p *Prover, pl *plan, store PhaseAStore, runner Runner) ([]bls12381.G1Affine, error) {
	var rows []bls12381.G1Affine
	var err error
	if b.wide != nil {
		rows, p.advice, err = commitAdviceBlob(p.DLC, pl, b.wide, store, runner)
	} else {
		rows, p.advice, err = commitAdviceBlob(p.DLC, pl, b.narrow, store, runner)
	}
	return rows, err
}
