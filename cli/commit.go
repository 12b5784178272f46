package cli

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// The weight commitment is computed one row block at a time. Each finished
// block is appended to a partial file and fsynced, so a killed commit resumes
// from its last finished block; row blindings come from the owner secret, so
// the resumed result is byte-identical to an uninterrupted run.

const (
	partialMagic = "ZKLLMCP1"
	// crashAfterBlockEnv is a TEST HOOK: after finishing (and syncing) row
	// block k, the process kills itself with SIGKILL, exactly like kill -9.
	crashAfterBlockEnv = "ZKLLM_TEST_CRASH_AFTER_BLOCK"
	// blockRowsEnv is a TEST HOOK overriding the rows per block.
	blockRowsEnv = "ZKLLM_TEST_BLOCK_ROWS"
)

// quantTensor is one quantized weight tensor in spec order. Shape is least
// significant axis first; Data is laid out with axis 0 varying fastest.
type quantTensor struct {
	Name  string
	Shape []uint64
	Data  []int16
}

// weightLayout places the tensors' shapes into one blob (PROTOCOL §4.2).
func weightLayout(ts []quantTensor) (*pedersen.Layout, error) {
	specs := make([]pedersen.TensorSpec, len(ts))
	for i, t := range ts {
		specs[i] = pedersen.TensorSpec{Name: t.Name, Shape: t.Shape}
	}
	layout, err := pedersen.Place(specs)
	if err != nil {
		return nil, err
	}
	if layout.LogSize > 34 {
		return nil, fmt.Errorf("weight blob of 2^%d entries is too large", layout.LogSize)
	}
	return layout, nil
}

// weightBlob lays the tensors' values out as the weight blob.
func weightBlob(ts []quantTensor) (*pedersen.Layout, []int16, error) {
	layout, err := weightLayout(ts)
	if err != nil {
		return nil, nil, err
	}
	blob := make([]int16, layout.Size())
	for _, t := range ts {
		p, ok := layout.Lookup(t.Name)
		if !ok {
			return nil, nil, fmt.Errorf("tensor %q missing from the layout", t.Name)
		}
		if err := scatter(p, t, blob); err != nil {
			return nil, nil, err
		}
	}
	return layout, blob, nil
}

// scatter copies t into blob at its placement, walking coordinates with an
// odometer (axis 0 fastest) and each padded axis taking ⌈log⌉ index bits.
func scatter(p *pedersen.Placed, t quantTensor, blob []int16) error {
	n := uint64(1)
	shifts := make([]uint, len(t.Shape))
	var shift uint
	for a, d := range t.Shape {
		n *= d
		shifts[a] = shift
		shift += uint(ceilLog2(d))
	}
	if uint64(len(t.Data)) != n {
		return fmt.Errorf("tensor %q: %d values for shape %v", t.Name, len(t.Data), t.Shape)
	}
	coord := make([]uint64, len(t.Shape))
	for i := uint64(0); i < n; i++ {
		idx := p.Offset
		for a, c := range coord {
			idx |= c << shifts[a]
		}
		if i == 0 || i == n-1 { // cross-check the odometer against the layout
			want, err := p.Index(coord)
			if err != nil || want != idx {
				return fmt.Errorf("tensor %q: placement mismatch at %v", t.Name, coord)
			}
		}
		blob[idx] = t.Data[i]
		for a := range coord {
			coord[a]++
			if coord[a] < t.Shape[a] {
				break
			}
			coord[a] = 0
		}
	}
	return nil
}

func ceilLog2(x uint64) int {
	l := 0
	for (uint64(1) << l) < x {
		l++
	}
	return l
}

// weightLogC is c_W per PROTOCOL §4.2: 2^⌈(n_W+1)/2⌉.
func weightLogC(logSize int) int { return min(logSize, (logSize+2)/2) }

// commitJob describes one weight commitment.
type commitJob struct {
	layout      *pedersen.Layout
	blob        []int16
	logC        int
	secret      ownerSecret
	modelKey    []byte // manifest digest: binds the blindings to this model
	partialPath string
	blockRows   int
	progress    func(done, total int) // rows finished so far
}

