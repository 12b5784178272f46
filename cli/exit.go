package cli

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes of every zkllm command.
const (
	ExitOK          = 0   // success, or the checked object is valid
	ExitInvalid     = 1   // the checked object is invalid (digest mismatch, bad proof, revoked)
	ExitUnavailable = 2   // data unavailable: CID not found, node down, timeout
	ExitBadInput    = 3   // bad input, usage error, wrong chain
	ExitInternal    = 4   // internal error, including a panic or a missing component
	ExitInterrupted = 130 // interrupted by SIGINT/SIGTERM
)

// codedError carries an exit code with its cause.
type codedError struct {
	code    int
	err     error
	printed bool // the command already printed its (JSON) result
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &codedError{code: code, err: err}
}

// afterResult marks an error returned after the command printed its result
// (e.g. an INVALID verdict): --json output stays one object.
func afterResult(code int, err error) error {
	return &codedError{code: code, err: err, printed: true}
}

func invalidf(format string, a ...any) error {
	return withCode(ExitInvalid, fmt.Errorf(format, a...))
}
func unavailablef(format string, a ...any) error {
	return withCode(ExitUnavailable, fmt.Errorf(format, a...))
}
func badInputf(format string, a ...any) error {
	return withCode(ExitBadInput, fmt.Errorf(format, a...))
}
func internalf(format string, a ...any) error {
	return withCode(ExitInternal, fmt.Errorf(format, a...))
}

// errNotYetAvailable marks a step whose library has not landed in this build.
func errNotYetAvailable(what string) error {
	return withCode(ExitInternal, fmt.Errorf("%s: not yet available in this build", what))
}

// classifiers map library errors to exit codes; adapters register theirs.
var classifiers []func(error) (int, bool)

func registerClassifier(f func(error) (int, bool)) { classifiers = append(classifiers, f) }

// ExitCode maps an error returned by a command to its exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ce *codedError
	if errors.As(err, &ce) {
		return ce.code
	}
	if errors.Is(err, context.Canceled) {
		return ExitInterrupted
	}
	for _, f := range classifiers {
		if code, ok := f(err); ok {
			return code
		}
	}
	return ExitInternal
}
