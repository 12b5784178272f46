package pedersen

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/zkllm/zkllm/prover/field"
)

// VKMagic starts every verifying-key file; VKVersion is its format version.
// Version 2 (PROTOCOL rev 1.2): the row blindings are bound to the row
// length and generator version, tensor names are printable ASCII, and the
// owner's weight proof binds the whole file. Version 1 files are refused by
// name (ErrVKVersion1).
const (
	VKMagic   = "ZKLLMVK1"
	VKVersion = 2
)

// ErrVK wraps every verifying-key decoding error.
var ErrVK = errors.New("pedersen: invalid verifying key")

// ErrVKVersion1 is returned (wrapping ErrVK) for a version-1 file: its
// blindings and weight proof predate PROTOCOL rev 1.2.
var ErrVKVersion1 = fmt.Errorf("%w: verifying key version 1 is no longer accepted: re-run `zkllm model commit`", ErrVK)

// ValidName reports whether s may name a tensor in a vk: 1..0xFFFF bytes of
// printable ASCII (0x20–0x7E), so that tools can print it as it is.
func ValidName(s string) bool {
	if len(s) == 0 || len(s) > 0xFFFF {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// VerifyingKey is the weight blob's public commitment: the layout and one
// Hyrax row commitment per row (identity exactly at padding rows).
//
// File format (all integers big-endian):
//
//	magic "ZKLLMVK1" ‖ u32 VKVersion ‖ u32 GeneratorVersion ‖ u32 logC
//	‖ u32 #tensors ‖ per tensor in placement order:
//	    u16 name length ‖ name ‖ u8 #axes ‖ u64 per axis ‖ u64 offset
//	‖ u64 #rows (= NumRows(logC)) ‖ the non-padding rows, 48 B compressed each
//
// Offsets and the row count are redundant with the shapes; Unmarshal
// recomputes them and rejects any mismatch, so the encoding is unique.
type VerifyingKey struct {
	GeneratorVersion uint32
	LogC             int
	Layout           *Layout
	Rows             []bls12381.G1Affine // len NumRows(LogC); identity at padding rows
}

// RowLength is c = 2^LogC.
func (vk *VerifyingKey) RowLength() int { return 1 << vk.LogC }

// Validate checks the invariants Marshal relies on.
func (vk *VerifyingKey) Validate() error {
	if vk.Layout == nil {
		return fmt.Errorf("%w: no layout", ErrVK)
	}
	if vk.GeneratorVersion != GeneratorVersion {
		return fmt.Errorf("%w: generator version %d, want %d", ErrVK, vk.GeneratorVersion, GeneratorVersion)
	}
	for _, t := range vk.Layout.Tensors {
		if !ValidName(t.Name) {
			return fmt.Errorf("%w: tensor name %q is not printable ASCII", ErrVK, t.Name)
		}
	}
	if vk.LogC < 0 || vk.LogC > 30 {
		return fmt.Errorf("%w: log row length %d", ErrVK, vk.LogC)
	}
	n := vk.Layout.NumRows(vk.LogC)
	if uint64(len(vk.Rows)) != n {
		return fmt.Errorf("%w: %d rows, layout needs %d", ErrVK, len(vk.Rows), n)
	}
	present, err := vk.Layout.PresentRows(vk.LogC)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrVK, err)
	}
	for k := range vk.Rows {
		pad := !present[k]
		if pad != vk.Rows[k].IsInfinity() {
			return fmt.Errorf("%w: row %d: identity=%v but padding=%v", ErrVK, k, vk.Rows[k].IsInfinity(), pad)
		}
		if !pad && !vk.Rows[k].IsInSubGroup() {
			return fmt.Errorf("%w: row %d not in the subgroup", ErrVK, k)
		}
	}
	return nil
}

// Marshal encodes vk; it fails if vk breaks its invariants.
func (vk *VerifyingKey) Marshal() ([]byte, error) {
	if err := vk.Validate(); err != nil {
		return nil, err
	}
	out := []byte(VKMagic)
	out = binary.BigEndian.AppendUint32(out, VKVersion)
	out = binary.BigEndian.AppendUint32(out, vk.GeneratorVersion)
	out = binary.BigEndian.AppendUint32(out, uint32(vk.LogC))
	out = binary.BigEndian.AppendUint32(out, uint32(len(vk.Layout.Tensors)))
	for _, t := range vk.Layout.Tensors {
		out = binary.BigEndian.AppendUint16(out, uint16(len(t.Name)))
		out = append(out, t.Name...)
		out = append(out, byte(len(t.Shape)))
		for _, d := range t.Shape {
			out = binary.BigEndian.AppendUint64(out, d)
		}
		out = binary.BigEndian.AppendUint64(out, t.Offset)
	}
	out = binary.BigEndian.AppendUint64(out, uint64(len(vk.Rows)))
	for k := range vk.Rows {
		if !vk.Rows[k].IsInfinity() {
			out = field.AppendPoint(out, &vk.Rows[k])
		}
	}
	return out, nil
}

// Digest is the SHA-256 of the encoded file, the value model_id binds to.
func Digest(file []byte) [32]byte { return sha256.Sum256(file) }

func vkErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrVK, fmt.Sprintf(format, args...))
}

