package tlookup

import (
	"errors"
	"fmt"
	"slices"

	"github.com/zkllm/zkllm/prover/tables"
)

// MaxLogLeaves bounds the tree at 2^36 leaves (PROTOCOL §6.6 soundness budget).
const MaxLogLeaves = 36

// Errors of the public description.
var (
	ErrSpec    = errors.New("tlookup: invalid lookup specification")
	ErrWitness = errors.New("tlookup: invalid witness")
)

// Lookup is the public description of one looked-up tensor: 2^LogSize
// entries (the tensor padded per axis, zeros in the padding), each an input
// (and, for tables with outputs, an output) that must be an entry of Table.
// Name identifies the tensor in errors.
//
// Name is also the advice tensor holding the input column, and OutName the
// one holding the output column (tables with outputs); Claims.Route uses
// them to hand leaf claims to the claim pool.
type Lookup struct {
	Name    string
	OutName string
	Table   *tables.Table
	LogSize int
}

// HasOut reports whether the lookup has an output column (b). Range tables
// have output 0 everywhere and need none.
func (l Lookup) HasOut() bool {
	k := l.Table.Kind()
	return k != tables.KindRange && k != tables.KindSRange
}

// Spec is the public shape of one LogUp tree (PROTOCOL §6.3): every lookup of
// a proof and the distinct tables they use. It is fixed by the caller's spec
// before any proof byte is read; both sides derive the same Layout from it.
type Spec struct {
	Lookups []Lookup
}

// segment is one aligned block of leaves.
type segment struct {
	logSize int
	offset  uint64 // multiple of 2^logSize
	lookup  int    // index into Spec.Lookups, or −1 for a table segment
	table   int    // index into Layout.Tables
}

// Layout places the lookup and table segments of a Spec into the 2^LogLeaves
// leaves: sorted by size descending (stable: lookups in spec order, then
// tables in first-use order), placed contiguously, hence aligned.
type Layout struct {
	spec      Spec
	Tables    []*tables.Table // distinct tables, first-use order; tag τ = index+1
	lookupTab []int           // lookup → table index
	segments  []segment       // placement order
	lookupSeg []int           // lookup → segment index
	tableSeg  []int           // table → segment index
	LogLeaves int
}

// NewLayout validates spec and places its segments. Two lookups of the same
// Table (same pointer or same digest) share its segment and multiplicities.
func NewLayout(spec Spec) (*Layout, error) {
	if len(spec.Lookups) == 0 {
		return nil, fmt.Errorf("%w: no lookups", ErrSpec)
	}
	l := &Layout{spec: Spec{Lookups: slices.Clone(spec.Lookups)}}
	byDigest := map[[32]byte]int{}
	for i, lk := range spec.Lookups {
		if lk.Table == nil {
			return nil, fmt.Errorf("%w: lookup %d (%q) has no table", ErrSpec, i, lk.Name)
		}
		if lk.LogSize < 0 || lk.LogSize > MaxLogLeaves-1 {
			return nil, fmt.Errorf("%w: lookup %q has log size %d", ErrSpec, lk.Name, lk.LogSize)
		}
		d := lk.Table.Digest()
		ti, ok := byDigest[d]
		if !ok {
			ti = len(l.Tables)
			byDigest[d] = ti
			l.Tables = append(l.Tables, lk.Table)
		}
		l.lookupTab = append(l.lookupTab, ti)
	}
	var segs []segment
	for i, lk := range spec.Lookups {
		segs = append(segs, segment{logSize: lk.LogSize, lookup: i, table: l.lookupTab[i]})
	}
	for ti, t := range l.Tables {
		segs = append(segs, segment{logSize: t.LogSize(), lookup: -1, table: ti})
	}
	slices.SortStableFunc(segs, func(a, b segment) int { return b.logSize - a.logSize })
	l.lookupSeg = make([]int, len(spec.Lookups))
	l.tableSeg = make([]int, len(l.Tables))
	var off uint64
	for si := range segs {
		segs[si].offset = off
		off += 1 << segs[si].logSize
		if segs[si].lookup >= 0 {
			l.lookupSeg[segs[si].lookup] = si
		} else {
			l.tableSeg[segs[si].table] = si
		}
	}
	l.segments = segs
	l.LogLeaves = 1
	for uint64(1)<<l.LogLeaves < off {
		l.LogLeaves++
	}
	if l.LogLeaves > MaxLogLeaves {
		return nil, fmt.Errorf("%w: %d leaves exceed 2^%d", ErrSpec, off, MaxLogLeaves)
	}
	return l, nil
}

// Spec returns the lookups of the layout.
func (l *Layout) Spec() Spec { return l.spec }

// TableOf returns the table index (into Tables) of lookup i.
func (l *Layout) TableOf(i int) int { return l.lookupTab[i] }

// Tag returns τ for table index ti. Tags are distinct and nonzero.
func (l *Layout) Tag(ti int) int64 { return int64(ti) + 1 }

// NumLeafColumns returns the number of leaf column claims the prover sends:
// In (and Out when present) per lookup, m per table, in that order.
func (l *Layout) NumLeafColumns() int {
	n := len(l.Tables)
	for _, lk := range l.spec.Lookups {
		n++
		if lk.HasOut() {
			n++
		}
	}
	return n
}

// columnLogSize returns log2 of the length of leaf column c.
func (l *Layout) columnLogSize(c int) int {
	if first := l.multIndex(0); c >= first {
		return l.Tables[c-first].LogSize()
	}
	for i, lk := range l.spec.Lookups {
		ci := l.columnIndex(i)
		if c == ci || (lk.HasOut() && c == ci+1) {
			return lk.LogSize
		}
	}
	return -1
}

// MultName is the conventional advice tensor name of a table's
// multiplicity vector.
func MultName(t *tables.Table) string { return "mult/" + t.Name() }
