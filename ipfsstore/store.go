package ipfsstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ipfs/go-cid"
)

// Defaults applied to zero fields of Limits.
const (
	DefaultMaxSize     = 16 << 30
	DefaultTimeout     = 30 * time.Minute
	DefaultIdleTimeout = 30 * time.Second
	DefaultHedgeDelay  = 2 * time.Second
	DefaultMinRate     = 4 << 10 // bytes per second
	DefaultRateWindow  = 5 * time.Second
)

// Limits bound one retrieval. Zero fields take the defaults above.
type Limits struct {
	MaxSize     int64         // content bytes; larger content is ErrTooLarge (Invalid)
	Timeout     time.Duration // whole retrieval, all sources together (ErrTimeout)
	IdleTimeout time.Duration // per source request: longest wait for the next byte, headers included (ErrStalled)
	// MinRate (bytes per second) and RateWindow: from the first byte of a
	// response body on, fewer than MinRate×RateWindow bytes in any RateWindow
	// fail the request with ErrTooSlow, so a source dripping bytes cannot hold
	// a retrieval until Timeout. A negative MinRate disables the check.
	MinRate    int64
	RateWindow time.Duration
	// HedgeDelay: when the sources started so far have delivered no verified
	// content for this long, the next source is started beside them; the
	// first to deliver a verified byte wins and the others are cancelled. A
	// negative value tries sources strictly one after another.
	HedgeDelay time.Duration
	// RequireProfile, when set, re-imports the received bytes with this
	// profile and fails with ErrProfileMismatch unless the root CID comes out
	// the same: the content must have been published with this chunking.
	RequireProfile *Profile
}

func (l Limits) withDefaults() Limits {
	if l.MaxSize <= 0 {
		l.MaxSize = DefaultMaxSize
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.IdleTimeout <= 0 {
		l.IdleTimeout = DefaultIdleTimeout
	}
	if l.MinRate == 0 {
		l.MinRate = DefaultMinRate
	}
	if l.RateWindow <= 0 {
		l.RateWindow = DefaultRateWindow
	}
	if l.HedgeDelay == 0 {
		l.HedgeDelay = DefaultHedgeDelay
	}
	return l
}

// pace is what one request of one source may take.
func (l Limits) pace() pace {
	return pace{idle: l.IdleTimeout, minRate: l.MinRate, window: l.RateWindow}
}

// Getter retrieves a UnixFS file by CID. Get writes the content to w in order,
// each block verified against its CID before its bytes reach w; on error w may
// hold a verified prefix (use GetFile for all-or-nothing files). Errors are
// *Error (see KindOf), except failures of w itself.
type Getter interface {
	Get(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error)
}

// Store is a Getter that can also add and keep content.
type Store interface {
	Getter
	// Put imports r with the UnixFSv1_2025 profile and pins the result,
	// returning the root CID and the number of content bytes.
	Put(ctx context.Context, r io.Reader) (cid.Cid, int64, error)
	// Has reports whether the root block is present (not the whole DAG).
	Has(ctx context.Context, root cid.Cid) (bool, error)
	// Pin keeps an already-present DAG; it fails if any block is missing.
	Pin(ctx context.Context, root cid.Cid) error
}

// ParseCID decodes a CID string and rejects what this package cannot
// retrieve (codecs other than raw/dag-pb, hashes other than full sha2-256).
func ParseCID(s string) (cid.Cid, error) {
	c, err := cid.Decode(s)
	if err != nil {
		return cid.Undef, fmt.Errorf("ipfsstore: CID %q: %w", s, err)
	}
	if err := checkSupportedCID(c); err != nil {
		return cid.Undef, err
	}
	return c, nil
}

// source is one place to fetch from; fetch writes the file content to w.
// health is what the owning Getter remembers about it between retrievals.
type source interface {
	name() string
	fetch(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error)
	health() *sourceHealth
}

// sourced is implemented by this package's Getters, so FirstOf can flatten
// them into one list of sources sharing one deadline.
type sourced interface{ sources() []source }

// FirstOf returns a Getter over each getter's sources, in order of preference
// (see getFrom for how they are raced). A source failing halfway does not
// restart the output: the next one resumes after the bytes already written
// (they are identical, being verified against the same root).
func FirstOf(getters ...Getter) Getter {
	var m multi
	for _, g := range getters {
		if s, ok := g.(sourced); ok {
			m = append(m, s.sources()...)
		} else {
			m = append(m, &foreignSource{g: g})
		}
	}
	return m
}

type multi []source

func (m multi) sources() []source { return m }

func (m multi) Get(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	return getFrom(ctx, root, m, w, lim)
}

type foreignSource struct {
	g  Getter
	hs sourceHealth
}

func (f *foreignSource) name() string          { return fmt.Sprintf("%T", f.g) }
func (f *foreignSource) health() *sourceHealth { return &f.hs }
func (f *foreignSource) fetch(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	lim.RequireProfile = nil // checked once, by getFrom, on what reaches the caller
	return f.g.Get(ctx, root, w, lim)
}

// sinkError marks a failure of the caller's writer: no other source can help.
type sinkError struct{ err error }

func (e *sinkError) Error() string { return "ipfsstore: write: " + e.err.Error() }
func (e *sinkError) Unwrap() error { return e.err }

// getFrom is the one retrieval loop behind every Getter: it races srcs (see
// race) and, with Limits.RequireProfile, re-imports what reached w.
func getFrom(ctx context.Context, root cid.Cid, srcs []source, w io.Writer, lim Limits) (int64, error) {
	lim = lim.withDefaults()
	if len(srcs) == 0 {
		return 0, &Error{Kind: KindUnavailable, CID: root, Err: fmt.Errorf("%w: no sources configured", ErrSource)}
	}
	if err := checkSupportedCID(root); err != nil {
		return 0, annotate(err, root, "")
	}
	ctx, cancel := context.WithTimeoutCause(ctx, lim.Timeout, unavailablef(ErrTimeout, "after %v", lim.Timeout))
	defer cancel()

	out := io.Writer(&sink{w: w})
	var check *profileCheck
	if lim.RequireProfile != nil {
		check = startProfileCheck(ctx, *lim.RequireProfile)
		defer check.abort()
		out = io.MultiWriter(out, check)
	}
	rc := newRace(ctx, root, lim, out)
	winner, err := rc.run(srcs)
	if err != nil {
		return rc.delivered(), err
	}
	if check != nil {
		if err := check.finish(root); err != nil {
			return rc.delivered(), annotate(err, root, winner.name())
		}
	}
	return rc.delivered(), nil
}

// ctxError turns the end of ctx into an Unavailable *Error (timeout or
// cancellation), keeping context.Canceled/DeadlineExceeded matchable.
func ctxError(ctx context.Context) error {
	cause := context.Cause(ctx)
	var e *Error
	if errors.As(cause, &e) {
		return cause
	}
	if errors.Is(cause, context.DeadlineExceeded) {
		return unavailablef(ErrTimeout, "%v", cause)
	}
	return &Error{Kind: KindUnavailable, Err: cause}
}

// sink tags failures of the caller's writer.
type sink struct{ w io.Writer }

func (s *sink) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil {
		return n, &sinkError{err}
	}
	return n, nil
}