// commitHeader identifies what a partial file belongs to; a mismatch
// (other weights, secret, row length) restarts from zero.
func (j *commitJob) header() []byte {
	var b bytes.Buffer
	b.WriteString(partialMagic)
	blobSum := sha256.New()
	binary.Write(blobSum, binary.LittleEndian, j.blob)
	b.Write(blobSum.Sum(nil))
	b.Write(j.modelKey)
	m := hmac.New(sha256.New, j.secret.key[:])
	m.Write([]byte("zkllm/secret-id/v1"))
	b.Write(m.Sum(nil))
	binary.Write(&b, binary.BigEndian, uint32(j.logC))
	binary.Write(&b, binary.BigEndian, uint32(j.blockRows))
	return b.Bytes()
}

// run computes every row commitment, resuming from the partial file.
func (j *commitJob) run(ctx context.Context) (rows []bls12381.G1Affine, resumedRows int, err error) {
	nRows := int(j.layout.NumRows(j.logC))
	present, err := j.layout.PresentRows(j.logC)
	if err != nil {
		return nil, 0, err
	}
	if j.blockRows <= 0 {
		j.blockRows = 32
	}
	if v := os.Getenv(blockRowsEnv); v != "" {
		if k, err := strconv.Atoi(v); err == nil && k > 0 {
			j.blockRows = k
		}
	}
	crashAfter := -1
	if v := os.Getenv(crashAfterBlockEnv); v != "" {
		if k, err := strconv.Atoi(v); err == nil {
			crashAfter = k
		}
	}
	c := 1 << j.logC
	gens, err := pedersen.Get(c)
	if err != nil {
		return nil, 0, err
	}
	rows = make([]bls12381.G1Affine, nRows)
	nBlocks := (nRows + j.blockRows - 1) / j.blockRows
	blockRange := func(b int) (int, int) { return b * j.blockRows, min((b+1)*j.blockRows, nRows) }

	hdr := j.header()
	f, done, err := j.openPartial(hdr, present, rows, nBlocks, blockRange)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	resumedRows = 0
	if done > 0 {
		_, resumedRows = blockRange(done - 1)
	}
	if j.progress != nil {
		j.progress(resumedRows, nRows)
	}
	blind := make([]fr.Element, j.blockRows)
	for b := done; b < nBlocks; b++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		from, to := blockRange(b)
		bl := blind[:to-from]
		rowBlindings(&j.secret.key, j.modelKey, uint64(from), bl)
		for k := from; k < to; k++ {
			if !present[k] {
				bl[k-from].SetZero() // padding rows: identity, ρ = 0 (§4.2)
			}
		}
		pts, err := pedersen.CommitRowsSmall(gens, j.blob, c, from, to, bl)
		if err != nil {
			return nil, 0, err
		}
		var buf []byte
		for k := from; k < to; k++ {
			rows[k] = pts[k-from]
			if present[k] {
				buf = field.AppendPoint(buf, &rows[k])
			}
		}
		if _, err := f.Write(buf); err != nil {
			return nil, 0, err
		}
		if err := f.Sync(); err != nil {
			return nil, 0, err
		}
		if j.progress != nil {
			j.progress(to, nRows)
		}
		if b == crashAfter {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	return rows, resumedRows, nil
}

// openPartial opens (or restarts) the partial file and loads the rows of its
// finished blocks, returning the number of finished blocks. A torn last
// block is cut off.
func (j *commitJob) openPartial(hdr []byte, present []bool, rows []bls12381.G1Affine, nBlocks int, blockRange func(int) (int, int)) (*os.File, int, error) {
	old, err := os.ReadFile(j.partialPath)
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
						return nil, 0, fmt.Errorf("partial commitment %s is corrupt (delete it to restart): %v", j.partialPath, err)
					}
					rows[k] = p
				}
			}
			off += size
			done++
		}
		f, err := os.OpenFile(j.partialPath, os.O_RDWR, 0o600)
		if err != nil {
			return nil, 0, err
		}
		if err := f.Truncate(int64(len(hdr) + off)); err != nil {
			f.Close()
			return nil, 0, err
		}
		if _, err := f.Seek(0, io.SeekEnd); err != nil {
			f.Close()
			return nil, 0, err
		}
		return f, done, nil
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, 0, err
	}
	// Fresh start: write the header atomically, then append blocks.
	if err := writeFileAtomic(j.partialPath, hdr, 0o600); err != nil {
		return nil, 0, err
	}
	f, err := os.OpenFile(j.partialPath, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, 0, err
	}
	return f, 0, nil
}
