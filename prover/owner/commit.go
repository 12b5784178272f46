package owner

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// The weight commitment is computed one block of rows at a time. With a
// partial file, each finished block is appended to it and fsynced, so a
// killed commit resumes from its last finished block; row blindings come
// from the owner secret, so the resumed result is byte-identical to an
// uninterrupted run.

// partialMagic starts a partial-commit file. Version 2: blindings bound to
// (manifest digest, row, c_W, generator version); a version-1 file is not
// resumed but restarted.
const partialMagic = "ZKLLMCP2"

// DefaultBlockRows is the number of rows per resumable block.
const DefaultBlockRows = 32

// ErrCommit wraps errors of the resumable commit.
var ErrCommit = errors.New("owner: commit")

// Domain is the blinding domain of this blob for the model whose manifest
// digest is manifestDigest.
func (b *Blob) Domain(manifestDigest [32]byte) BlindingDomain {
	return BlindingDomain{ManifestDigest: manifestDigest, LogC: b.LogC, GeneratorVersion: pedersen.GeneratorVersion}
}

// RowBlindings returns ρ_k for every row of the blob (0 at structural
// padding rows): what the prover needs to open the weight blob.
func (b *Blob) RowBlindings(s *Secret, manifestDigest [32]byte) ([]fr.Element, error) {
	present, err := b.PresentRows()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlob, err)
	}
	out := make([]fr.Element, len(present))
	s.RowBlindings(b.Domain(manifestDigest), 0, out)
	for k, p := range present {
		if !p {
			out[k].SetZero()
		}
	}
	return out, nil
}

// CommitRows commits rows [from, to) of the blob values with the secret's
// blindings (identity and ρ = 0 at padding rows): the row-range commit a
// resumable or distributed committer is built from.
func (b *Blob) CommitRows(values []int16, s *Secret, manifestDigest [32]byte, from, to int) ([]bls12381.G1Affine, error) {
	n := b.NumRows()
	if from < 0 || to > n || from > to {
		return nil, fmt.Errorf("%w: rows [%d,%d) of %d", ErrCommit, from, to, n)
	}
	if uint64(len(values)) != b.Layout.Size() {
		return nil, fmt.Errorf("%w: %d values for a blob of 2^%d", ErrBlob, len(values), b.Layout.LogSize)
	}
	present, err := b.PresentRows()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlob, err)
	}
	return b.commitRows(values, s, manifestDigest, from, to, present)
}

func (b *Blob) commitRows(values []int16, s *Secret, manifestDigest [32]byte, from, to int, present []bool) ([]bls12381.G1Affine, error) {
	gens, err := pedersen.Get(1 << b.LogC)
	if err != nil {
		return nil, err
	}
	bl := make([]fr.Element, to-from)
	s.RowBlindings(b.Domain(manifestDigest), uint64(from), bl)
	for k := from; k < to; k++ {
		if !present[k] {
			bl[k-from].SetZero() // padding rows: identity, ρ = 0 (§4.2)
		}
	}
	return pedersen.CommitRowsSmall(gens, values, 1<<b.LogC, from, to, bl)
}

// CommitOptions tune Commit.
type CommitOptions struct {
	// PartialPath, if set, is the resume file: finished blocks are appended
	// and fsynced there; a matching file is resumed, any other restarted.
	PartialPath string
	BlockRows   int                   // rows per block; 0 means DefaultBlockRows
	Progress    func(done, total int) // rows finished so far (resumed ones included)
	// AfterBlock, if set, runs after block k is finished and synced (a test
	// hook for killing the process at a known point).
	AfterBlock func(k int)
}