// skipWriter drops the first skip bytes of a re-fetch.
type skipWriter struct {
	w    io.Writer
	skip int64
	pos  int64
}

func (s *skipWriter) Write(p []byte) (int, error) {
	total := len(p)
	if s.pos < s.skip {
		drop := min(int64(len(p)), s.skip-s.pos)
		s.pos += drop
		p = p[drop:]
	}
	n, err := s.w.Write(p)
	s.pos += int64(n)
	if err != nil {
		return total - len(p) + n, err
	}
	return total, nil
}

// profileCheck re-imports the delivered bytes (hash only) on a goroutine.
type profileCheck struct {
	pw   *io.PipeWriter
	done chan profileResult
	err  error
}

type profileResult struct {
	c   cid.Cid
	err error
}

func startProfileCheck(ctx context.Context, p Profile) *profileCheck {
	pr, pw := io.Pipe()
	pc := &profileCheck{pw: pw, done: make(chan profileResult, 1)}
	go func() {
		c, _, err := ComputeCID(ctx, pr, p)
		pr.CloseWithError(err) // unblock a writer if the import stopped early
		pc.done <- profileResult{c, err}
	}()
	return pc
}

func (pc *profileCheck) Write(p []byte) (int, error) {
	n, err := pc.pw.Write(p)
	if err != nil {
		return n, &sinkError{fmt.Errorf("profile check: %w", err)}
	}
	return n, nil
}

func (pc *profileCheck) finish(root cid.Cid) error {
	pc.pw.Close()
	res := <-pc.done
	pc.done = nil
	if res.err != nil {
		return fmt.Errorf("ipfsstore: profile check: %w", res.err)
	}
	if !res.c.Equals(root) {
		return invalidf(ErrProfileMismatch, "content re-imports to %s", res.c)
	}
	return nil
}

func (pc *profileCheck) abort() {
	if pc.done == nil {
		return
	}
	pc.pw.CloseWithError(errors.New("ipfsstore: retrieval ended"))
	<-pc.done
	pc.done = nil
}
