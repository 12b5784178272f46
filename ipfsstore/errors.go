package ipfsstore

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ipfs/go-cid"
)

// Kind tells a caller what to do about a failed retrieval: retry later or
// elsewhere (Unavailable), or distrust the source (Invalid).
type Kind int

const (
	// KindUnavailable: the content could not be obtained (not found, node or
	// gateway down, timeout, stall, cancellation). Nothing wrong was received.
	KindUnavailable Kind = iota + 1
	// KindInvalid: bytes were received that do not match the CID or the
	// limits (hash mismatch, over-size, truncated DAG, wrong chunking,
	// digest mismatch). The source served something it should not have.
	KindInvalid
)

func (k Kind) String() string {
	switch k {
	case KindUnavailable:
		return "unavailable"
	case KindInvalid:
		return "invalid"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Class sentinels: errors.Is(err, ErrUnavailable) / errors.Is(err, ErrInvalid)
// holds for every *Error of that kind. An *Error never matches both.
var (
	ErrUnavailable = errors.New("ipfsstore: content unavailable")
	ErrInvalid     = errors.New("ipfsstore: invalid content")
)

// Cause sentinels, wrapped inside an *Error; each belongs to exactly one Kind.
var (
	// Unavailable causes.
	ErrNotFound = errors.New("not found")
	ErrTimeout  = errors.New("retrieval timed out")
	ErrStalled  = errors.New("no progress before the idle timeout")
	ErrTooSlow  = errors.New("source slower than the minimum rate")
	ErrSource   = errors.New("source failed")

	// Invalid causes.
	ErrHashMismatch    = errors.New("block does not hash to its CID")
	ErrBlockTooLarge   = errors.New("block exceeds the block size cap")
	ErrTooLarge        = errors.New("content exceeds the maximum size")
	ErrTruncated       = errors.New("DAG truncated")
	ErrUnexpectedBlock = errors.New("unexpected block (different DAG, chunking or order)")
	ErrMalformed       = errors.New("malformed data")
	ErrNotFile         = errors.New("not a UnixFS file")
	ErrUnsupported     = errors.New("unsupported CID codec or hash")
	ErrInconsistent    = errors.New("UnixFS sizes inconsistent with content")
	ErrProfileMismatch = errors.New("DAG was not built with the required import profile")
	ErrDigestMismatch  = errors.New("SHA-256 of the content differs from the expected digest")
)

// Error is the error type of every retrieval failure in this package.
type Error struct {
	Kind   Kind
	CID    cid.Cid // the root being retrieved (may be undefined)
	Source string  // gateway/node URL or "local"; empty for aggregated errors
	Err    error   // cause: one of the cause sentinels, wrapped with detail
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("ipfsstore: ")
	b.WriteString(e.Kind.String())
	if e.CID.Defined() {
		b.WriteString(" ")
		b.WriteString(e.CID.String())
	}
	if e.Source != "" {
		b.WriteString(" from ")
		b.WriteString(e.Source)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrUnavailable/ErrInvalid) follow Kind.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnavailable:
		return e.Kind == KindUnavailable
	case ErrInvalid:
		return e.Kind == KindInvalid
	}
	return false
}

// KindOf reports the Kind of the outermost *Error in err's chain, or 0.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func invalidf(cause error, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Err: fmt.Errorf("%w: "+format, append([]any{cause}, args...)...)}
}

func unavailablef(cause error, format string, args ...any) error {
	return &Error{Kind: KindUnavailable, Err: fmt.Errorf("%w: "+format, append([]any{cause}, args...)...)}
}

// annotate fills in CID and Source on err if it is an *Error missing them, and
// turns any other error into an Unavailable one (I/O errors of the local sink
// or transport end up here).
func annotate(err error, root cid.Cid, source string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Kind: KindUnavailable, Err: err}
	} else {
		cp := *e
		e = &cp
	}
	if !e.CID.Defined() {
		e.CID = root
	}
	if e.Source == "" {
		e.Source = source
	}
	return e
}

// aggregate combines per-source failures: Invalid wins if any source served
// invalid data (the caller must learn that someone lied); the result unwraps
// only to the failures of its own kind so errors.Is stays unambiguous.
func aggregate(root cid.Cid, errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	kind := KindUnavailable
	for _, err := range errs {
		if KindOf(err) == KindInvalid {
			kind = KindInvalid
		}
	}
	var decisive []error
	var msgs []string
	for _, err := range errs {
		msgs = append(msgs, err.Error())
		if KindOf(err) == kind {
			decisive = append(decisive, err)
		}
	}
	return &Error{Kind: kind, CID: root, Err: &joined{errs: decisive, msg: strings.Join(msgs, "; ")}}
}

type joined struct {
	errs []error
	msg  string
}

func (j *joined) Error() string   { return "all sources failed: " + j.msg }
func (j *joined) Unwrap() []error { return j.errs }