// Commit computes the verifying key of the weight blob values, resuming from
// opt.PartialPath when it holds finished blocks of this very commit (same
// values, manifest, secret, row length, block size and generator version).
// It returns the vk and how many rows were resumed.
func (b *Blob) Commit(ctx context.Context, values []int16, s *Secret, manifestDigest [32]byte, opt CommitOptions) (*pedersen.VerifyingKey, int, error) {
	if uint64(len(values)) != b.Layout.Size() {
		return nil, 0, fmt.Errorf("%w: %d values for a blob of 2^%d", ErrBlob, len(values), b.Layout.LogSize)
	}
	nRows := b.NumRows()
	present, err := b.PresentRows()
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrBlob, err)
	}
	blockRows := opt.BlockRows
	if blockRows <= 0 {
		blockRows = DefaultBlockRows
	}
	rows := make([]bls12381.G1Affine, nRows)
	nBlocks := (nRows + blockRows - 1) / blockRows
	blockRange := func(k int) (int, int) { return k * blockRows, min((k+1)*blockRows, nRows) }

	var f *os.File
	done := 0
	if opt.PartialPath != "" {
		hdr := b.partialHeader(values, s, manifestDigest, blockRows)
		if f, done, err = openPartial(opt.PartialPath, hdr, present, rows, nBlocks, blockRange); err != nil {
			return nil, 0, err
		}
		defer f.Close()
	}
	resumed := 0
	if done > 0 {
		_, resumed = blockRange(done - 1)
	}
	if opt.Progress != nil {
		opt.Progress(resumed, nRows)
	}
	for k := done; k < nBlocks; k++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		from, to := blockRange(k)
		pts, err := b.commitRows(values, s, manifestDigest, from, to, present)
		if err != nil {
			return nil, 0, err
		}
		var buf []byte
		for r := from; r < to; r++ {
			rows[r] = pts[r-from]
			if present[r] {
				buf = field.AppendPoint(buf, &rows[r])
			}
		}
		if f != nil {
			if _, err := f.Write(buf); err != nil {
				return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
			}
			if err := f.Sync(); err != nil {
				return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
			}
		}
		if opt.Progress != nil {
			opt.Progress(to, nRows)
		}
		if opt.AfterBlock != nil {
			opt.AfterBlock(k)
		}
	}
	vk := &pedersen.VerifyingKey{GeneratorVersion: pedersen.GeneratorVersion, LogC: b.LogC, Layout: b.Layout, Rows: rows}
	if err := vk.Validate(); err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
	}
	return vk, resumed, nil
}

// partialHeader identifies what a partial file belongs to; any mismatch
// (other weights, manifest, secret, row length, block size, generators)
// restarts the commit from zero.
func (b *Blob) partialHeader(values []int16, s *Secret, manifestDigest [32]byte, blockRows int) []byte {
	var h bytes.Buffer
	h.WriteString(partialMagic)
	sum := sha256.New()
	binary.Write(sum, binary.LittleEndian, values)
	h.Write(sum.Sum(nil))
	h.Write(manifestDigest[:])
	id := s.ID()
	h.Write(id[:])
	binary.Write(&h, binary.BigEndian, uint32(b.LogC))
	binary.Write(&h, binary.BigEndian, uint32(blockRows))
	binary.Write(&h, binary.BigEndian, pedersen.GeneratorVersion)
	return h.Bytes()
}

// openPartial opens (or restarts) the partial file and loads the rows of its
// finished blocks, returning the number of finished blocks. A torn last
// block is cut off.
func openPartial(path string, hdr []byte, present []bool, rows []bls12381.G1Affine, nBlocks int, blockRange func(int) (int, int)) (*os.File, int, error) {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
	}
	if err == nil && bytes.HasPrefix(old, hdr) {
		body := old[len(hdr):]
		done, off := 0, 0
		for done < nBlocks {
			from, to := blockRange(done)
			size := 0
			for k := from; k < to; k++ {
				if present[k] {
					size += field.PointSize
				}
			}
			if off+size > len(body) {
				break
			}
			r := field.NewReader(body[off : off+size])
			for k := from; k < to; k++ {
				if present[k] {
					p, err := r.ReadPoint()
					if err != nil {
						return nil, 0, fmt.Errorf("%w: partial commitment %s is corrupt (delete it to restart): %v", ErrCommit, path, err)
					}
					rows[k] = p
				}
			}
			off += size
			done++
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0o600)
		if err != nil {
			return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
		}
		if err := f.Truncate(int64(len(hdr) + off)); err != nil {
			f.Close()
			return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
		}
		if _, err := f.Seek(0, io.SeekEnd); err != nil {
			f.Close()
			return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
		}
		return f, done, nil
	}
	// Fresh start: write the header atomically, then append blocks.
	if err := atomicfile.Write(path, hdr, 0o600); err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrCommit, err)
	}
	return f, 0, nil
}
