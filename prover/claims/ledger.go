package claims

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/zkllm/zkllm/prover/sumcheck"
)

// Errors.
var (
	// ErrUnsettled: the ledger was closed with claims still open.
	ErrUnsettled = errors.New("claims: unsettled claims")
	// ErrSettledTwice: a claim was settled a second time (a gadget bug).
	ErrSettledTwice = errors.New("claims: claim settled twice")
)

// Ledger records every open claim of one proof (prover or verifier side).
// It is safe for concurrent use.
type Ledger struct {
	mu   sync.Mutex
	next uint64
	open map[uint64]string
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger { return &Ledger{open: map[uint64]string{}} }

// ticket identifies one open claim.
type ticket struct {
	l  *Ledger
	id uint64
}

func (l *Ledger) register(what string) ticket {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	l.open[l.next] = what
	return ticket{l: l, id: l.next}
}

func (t ticket) settle() error {
	if t.l == nil {
		return fmt.Errorf("%w: claim was never registered", ErrSettledTwice)
	}
	t.l.mu.Lock()
	defer t.l.mu.Unlock()
	what, ok := t.l.open[t.id]
	if !ok {
		return fmt.Errorf("%w (#%d)", ErrSettledTwice, t.id)
	}
	_ = what
	delete(t.l.open, t.id)
	return nil
}

// Open returns the number of open claims.
func (l *Ledger) Open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.open)
}

// Close fails with ErrUnsettled, naming up to eight open claims, while any
// claim is open.
func (l *Ledger) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.open) == 0 {
		return nil
	}
	ids := make([]uint64, 0, len(l.open))
	for id := range l.open {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var names []string
	for _, id := range ids[:min(8, len(ids))] {
		names = append(names, l.open[id])
	}
	return fmt.Errorf("%w: %d open (%s)", ErrUnsettled, len(ids), strings.Join(names, ", "))
}

// Value is the value side of a claim: sumcheck.Scalar for the prover,
// sumcheck.Point for the verifier.
type Value interface {
	sumcheck.Scalar | sumcheck.Point
}

// Claim states "tensor Tensor, evaluated at At, has the value committed in
// Value". It is registered in a Ledger when made and must be settled once.
type Claim[V Value] struct {
	Tensor string
	At     Point
	Value  V
	t      ticket
}

// New registers a claim in l.
func New[V Value](l *Ledger, tensor string, at Point, v V) *Claim[V] {
	return &Claim[V]{Tensor: tensor, At: at, Value: v, t: l.register(tensor)}
}

// Settle marks the claim settled: its value has been handed to the pool, to
// its producer, or into a deferred linear relation. A second call fails.
func (c *Claim[V]) Settle() error { return c.t.settle() }

// Prover and Verifier claims.
type (
	ProverClaim   = Claim[sumcheck.Scalar]
	VerifierClaim = Claim[sumcheck.Point]
)
