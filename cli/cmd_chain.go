package cli

import (
	"fmt"
	"io"
	"time"

	ucli "github.com/urfave/cli/v2"
)

const defaultIPFSTimeout = 2 * time.Minute

func chainCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "chain",
		Usage: "the embedded dev chain",
		Subcommands: []*ucli.Command{{
			Name:  "serve",
			Usage: "serve the embedded dev chain as JSON-RPC on loopback until interrupted",
			Description: "While it runs, other zkllm commands on the same data directory use it through\n" +
				"<data-dir>/chain.endpoint (one process per database).\n\nExample:\n  zkllm chain serve --port 8545",
			Flags:  flagsOf(baseFlags, []ucli.Flag{portFlag}),
			Action: action(0, chainServe),
		}, chainFundCommand()},
	}
}

type serveResult struct {
	Schema   string `json:"schema"`
	URL      string `json:"url"`
	ChainID  uint64 `json:"chain_id,omitempty"`
	Contract string `json:"contract,omitempty"`
	Endpoint string `json:"endpoint_file"`
}

func chainServe(s *session) error {
	return serveChain(s, s.c.Int(portFlag.Name), func(url string, chainID uint64, contract string) error {
		r := serveResult{Schema: schemaPrefix + "chain-serve/v1", URL: url, ChainID: chainID, Contract: contract, Endpoint: s.dir.path(chainEndpointFile)}
		return s.out.result(r, url, func(w io.Writer) {
			fmt.Fprintf(w, "serving the embedded dev chain (chain id %d) at %s\n", chainID, url)
			if contract != "" {
				fmt.Fprintf(w, "registry contract %s\n", contract)
			}
			fmt.Fprintf(w, "endpoint file %s; press Ctrl-C to stop\n", r.Endpoint)
		})
	})
}
