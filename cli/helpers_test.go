package cli

import (
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	ucli "github.com/urfave/cli/v2"
)

type (
	frElement     = fr.Element
	pedersenPoint = bls12381.G1Affine
	ucliCommand   = ucli.Command
	ucliFlag      = ucli.Flag
)

type leafCmd struct {
	path string
	cmd  *ucli.Command
}

func leaves(cs []*ucli.Command, prefix string) []leafCmd {
	var out []leafCmd
	for _, c := range cs {
		p := prefix + " " + c.Name
		if len(c.Subcommands) == 0 {
			out = append(out, leafCmd{p, c})
		}
		out = append(out, leaves(c.Subcommands, p)...)
	}
	return out
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }
