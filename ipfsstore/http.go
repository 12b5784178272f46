package ipfsstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// pace bounds one request of one source: idle is the longest wait for any
// byte (the response headers included); once the headers are in, fewer than
// minRate×window bytes in any window is too slow (a drip that keeps the idle
// timer alive). minRate <= 0 disables the rate check.
type pace struct {
	idle    time.Duration
	minRate int64 // bytes per second
	window  time.Duration
}

// watchedBody is an HTTP response body under a no-progress watchdog: when no
// byte arrives for idle, or too few arrive per window, the request is
// cancelled with ErrStalled or ErrTooSlow as cause. It remembers whether a
// read failed in the transport (as opposed to the body ending), which decides
// Unavailable versus Invalid for a short stream.
type watchedBody struct {
	resp    *http.Response
	ctx     context.Context
	cancel  context.CancelCauseFunc
	timer   *time.Timer
	pace    pace
	read    atomic.Int64  // bytes received so far, for the rate check
	started chan struct{} // closed at the first byte received; nil without a rate check

	mu      sync.Mutex
	failure error
}

// httpGet issues a GET (or POST for Kubo's RPC) and returns the body once the
// status is 200. Errors are *Error: 404/410 → Unavailable ErrNotFound, other
// statuses and transport failures → Unavailable ErrSource (wrapping the
// transport's error, e.g. connection refused or an unknown host), stall →
// ErrStalled, drip → ErrTooSlow.
func httpGet(ctx context.Context, client *http.Client, method, url, accept string, p pace) (*watchedBody, error) {
	reqCtx, cancel := context.WithCancelCause(ctx)
	body := &watchedBody{ctx: reqCtx, cancel: cancel, pace: p}
	stall := unavailablef(ErrStalled, "no bytes for %v", p.idle)
	body.timer = time.AfterFunc(p.idle, func() { cancel(stall) })
	req, err := http.NewRequestWithContext(reqCtx, method, url, nil)
	if err != nil {
		body.stop()
		return nil, unavailablef(ErrSource, "request: %v", err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := client.Do(req)
	if err != nil {
		// Classify before stopping: stop cancels reqCtx, after which its
		// cause would read "context canceled" instead of the real failure.
		err = transportError(reqCtx, err)
		body.stop()
		return nil, err
	}
	body.resp = resp
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		body.Close()
		detail := fmt.Sprintf("HTTP %s: %s", resp.Status, strings.TrimSpace(string(msg)))
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone || notFoundMessage(string(msg)) {
			return nil, unavailablef(ErrNotFound, "%s", detail)
		}
		return nil, &Error{Kind: KindUnavailable, Err: fmt.Errorf("%w (%w): %s", ErrSource, errHTTPStatus, detail)}
	}
	body.watchRate()
	return body, nil
}

// watchRate cancels the request when fewer than minRate×window bytes arrive
// in a window, counting from the first byte of the body (until then the idle
// timer alone applies: a server may take a while to start its answer, and a
// stall is what racing is for); it stops when the request ends.
func (b *watchedBody) watchRate() {
	if b.pace.minRate <= 0 || b.pace.window <= 0 {
		return
	}
	need := int64(float64(b.pace.minRate) * b.pace.window.Seconds())
	b.started = make(chan struct{})
	go func() {
		select {
		case <-b.ctx.Done():
			return
		case <-b.started:
		}
		tick := time.NewTicker(b.pace.window)
		defer tick.Stop()
		last := int64(0)
		for {
			select {
			case <-b.ctx.Done():
				return
			case <-tick.C:
			}
			now := b.read.Load()
			if got := now - last; got < need {
				b.cancel(unavailablef(ErrTooSlow, "%d bytes in %v, below %d B/s", got, b.pace.window, b.pace.minRate))
				return
			}
			last = now
		}
	}()
}

// errHTTPStatus marks a source that answered, but not with 200.
var errHTTPStatus = errors.New("HTTP status")

// notFoundMessage recognises Kubo's RPC wording for a block it does not have
// (it answers 500, not 404).
func notFoundMessage(msg string) bool {
	return strings.Contains(msg, "not found") || strings.Contains(msg, "no link named")
}

// transportError classifies a failed round trip or body read. A watchdog's
// or the caller's cancellation wins (its cause says why); otherwise the
// transport's own error is kept, matchable with errors.Is/As (e.g.
// syscall.ECONNREFUSED, *net.DNSError), without net/http's "Get URL:" prefix
// (the *Error names the source).
func transportError(ctx context.Context, err error) error {
	if cause := context.Cause(ctx); cause != nil {
		var e *Error
		if errors.As(cause, &e) {
			return cause
		}
		return &Error{Kind: KindUnavailable, Err: fmt.Errorf("%w: %w", ErrSource, cause)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &Error{Kind: KindUnavailable, Err: fmt.Errorf("%w: %w", ErrSource, err)}
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.resp.Body.Read(p)
	if n > 0 {
		b.timer.Reset(b.pace.idle)
		if b.read.Add(int64(n)) == int64(n) && b.started != nil {
			close(b.started) // the first bytes: the rate check starts
		}
	}
	if err != nil && err != io.EOF {
		te := transportError(b.ctx, err)
		b.mu.Lock()
		if b.failure == nil {
			b.failure = te
		}
		b.mu.Unlock()
		return n, te
	}
	return n, err
}

// failed returns the transport failure behind an early end, if any.
func (b *watchedBody) failed() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failure != nil {
		return b.failure
	}
	if cause := context.Cause(b.ctx); cause != nil {
		return transportError(b.ctx, cause)
	}
	return nil
}

// trailerError reports Kubo's X-Stream-Error trailer (set when the node hit an
// error after it had started streaming); read only after the body's EOF.
func (b *watchedBody) trailerError() error {
	if msg := b.resp.Trailer.Get("X-Stream-Error"); msg != "" {
		if notFoundMessage(msg) {
			return unavailablef(ErrNotFound, "node: %s", msg)
		}
		return unavailablef(ErrSource, "node: %s", msg)
	}
	return nil
}

func (b *watchedBody) Close() error {
	b.timer.Stop()
	err := b.resp.Body.Close()
	b.cancel(nil)
	return err
}

// stop ends a request that produced no body.
func (b *watchedBody) stop() {
	b.timer.Stop()
	b.cancel(nil)
}

// readBlock reads a single raw block body into buf (len BlockSizeCap+1): more
// than BlockSizeCap bytes is invalid; a transport failure stays Unavailable.
func readBlock(body *watchedBody, buf []byte) ([]byte, error) {
	if cl := body.resp.ContentLength; cl > BlockSizeCap {
		return nil, invalidf(ErrBlockTooLarge, "raw block of %d bytes, cap %d", cl, BlockSizeCap)
	}
	n, err := io.ReadFull(body, buf[:BlockSizeCap+1])
	switch {
	case err == nil:
		return nil, invalidf(ErrBlockTooLarge, "raw block over %d bytes", BlockSizeCap)
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], nil
	default:
		return nil, err
	}
}
