package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/ethereum/go-ethereum/common"
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
	if wantsVersion(app, args) {
		fmt.Fprintf(stdout, "zkllm %s (commit %s)\n", orUnknown(build.Version), orUnknown(build.Commit))
		return ExitOK
	}
	args = helpToFlag(app, args)
	err := checkCommandPath(app, args)
	if err == nil {
		err = app.RunContext(ctx, NormalizeArgs(app, args))
	}
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
		// Shown in `zkllm --help` only: NormalizeArgs moves every flag to the leaf command,
		// where each command declares the flags it uses.
		Flags: []ucli.Flag{dataDirFlag, jsonFlag, quietFlag,
			&ucli.BoolFlag{Name: "version", Category: catOutput, Usage: "print the version and exit (details: `zkllm version`)"}},
		Commands: []*ucli.Command{
			modelCommand(),
			chainCommand(),
			ipfsCommand(),
			contractCommand(),
			keyCommand(),
			versionCommand(),
			demoCommand(),
			generateCommand(),
			proveCommand(),
			verifyCommand(),
			reportCommand(),
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

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// wantsVersion: `zkllm --version` (alone, or with only global flags) prints the version.
func wantsVersion(app *ucli.App, args []string) bool {
	takesValue := flagArity(app)
	seen := false
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--version" || a == "-version":
			seen = true
		case strings.HasPrefix(a, "-"):
			if name := strings.TrimLeft(a, "-"); !strings.Contains(name, "=") && takesValue[name] {
				i++
			}
		default:
			return false // a command: not the bare version request
		}
	}
	return seen
}

// helpToFlag rewrites `zkllm help <command path>` into `zkllm <command path> --help`, so
// `zkllm help model check` shows that command's help (urfave/cli stops at the first level).
func helpToFlag(app *ucli.App, args []string) []string {
	if len(args) < 3 || (args[1] != "help" && args[1] != "h") {
		return args
	}
	out := append([]string{args[0]}, args[2:]...)
	return append(out, "--help")
}

// checkCommandPath refuses an unknown command or subcommand (exit 3) with a "did you mean"
// suggestion: urfave/cli would print help and exit 0.
func checkCommandPath(app *ucli.App, args []string) error {
	takesValue := flagArity(app)
	cmds := app.Commands
	var path []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return nil
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			if name := strings.TrimLeft(a, "-"); !strings.Contains(name, "=") && takesValue[name] {
				i++
			}
			continue
		}
		if len(cmds) == 0 {
			return nil // a positional argument of a leaf command
		}
		if len(path) == 0 && (a == "help" || a == "h") {
			return nil
		}
		c := findCommand(cmds, a)
		if c == nil {
			where := strings.Join(append([]string{"zkllm"}, path...), " ")
			msg := fmt.Sprintf("unknown command %q for `%s`", a, where)
			if sug := suggest(cmds, a); sug != "" {
				msg += fmt.Sprintf("; did you mean `%s %s`?", where, sug)
			}
			return withCode(ExitBadInput, fmt.Errorf("%s (see `%s --help`)", msg, where))
		}
		path = append(path, c.Name)
		cmds = c.Subcommands
	}
	if len(path) > 0 && len(cmds) > 0 && !helpAsked(args) {
		where := "zkllm " + strings.Join(path, " ")
		var names []string
		for _, c := range cmds {
			names = append(names, c.Name)
		}
		return withCode(ExitBadInput, fmt.Errorf("`%s` needs a subcommand: %s (see `%s --help`)", where, strings.Join(names, ", "), where))
	}
	return nil
}

func helpAsked(args []string) bool {
	for _, a := range args[1:] {
		if a == "--help" || a == "-h" || a == "-help" {
			return true
		}
	}
	return false
}

// suggest picks the command name closest to typed (edit distance at most 2, or a prefix).
func suggest(cmds []*ucli.Command, typed string) string {
	best, bestD := "", 3
	for _, c := range cmds {
		if c.Hidden {
			continue
		}
		for _, n := range c.Names() {
			d := editDistance(typed, n)
			if strings.HasPrefix(n, typed) && len(typed) >= 2 {
				d = min(d, 1)
			}
			if d < bestD {
				best, bestD = c.Name, d
			}
		}
	}
	return best
}

// editDistance is the Damerau-Levenshtein distance (adjacent swaps cost 1: "modle" → "model").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
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
	reg *anchorClient // the registry opened last (explains reverts with what it reads)
	// signer is the account signing this command's transactions (set by signerKey).
	signer common.Address
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
		if err := applyMemoryLimit(c); err != nil {
			return err
		}
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
