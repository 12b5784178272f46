package cli

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
)

// The weight blob, c_W, the row blindings and the resumable commit are the
// owner-side protocol of package prover/owner; this file wires them to the
// data directory (the partial file) and the CLI's test hooks.

const (
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

func tensorSpecs(ts []quantTensor) []pedersen.TensorSpec {
	specs := make([]pedersen.TensorSpec, len(ts))
	for i, t := range ts {
		specs[i] = pedersen.TensorSpec{Name: t.Name, Shape: t.Shape}
	}
	return specs
}

// weightLayout places the tensors' shapes into one blob (owner.NewBlob).
func weightLayout(ts []quantTensor) (*pedersen.Layout, error) {
	b, err := owner.NewBlob(tensorSpecs(ts))
	if err != nil {
		return nil, err
	}
	return b.Layout, nil
}

// weightBlob lays the tensors' values out as the weight blob.
func weightBlob(ts []quantTensor) (*pedersen.Layout, []int16, error) {
	b, err := owner.NewBlob(tensorSpecs(ts))
	if err != nil {
		return nil, nil, err
	}
	blob := make([]int16, b.Layout.Size())
	for _, t := range ts {
		if err := b.Scatter(t.Name, t.Shape, t.Data, blob); err != nil {
			return nil, nil, err
		}
	}
	return b.Layout, blob, nil
}

// weightLogC is c_W's log per PROTOCOL §4.2 (owner.LogRowLength).
func weightLogC(logSize int) int { return owner.LogRowLength(logSize) }

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

// ownerBlob is the job's blob as package owner sees it.
func (j *commitJob) ownerBlob() *owner.Blob { return &owner.Blob{Layout: j.layout, LogC: j.logC} }

// manifestDigest is modelKey as the 32-byte digest it must be.
func (j *commitJob) manifestDigest() ([32]byte, error) {
	var md [32]byte
	if len(j.modelKey) != len(md) {
		return md, internalf("manifest digest of %d bytes", len(j.modelKey))
	}
	copy(md[:], j.modelKey)
	return md, nil
}

// run computes every row commitment, resuming from the partial file.
func (j *commitJob) run(ctx context.Context) (rows []bls12381.G1Affine, resumedRows int, err error) {
	md, err := j.manifestDigest()
	if err != nil {
		return nil, 0, err
	}
	opt := owner.CommitOptions{PartialPath: j.partialPath, BlockRows: j.blockRows, Progress: j.progress}
	if v := os.Getenv(blockRowsEnv); v != "" {
		if k, err := strconv.Atoi(v); err == nil && k > 0 {
			opt.BlockRows = k
		}
	}
	if v := os.Getenv(crashAfterBlockEnv); v != "" {
		if crashAfter, err := strconv.Atoi(v); err == nil {
			opt.AfterBlock = func(k int) {
				if k == crashAfter {
					syscall.Kill(os.Getpid(), syscall.SIGKILL)
					select {}
				}
			}
		}
	}
	key := owner.Secret(j.secret.key)
	vk, resumed, err := j.ownerBlob().Commit(ctx, j.blob, &key, md, opt)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		return nil, 0, fmt.Errorf("weight commitment: %w", err)
	}
	return vk.Rows, resumed, nil
}
