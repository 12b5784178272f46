package tlookup

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Column is the witness of one lookup: its input and output values in the
// padded flat order of the tensor (length ≤ 2^LogSize; missing entries are
// zero padding). Out is nil for range tables.
//
// InElems/OutElems, when set, replace In/Out with field-valued columns (for
// callers whose values are already field elements, and for adversarial
// tests that commit values no integer column can hold). Multiplicities are
// then the caller's: Layout.Multiplicities refuses such columns.
type Column struct {
	In  []int64
	Out []int64

	InElems  []fr.Element
	OutElems []fr.Element
}

// isField reports whether the column is field-valued.
func (c Column) isField() bool { return c.InElems != nil }

// len returns the number of entries.
func (c Column) len() int {
	if c.isField() {
		return len(c.InElems)
	}
	return len(c.In)
}

// Witness holds one Column per lookup of a Spec.
type Witness struct {
	Columns []Column
}

// Multiplicities counts, for each table of the layout, how often each of its
// entries is looked up (padding zeros included: (0,0) is in every table, P3).
// An entry outside its table is an error naming the tensor and the index
// (PROTOCOL §12.8): never a panic or a silent miscount.
func (l *Layout) Multiplicities(w *Witness) ([][]uint64, error) {
	if len(w.Columns) != len(l.spec.Lookups) {
		return nil, fmt.Errorf("%w: %d columns for %d lookups", ErrWitness, len(w.Columns), len(l.spec.Lookups))
	}
	mult := make([][]uint64, len(l.Tables))
	for ti, t := range l.Tables {
		mult[ti] = make([]uint64, t.Size())
	}
	for i, lk := range l.spec.Lookups {
		col := w.Columns[i]
		if err := checkColumn(lk, col); err != nil {
			return nil, err
		}
		if col.isField() {
			return nil, fmt.Errorf("%w: tensor %q is field-valued; its multiplicities are the caller's", ErrWitness, lk.Name)
		}
		m := mult[l.lookupTab[i]]
		if err := countInto(m, lk, col); err != nil {
			return nil, err
		}
	}
	return mult, nil
}

func checkColumn(lk Lookup, col Column) error {
	size := 1 << lk.LogSize
	in, out := len(col.In), len(col.Out)
	hasOut := col.Out != nil
	if col.isField() {
		if col.In != nil || col.Out != nil {
			return fmt.Errorf("%w: tensor %q mixes integer and field columns", ErrWitness, lk.Name)
		}
		in, out, hasOut = len(col.InElems), len(col.OutElems), col.OutElems != nil
	} else if col.OutElems != nil {
		return fmt.Errorf("%w: tensor %q has field outputs without field inputs", ErrWitness, lk.Name)
	}
	if in > size {
		return fmt.Errorf("%w: tensor %q has %d inputs for 2^%d entries", ErrWitness, lk.Name, in, lk.LogSize)
	}
	if lk.HasOut() {
		if out != in {
			return fmt.Errorf("%w: tensor %q has %d inputs and %d outputs", ErrWitness, lk.Name, in, out)
		}
	} else if hasOut {
		return fmt.Errorf("%w: tensor %q looks up %s, which has no output column", ErrWitness, lk.Name, lk.Table.Name())
	}
	return nil
}

func countInto(m []uint64, lk Lookup, col Column) error {
	t := lk.Table
	for j, in := range col.In {
		idx, ok := t.Index(in)
		if !ok {
			return fmt.Errorf("%w: tensor %q index %d: input %d is not in %s", ErrWitness, lk.Name, j, in, t.Name())
		}
		if lk.HasOut() && t.Out(idx) != col.Out[j] {
			return fmt.Errorf("%w: tensor %q index %d: (%d, %d) is not in %s (expected output %d)", ErrWitness, lk.Name, j, in, col.Out[j], t.Name(), t.Out(idx))
		}
		m[idx]++
	}
	if pad := uint64(1)<<lk.LogSize - uint64(len(col.In)); pad > 0 {
		zero, ok := t.Index(0)
		if !ok || t.Out(zero) != 0 {
			return fmt.Errorf("%w: table %s lacks the all-zero entry needed for padding of %q", ErrSpec, t.Name(), lk.Name)
		}
		m[zero] += pad
	}
	return nil
}
