package inference

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/prover/layers"
)

// ErrCheckpoint reports a checkpoint that cannot be used: corrupt, or made
// for another statement, model, setting or program version.
var ErrCheckpoint = layers.ErrCheckpoint

const checkpointMagic = "ZKLLMCK1"

// CodeVersion identifies the running program for checkpoints: the module
// version and VCS revision from the build info ("devel" when absent).
func CodeVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
			v += "+" + s.Value
		}
	}
	return v
}

// FileStore keeps the phase-A state of one proof run in a file (mode 0600:
// it holds the advice blindings), written atomically. Binding ties the
// file to the run: a digest of the code version, the model commitment, the
// statement and the settings; a file with another binding is refused.
type FileStore struct {
	Path    string
	Binding [32]byte
}

// Binding returns the digest a checkpoint is bound to.
func Binding(codeVersion string, modelID, statementDigest [32]byte, settings string) [32]byte {
	h := sha256.New()
	for _, part := range [][]byte{[]byte("zkllm/checkpoint/v1"), []byte(codeVersion), modelID[:], statementDigest[:], []byte(settings)} {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Load implements layers.PhaseAStore.
func (s *FileStore) Load(plan [32]byte) (*layers.PhaseAState, error) {
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	st, err := decodeCheckpoint(b, s.Binding)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCheckpoint, s.Path, err)
	}
	if st.PlanDigest != plan {
		return nil, fmt.Errorf("%w: %s: made for another proof layout", ErrCheckpoint, s.Path)
	}
	return st, nil
}

// Save implements layers.PhaseAStore.
func (s *FileStore) Save(st *layers.PhaseAState) error {
	return atomicfile.Write(s.Path, encodeCheckpoint(st, s.Binding), 0o600)
}

// Remove deletes the checkpoint (after the proof file is written).
func (s *FileStore) Remove() error {
	err := os.Remove(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func encodeCheckpoint(st *layers.PhaseAState, binding [32]byte) []byte {
	b := append([]byte(checkpointMagic), binding[:]...)
	b = append(b, st.PlanDigest[:]...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(st.Rows)))
	for i := range st.Rows {
		raw := st.Rows[i].Bytes()
		b = append(b, raw[:]...)
	}
	for i := range st.Blinds {
		raw := st.Blinds[i].Bytes()
		b = append(b, raw[:]...)
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

func decodeCheckpoint(b []byte, binding [32]byte) (*layers.PhaseAState, error) {
	const head = len(checkpointMagic) + 32 + 32 + 4
	if len(b) < head+32 {
		return nil, errors.New("truncated checkpoint")
	}
	body, sum := b[:len(b)-32], b[len(b)-32:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errors.New("corrupt checkpoint (checksum mismatch)")
	}
	if string(body[:len(checkpointMagic)]) != checkpointMagic {
		return nil, errors.New("not a zkllm checkpoint")
	}
	off := len(checkpointMagic)
	if !bytes.Equal(body[off:off+32], binding[:]) {
		return nil, errors.New("checkpoint of another statement, model, setting or program version")
	}
	st := &layers.PhaseAState{}
	copy(st.PlanDigest[:], body[off+32:off+64])
	n := int(binary.BigEndian.Uint32(body[off+64 : off+68]))
	if len(body) != head+n*(bls12381.SizeOfG1AffineCompressed+fr.Bytes) {
		return nil, errors.New("checkpoint length does not match its row count")
	}
	p := head
	st.Rows = make([]bls12381.G1Affine, n)
	for i := range st.Rows {
		if _, err := st.Rows[i].SetBytes(body[p : p+bls12381.SizeOfG1AffineCompressed]); err != nil {
			return nil, fmt.Errorf("row %d: %v", i, err)
		}
		p += bls12381.SizeOfG1AffineCompressed
	}
	st.Blinds = make([]fr.Element, n)
	for i := range st.Blinds {
		if err := st.Blinds[i].SetBytesCanonical(body[p : p+fr.Bytes]); err != nil {
			return nil, fmt.Errorf("blinding %d: %v", i, err)
		}
		p += fr.Bytes
	}
	return st, nil
}
