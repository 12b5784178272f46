package anchor

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// receiptScript answers TransactionReceipt from a fixed list of errors, then a receipt.
type receiptScript struct {
	Backend // nil: only TransactionReceipt is called
	errs    []error
	calls   int
}

func (r *receiptScript) TransactionReceipt(context.Context, common.Hash) (*types.Receipt, error) {
	r.calls++
	if r.calls <= len(r.errs) {
		return nil, r.errs[r.calls-1]
	}
	return &types.Receipt{Status: types.ReceiptStatusSuccessful}, nil
}

func TestWaitReceiptRetriesWhileIndexing(t *testing.T) {
	indexing := errors.New("transaction indexing is in progress")
	b := &receiptScript{errs: []error{ethereum.NotFound, indexing, indexing}}
	rc, err := WaitReceipt(context.Background(), b, common.Hash{1}, time.Millisecond)
	if err != nil || rc == nil {
		t.Fatalf("WaitReceipt = %v, %v; want the receipt after the indexing answers", rc, err)
	}
	if b.calls != 4 {
		t.Fatalf("polled %d times, want 4", b.calls)
	}
}

func TestWaitReceiptStopsOnOtherErrors(t *testing.T) {
	b := &receiptScript{errs: []error{errors.New("connection refused")}}
	if _, err := WaitReceipt(context.Background(), b, common.Hash{1}, time.Millisecond); err == nil {
		t.Fatal("WaitReceipt succeeded past a node error")
	}
	if b.calls != 1 {
		t.Fatalf("polled %d times after a node error, want 1", b.calls)
	}
}

func TestResolveTxWaitsOutIndexing(t *testing.T) {
	indexing := errors.New("transaction indexing is in progress")
	b := &receiptScript{errs: []error{indexing, indexing, ethereum.NotFound}}
	c := &Client{backend: b, opts: Options{PollInterval: time.Millisecond}}
	if _, err := c.ResolveTx(context.Background(), common.Hash{1}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ResolveTx of an unknown tx while the node indexes: err = %v, want ErrNotFound", err)
	}
	if b.calls != 3 {
		t.Fatalf("asked %d times, want 3", b.calls)
	}
}
