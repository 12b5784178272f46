package tables

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Kind names a table family of PROTOCOL §6.5.
type Kind uint8

const (
	// KindRange is RANGE_w: entries (j, 0), j ∈ [2^w].
	KindRange Kind = iota + 1
	// KindSRange is SRANGE_w: entries (j − 2^(w−1), 0).
	KindSRange
	// KindIndicator is INDC_w: entries (j, [j ≠ 0]).
	KindIndicator
	// KindSiLU is SILU (w = 20): entries (j − 2^19, round(2^16·silu((j−2^19)/2^10))).
	KindSiLU
	// KindExpC is EXPC (w = 16): entries (j, θ − round(θ·exp(−j·2^k0/(2^24·√d_h)))).
	KindExpC
)

// String returns the protocol name of the family.
func (k Kind) String() string {
	switch k {
	case KindRange:
		return "RANGE"
	case KindSRange:
		return "SRANGE"
	case KindIndicator:
		return "INDC"
	case KindSiLU:
		return "SILU"
	case KindExpC:
		return "EXPC"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Table constants (PROTOCOL §6.5, §7.7, §9).
const (
	// MaxStructuredLog bounds w for RANGE, SRANGE and INDC (INDC needs 2^22, §9.2).
	MaxStructuredLog = 22
	// SiLULog is log2 of the SILU table size.
	SiLULog = 20
	// SiLUInScaleLog: SILU inputs are at scale 2^10.
	SiLUInScaleLog = 10
	// SiLUOutScaleLog: SILU outputs are at scale 2^16.
	SiLUOutScaleLog = 16
	// ExpCLog is log2 of the EXPC table size.
	ExpCLog = 16
	// Theta is θ = 2^22, the softmax output scale.
	Theta = 1 << 22
)

// Errors returned by the constructors.
var (
	ErrWidth    = errors.New("tables: table width out of range")
	ErrHeadDim  = errors.New("tables: unsupported head dimension for EXPC")
	ErrDigest   = errors.New("tables: generated table does not match its pinned SHA-256")
	ErrPointLen = errors.New("tables: evaluation point has the wrong length")
)

// Table is one lookup table of 2^LogSize entries (In(j), Out(j)). It is
// immutable once constructed and shared between callers (one per family
// and width), so its digest is hashed once per process.
type Table struct {
	kind    Kind
	logSize int
	dh      int     // EXPC only
	offset  int64   // In(j) = j − offset
	out     []int64 // dense outputs (SILU, EXPC); nil for structured tables

	digestOnce sync.Once
	digest     [32]byte
}

// Kind returns the table family.
func (t *Table) Kind() Kind { return t.kind }

// LogSize returns w, the table has 2^w entries.
func (t *Table) LogSize() int { return t.logSize }

// Size returns 2^w.
func (t *Table) Size() int { return 1 << t.logSize }

// HeadDim returns d_h for EXPC and 0 for the other families.
func (t *Table) HeadDim() int { return t.dh }

// IsDense reports whether the output column is stored (its MLE costs O(2^w)).
func (t *Table) IsDense() bool { return t.out != nil }

// Name is a stable, human-readable identifier such as "RANGE_16" or "EXPC_128".
func (t *Table) Name() string {
	switch t.kind {
	case KindSiLU:
		return "SILU"
	case KindExpC:
		return fmt.Sprintf("EXPC_dh%d", t.dh)
	}
	return fmt.Sprintf("%s_%d", t.kind, t.logSize)
}

// In returns the input column at index j ∈ [Size()).
func (t *Table) In(j int) int64 { return int64(j) - t.offset }

// Out returns the output column at index j ∈ [Size()).
func (t *Table) Out(j int) int64 {
	switch t.kind {
	case KindIndicator:
		if j != 0 {
			return 1
		}
		return 0
	case KindSiLU, KindExpC:
		return t.out[j]
	}
	return 0
}

// Index returns the index j with In(j) = in, and false when in is not an
// input of the table. Inputs are distinct, so j is unique.
func (t *Table) Index(in int64) (int, bool) {
	j := in + t.offset
	if j < 0 || j >= int64(t.Size()) {
		return 0, false
	}
	return int(j), true
}

// Lookup returns the output paired with in, and false when in is not an
// input of the table.
func (t *Table) Lookup(in int64) (int64, bool) {
	j, ok := t.Index(in)
	if !ok {
		return 0, false
	}
	return t.Out(j), true
}

// Contains reports whether (in, out) is an entry of the table.
func (t *Table) Contains(in, out int64) bool {
	o, ok := t.Lookup(in)
	return ok && o == out
}

// InElem and OutElem return the columns as field elements (signed values
// encoded as z mod r, PROTOCOL §2.2).
func (t *Table) InElem(j int) fr.Element {
	var e fr.Element
	e.SetInt64(t.In(j))
	return e
}

// OutElem returns Out(j) as a field element.
func (t *Table) OutElem(j int) fr.Element {
	var e fr.Element
	e.SetInt64(t.Out(j))
	return e
}

// Digest returns SHA-256 of the table's canonical encoding:
//
//	"zkllm/table/v1" ‖ u16 len ‖ Name() ‖ u32 w ‖ for each j: i64be(In(j)) ‖ i64be(Out(j))
//
// It is computed once per Table.
func (t *Table) Digest() [32]byte {
	t.digestOnce.Do(func() { t.digest = t.computeDigest() })
	return t.digest
}

func (t *Table) computeDigest() [32]byte {
	h := sha256.New()
	h.Write([]byte("zkllm/table/v1"))
	name := t.Name()
	var hdr [6]byte
	binary.BigEndian.PutUint16(hdr[:2], uint16(len(name)))
	h.Write(hdr[:2])
	h.Write([]byte(name))
	binary.BigEndian.PutUint32(hdr[2:], uint32(t.logSize))
	h.Write(hdr[2:])
	const chunk = 4096
	buf := make([]byte, 0, 16*chunk)
	for j := 0; j < t.Size(); j++ {
		buf = binary.BigEndian.AppendUint64(buf, uint64(t.In(j)))
		buf = binary.BigEndian.AppendUint64(buf, uint64(t.Out(j)))
		if len(buf) == cap(buf) {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	var d [32]byte
	h.Sum(d[:0])
	return d
}

// Range returns RANGE_w, entries (j, 0) for j ∈ [2^w], 1 ≤ w ≤ MaxStructuredLog.
func Range(w int) (*Table, error) {
	if w < 1 || w > MaxStructuredLog {
		return nil, fmt.Errorf("%w: RANGE_%d (want 1..%d)", ErrWidth, w, MaxStructuredLog)
	}
	return structured(KindRange, w, 0), nil
}

// SRange returns SRANGE_w, entries (j − 2^(w−1), 0), 1 ≤ w ≤ MaxStructuredLog.
func SRange(w int) (*Table, error) {
	if w < 1 || w > MaxStructuredLog {
		return nil, fmt.Errorf("%w: SRANGE_%d (want 1..%d)", ErrWidth, w, MaxStructuredLog)
	}
	return structured(KindSRange, w, 1<<(w-1)), nil
}

// Indicator returns INDC_w, entries (j, [j ≠ 0]), 1 ≤ w ≤ MaxStructuredLog.
func Indicator(w int) (*Table, error) {
	if w < 1 || w > MaxStructuredLog {
		return nil, fmt.Errorf("%w: INDC_%d (want 1..%d)", ErrWidth, w, MaxStructuredLog)
	}
	return structured(KindIndicator, w, 0), nil
}

// structuredTables holds one shared *Table per structured family and width,
// so each digest (a hash over every entry, up to 2^MaxStructuredLog of
// them) is computed once per process rather than once per proof or
// verification.
var structuredTables sync.Map // structuredKey → *Table

type structuredKey struct {
	kind Kind
	w    int
}

func structured(kind Kind, w int, offset int64) *Table {
	k := structuredKey{kind, w}
	if t, ok := structuredTables.Load(k); ok {
		return t.(*Table)
	}
	t, _ := structuredTables.LoadOrStore(k, &Table{kind: kind, logSize: w, offset: offset})
	return t.(*Table)
}