// UnmarshalVerifyingKey decodes a verifying-key file strictly: exact magic
// and versions, a layout equal to the one Place derives from the shapes,
// the exact row count, every non-padding row a valid non-identity subgroup
// point, no trailing bytes.
func UnmarshalVerifyingKey(b []byte) (*VerifyingKey, error) {
	r := field.NewReader(b)
	magic, err := r.ReadBytes(len(VKMagic))
	if err != nil || string(magic) != VKMagic {
		return nil, vkErr("bad magic")
	}
	ver, _ := r.ReadU32()
	genVer, _ := r.ReadU32()
	logC, _ := r.ReadU32()
	nt, err := r.ReadU32()
	if err != nil {
		return nil, vkErr("header: %v", err)
	}
	if ver == 1 {
		return nil, ErrVKVersion1
	}
	if ver != VKVersion {
		return nil, vkErr("format version %d, want %d", ver, VKVersion)
	}
	if genVer != GeneratorVersion {
		return nil, vkErr("generator version %d, want %d", genVer, GeneratorVersion)
	}
	if logC > 30 {
		return nil, vkErr("log row length %d", logC)
	}
	// Each tensor takes at least 2+1+1+8+8 bytes: check before allocating.
	if err := r.CheckCount(uint64(nt), 20); err != nil {
		return nil, vkErr("tensor count %d: %v", nt, err)
	}
	specs := make([]TensorSpec, nt)
	offsets := make([]uint64, nt)
	for i := range specs {
		nl, _ := r.ReadU16()
		name, _ := r.ReadBytes(int(nl))
		na, err := r.ReadU8()
		if err != nil {
			return nil, vkErr("tensor %d: %v", i, err)
		}
		if !ValidName(string(name)) {
			return nil, vkErr("tensor %d: name %q is not printable ASCII", i, name)
		}
		if err := r.CheckCount(uint64(na)+1, 8); err != nil {
			return nil, vkErr("tensor %d axes: %v", i, err)
		}
		shape := make([]uint64, na)
		for a := range shape {
			shape[a], _ = r.ReadU64()
		}
		offsets[i], err = r.ReadU64()
		if err != nil {
			return nil, vkErr("tensor %d: %v", i, err)
		}
		specs[i] = TensorSpec{Name: string(name), Shape: shape}
	}
	layout, err := Place(specs)
	if err != nil {
		return nil, vkErr("%v", err)
	}
	for i, t := range layout.Tensors {
		if t.Name != specs[i].Name || t.Offset != offsets[i] {
			return nil, vkErr("tensor %d (%q) is not in canonical placement order/offset", i, specs[i].Name)
		}
	}
	nRows, err := r.ReadU64()
	if err != nil {
		return nil, vkErr("row count: %v", err)
	}
	if want := layout.NumRows(int(logC)); nRows != want {
		return nil, vkErr("row count %d, layout needs %d", nRows, want)
	}
	// Cheap lower bound first: a tensor of ≥ c entries owns whole rows, at
	// least ⌈real/c⌉ of them present, so a file too short for that is refused
	// before the per-row scan (keeps decoding work proportional to the input).
	var minRows uint64
	for _, t := range layout.Tensors {
		if t.LogSize >= int(logC) {
			minRows += (t.realCount() + 1<<logC - 1) >> logC
		}
	}
	if minRows > uint64(r.Remaining()/field.PointSize) {
		return nil, vkErr("%d bytes of rows, the layout needs at least %d rows", r.Remaining(), minRows)
	}
	// PresentRows refuses more than MaxRows rows before allocating them.
	presentRows, err := layout.PresentRows(int(logC))
	if err != nil {
		return nil, vkErr("%v", err)
	}
	present := 0
	for _, p := range presentRows {
		if p {
			present++
		}
	}
	if r.Remaining() != present*field.PointSize {
		return nil, vkErr("%d bytes of rows, want %d present rows × 48", r.Remaining(), present)
	}
	pts, err := r.ReadPoints(present)
	if err != nil {
		return nil, vkErr("rows: %v", err)
	}
	if err := r.Done(); err != nil {
		return nil, vkErr("%v", err)
	}
	rows := make([]bls12381.G1Affine, nRows)
	j := 0
	for k := range rows {
		if presentRows[k] {
			rows[k] = pts[j]
			j++
		} // else: the zero value is the identity
	}
	return &VerifyingKey{GeneratorVersion: genVer, LogC: int(logC), Layout: layout, Rows: rows}, nil
}

// FileSize returns the exact size of the vk file for layout and row length
// 2^logC, computed from them alone, so a verifier can refuse a file of
// another size before decoding it (PROTOCOL §4.3: sizes come from the spec).
func FileSize(layout *Layout, logC int) (int, error) {
	if layout == nil || logC < 0 || logC > 30 {
		return 0, fmt.Errorf("%w: no layout or log row length %d", ErrVK, logC)
	}
	n := len(VKMagic) + 4*4
	for _, t := range layout.Tensors {
		n += 2 + len(t.Name) + 1 + 8*len(t.Shape) + 8
	}
	present, err := layout.PresentRows(logC)
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrVK, err)
	}
	n += 8
	for _, p := range present {
		if p {
			n += field.PointSize
		}
	}
	return n, nil
}
