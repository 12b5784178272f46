package ipfsstore

import (
	"context"
	"errors"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/ipfs/go-cid"
)

// errLostRace cancels a source that another source beat to the first
// verified byte. It is never reported: the source did nothing wrong.
var errLostRace = errors.New("ipfsstore: another source delivered first")

// sourceHealth is what a Getter remembers about one of its sources between
// retrievals, to order them. A source that failed by its own fault (served
// invalid data, stalled, dripped, refused the connection, unknown host, an
// HTTP error other than not-found) is tried after all others for the rest of
// the Getter's life, until it delivers again; one that lost a race comes
// after those that did not; the last to deliver comes first.
type sourceHealth struct {
	mu   sync.Mutex
	rank int
}

const (
	rankDelivered = -1
	rankUnknown   = 0
	rankSlow      = 1
	rankBad       = 2
)

func (h *sourceHealth) get() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.rank
}

func (h *sourceHealth) set(rank int) {
	h.mu.Lock()
	h.rank = rank
	h.mu.Unlock()
}

// lost records that another source delivered first; a bad source stays bad.
func (h *sourceHealth) lost() {
	h.mu.Lock()
	h.rank = max(h.rank, rankSlow)
	h.mu.Unlock()
}

// failed records a failure: only one that says nothing about the source
// (it lacks this CID, or the whole retrieval ended) leaves the rank alone.
func (h *sourceHealth) failed(err error) {
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrTimeout) || errors.Is(err, context.Canceled) {
		return
	}
	h.set(rankBad)
}

// byPreference orders srcs by rank, keeping the caller's order among equals.
func byPreference(srcs []source) []source {
	out := append([]source(nil), srcs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].health().get() < out[j].health().get() })
	return out
}

// race runs one retrieval over several sources. The preferred source starts
// first; whenever no started source has delivered a verified byte for
// Limits.HedgeDelay, or one fails, the next starts beside the others. The
// first source to write a verified byte to the output owns it and the
// others are cancelled (they may be started again, resuming, if the owner
// fails later). Each racer skips the bytes already delivered, so every byte
// reaches the output once, in order, from whichever source verified it.
type race struct {
	ctx  context.Context
	root cid.Cid
	lim  Limits
	out  io.Writer

	mu    sync.Mutex
	owner *racer
	done  int64 // bytes delivered to out

	claimed chan struct{} // a racer became the owner
	results chan raceResult
	live    []*racer
}

type racer struct {
	src    source
	cancel context.CancelCauseFunc
	lost   bool // cancelled because another racer owns the output (race.mu)
}

type raceResult struct {
	r   *racer
	err error
}

func newRace(ctx context.Context, root cid.Cid, lim Limits, out io.Writer) *race {
	return &race{ctx: ctx, root: root, lim: lim, out: out,
		claimed: make(chan struct{}, 1), results: make(chan raceResult)}
}

func (rc *race) delivered() int64 {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.done
}

// claimWriter is one racer's view of the output: the first non-empty write
// of any racer claims the output; writes of the others then fail.
type claimWriter struct {
	rc *race
	r  *racer
}

func (c claimWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	rc := c.rc
	if !rc.claim(c.r) {
		return 0, errLostRace
	}
	n, err := rc.out.Write(p)
	rc.mu.Lock()
	rc.done += int64(n)
	rc.mu.Unlock()
	return n, err
}

// claim makes r the owner if there is none; it reports whether r owns the
// output.
func (rc *race) claim(r *racer) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.owner == nil && !r.lost {
		rc.owner = r
		select {
		case rc.claimed <- struct{}{}:
		default:
		}
	}
	if rc.owner != r {
		r.lost = true
		return false
	}
	return true
}

func (rc *race) start(s source) {
	ctx, cancel := context.WithCancelCause(rc.ctx)
	r := &racer{src: s, cancel: cancel}
	rc.live = append(rc.live, r)
	skip := rc.delivered()
	go func() {
		_, err := s.fetch(ctx, rc.root, &skipWriter{w: claimWriter{rc, r}, skip: skip}, rc.lim)
		cancel(nil)
		rc.results <- raceResult{r, err}
	}()
}

// stopAll cancels every live racer and waits for them to return.
func (rc *race) stopAll() {
	rc.mu.Lock()
	for _, r := range rc.live {
		if r != rc.owner {
			r.lost = true
		}
		r.cancel(errLostRace)
	}
	rc.mu.Unlock()
	for len(rc.live) > 0 {
		rc.remove((<-rc.results).r)
	}
}

func (rc *race) remove(r *racer) {
	for i, x := range rc.live {
		if x == r {
			rc.live = append(rc.live[:i], rc.live[i+1:]...)
			return
		}
	}
}

// active counts live racers that may still win.
func (rc *race) active() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	n := 0
	for _, r := range rc.live {
		if !r.lost {
			n++
		}
	}
	return n
}

// run returns the source that delivered the whole file, or the aggregated
// failures.
func (rc *race) run(srcs []source) (source, error) {
	queue := byPreference(srcs)
	var errs []error
	hedge := time.NewTimer(time.Hour)
	hedge.Stop()
	defer hedge.Stop()
	defer rc.stopAll()
	next := func() {
		// The best-ranked queued source; losers come back into the queue.
		best := 0
		for i, s := range queue {
			if s.health().get() < queue[best].health().get() {
				best = i
			}
		}
		s := queue[best]
		queue = append(queue[:best], queue[best+1:]...)
		rc.start(s)
		if rc.lim.HedgeDelay > 0 {
			hedge.Reset(rc.lim.HedgeDelay)
		}
	}
	next()
	for {
		select {
		case <-hedge.C:
			if rc.hasOwner() || len(queue) == 0 {
				continue
			}
			next()
			continue
		case <-rc.claimed:
			rc.mu.Lock()
			if rc.owner == nil { // the owner has failed since: nothing to do
				rc.mu.Unlock()
				continue
			}
			hedge.Stop()
			for _, r := range rc.live {
				if r != rc.owner {
					r.lost = true
					r.cancel(errLostRace)
				}
			}
			rc.mu.Unlock()
			continue
		case res := <-rc.results:
			rc.remove(res.r)
			rc.mu.Lock()
			lost := res.r.lost
			if res.err == nil && !lost && rc.owner == nil {
				rc.owner = res.r // nothing left to write: a resumed or empty file
			}
			isOwner := rc.owner == res.r
			if isOwner && res.err != nil {
				rc.owner = nil
			}
			if res.err == nil && !isOwner {
				lost = true // finished without writing while another owns the output
			}
			rc.mu.Unlock()
			s := res.r.src
			switch {
			case lost:
				s.health().lost()
				queue = append(queue, s)
			case res.err == nil:
				s.health().set(rankDelivered)
				return s, nil
			default:
				var se *sinkError
				if errors.As(res.err, &se) {
					return nil, se
				}
				if rc.ctx.Err() != nil {
					errs = append(errs, annotate(ctxError(rc.ctx), rc.root, s.name()))
					return nil, aggregate(rc.root, errs)
				}
				errs = append(errs, annotate(res.err, rc.root, s.name()))
				s.health().failed(res.err)
				if !rc.hasOwner() && len(queue) > 0 {
					next() // fail over at once
					continue
				}
			}
		}
		if !rc.hasOwner() && rc.active() == 0 {
			if len(queue) > 0 {
				next()
			} else if len(rc.live) == 0 {
				return nil, aggregate(rc.root, errs)
			}
			// else: cancelled losers have yet to come back into the queue
		}
	}
}

func (rc *race) hasOwner() bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.owner != nil
}
