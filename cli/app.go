package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	ucli "github.com/urfave/cli/v2"
)

// BuildInfo describes the binary (set by cmd/zkllm, e.g. through -ldflags).
type BuildInfo struct {
	Version string
	Commit  string
}

// runState is shared by the commands of one Run.
type runState struct {
	build BuildInfo
	out   *output
}

const stateKey = "zkllm.state"

func stateOf(c *ucli.Context) *runState { return c.App.Metadata[stateKey].(*runState) }

// Run executes one zkllm command line and returns its exit code. It never
// calls os.Exit; panics become ExitInternal.
func Run(args []string, stdout, stderr io.Writer, build BuildInfo) (code int) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st := &runState{build: build, out: &output{stdout: stdout, stderr: stderr, json: wantsJSON(args)}}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "zkllm: internal error (panic): %v\n%s", r, debug.Stack())
			code = ExitInternal
		}
	}()
	app := NewApp(st, stdout, stderr)
	err := app.RunContext(ctx, NormalizeArgs(app, args))
	if err == nil {
		return ExitOK
	}
	code = ExitCode(err)
	if ctx.Err() != nil {
		code = ExitInterrupted
		err = fmt.Errorf("interrupted; nothing partial was written (%w)", err)
	}
	st.out.failure(code, err)
	return code
}

// NewApp builds the command tree.
func NewApp(st *runState, stdout, stderr io.Writer) *ucli.App {
	app := &ucli.App{
		Name:  "zkllm",
		Usage: "zero-knowledge proofs of LLM inference, anchored on Ethereum and IPFS",
		Description: "Start with `zkllm demo`: it imports the shipped stories260K model, commits to its\n" +
			"weights, publishes the commitment on an embedded dev chain and IPFS store, and checks it\n" +
			"back as an independent auditor would. See docs/cli.md.",
		Version:              st.build.Version,
		Writer:               stdout,
		ErrWriter:            stderr,
		HideVersion:          true,
		EnableBashCompletion: false,
		Suggest:              true,
		Metadata:             map[string]any{stateKey: st},
		ExitErrHandler:       func(*ucli.Context, error) {},
		OnUsageError:         usageError,
		CommandNotFound: func(c *ucli.Context, name string) {
			fmt.Fprintf(stderr, "zkllm: unknown command %q (see `zkllm --help`)\n", name)
		},
		Commands: []*ucli.Command{
			modelCommand(),
			chainCommand(),
			ipfsCommand(),
			contractCommand(),
			keyCommand(),
			versionCommand(),
			demoCommand(),
		},
	}
	var setUsage func([]*ucli.Command)
	setUsage = func(cs []*ucli.Command) {
		for _, c := range cs {
			c.OnUsageError = usageError
			setUsage(c.Subcommands)
		}
	}
	setUsage(app.Commands)
	return app
}

func usageError(c *ucli.Context, err error, _ bool) error {
	return withCode(ExitBadInput, fmt.Errorf("%w (see --help)", err))
}

// session is what a running command works with.
type session struct {
	ctx context.Context
	c   *ucli.Context
	out *output
	dir dataDir
}

// action wraps a command body: it resolves the data directory, applies the
// config file, sets up output, and rejects stray positional arguments.
func action(maxArgs int, body func(s *session) error) ucli.ActionFunc {
	return func(c *ucli.Context) error {
		st := stateOf(c)
		st.out.json = c.Bool(jsonFlag.Name)
		st.out.quiet = c.Bool(quietFlag.Name)
		if maxArgs >= 0 && c.NArg() > maxArgs {
			return badInputf("%s: unexpected argument %q", c.Command.FullName(), c.Args().Get(maxArgs))
		}
		if testPanicHook != nil {
			testPanicHook()
		}
		dir, err := resolveDataDir(c)
		if err != nil {
			return err
		}
		if err := applyConfigFile(c, dir); err != nil {
			return err
		}
		st.out.json = c.Bool(jsonFlag.Name)
		st.out.quiet = c.Bool(quietFlag.Name)
		return body(&session{ctx: c.Context, c: c, out: st.out, dir: dir})
	}
}

// wantsJSON pre-scans the command line so that even a usage error is
// reported as JSON when --json was asked for.
func wantsJSON(args []string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--json" || a == "-json" || a == "--json=true" || a == "-json=true" {
			return true
		}
	}
	switch os.Getenv("ZKLLM_JSON") {
	case "1", "true", "TRUE", "True":
		return true
	}
	return false
}

func bgCtx() context.Context { return context.Background() }

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// testPanicHook lets tests make a command panic (never set outside tests).
var testPanicHook func()
