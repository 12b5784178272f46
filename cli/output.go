package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// schemaPrefix starts every JSON output's "schema" value: zkllm/<command>/v<N>.
const schemaPrefix = "zkllm/"

// output prints a command's results: text for people, or exactly one JSON
// object with a versioned schema for programs.
type output struct {
	stdout, stderr io.Writer
	json, quiet    bool
}

// step reports progress of a multi-step command (stderr; silent in quiet or
// JSON mode so stdout stays machine-readable).
func (o *output) step(format string, a ...any) {
	if o.quiet || o.json {
		return
	}
	fmt.Fprintf(o.stderr, format+"\n", a...)
}

// warn always reaches the user (stderr), except in quiet mode.
func (o *output) warn(format string, a ...any) {
	if o.quiet {
		return
	}
	fmt.Fprintf(o.stderr, "WARNING: "+format+"\n", a...)
}

// result prints the command's result. v must carry a Schema field; text
// renders it for people; essential is what --quiet prints (may be "").
func (o *output) result(v any, essential string, text func(w io.Writer)) error {
	if o.json {
		enc := json.NewEncoder(o.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	if o.quiet {
		if essential != "" {
			fmt.Fprintln(o.stdout, essential)
		}
		return nil
	}
	text(o.stdout)
	return nil
}

// errorOutput is the JSON shape of a failed command.
type errorOutput struct {
	Schema string `json:"schema"`
	Code   int    `json:"code"`
	Error  string `json:"error"`
}

func (o *output) failure(code int, err error) {
	var ce *codedError
	if o.json && !(errors.As(err, &ce) && ce.printed) {
		enc := json.NewEncoder(o.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(errorOutput{Schema: schemaPrefix + "error/v1", Code: code, Error: err.Error()})
	}
	fmt.Fprintf(o.stderr, "zkllm: %v\n", err)
}
