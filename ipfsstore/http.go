package ipfsstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// watchedBody is an HTTP response body under a no-progress watchdog: when no
// byte arrives for idle, the request is cancelled with ErrStalled as cause.
// It remembers whether a read failed in the transport (as opposed to the body
// ending), which decides Unavailable versus Invalid for a short stream.
type watchedBody struct {
	resp   *http.Response
	ctx    context.Context
	cancel context.CancelCauseFunc
	timer  *time.Timer
	idle   time.Duration

	mu      sync.Mutex
	failure error
}

// httpGet issues a GET (or POST for Kubo's RPC) and returns the body once the
// status is 200. Errors are *Error: 404/410 → Unavailable ErrNotFound, other
// statuses and transport failures → Unavailable ErrSource, stall → ErrStalled.
func httpGet(ctx context.Context, client *http.Client, method, url, accept string, idle time.Duration) (*watchedBody, error) {
	reqCtx, cancel := context.WithCancelCause(ctx)
	stall := unavailablef(ErrStalled, "no bytes for %v", idle)
	timer := time.AfterFunc(idle, func() { cancel(stall) })
	req, err := http.NewRequestWithContext(reqCtx, method, url, nil)
	if err != nil {
		timer.Stop()
		cancel(nil)
		return nil, unavailablef(ErrSource, "request: %v", err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := client.Do(req)
	if err != nil {
		timer.Stop()
		cancel(nil)
		return nil, transportError(reqCtx, err)
	}
	body := &watchedBody{resp: resp, ctx: reqCtx, cancel: cancel, timer: timer, idle: idle}
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		body.Close()
		detail := fmt.Sprintf("HTTP %s: %s", resp.Status, strings.TrimSpace(string(msg)))
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone || notFoundMessage(string(msg)) {
			return nil, unavailablef(ErrNotFound, "%s", detail)
		}
		return nil, &Error{Kind: KindUnavailable, Err: fmt.Errorf("%w (%w): %s", ErrSource, errHTTPStatus, detail)}
	}
	return body, nil
}

// errHTTPStatus marks a source that answered, but not with 200.
var errHTTPStatus = errors.New("HTTP status")

// notFoundMessage recognises Kubo's RPC wording for a block it does not have
// (it answers 500, not 404).
func notFoundMessage(msg string) bool {
	return strings.Contains(msg, "not found") || strings.Contains(msg, "no link named")
}

// transportError classifies a failed round trip or body read.
func transportError(ctx context.Context, err error) error {
	if cause := context.Cause(ctx); cause != nil {
		var e *Error
		if errors.As(cause, &e) {
			return cause
		}
		return unavailablef(ErrSource, "%v", cause)
	}
	return unavailablef(ErrSource, "%v", err)
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.resp.Body.Read(p)
	if n > 0 {
		b.timer.Reset(b.idle)
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
