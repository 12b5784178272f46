package cli

import (
	"strings"

	ucli "github.com/urfave/cli/v2"
)

// NormalizeArgs rewrites a command line so that urfave/cli parses it the way
// users type it: flags given before the subcommand, between command words or
// after positional arguments all move to the leaf command, ahead of its
// positional arguments. (urfave/cli v2 accepts app flags only before the
// subcommand and stops parsing flags at the first positional argument.)
// A literal "--" ends flag parsing; what follows stays positional.
func NormalizeArgs(app *ucli.App, args []string) []string {
	if len(args) == 0 {
		return args
	}
	takesValue := flagArity(app)
	var (
		path   []string
		flags  []string
		pos    []string
		cmds   = app.Commands
		inLeaf = false // set once a positional argument was seen
	)
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if takesValue[name] && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			if !inLeaf {
				if c := findCommand(cmds, a); c != nil {
					path = append(path, a)
					cmds = c.Subcommands
					continue
				}
			}
			inLeaf = true
			pos = append(pos, a)
		}
	}
	out := append([]string{args[0]}, path...)
	out = append(out, flags...)
	for _, p := range pos {
		if strings.HasPrefix(p, "-") {
			out = append(out, "--")
			break
		}
	}
	return append(out, pos...)
}

func findCommand(cmds []*ucli.Command, name string) *ucli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// flagArity maps every flag name (and alias) in the tree to whether it takes
// a value. A name means the same flag everywhere in zkllm, so one map serves.
func flagArity(app *ucli.App) map[string]bool {
	m := map[string]bool{}
	add := func(fs []ucli.Flag) {
		for _, f := range fs {
			_, isBool := f.(*ucli.BoolFlag)
			for _, n := range f.Names() {
				m[n] = !isBool
			}
		}
	}
	add(app.Flags)
	var walk func([]*ucli.Command)
	walk = func(cs []*ucli.Command) {
		for _, c := range cs {
			add(c.Flags)
			walk(c.Subcommands)
		}
	}
	walk(app.Commands)
	return m
}
